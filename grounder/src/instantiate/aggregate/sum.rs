//! The `#count`, `#sum` and `#sum+` encodings: the allowed sums as a union of intervals,
//! each interval as weight rules over the elements' literals (a lower bound as
//! `lo <= S`, an upper bound as `not (hi+1 <= S)` when every weight is positive), and
//! gringo's translation of non-convex aggregates that depend on themselves.

use super::super::{holds, Grounder, LitValue};
use super::elements::{weight, Groups};
use crate::ast::{AggFun, CmpOp};
use crate::symbol::Sym;
use aspif::{HeadKind, WeightedLit};

const NEG_INF: i128 = i128::MIN / 4;
const POS_INF: i128 = i128::MAX / 4;

/// Translates a `#count`, `#sum` or `#sum+` instance over elements grouped by tuple.
pub(super) fn translate_sum(
    g: &mut Grounder,
    fun: AggFun,
    guards: &[(CmpOp, Sym)],
    grouped: &Groups,
) -> LitValue {
    let mut certain: i128 = 0;
    let mut lits: Vec<(i32, i64)> = Vec::new();
    let mut pending: Vec<(&[Vec<i32>], i64)> = Vec::new();
    for (tuple, conds) in grouped {
        let Some(w) = weight(g, fun, tuple) else {
            continue;
        };
        if w == 0 {
            continue;
        }
        if conds.iter().any(Vec::is_empty) {
            certain += i128::from(w);
        } else {
            pending.push((conds, w));
        }
    }
    // Allowed values: a union of intervals.
    let mut allowed: Vec<(i128, i128)> = vec![(NEG_INF, POS_INF)];
    for &(op, b) in guards {
        let iv: Vec<(i128, i128)> = match g.syms.as_num(b) {
            Some(b) => {
                let b = i128::from(b);
                match op {
                    CmpOp::Eq => vec![(b, b)],
                    CmpOp::Ne => vec![(NEG_INF, b - 1), (b + 1, POS_INF)],
                    CmpOp::Lt => vec![(NEG_INF, b - 1)],
                    CmpOp::Le => vec![(NEG_INF, b)],
                    CmpOp::Gt => vec![(b + 1, POS_INF)],
                    CmpOp::Ge => vec![(b, POS_INF)],
                }
            }
            None => {
                // Every integer compares the same way with a non-integer.
                let zero = g.syms.num(0);
                if holds(op, g.syms.compare(zero, b)) {
                    vec![(NEG_INF, POS_INF)]
                } else {
                    vec![]
                }
            }
        };
        let mut next = Vec::new();
        for &(l1, h1) in &allowed {
            for &(l2, h2) in &iv {
                let (l, h) = (l1.max(l2), h1.min(h2));
                if l <= h {
                    next.push((l, h));
                }
            }
        }
        allowed = next;
    }
    let (min, max) = sum_range(certain, pending.iter().map(|p| p.1));
    let mut needed: Vec<(Option<i128>, Option<i128>)> = Vec::new();
    for (l, h) in allowed {
        let (l, h) = (l.max(min), h.min(max));
        if l > h {
            continue;
        }
        if l == min && h == max {
            return LitValue::True;
        }
        needed.push(((l > min).then_some(l), (h < max).then_some(h)));
    }
    if needed.is_empty() {
        return LitValue::False;
    }
    for (conds, w) in pending {
        let l = g.disjunction(conds).expect("no empty condition");
        // Tuples with the same literal add up (`3:a` and `-3:a` cancel out).
        match lits.iter_mut().find(|(x, _)| *x == l) {
            Some((_, acc)) => *acc += w,
            None => lits.push((l, w)),
        }
    }
    lits.retain(|&(_, w)| w != 0);
    let (min, max) = sum_range(certain, lits.iter().map(|p| p.1));
    needed
        .retain(|&(lo, hi)| !matches!(lo, Some(l) if l > max) && !matches!(hi, Some(h) if h < min));
    if needed.is_empty() {
        return LitValue::False;
    }
    for (lo, hi) in needed.iter_mut() {
        if lo.is_some_and(|l| l <= min) {
            *lo = None;
        }
        if hi.is_some_and(|h| h >= max) {
            *hi = None;
        }
        if lo.is_none() && hi.is_none() {
            return LitValue::True;
        }
    }
    if let Some(sums) = achievable_sums(certain, &lits) {
        // Only sums some choice of the literals reaches matter: an aggregate that
        // every reachable sum satisfies holds (as its formula in gringo's semantics),
        // which the intervals alone miss when they leave gaps (`!=`).
        let inside = |v: i128, &(lo, hi): &(Option<i128>, Option<i128>)| {
            lo.is_none_or(|l| v >= l) && hi.is_none_or(|h| v <= h)
        };
        needed.retain(|iv| sums.iter().any(|&v| inside(v, iv)));
        if needed.is_empty() {
            return LitValue::False;
        }
        if sums.iter().all(|&v| needed.iter().any(|iv| inside(v, iv))) {
            return LitValue::True;
        }
    }
    if needed.len() > 1 && g.agg_recursive && lits.iter().all(|&(_, w)| w > 0) {
        return LitValue::Lit(non_convex(g, &lits, certain, &needed));
    }
    let mut alts = Vec::new();
    for (lo, hi) in needed {
        let mut conj = Vec::new();
        if let Some(lo) = lo {
            conj.push(weight_atom(g, &lits, lo - certain, 1));
        }
        if let Some(hi) = hi {
            if lits.iter().all(|&(_, w)| w > 0) {
                // Only positive weights: `S <= hi` is antimonotone, `not S >= hi+1`
                // (gringo's form). The helper is used negatively, so it never
                // supports atoms, and propagates like the lower bound does.
                conj.push(-weight_atom(g, &lits, hi + 1 - certain, 1));
            } else {
                // `S <= hi` as `-S >= -hi`: literals with positive weights then
                // count negatively (complemented), negative ones positively, so
                // the monotone part keeps supporting atoms of the component.
                conj.push(weight_atom(g, &lits, -(hi - certain), -1));
            }
        }
        alts.push(conj);
    }
    match g.disjunction(&alts) {
        Some(l) => LitValue::Lit(l),
        None => LitValue::True,
    }
}

