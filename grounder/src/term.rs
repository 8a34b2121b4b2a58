//! Non-ground terms ([`GTerm`]) of normalised rules: evaluation under a variable
//! assignment, matching against symbols, and clingo's integer arithmetic.
//!
//! Arithmetic is on `i64` with checks: an overflow is never wrapped silently; it sets
//! [`Eval::overflow`], which the grounder reports as an error. Undefined operations
//! (division by zero, arithmetic on non-integers) make the term undefined (`None`), which
//! removes the rule instance, as in gringo.

use crate::ast::{BinOp, UnOp};
use crate::symbol::{Name, Sym, SymData, Symbols};

/// A variable of a rule, numbered from 0.
pub type Var = u32;

/// Where an arithmetic operation is written: an index into the rewriter's list of
/// operation sites (for the info `operation undefined`), or [`NO_SITE`].
pub type Site = u32;

/// The site of an operation the program does not contain as written.
pub const NO_SITE: Site = u32::MAX;

/// Marks a site in [`Eval::undefined`] as one whose operation overflowed (not
/// undefined): the grounder names the first such operation in its error.
pub const OVERFLOWED: Site = 1 << 31;

/// A non-ground term.
#[derive(Clone, Debug, PartialEq)]
pub enum GTerm {
    /// A ground symbol.
    Sym(Sym),
    /// A variable.
    Var(Var),
    /// A function or tuple with non-ground arguments (`neg`: classical negation).
    Fun(Name, Vec<GTerm>, bool),
    /// A unary operation and where it is written.
    Unary(UnOp, Box<GTerm>, Site),
    /// A binary operation and where it is written.
    Binary(BinOp, Box<GTerm>, Box<GTerm>, Site),
}

impl GTerm {
    /// Adds the variables of the term to `out`.
    pub fn vars(&self, out: &mut Vec<Var>) {
        match self {
            GTerm::Sym(_) => {}
            GTerm::Var(v) => out.push(*v),
            GTerm::Fun(_, args, _) => args.iter().for_each(|a| a.vars(out)),
            GTerm::Unary(_, t, _) => t.vars(out),
            GTerm::Binary(_, l, r, _) => {
                l.vars(out);
                r.vars(out);
            }
        }
    }

    /// Splits the variables into those matching can bind (outside arithmetic) and those
    /// that must be bound before (inside arithmetic).
    pub fn pattern_vars(&self, bindable: &mut Vec<Var>, needed: &mut Vec<Var>) {
        match self {
            GTerm::Sym(_) => {}
            GTerm::Var(v) => bindable.push(*v),
            GTerm::Fun(_, args, _) => args.iter().for_each(|a| a.pattern_vars(bindable, needed)),
            GTerm::Unary(..) | GTerm::Binary(..) => self.vars(needed),
        }
    }

    /// The term is ground.
    pub fn is_ground(&self) -> bool {
        matches!(self, GTerm::Sym(_))
    }
}

/// The evaluation context: symbols, variable values and the trail of bindings.
pub struct Eval<'a> {
    /// The symbol table.
    pub syms: &'a mut Symbols,
    /// Set when an integer operation overflowed.
    pub overflow: &'a mut bool,
    /// The sites of operations found undefined (division by zero, arithmetic on a
    /// non-integer), each once, for the info `operation undefined`; and the first
    /// operation that overflowed, its site with [`OVERFLOWED`] set.
    pub undefined: &'a mut Vec<Site>,
}

/// Why an operation has no value.
enum Fail {
    /// Undefined (gringo drops the rule instance and reports it).
    Undefined,
    /// Out of 64 bits (already recorded in [`Eval::overflow`]).
    Overflow,
}

/// Variable values of one rule; `trail` records bindings to undo.
#[derive(Clone, Debug, Default)]
pub struct Env {
    /// Value per variable.
    pub vals: Vec<Option<Sym>>,
    /// Variables bound, in order.
    pub trail: Vec<Var>,
}

impl Env {
    /// An environment for `n` variables.
    pub fn new(n: usize) -> Self {
        Env {
            vals: vec![None; n],
            trail: Vec::new(),
        }
    }

    /// Binds `v`.
    #[inline]
    pub fn bind(&mut self, v: Var, s: Sym) {
        debug_assert!(self.vals[v as usize].is_none());
        self.vals[v as usize] = Some(s);
        self.trail.push(v);
    }

    /// Undoes bindings back to trail length `mark`.
    #[inline]
    pub fn undo(&mut self, mark: usize) {
        while self.trail.len() > mark {
            let v = self.trail.pop().expect("trail not empty");
            self.vals[v as usize] = None;
        }
    }
}

