//! Aggregates to ground literals: a body aggregate's instances (one per value of an
//! assigned variable), the values it may take, and the translation of an instance by
//! its function: `sum.rs` for `#count`/`#sum`/`#sum+` (weight bodies, negative weights
//! moved to the complementary literal), `extremum.rs` for `#min`/`#max`, over the
//! element table of `elements.rs`.

mod elements;
mod extremum;
mod sum;

use super::{holds, Grounder, LitValue};
use crate::ast::{AggFun, CmpOp};
use crate::program::Agg;
use crate::symbol::{Sym, SymData};
use crate::term::Env;
use elements::{group, weight, Groups};

impl Grounder {
    /// The ground instances of a body aggregate: per value of the assigned variable (or
    /// one `None`), the literal standing for it (`None`: true). False instances are absent.
    pub(super) fn body_aggregate(
        &mut self,
        agg: &Agg,
        env: &mut Env,
    ) -> Vec<(Option<Sym>, LitValue)> {
        if self.domain_only && agg.assign.is_none() {
            // Closing a component: the elements are not complete yet. The aggregate may
            // hold if some choice of its elements (facts or not) satisfies the guards,
            // which only gets more likely as elements are added (the final pass decides).
            return if self.possible(agg, env) {
                vec![(None, LitValue::True)]
            } else {
                vec![]
            };
        }
        let Some(guards) = self.eval_guards(&agg.guards, env) else {
            return vec![];
        };
        // Elements are grouped as they come (no list of every instance is kept: large
        // aggregates over facts would hold each tuple twice).
        let mut grouped = Groups::default();
        let mut tuple = Vec::new();
        for e in &agg.elems {
            self.solve_cond(&e.cond, env, &mut |g, env, c| {
                tuple.clear();
                if g.eval_terms(&e.tuple, env, &mut tuple) {
                    grouped.add(&tuple, c.to_vec());
                }
            });
        }
        let assigned = agg.assign.and_then(|v| env.vals[v as usize]);
        let mut out = Vec::new();
        if agg.assign.is_some() && assigned.is_none() {
            for value in self.possible_values(agg.fun, &grouped) {
                let mut gs = guards.clone();
                gs.push((CmpOp::Eq, value));
                let lit = self.translate_signed(agg.sign, agg.fun, &gs, &grouped);
                if lit != LitValue::False {
                    out.push((Some(value), lit));
                }
            }
        } else {
            let mut gs = guards;
            if let Some(v) = assigned {
                gs.push((CmpOp::Eq, v));
            }
            let lit = self.translate_signed(agg.sign, agg.fun, &gs, &grouped);
            if lit != LitValue::False {
                out.push((assigned, lit));
            }
        }
        out
    }

    /// While closing a component: whether some choice of the elements known so far
    /// satisfies the guards.
    fn possible(&mut self, agg: &Agg, env: &mut Env) -> bool {
        if agg.sign != 0 {
            return true;
        }
        let Some(guards) = self.eval_guards(&agg.guards, env) else {
            return false;
        };
        // Tuples, each with whether it is certain (an element without condition left:
        // true in every model, so it bounds the value however the closure goes on).
        let mut tuples: Vec<(Vec<Sym>, bool)> = Vec::new();
        for e in &agg.elems {
            self.solve_cond(&e.cond, env, &mut |g, env, c| {
                let mut tuple = Vec::new();
                if g.eval_terms(&e.tuple, env, &mut tuple) {
                    tuples.push((tuple, c.is_empty()));
                }
            });
        }
        // Certain first, so that deduplication keeps a tuple's certainty.
        tuples.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        tuples.dedup_by(|a, b| a.0 == b.0);
        let holds_all = |g: &Grounder, v: Sym| {
            guards
                .iter()
                .all(|&(op, b)| holds(op, g.syms.compare(v, b)))
        };
        match agg.fun {
            AggFun::Min | AggFun::Max => {
                let is_min = agg.fun == AggFun::Min;
                // A certain element bounds the extremum: #min is at most its value.
                let mut bound: Option<Sym> = None;
                for (t, certain) in &tuples {
                    if let (true, Some(&v)) = (*certain, t.first()) {
                        bound = Some(match bound {
                            None => v,
                            Some(b) => {
                                let ord = self.syms.compare(v, b);
                                if (is_min && ord.is_lt()) || (!is_min && ord.is_gt()) {
                                    v
                                } else {
                                    b
                                }
                            }
                        });
                    }
                }
                let within = |g: &Grounder, v: Sym| match bound {
                    None => true,
                    Some(b) => {
                        let ord = g.syms.compare(v, b);
                        if is_min {
                            ord.is_le()
                        } else {
                            ord.is_ge()
                        }
                    }
                };
                let empty = self
                    .syms
                    .intern(if is_min { SymData::Sup } else { SymData::Inf });
                (bound.is_none() && holds_all(self, empty))
                    || tuples
                        .iter()
                        .filter_map(|(t, _)| t.first())
                        .any(|&v| within(self, v) && holds_all(self, v))
            }
            fun => {
                let (mut lo, mut hi) = (0i64, 0i64);
                for (t, certain) in &tuples {
                    if let Some(w) = weight(self, fun, t) {
                        if *certain {
                            lo = lo.saturating_add(w);
                            hi = hi.saturating_add(w);
                        } else if w < 0 {
                            lo = lo.saturating_add(w);
                        } else {
                            hi = hi.saturating_add(w);
                        }
                    }
                }
                // Some value in [lo, hi] meets every guard.
                let (mut l, mut h) = (i128::from(lo), i128::from(hi));
                let mut ne = Vec::new();
                for &(op, b) in &guards {
                    let Some(b) = self.syms.as_num(b) else {
                        let zero = self.syms.num(0);
                        if !holds(op, self.syms.compare(zero, b)) {
                            return false;
                        }
                        continue;
                    };
                    let b = i128::from(b);
                    match op {
                        CmpOp::Eq => {
                            l = l.max(b);
                            h = h.min(b);
                        }
                        CmpOp::Ne => ne.push(b),
                        CmpOp::Lt => h = h.min(b - 1),
                        CmpOp::Le => h = h.min(b),
                        CmpOp::Gt => l = l.max(b + 1),
                        CmpOp::Ge => l = l.max(b),
                    }
                }
                l <= h && (h - l >= ne.len() as i128 || (l..=h).any(|v| !ne.contains(&v)))
            }
        }
    }

