//! Rule heads: disjunctions (a pooled disjunct is a conjunction, one group sharing its
//! condition; an interval in a disjunct makes one rule per value), choices and
//! head aggregates, theory atoms and directives.

use super::literals::split_ranges;
use super::theory_atoms::is_directive;
use super::unpool::unpool_term;
use super::Conv;
use crate::ast;
use crate::program::{Head, HeadAtom, Lit};
use crate::term::Var;

impl Conv<'_, '_> {
    /// The head of a rule (pool-free but for the atoms of a disjunction). The range
    /// literals of a head atom go to `extra`, that is, to the body, unless their bounds
    /// use variables local to the atom's condition: an interval in a disjunct stands for
    /// all its values together (`p(1..2); q.` is `p(X); q :- X = 1..2.`, as gringo).
    pub(super) fn head(&mut self, head: &ast::Head, extra: &mut Vec<Lit>) -> Option<Head> {
        match head {
            ast::Head::Disj(elems) => {
                // Variables numbered so far occur in the body.
                let body_vars = self.spans.len() as Var;
                let mut atoms = Vec::new();
                for (group, (t, cond, _)) in elems.iter().enumerate() {
                    // The atoms of a pooled disjunct share its condition: each instance
                    // of the condition stands for the conjunction of the atoms.
                    let mut cextra = Vec::new();
                    let mut members = Vec::new();
                    for t in unpool_term(t) {
                        members.push(self.atom(&t, &mut cextra)?);
                    }
                    let mut cond = self.conj(cond);
                    split_ranges(cextra, body_vars, extra, &mut cond.lits);
                    for (pred, args) in members {
                        atoms.push(HeadAtom {
                            pred,
                            args,
                            cond: cond.clone(),
                            tuple: vec![],
                            group: group as u32,
                        });
                    }
                }
                Some(Head::Disj(atoms))
            }
            ast::Head::Agg {
                fun, guards, elems, ..
            } => {
                let guards = self.guards(guards, extra);
                let elems = self.head_elements(elems)?;
                Some(Head::Agg {
                    fun: *fun,
                    guards,
                    elems,
                })
            }
            ast::Head::Theory(atom) => {
                let directive = is_directive(self.rw.theories, atom);
                let atom = self.theory_atom(atom, true, extra)?;
                Some(Head::Theory {
                    atom: Box::new(atom),
                    directive,
                })
            }
        }
    }
}