fn int_pow(base: i64, exp: i64) -> Option<Option<i64>> {
    if exp < 0 {
        return match base {
            0 => None,
            1 => Some(Some(1)),
            -1 => Some(Some(if exp % 2 == 0 { 1 } else { -1 })),
            _ => Some(Some(0)),
        };
    }
    let exp = u32::try_from(exp).unwrap_or(u32::MAX);
    Some(base.checked_pow(exp))
}

impl Eval<'_> {
    fn int(&mut self, r: Option<i64>) -> Result<Sym, Fail> {
        match r {
            Some(n) => Ok(self.syms.num(n)),
            None => {
                *self.overflow = true;
                Err(Fail::Overflow)
            }
        }
    }

    fn result(&mut self, r: Result<Sym, Fail>, site: Site) -> Option<Sym> {
        match r {
            Ok(s) => Some(s),
            Err(Fail::Undefined) => {
                if !self.undefined.contains(&site) {
                    self.undefined.push(site);
                }
                None
            }
            Err(Fail::Overflow) => {
                // Only the first overflow is reported (the grounder stops on it); an
                // operation written nowhere has no site to name.
                if site != NO_SITE && !self.undefined.iter().any(|&s| s & OVERFLOWED != 0) {
                    self.undefined.push(site | OVERFLOWED);
                }
                None
            }
        }
    }

    /// The value of `t`, or `None` when undefined.
    pub fn eval(&mut self, t: &GTerm, env: &Env) -> Option<Sym> {
        match t {
            GTerm::Sym(s) => Some(*s),
            GTerm::Var(v) => env.vals[*v as usize],
            GTerm::Fun(name, args, neg) => {
                let mut vals = Vec::with_capacity(args.len());
                for a in args {
                    vals.push(self.eval(a, env)?);
                }
                Some(self.syms.fun(*name, &vals, *neg))
            }
            GTerm::Unary(op, t, site) => {
                let v = self.eval(t, env)?;
                let r = self.unary(*op, v);
                self.result(r, *site)
            }
            GTerm::Binary(op, l, r, site) => {
                let a = self.eval(l, env)?;
                let b = self.eval(r, env)?;
                let r = self.binary(*op, a, b);
                self.result(r, *site)
            }
        }
    }

    /// Applies a unary operator to a symbol.
    fn unary(&mut self, op: UnOp, v: Sym) -> Result<Sym, Fail> {
        match (op, self.syms.get(v).clone()) {
            (UnOp::Neg, SymData::Num(n)) => {
                let r = n.checked_neg();
                self.int(r)
            }
            (UnOp::Neg, SymData::Fun { name, args, neg })
                if !self.syms.name_str(name).is_empty() =>
            {
                Ok(self.syms.fun(name, &args, !neg))
            }
            (UnOp::BitNot, SymData::Num(n)) => Ok(self.syms.num(!n)),
            (UnOp::Abs, SymData::Num(n)) => {
                let r = n.checked_abs();
                self.int(r)
            }
            _ => Err(Fail::Undefined),
        }
    }

    /// Applies a binary operator to two symbols.
    fn binary(&mut self, op: BinOp, a: Sym, b: Sym) -> Result<Sym, Fail> {
        let (Some(x), Some(y)) = (self.syms.as_num(a), self.syms.as_num(b)) else {
            return Err(Fail::Undefined);
        };
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::Div => {
                if y == 0 {
                    return Err(Fail::Undefined);
                }
                x.checked_div(y)
            }
            BinOp::Mod => {
                if y == 0 {
                    return Err(Fail::Undefined);
                }
                x.checked_rem(y)
            }
            BinOp::Pow => match int_pow(x, y) {
                Some(r) => r,
                None => return Err(Fail::Undefined),
            },
            BinOp::And => Some(x & y),
            BinOp::Or => Some(x | y),
            BinOp::Xor => Some(x ^ y),
        };
        self.int(r)
    }

    /// Matches `t` against `s`, binding unbound variables; `false` leaves bindings made
    /// so far on the trail (the caller undoes them).
    pub fn matches(&mut self, t: &GTerm, s: Sym, env: &mut Env) -> bool {
        match t {
            GTerm::Sym(x) => *x == s,
            GTerm::Var(v) => match env.vals[*v as usize] {
                Some(x) => x == s,
                None => {
                    env.bind(*v, s);
                    true
                }
            },
            GTerm::Fun(name, args, neg) => {
                let SymData::Fun {
                    name: sname,
                    args: sargs,
                    neg: sneg,
                } = self.syms.get(s)
                else {
                    return false;
                };
                if sname != name || sneg != neg || sargs.len() != args.len() {
                    return false;
                }
                let sargs = sargs.clone();
                args.iter()
                    .zip(sargs.iter())
                    .all(|(a, x)| self.matches(a, *x, env))
            }
            GTerm::Unary(..) | GTerm::Binary(..) => self.eval(t, env) == Some(s),
        }
    }
}
