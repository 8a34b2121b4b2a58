//! Rule heads: disjunctions (a pooled disjunct is a conjunction, one group), choices and
//! head aggregates, theory atoms and directives.

use super::theory_atoms::is_directive;
use super::unpool::unpool_term;
use super::Conv;
use crate::ast;
use crate::program::{Head, HeadAtom, Lit};

impl Conv<'_, '_> {
    /// The head of a rule (pool-free but for the atoms of a disjunction). The range
    /// literals of an unconditional single atom go to `extra`, that is, to the body.
    pub(super) fn head(&mut self, head: &ast::Head, extra: &mut Vec<Lit>) -> Option<Head> {
        match head {
            ast::Head::Disj(elems) => {
                let single = elems.len() == 1;
                let mut atoms = Vec::new();
                for (group, (t, cond, _)) in elems.iter().enumerate() {
                    for t in unpool_term(t) {
                        let mut cextra = Vec::new();
                        let (pred, args) = self.atom(&t, &mut cextra)?;
                        let mut cond = self.conj(cond);
                        if single && cond.lits.is_empty() {
                            extra.extend(cextra);
                        } else {
                            cond.lits.extend(cextra);
                        }
                        atoms.push(HeadAtom {
                            pred,
                            args,
                            cond,
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
