//! The objective of `#minimize` statements and the bound constraints that restrict
//! a solver to cheaper models.
//!
//! Lexicographic priorities become one weighted sum: each level's sum is shifted to
//! start at 0 and scaled above the range of all lower levels, so a lexicographically
//! smaller cost vector is exactly a smaller sum. When the levels do not fit in one
//! 64-bit sum, each level gets a bound of its own.

use crate::lit::{Lit, Value};
use crate::program::Translation;
use crate::search::Solver;

/// The objective: minimize statements grouped by priority, highest first.
#[derive(Clone, Debug)]
pub struct Objective {
    levels: Vec<Vec<(Lit, i64)>>,
    /// Per-level scale of the combined sum.
    scale: Vec<u128>,
    /// The combined sum fits in 64 bits.
    one_sum: bool,
}

impl Objective {
    /// Groups the minimize statements of `translation` by priority; `None` when one level's
    /// sum would not fit in 64 bits. When all levels together do not fit in one
    /// scaled sum, [`optimize`] compares them level by level instead.
    pub fn new(translation: &Translation) -> Option<Objective> {
        let mut priorities: Vec<i64> = translation.minimize.iter().map(|m| m.0).collect();
        priorities.sort_unstable_by(|a, b| b.cmp(a));
        priorities.dedup();
        let levels: Vec<Vec<(Lit, i64)>> = priorities
            .iter()
            .map(|&p| {
                translation
                    .minimize
                    .iter()
                    .filter(|m| m.0 == p)
                    .flat_map(|m| m.1.iter().copied())
                    .filter(|&(l, w)| w != 0 && l != Lit::FALSE)
                    .collect()
            })
            .collect();
        let ranges: Vec<u128> = levels
            .iter()
            .map(|lv| lv.iter().map(|e| e.1.unsigned_abs() as u128).sum())
            .collect();
        if ranges.iter().any(|&r| r > u64::MAX as u128 / 2) {
            return None;
        }
        let mut scale = Some(vec![1u128; levels.len()]);
        if let Some(sc) = scale.as_mut() {
            let mut fits = true;
            for k in (0..levels.len().saturating_sub(1)).rev() {
                match sc[k + 1].checked_mul(ranges[k + 1] + 1) {
                    Some(v) if v <= u64::MAX as u128 => sc[k] = v,
                    _ => fits = false,
                }
            }
            let total = ranges
                .iter()
                .zip(sc.iter())
                .try_fold(0u128, |acc, (r, s)| acc.checked_add(r.checked_mul(*s)?));
            if !fits || total.is_none_or(|t| t > u64::MAX as u128 / 2) {
                scale = None;
            }
        }
        let fits = scale.is_some();
        let scale = scale.unwrap_or_else(|| vec![1; levels.len()]);
        Some(Objective {
            levels,
            scale,
            one_sum: fits,
        })
    }

    /// Whether all levels fit in one scaled sum (else initial bounds and
    /// `--opt-mode=enum` are not available).
    pub fn one_sum(&self) -> bool {
        self.one_sum
    }

    /// The weighted literals (non-negative weights) of level `k`'s sum shifted to
    /// start at 0, and that shift (the sum of the negative weights).
    pub(crate) fn level_lits(&self, k: usize) -> (Vec<(Lit, u64)>, i64) {
        let mut lowest = 0i64;
        let lits = self.levels[k]
            .iter()
            .map(|&(l, w)| {
                if w > 0 {
                    (l, w as u64)
                } else {
                    lowest += w;
                    (!l, w.unsigned_abs())
                }
            })
            .collect();
        (lits, lowest)
    }

    /// The number of priority levels.
    pub fn num_levels(&self) -> usize {
        self.levels.len()
    }

    /// The largest combined sum of a cost vector lexicographically at most `bounds`
    /// (highest priority first; levels without a bound are unbounded), or `None` when
    /// no cost vector is that small.
    pub fn limit(&self, bounds: &[i64]) -> Option<u64> {
        let mut prefix: u128 = 0;
        for (k, (lv, &scale)) in self.levels.iter().zip(&self.scale).enumerate() {
            // The level's sum ranges over [lowest, lowest + range].
            let lowest: i128 = lv.iter().filter(|e| e.1 < 0).map(|e| e.1 as i128).sum();
            let range: u128 = lv.iter().map(|e| e.1.unsigned_abs() as u128).sum();
            let Some(&bound) = bounds.get(k) else {
                let rest: u128 = self.levels[k..]
                    .iter()
                    .zip(&self.scale[k..])
                    .map(|(lv, s)| lv.iter().map(|e| e.1.unsigned_abs() as u128).sum::<u128>() * s)
                    .sum();
                return u64::try_from(prefix + rest).ok();
            };
            let shifted = bound as i128 - lowest;
            if shifted < 0 {
                // Only a smaller prefix fits.
                return prefix.checked_sub(1).map(|p| p as u64);
            }
            if shifted as u128 > range {
                return self.limit(&bounds[..k]);
            }
            prefix += shifted as u128 * scale;
        }
        u64::try_from(prefix).ok()
    }

    /// The cost vector of a model.
    pub fn costs(&self, value: &[Value]) -> Vec<i64> {
        self.levels
            .iter()
            .map(|lv| {
                lv.iter()
                    .filter(|(l, _)| *l == Lit::TRUE || value[l.index()] == Value::True)
                    .map(|e| e.1)
                    .sum()
            })
            .collect()
    }

