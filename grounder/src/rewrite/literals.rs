//! Literals, conditions and bodies: comparison chains split into one comparison per
//! operator (negated when the chain is), `X = l..u` as a range literal, conditional
//! literals, and `_` projected away where gringo does (see [`super::projection`]).

use super::projection::{has_anon, is_projection, wildcard};
use super::unpool::unpool_lit;
use super::Conv;
use crate::ast::{self, BodyElem, CmpOp, Term};
use crate::program::{Cond, Conj, Lit};
use crate::term::Var;

impl Conv<'_, '_> {
    /// A literal as (possibly several) literals; range literals go to `extra`.
    pub(super) fn lit(&mut self, l: &ast::Lit, extra: &mut Vec<Lit>) -> Vec<Lit> {
        match l {
            ast::Lit::Bool(sign, b) => vec![Lit::Bool(if *sign == 1 { !b } else { *b })],
            ast::Lit::Atom(0, Term::Fun(name, args), span)
                if self.project && is_projection(args) =>
            {
                self.projection(name, args, *span, extra)
            }
            // `not p(X,_)`: the anonymous variable is projected away (a wildcard).
            ast::Lit::Atom(1, t, _) if has_anon(t) => self.atom_lit(1, &wildcard(t), extra),
            ast::Lit::Atom(sign, t, _) => self.atom_lit(*sign, t, extra),
            ast::Lit::Cmp(sign, first, rest, _) => {
                let mut out = Vec::new();
                let mut left = first;
                for (op, right) in rest {
                    let op = if *sign == 1 { op.negate() } else { *op };
                    if let (CmpOp::Eq, Term::Var(name, span), Term::Interval(lo, hi)) =
                        (op, left, right)
                    {
                        let v = self.var(name, *span);
                        let lo = self.term(lo, extra);
                        let hi = self.term(hi, extra);
                        out.push(Lit::Range(v, lo, hi));
                    } else {
                        let l = self.term(left, extra);
                        let r = self.term(right, extra);
                        out.push(Lit::Cmp(op, l, r));
                    }
                    left = right;
                }
                out
            }
        }
    }

    /// The atom `t` with its sign (nothing if `t` is no atom: the error is recorded).
    fn atom_lit(&mut self, sign: u8, t: &Term, extra: &mut Vec<Lit>) -> Vec<Lit> {
        match self.atom(t, extra) {
            Some((pred, args)) => vec![Lit::Atom { sign, pred, args }],
            None => vec![],
        }
    }

    /// A condition, with `_` in its positive atoms projected away.
    pub(super) fn conj(&mut self, lits: &[ast::Lit]) -> Conj {
        self.conj_with(lits, true)
    }

    /// A condition; with `project`, `p(X,_)` becomes a projection (one literal per
    /// value of `X`, whatever `_` matches), as gringo's `#p_p(X)` atoms.
    pub(super) fn conj_with(&mut self, lits: &[ast::Lit], project: bool) -> Conj {
        let mut out = Vec::new();
        let mut extra = Vec::new();
        let saved = std::mem::replace(&mut self.project, project);
        for l in lits {
            out.extend(self.lit(l, &mut extra));
        }
        self.project = saved;
        out.extend(extra);
        Conj {
            lits: out,
            order: vec![],
        }
    }

    /// A rule body (pool-free); range literals come last.
    pub(super) fn body(&mut self, body: &[BodyElem]) -> Conj {
        let mut lits = Vec::new();
        let mut extra = Vec::new();
        for e in body {
            match e {
                BodyElem::Lit(l) => {
                    // The rule of a projection predicate must not project its own body.
                    let saved = std::mem::replace(&mut self.project, !self.rw.defining);
                    lits.extend(self.lit(l, &mut extra));
                    self.project = saved;
                }
                BodyElem::Cond(l, cond, _) => lits.extend(self.conditional(l, cond, &mut extra)),
                BodyElem::Agg(sign, fun, guards, elems, _) => {
                    lits.push(self.body_aggregate(*sign, *fun, guards, elems, &mut extra));
                }
                BodyElem::Theory(sign, atom) => {
                    if let Some(atom) = self.theory_atom(atom, false, &mut extra) {
                        lits.push(Lit::Theory(*sign, Box::new(atom)));
                    }
                }
            }
        }
        lits.extend(extra);
        Conj {
            lits,
            order: vec![],
        }
    }

    /// A conditional literal `l : cond`: the alternatives of a pooled `l` form a
    /// disjunction, so do the comparisons of a negated chain; a chain `t1 < t2 < t3 :
    /// cond` is a conjunction, one conditional literal per comparison. The range
    /// literals of its intervals go to the rule's `extra` (one rule per value, as
    /// gringo) unless they depend on the literal's own variables; those join the
    /// condition.
    fn conditional(&mut self, l: &ast::Lit, cond: &[ast::Lit], extra: &mut Vec<Lit>) -> Vec<Lit> {
        let known = self.spans.len() as Var;
        let mut cextra = Vec::new();
        let alternatives = unpool_lit(l);
        let chain = |l: &ast::Lit| matches!(l, ast::Lit::Cmp(sign, _, rest, _) if *sign != 1 && rest.len() > 1);
        let conjunction = alternatives.len() == 1 && chain(&alternatives[0]);
        if alternatives.len() > 1 && alternatives.iter().any(chain) {
            self.error = Some("a pooled comparison chain in a conditional literal".into());
            return vec![];
        }
        let mut lits = Vec::new();
        for alt in &alternatives {
            let lit = self.lit(alt, &mut cextra);
            if lit.is_empty() {
                return vec![];
            }
            lits.extend(lit);
        }
        let mut c = self.conj(cond);
        split_ranges(cextra, known, extra, &mut c.lits);
        let cond_lit = |disjuncts: Vec<Lit>, cond: Conj| {
            Lit::Cond(Box::new(Cond {
                disjuncts,
                cond,
                globals: vec![],
            }))
        };
        if conjunction {
            lits.into_iter()
                .map(|l| cond_lit(vec![l], c.clone()))
                .collect()
        } else {
            vec![cond_lit(lits, c)]
        }
    }
}

/// Sends each range literal of `ranges` (made for an atom with a condition) to `rule`,
/// the rule's body, when each variable of its bounds was numbered before the atom (below
/// `known`) and does not occur in the condition, or is the value of a range sent there
/// already; the others go to `cond`. An interval in such an atom stands for each of its
/// values in a rule of its own.
pub(super) fn split_ranges(ranges: Vec<Lit>, known: Var, rule: &mut Vec<Lit>, cond: &mut Vec<Lit>) {
    let mut local = Vec::new();
    for lit in cond.iter() {
        crate::safety::lit_vars(lit, &mut local);
    }
    let mut moved = Vec::new();
    for lit in ranges {
        let mut vars = Vec::new();
        if let Lit::Range(_, lo, hi) = &lit {
            lo.vars(&mut vars);
            hi.vars(&mut vars);
        }
        let global = matches!(lit, Lit::Range(..))
            && vars
                .iter()
                .all(|v| (*v < known && !local.contains(v)) || moved.contains(v));
        if global {
            if let Lit::Range(v, ..) = lit {
                moved.push(v);
            }
            rule.push(lit);
        } else {
            cond.push(lit);
        }
    }
}
