//! Anonymous variables that are projected away: `p(X,_)` in a condition becomes a
//! projection predicate `#p_p_01(X)` defined by `#p_p_01(X) :- p(X,_).` (as gringo does,
//! so that the condition has one literal per `X`, not one per atom), and `_` in a negative
//! literal becomes the [`WILDCARD`] constant, which matches anything.

use super::Conv;
use crate::ast::{self, BodyElem, Span, Stmt, Term, UnOp};
use crate::program::Lit;

/// The name of the wildcard constant standing for `_` in negative literals.
pub const WILDCARD: &str = "_";

/// Whether `p(args)` is projected: some argument is `_` and no other one contains `_`.
pub(super) fn is_projection(args: &[Term]) -> bool {
    args.iter().any(|a| matches!(a, Term::Anon(_)))
        && !args
            .iter()
            .any(|a| !matches!(a, Term::Anon(_)) && has_anon(a))
}

impl Conv<'_, '_> {
    /// The literal of the projection of `name(args)` (one predicate per name and mask of
    /// anonymous positions); the first use queues the rule that defines it.
    pub(super) fn projection(
        &mut self,
        name: &str,
        args: &[Term],
        span: Span,
        extra: &mut Vec<Lit>,
    ) -> Vec<Lit> {
        let mask: String = args
            .iter()
            .map(|a| if matches!(a, Term::Anon(_)) { '1' } else { '0' })
            .collect();
        let pname = format!("#p_{name}_{mask}");
        if self.rw.projected.insert(pname.clone()) {
            let mut head_args = Vec::new();
            let mut body_args = Vec::new();
            for (i, a) in args.iter().enumerate() {
                if matches!(a, Term::Anon(_)) {
                    body_args.push(Term::Anon(span));
                } else {
                    let v = Term::Var(format!("P{i}"), span);
                    head_args.push(v.clone());
                    body_args.push(v);
                }
            }
            self.rw.pending.push(Stmt::Rule(
                ast::Head::Disj(vec![(Term::Fun(pname.clone(), head_args), vec![], span)]),
                vec![BodyElem::Lit(ast::Lit::Atom(
                    0,
                    Term::Fun(name.to_string(), body_args),
                    span,
                ))],
                span,
            ));
        }
        let proj_args: Vec<Term> = args
            .iter()
            .filter(|a| !matches!(a, Term::Anon(_)))
            .cloned()
            .collect();
        match self.atom(&Term::Fun(pname, proj_args), extra) {
            Some((pred, args)) => {
                self.rw.hidden.insert(pred);
                vec![Lit::Atom {
                    sign: 0,
                    pred,
                    args,
                }]
            }
            None => vec![],
        }
    }
}

/// Whether `t` (an atom) contains `_`.
pub(super) fn has_anon(t: &Term) -> bool {
    match t {
        Term::Anon(_) => true,
        Term::Fun(_, args) => args.iter().any(has_anon),
        Term::Unary(UnOp::Neg, x, _) => has_anon(x),
        _ => false,
    }
}

/// `t` with every `_` replaced by the [`WILDCARD`] constant.
pub(super) fn wildcard(t: &Term) -> Term {
    match t {
        Term::Anon(_) => Term::Fun(WILDCARD.into(), vec![]),
        Term::Fun(n, args) => Term::Fun(n.clone(), args.iter().map(wildcard).collect()),
        Term::Unary(UnOp::Neg, x, sp) => Term::Unary(UnOp::Neg, Box::new(wildcard(x)), *sp),
        other => other.clone(),
    }
}
