//! Terms and atoms: constants substituted, variables numbered, ground arithmetic folded,
//! intervals turned into [`Lit::Range`] literals over fresh variables.

use super::Conv;
use crate::ast::{Span, Term, UnOp};
use crate::constants::Constant;
use crate::program::{Lit, Pred, PredId};
use crate::symbol::{SymData, Symbols};
use crate::term::GTerm;

impl Conv<'_, '_> {
    /// A term; an interval becomes a fresh variable whose range literal goes to `extra`.
    /// A constant's name is replaced by its value, except inside its own definition
    /// (there it is the symbol; cycles through other constants were rejected earlier).
    pub(super) fn term(&mut self, t: &Term, extra: &mut Vec<Lit>) -> GTerm {
        let syms = &mut *self.rw.syms;
        match t {
            Term::Int(n) => GTerm::Sym(syms.num(*n)),
            Term::Str(s) => GTerm::Sym(syms.intern(SymData::Str(s.as_str().into()))),
            Term::Inf => GTerm::Sym(syms.intern(SymData::Inf)),
            Term::Sup => GTerm::Sym(syms.intern(SymData::Sup)),
            Term::Var(name, span) => GTerm::Var(self.var(name, *span)),
            Term::Anon(span) => GTerm::Var(self.fresh(*span)),
            Term::Fun(name, args) => {
                if args.is_empty() && !self.expanding.contains(name) {
                    let consts = self.rw.consts;
                    if let Some(constant) = consts.get(name) {
                        return self.constant(name, constant, extra);
                    }
                }
                let name = self.rw.syms.name(name);
                let args: Vec<GTerm> = args.iter().map(|a| self.term(a, extra)).collect();
                fold(self.rw.syms, GTerm::Fun(name, args, false))
            }
            Term::Unary(op, x, span) => {
                let site = self.site(t, *span);
                let x = self.term(x, extra);
                fold(self.rw.syms, GTerm::Unary(*op, Box::new(x), site))
            }
            Term::Binary(op, l, r, span) => {
                let site = self.site(t, *span);
                let l = self.term(l, extra);
                let r = self.term(r, extra);
                fold(
                    self.rw.syms,
                    GTerm::Binary(*op, Box::new(l), Box::new(r), site),
                )
            }
            Term::Interval(l, r) => {
                let l = self.term(l, extra);
                let r = self.term(r, extra);
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

    /// The value of the constant `name`, its operations placed in its definition's input.
    fn constant(&mut self, name: &str, constant: &Constant, extra: &mut Vec<Lit>) -> GTerm {
        self.expanding.push(name.to_string());
        let file = std::mem::replace(&mut self.file, constant.file);
        let value = self.term(&constant.value, extra);
        self.file = file;
        self.expanding.pop();
        value
    }

    /// An atom: its predicate (numbered) and arguments. A constant's name as an atom is
    /// that atom, as in gringo (`#const a=b. a.` keeps `a`); anything else that is not a
    /// function is an error.
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
        let n = self.rw.syms.name(name);
        let pred = self.rw.preds.id(Pred {
            name: n,
            arity: args.len(),
            neg,
        });
        let args = args.iter().map(|a| self.term(a, extra)).collect();
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