    /// The weighted literals of the combined (non-negative) sum and the sum's value
    /// for a model.
    fn combined(&self, value: Option<&[Value]>) -> (Vec<(Lit, u64)>, u64) {
        let mut lits = Vec::new();
        let mut sum = 0u64;
        for (lv, &s) in self.levels.iter().zip(&self.scale) {
            for &(l, w) in lv {
                // w * l == w + |w| * not l for negative w.
                let (lit, weight) = if w > 0 {
                    (l, w as u64)
                } else {
                    (!l, w.unsigned_abs())
                };
                let weight = weight * s as u64;
                if let Some(v) = value {
                    if lit == Lit::TRUE || (!lit.is_constant() && v[lit.index()] == Value::True) {
                        sum += weight;
                    }
                }
                lits.push((lit, weight));
            }
        }
        (lits, sum)
    }

    /// The combined (non-negative, scaled) cost of a model: smaller is better.
    pub fn combined_cost(&self, value: &[Value]) -> u64 {
        self.combined(Some(value)).1
    }

    /// Adds "combined sum <= limit" to `solver` (a fresh constraint, or the one
    /// added before, tightened); false when that is impossible.
    pub fn restrict_solver(&self, solver: &mut Solver, limit: u64) -> bool {
        let (lits, _) = self.combined(None);
        let mut bound = solver.bound_constraint;
        let ok = restrict_lits(solver, lits, limit, &mut bound);
        solver.bound_constraint = bound;
        ok
    }

    /// The value of level `k` in the cost vector `costs`, shifted to start at 0.
    pub(crate) fn shifted(&self, k: usize, costs: &[i64]) -> u64 {
        let (_, lowest) = self.level_lits(k);
        (costs[k] as i128 - lowest as i128) as u64
    }

    /// Adds "level `k`'s shifted sum <= limit" to `solver` (a fresh constraint, or
    /// the one added before, tightened); false when that is impossible.
    pub(crate) fn restrict_level(&self, solver: &mut Solver, k: usize, limit: u64) -> bool {
        let mut bound = solver.bound_constraint;
        let ok = restrict_lits(solver, self.level_lits(k).0, limit, &mut bound);
        solver.bound_constraint = bound;
        ok
    }

    /// Adds "level `k`'s shifted sum <= `values[k]`" for each level `values` covers
    /// to `solver` (fresh constraints); false when that is impossible.
    pub(crate) fn fix_levels(&self, solver: &mut Solver, values: &[u64]) -> bool {
        let mut ok = true;
        for (k, &value) in values.iter().enumerate() {
            ok &= restrict_lits(solver, self.level_lits(k).0, value, &mut None);
        }
        ok
    }

    /// The lowest decision level at which "combined sum <= `limit`" propagates or is
    /// violated under the (total) assignment of `solver`.
    pub(crate) fn propagating_level(&self, solver: &Solver, limit: u64) -> u32 {
        propagating_level(solver, &self.combined(None).0, limit)
    }
}

/// Adds "sum of the weights of the true `lits` <= limit" to `solver`; false when that
/// is impossible. `bound` is the solver's constraint from an earlier call (tightened
/// in place).
fn restrict_lits(
    solver: &mut Solver,
    lits: Vec<(Lit, u64)>,
    limit: u64,
    bound: &mut Option<u32>,
) -> bool {
    {
        let mut constant = 0u64;
        let mut rest = Vec::new();
        for (l, w) in lits {
            match l {
                Lit::TRUE => constant += w,
                Lit::FALSE => {}
                _ => rest.push((!l, w)),
            }
        }
        if constant > limit {
            return false;
        }
        // sum(w * l) <= limit  <=>  sum(w * not l) >= total - limit.
        let total: u64 = rest.iter().map(|e| e.1).sum();
        let limit = limit - constant;
        if total > limit {
            match *bound {
                Some(c) => solver.tighten_weight(c, total - limit),
                None => *bound = Some(solver.add_weight_in_search(total - limit, rest)),
            }
        }
        true
    }
}

/// The lowest decision level at which "sum of the weights of the true `lits` <=
/// `limit`" propagates or is violated under the (total) assignment of `solver`:
/// where the true literals up to that level leave less room than some literal
/// not yet assigned there weighs.
fn propagating_level(solver: &Solver, lits: &[(Lit, u64)], limit: u64) -> u32 {
    let mut by_level: Vec<(u32, bool, u64)> = lits
        .iter()
        .filter(|(l, _)| !l.is_constant())
        .map(|&(l, w)| (solver.level_of(l), solver.value(l) == Value::True, w))
        .collect();
    let constant: u64 = lits.iter().filter(|e| e.0 == Lit::TRUE).map(|e| e.1).sum();
    by_level.sort_unstable_by_key(|e| e.0);
    // Heaviest weight of the literals assigned above each level: suffix maxima.
    let mut heavier_later = vec![0u64; by_level.len() + 1];
    for i in (0..by_level.len()).rev() {
        heavier_later[i] = heavier_later[i + 1].max(by_level[i].2);
    }
    // Between two levels that assign objective literals nothing changes: check level
    // 0 and each such level, with the literals up to it.
    let mut true_sum = constant;
    let mut i = 0;
    let mut level = 0;
    loop {
        while i < by_level.len() && by_level[i].0 == level {
            if by_level[i].1 {
                true_sum += by_level[i].2;
            }
            i += 1;
        }
        if true_sum > limit || true_sum + heavier_later[i] > limit {
            return level;
        }
        match by_level.get(i) {
            Some(e) => level = e.0,
            None => return solver.decision_level(),
        }
    }
}