/// Every sum `certain` plus a subset of the weights of `lits` reaches, when there are
/// few enough to list (`None` otherwise).
fn achievable_sums(certain: i128, lits: &[(i32, i64)]) -> Option<Vec<i128>> {
    const MAX_SUMS: usize = 1 << 12;
    let mut sums = vec![certain];
    for &(_, w) in lits {
        let mut next: Vec<i128> = sums.iter().map(|&s| s + i128::from(w)).collect();
        next.extend_from_slice(&sums);
        next.sort_unstable();
        next.dedup();
        if next.len() > MAX_SUMS {
            return None;
        }
        sums = next;
    }
    Some(sums)
}

/// The least and the greatest sum: `certain` plus the negative, or the positive weights.
fn sum_range(certain: i128, weights: impl Iterator<Item = i64>) -> (i128, i128) {
    let (mut neg, mut pos) = (0i128, 0i128);
    for w in weights {
        if w < 0 {
            neg += i128::from(w);
        } else {
            pos += i128::from(w);
        }
    }
    (certain + neg, certain + pos)
}

/// A non-convex aggregate (allowed sums a union of intervals, as with `!=`), positive
/// weights, in a rule whose component it depends on: gringo's translation, faithful to
/// its (Ferraris) semantics when the aggregate depends on itself (elsewhere the
/// disjunction of the intervals is equivalent, and smaller). The aggregate is an atom `a` with, per interval, the rule
/// `a :- lo <= sum(l), total - hi <= sum(l -> a)`: an upper bound counts the elements
/// that are false or imply `a`, each implication encoded as a conditional literal is.
fn non_convex(
    g: &mut Grounder,
    lits: &[(i32, i64)],
    certain: i128,
    needed: &[(Option<i128>, Option<i128>)],
) -> i32 {
    let a = g.helper();
    let total: i128 = lits.iter().map(|&(_, w)| i128::from(w)).sum();
    let mut implications: Option<Vec<(i32, i64)>> = None;
    for &(lo, hi) in needed {
        let mut body = Vec::new();
        if let Some(lo) = lo {
            body.push(weight_atom(g, lits, lo - certain, 1));
        }
        if let Some(hi) = hi {
            if implications.is_none() {
                let imps = lits
                    .iter()
                    .map(|&(l, w)| (g.implication(l, a as i32), w))
                    .collect();
                implications = Some(imps);
            }
            let imps = implications.as_deref().expect("built above");
            body.push(weight_atom(g, imps, total - (hi - certain), 1));
        }
        g.rule(HeadKind::Disjunctive, vec![a], body);
    }
    a as i32
}

/// A helper atom true when `sign * sum(w * l) >= bound`.
fn weight_atom(g: &mut Grounder, lits: &[(i32, i64)], bound: i128, sign: i64) -> i32 {
    let mut wl = Vec::new();
    let mut lower = bound;
    for &(l, w) in lits {
        let w = w * sign;
        if w > 0 {
            wl.push(WeightedLit { lit: l, weight: w });
        } else if w < 0 {
            // The complement of `not a` is `not not a`, never `a`: a negative literal
            // must not turn into a positive dependency.
            let c = g.negate(l);
            wl.push(WeightedLit { lit: c, weight: -w });
            lower -= i128::from(w);
        }
    }
    let h = g.helper();
    let lower = i64::try_from(lower).unwrap_or(i64::MAX);
    g.weight_rule(h, lower, wl);
    h as i32
}
