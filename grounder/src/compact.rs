//! Rules at their size. The rewriter grows its vectors as it goes (a one-atom head gets
//! room for four): shrunk right after each statement, a fact costs what it holds, and
//! the room given back is reused by the next statement (issue 16.6: a fact file of
//! 360,000 facts held 150 MB of empty head room).

use crate::program::{Conj, Head, HeadAtom, Rule};

/// Shrinks the vectors of `rule` that every rule has (its head atoms, their arguments,
/// its body) to their length.
pub(crate) fn rule(rule: &mut Rule) {
    if let Head::Disj(atoms) = &mut rule.head {
        atoms.iter_mut().for_each(head_atom);
        atoms.shrink_to_fit();
    }
    conj(&mut rule.body);
    rule.var_names.shrink_to_fit();
}

fn head_atom(atom: &mut HeadAtom) {
    atom.args.shrink_to_fit();
    atom.tuple.shrink_to_fit();
    conj(&mut atom.cond);
}

fn conj(conj: &mut Conj) {
    conj.lits.shrink_to_fit();
    conj.order.shrink_to_fit();
}
