//! Theory atoms: checked against their `#theory` definition (where the atom may occur,
//! which guard operators it takes), their terms' operators resolved by the definition's
//! tables, and their elements converted, each condition a conjunction of its own.

use super::terms::fold;
use super::Conv;
use crate::ast::{self, Span, Term};
use crate::program::{Lit, TheoryAtom, TheoryElem, TheoryTerm};
use crate::term::GTerm;
use crate::theory::{self, Theories};

/// Whether `atom` is defined as a theory directive (a head without program atom).
pub(super) fn is_directive(theories: &Theories, atom: &ast::TheoryAtom) -> bool {
    theories
        .atom(&atom.name, atom.args.len())
        .is_some_and(|d| d.kind == ast::TheoryAtomKind::Directive)
}

impl Conv<'_, '_> {
    /// A theory atom in a head or body: its definition is checked, its operators
    /// resolved and its elements converted (each condition a conjunction of its own).
    pub(super) fn theory_atom(
        &mut self,
        atom: &ast::TheoryAtom,
        in_head: bool,
        extra: &mut Vec<Lit>,
    ) -> Option<TheoryAtom> {
        use ast::TheoryAtomKind as K;
        let sig = format!("{}/{}", atom.name, atom.args.len());
        let Some(def) = self.rw.theories.atom(&atom.name, atom.args.len()).cloned() else {
            self.fail(
                atom.span,
                format!("no definition found for theory atom:\n  {sig}"),
            );
            return None;
        };
        let misplaced = match (def.kind, in_head) {
            (K::Head, false) => Some("theory head atom used in body"),
            (K::Body, true) => Some("theory body atom used in head"),
            (K::Directive, false) => Some("theory directive used in body"),
            _ => None,
        };
        if let Some(m) = misplaced {
            self.fail(atom.span, format!("{m}:\n  {sig}"));
            return None;
        }
        let name = if atom.args.is_empty() {
            let n = self.rw.syms.name(&atom.name);
            GTerm::Sym(self.rw.syms.fun(n, &[], false))
        } else {
            let n = self.rw.syms.name(&atom.name);
            let args = atom.args.iter().map(|a| self.term(a, extra)).collect();
            fold(self.rw.syms, GTerm::Fun(n, args, false))
        };
        let mut elems = Vec::new();
        for e in &atom.elems {
            let mut cond = self.conj(&e.cond);
            let mut terms = Vec::new();
            for t in &e.terms {
                let t = self.resolve(t, &def.elem_ops, atom.span)?;
                terms.push(self.theory_term(&t, &mut cond.lits));
            }
            elems.push(TheoryElem { terms, cond });
        }
        let guard = match (&atom.guard, &def.guard) {
            (None, _) => None,
            (Some((op, t)), Some((ops, term_ops))) if ops.contains(op) => {
                let t = self.resolve(t, term_ops, atom.span)?;
                Some((op.clone(), self.theory_term(&t, extra)))
            }
            (Some((op, _)), allowed) => {
                let expected = allowed
                    .as_ref()
                    .map(|(ops, _)| ops.join(","))
                    .unwrap_or_default();
                if self.error.is_some() {
                    return None;
                }
                self.fail(atom.span, format!("unexpected operator:\n  {op}"));
                self.error_note = Some(if expected.is_empty() {
                    format!("&{} takes no guard", atom.name)
                } else {
                    format!("expected one of:\n  {expected}")
                });
                return None;
            }
        };
        Some(TheoryAtom {
            name,
            elems,
            guard,
            globals: vec![],
        })
    }

    /// `t` with its operators resolved by `ops`; an undefined operator is an error at
    /// `span`.
    fn resolve(
        &mut self,
        t: &ast::TheoryTerm,
        ops: &[ast::TheoryOpDef],
        span: Span,
    ) -> Option<ast::TheoryTerm> {
        match theory::resolve(t, ops) {
            Ok(t) => Some(t),
            Err(op) => {
                self.fail(span, format!("missing definition for operator:\n  {op}"));
                None
            }
        }
    }

    /// A resolved theory term: ordinary leaves become [`GTerm`]s (constants substituted),
    /// never evaluated.
    fn theory_term(&mut self, t: &ast::TheoryTerm, extra: &mut Vec<Lit>) -> TheoryTerm {
        use ast::TheoryTerm as A;
        let all = |c: &mut Self, ts: &[A], extra: &mut Vec<Lit>| -> Vec<TheoryTerm> {
            ts.iter().map(|t| c.theory_term(t, extra)).collect()
        };
        match t {
            A::Int(n) => TheoryTerm::Term(self.term(&Term::Int(*n), extra)),
            A::Str(s) => TheoryTerm::Term(self.term(&Term::Str(s.clone()), extra)),
            A::Inf => TheoryTerm::Term(self.term(&Term::Inf, extra)),
            A::Sup => TheoryTerm::Term(self.term(&Term::Sup, extra)),
            A::Var(v, span) => TheoryTerm::Term(GTerm::Var(self.var(v, *span))),
            A::Fun(name, args) if args.is_empty() => {
                TheoryTerm::Term(self.term(&Term::Fun(name.clone(), vec![]), extra))
            }
            A::Fun(name, args) => TheoryTerm::Fun(name.clone(), all(self, args, extra)),
            A::Tuple(ts) => TheoryTerm::Tuple(all(self, ts, extra)),
            A::Set(ts) => TheoryTerm::Set(all(self, ts, extra)),
            A::List(ts) => TheoryTerm::List(all(self, ts, extra)),
            // `resolve` leaves none.
            A::Unparsed(_) => TheoryTerm::Tuple(vec![]),
        }
    }
}
