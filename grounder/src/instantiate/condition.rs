//! Conditional literals in bodies (`l : c1, ..., cn`): the conjunction over the
//! condition's instances of `cond -> l`, each implication whose condition is not decided
//! as a helper atom, and the simple literals inside them (`l` a disjunction when pooled).

use super::{holds, Grounder, LitValue};
use crate::program::{Cond, Lit};
use crate::term::Env;
use aspif::HeadKind;

impl Grounder {
    /// A conditional literal under `env`.
    pub(super) fn cond_literal(&mut self, c: &Cond, env: &mut Env) -> LitValue {
        if self.domain_only {
            return LitValue::True;
        }
        let mut parts: Vec<(LitValue, Vec<i32>)> = Vec::new();
        self.solve_cond(&c.cond, env, &mut |g, env, cond| {
            let head = g.ground_disjunction(&c.disjuncts, env);
            parts.push((head, cond.to_vec()));
        });
        let mut conj = Vec::new();
        for (head, cond) in parts {
            match head {
                LitValue::True => {}
                LitValue::False if cond.is_empty() => return LitValue::False,
                LitValue::Lit(l) if cond.is_empty() => conj.push(l),
                h => {
                    // (cond -> head) as a helper atom.
                    // `e` must hold in every smaller model where the implication holds:
                    // `e :- h`, `e :- not c` for each condition literal, and for a
                    // positive condition atom also `e | c :- not not h` (the reduct keeps
                    // `c` on the left of the implication).
                    let e = self.helper();
                    let nnh = if let LitValue::Lit(l) = h {
                        self.rule(HeadKind::Disjunctive, vec![e], vec![l]);
                        let n = self.negate(l);
                        Some(self.negate(n))
                    } else {
                        None
                    };
                    for c in cond {
                        let n = self.negate(c);
                        self.rule(HeadKind::Disjunctive, vec![e], vec![n]);
                        if let (Some(nnh), true) = (nnh, c > 0) {
                            self.rule(HeadKind::Disjunctive, vec![e, c as u32], vec![nnh]);
                        }
                    }
                    conj.push(e as i32);
                }
            }
        }
        self.conjunction(conj)
    }

    /// A literal for the conjunction of `conj` (true if empty).
    pub(super) fn conjunction(&mut self, conj: Vec<i32>) -> LitValue {
        match conj.len() {
            0 => LitValue::True,
            1 => LitValue::Lit(conj[0]),
            _ => {
                let h = self.helper();
                self.rule(HeadKind::Disjunctive, vec![h], conj);
                LitValue::Lit(h as i32)
            }
        }
    }

    /// The disjunction of simple literals under `env` (a helper atom when several
    /// literals remain undecided).
    fn ground_disjunction(&mut self, lits: &[Lit], env: &mut Env) -> LitValue {
        let mut open = Vec::new();
        for lit in lits {
            match self.ground_lit(lit, env) {
                LitValue::True => return LitValue::True,
                LitValue::False => {}
                LitValue::Lit(l) => open.push(l),
            }
        }
        open.sort_unstable();
        open.dedup();
        match open.len() {
            0 => LitValue::False,
            1 => LitValue::Lit(open[0]),
            _ => {
                let d = self.helper();
                for l in open {
                    self.rule(HeadKind::Disjunctive, vec![d], vec![l]);
                }
                LitValue::Lit(d as i32)
            }
        }
    }

    /// A simple literal under `env` (an atom with an undefined term is false, under
    /// `not` too: gringo drops such a literal's instance).
    fn ground_lit(&mut self, lit: &Lit, env: &mut Env) -> LitValue {
        match lit {
            Lit::Bool(b) => LitValue::holds(*b),
            Lit::Cmp(op, l, r) => {
                let Some(a) = self.eval().eval(l, env) else {
                    return LitValue::False;
                };
                let Some(b) = self.eval().eval(r, env) else {
                    return LitValue::False;
                };
                LitValue::holds(holds(*op, self.syms.compare(a, b)))
            }
            Lit::Atom { sign, pred, args } => {
                let pd = self.preds.list[*pred as usize].clone();
                let mut vals = Vec::new();
                if !self.eval_terms(args, env, &mut vals) {
                    return LitValue::False;
                }
                let sym = self.syms.fun(pd.name, &vals, pd.neg);
                let found = self.find(sym);
                let defined = found.is_some_and(|a| self.atoms[a as usize].defined);
                let fact = found.is_some_and(|a| self.is_fact(a));
                let complete = self.complete[*pred as usize];
                // The atom's value when decided: true if a fact, false if it can never
                // be derived.
                let atom = if fact {
                    LitValue::True
                } else if !defined && complete {
                    LitValue::False
                } else {
                    let a = self.atom(sym, *pred);
                    LitValue::Lit(self.lit(a))
                };
                match (sign, atom) {
                    (0, atom) => atom,
                    (1, LitValue::Lit(l)) => LitValue::Lit(-l),
                    (1, atom) => LitValue::holds(atom == LitValue::False),
                    (_, LitValue::Lit(l)) => LitValue::Lit(self.negate(-l)),
                    (_, atom) => atom,
                }
            }
            _ => LitValue::False,
        }
    }
}