    /// An aggregate instance under its sign (`not`, `not not`).
    fn translate_signed(
        &mut self,
        sign: u8,
        fun: AggFun,
        guards: &[(CmpOp, Sym)],
        grouped: &Groups,
    ) -> LitValue {
        let value = translate_grouped(self, fun, guards, grouped);
        match (sign, value) {
            (0, value) => value,
            (1, LitValue::False) => LitValue::True,
            (1, LitValue::True) => LitValue::False,
            (1, LitValue::Lit(l)) => LitValue::Lit(self.negate(l)),
            (_, LitValue::Lit(l)) => {
                let n = self.negate(l);
                LitValue::Lit(self.negate(n))
            }
            (_, value) => value,
        }
    }

    /// The values an aggregate may take over its elements (a superset).
    fn possible_values(&mut self, fun: AggFun, grouped: &Groups) -> Vec<Sym> {
        match fun {
            AggFun::Count | AggFun::Sum | AggFun::SumPlus => {
                let mut certain: i64 = 0;
                let mut sums: Vec<i64> = vec![0];
                for (tuple, conds) in grouped {
                    let Some(w) = weight(self, fun, tuple) else {
                        continue;
                    };
                    if conds.iter().any(Vec::is_empty) {
                        certain = certain.saturating_add(w);
                        continue;
                    }
                    let mut next = sums.clone();
                    next.extend(sums.iter().map(|s| s.saturating_add(w)));
                    next.sort_unstable();
                    next.dedup();
                    if next.len() > 100_000 {
                        // Dense enough: every value in between (a superset; values that
                        // cannot be reached get rules that never fire).
                        let lo = *next.first().expect("non-empty");
                        let hi = *next.last().expect("non-empty");
                        if hi.saturating_sub(lo) <= 1_000_000 {
                            next = (lo..=hi).collect();
                        }
                    }
                    sums = next;
                }
                sums.iter()
                    .map(|s| self.syms.num(certain.saturating_add(*s)))
                    .collect()
            }
            AggFun::Min | AggFun::Max => {
                let mut vals: Vec<Sym> = grouped
                    .iter()
                    .filter_map(|(t, _)| t.first().copied())
                    .collect();
                vals.push(if fun == AggFun::Min {
                    self.syms.intern(SymData::Sup)
                } else {
                    self.syms.intern(SymData::Inf)
                });
                vals.sort_unstable();
                vals.dedup();
                vals
            }
        }
    }

    /// Translates an aggregate instance over its elements `(tuple, condition)`.
    pub(super) fn aggregate(
        &mut self,
        fun: AggFun,
        guards: &[(CmpOp, Sym)],
        elems: Vec<(Vec<Sym>, Vec<i32>)>,
    ) -> LitValue {
        translate_grouped(self, fun, guards, &group(elems))
    }
}

/// Translates an aggregate instance over elements grouped by tuple.
fn translate_grouped(
    g: &mut Grounder,
    fun: AggFun,
    guards: &[(CmpOp, Sym)],
    grouped: &Groups,
) -> LitValue {
    match fun {
        AggFun::Min | AggFun::Max => {
            extremum::translate_extremum(g, fun == AggFun::Min, guards, grouped)
        }
        _ => sum::translate_sum(g, fun, guards, grouped),
    }
}
