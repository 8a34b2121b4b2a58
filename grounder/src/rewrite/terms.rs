//! Terms and atoms: constants substituted, variables numbered, ground arithmetic folded,
//! intervals turned into [`Lit::Range`] literals over fresh variables.

use super::Conv;
use crate::ast::{Span, Term, UnOp};
use crate::program::{Lit, Pred, PredId};
use crate::symbol::{SymData, Symbols};
use crate::term::GTerm;

/// How deep constants may refer to constants before substitution stops (a cycle).
const CONSTANT_DEPTH: u32 = 64;

impl Conv<'_, '_> {
    /// A term; an interval becomes a fresh variable whose range literal goes to `extra`.
    /// `depth` counts the constants substituted on the way here.
    pub(super) fn term(&mut self, t: &Term, extra: &mut Vec<Lit>, depth: u32) -> GTerm {
        let syms = &mut *self.rw.syms;
        match t {
            Term::Int(n) => GTerm::Sym(syms.num(*n)),
            Term::Str(s) => GTerm::Sym(syms.intern(SymData::Str(s.as_str().into()))),
            Term::Inf => GTerm::Sym(syms.intern(SymData::Inf)),
            Term::Sup => GTerm::Sym(syms.intern(SymData::Sup)),
            Term::Var(name, span) => GTerm::Var(self.var(name, *span)),
            Term::Anon(span) => GTerm::Var(self.fresh(*span)),
            Term::Fun(name, args) => {
                if args.is_empty() && depth < CONSTANT_DEPTH {
                    if let Some(value) = self.rw.consts.get(name) {
                        let value = value.clone();
                        return self.term(&value, extra, depth + 1);
                    }
                }
                let name = self.rw.syms.name(name);
                let args: Vec<GTerm> = args.iter().map(|a| self.term(a, extra, depth)).collect();
                fold(self.rw.syms, GTerm::Fun(name, args, false))
            }
            Term::Unary(op, x, span) => {
                let site = self.site(t, *span);
                let x = self.term(x, extra, depth);
                fold(self.rw.syms, GTerm::Unary(*op, Box::new(x), site))
            }
            Term::Binary(op, l, r, span) => {
                let site = self.site(t, *span);
                let l = self.term(l, extra, depth);
                let r = self.term(r, extra, depth);
                fold(
                    self.rw.syms,
                    GTerm::Binary(*op, Box::new(l), Box::new(r), site),
                )
            }
            Term::Interval(l, r) => {
                let l = self.term(l, extra, depth);
                let r = self.term(r, extra, depth);
                let v = self.fresh(Span::default());
                extra.push(Lit::Range(v, l, r));
                GTerm::Var(v)
            }
            Term::Pool(_) => {
                self.error = Some("unexpected pool".into());
                GTerm::Sym(self.rw.syms.num(0))
            }
        }
    }

    /// An atom: its predicate (numbered) and arguments. A constant standing for an atom
    /// is substituted; anything else that is not a function is an error.
    pub(super) fn atom(&mut self, t: &Term, extra: &mut Vec<Lit>) -> Option<(PredId, Vec<GTerm>)> {
        let (neg, inner) = match t {
            Term::Unary(UnOp::Neg, inner, _) => (true, &**inner),
            other => (false, other),
        };
        let Term::Fun(name, args) = inner else {
            self.error = Some("syntax error, unexpected term, expecting an atom".into());
            return None;
        };
        if name.is_empty() {
            self.error = Some("syntax error, a tuple is not an atom".into());
            return None;
        }
        if args.is_empty() {
            if let Some(value) = self.rw.consts.get(name) {
                let value = value.clone();
                let value = match (neg, value) {
                    (true, v) => Term::Unary(UnOp::Neg, Box::new(v), Span::default()),
                    (false, v) => v,
                };
                if !matches!(value, Term::Fun(ref n, _) if !n.is_empty() && !self.rw.consts.contains_key(n))
                    && !matches!(value, Term::Unary(UnOp::Neg, ..))
                {
                    self.error = Some("syntax error, a constant replaced by a non-atom".into());
                    return None;
                }
                return self.atom(&value, extra);
            }
        }
        let n = self.rw.syms.name(name);
        let pred = self.rw.preds.id(Pred {
            name: n,
            arity: args.len(),
            neg,
        });
        let args = args.iter().map(|a| self.term(a, extra, 0)).collect();
        Some((pred, args))
    }
}

/// Folds ground arithmetic at rewrite time (what cannot be evaluated stays, to be
/// reported where it is grounded).
pub(super) fn fold(syms: &mut Symbols, t: GTerm) -> GTerm {
    let ground = match &t {
        GTerm::Fun(_, args, _) => args.iter().all(GTerm::is_ground),
        GTerm::Unary(_, x, _) => x.is_ground(),
        GTerm::Binary(_, l, r, _) => l.is_ground() && r.is_ground(),
        _ => false,
    };
    if !ground {
        return t;
    }
    let mut overflow = false;
    let mut undefined = Vec::new();
    let mut ev = crate::term::Eval {
        syms,
        overflow: &mut overflow,
        undefined: &mut undefined,
    };
    let env = crate::term::Env::new(0);
    match ev.eval(&t, &env) {
        Some(s) => GTerm::Sym(s),
        None => t,
    }
}
