//! Aggregates in bodies and heads: guards put in `agg op term` form (a left guard
//! `t op agg` flipped), `X = #agg{...}` kept apart as an assignment, and elements
//! converted with conditions of their own.

use super::Conv;
use crate::ast::{self, AggFun, CmpOp};
use crate::program::{Agg, AggElem, HeadAtom, Lit};
use crate::term::GTerm;

impl Conv<'_, '_> {
    /// The guards of an aggregate as `agg op term`.
    pub(super) fn guards(&mut self, g: &ast::Guards, extra: &mut Vec<Lit>) -> Vec<(CmpOp, GTerm)> {
        let mut out = Vec::new();
        if let Some((t, op)) = &g.left {
            let t = self.term(t, extra);
            out.push((op.flip(), t));
        }
        if let Some((op, t)) = &g.right {
            let t = self.term(t, extra);
            out.push((*op, t));
        }
        out
    }

    /// A body aggregate. A positive one with a guard `= X` assigns `X`.
    pub(super) fn body_aggregate(
        &mut self,
        sign: u8,
        fun: AggFun,
        g: &ast::Guards,
        elems: &[ast::BodyAggElem],
        extra: &mut Vec<Lit>,
    ) -> Lit {
        let mut guards = self.guards(g, extra);
        let mut assign = None;
        if sign == 0 {
            if let Some(pos) = guards
                .iter()
                .position(|(op, t)| *op == CmpOp::Eq && matches!(t, GTerm::Var(_)))
            {
                if let (_, GTerm::Var(v)) = guards.remove(pos) {
                    assign = Some(v);
                }
            }
        }
        let elems = elems.iter().map(|e| self.body_element(e)).collect();
        Lit::Agg(Box::new(Agg {
            sign,
            fun,
            guards,
            assign,
            elems,
            globals: vec![],
        }))
    }

    /// One element `terms : cond` of a body aggregate.
    fn body_element(&mut self, e: &ast::BodyAggElem) -> AggElem {
        let set_elem = matches!(e.cond.first(),
            Some(ast::Lit::Atom(_, t, _)) if e.terms.len() == 1 && *t == e.terms[0]);
        let mut cond = self.conj_with(&e.cond, !set_elem);
        if set_elem {
            // `{ p(1..3) }` counts its atom: converted once, so that intervals in it bind
            // the same variables.
            if let Some(Lit::Atom { pred, args, .. }) = cond.lits.first() {
                let tuple = vec![self.atom_term(*pred, args)];
                return AggElem { tuple, cond };
            }
        }
        let mut cextra = Vec::new();
        let tuple = e.terms.iter().map(|t| self.term(t, &mut cextra)).collect();
        cond.lits.extend(cextra);
        AggElem { tuple, cond }
    }

    /// The atom `pred(args)` as a term (the tuple of an element that counts its atom).
    fn atom_term(&self, pred: u32, args: &[GTerm]) -> GTerm {
        let p = &self.rw.preds.list[pred as usize];
        GTerm::Fun(p.name, args.to_vec(), p.neg)
    }

    /// The elements of a choice or head aggregate (already pool-free).
    pub(super) fn head_elements(&mut self, elems: &[ast::HeadAggElem]) -> Option<Vec<HeadAtom>> {
        let mut atoms = Vec::new();
        for e in elems {
            let mut cextra = Vec::new();
            let (pred, args) = self.atom(&e.atom, &mut cextra)?;
            let tuple = if e.terms.len() == 1 && e.terms[0] == e.atom {
                // A choice element counts its atom (converted once: intervals in it must
                // bind the same variables).
                vec![self.atom_term(pred, &args)]
            } else {
                e.terms.iter().map(|t| self.term(t, &mut cextra)).collect()
            };
            let mut cond = self.conj(&e.cond);
            cond.lits.extend(cextra);
            atoms.push(HeadAtom {
                pred,
                args,
                cond,
                tuple,
                group: 0,
            });
        }
        Some(atoms)
    }
}
