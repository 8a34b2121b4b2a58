//! Model-guided branch-and-bound optimisation of `#minimize` statements, and
//! brave/cautious consequences.
//!
//! Lexicographic priorities become one weighted sum: each level's sum is shifted to
//! start at 0 and scaled above the range of all lower levels, so a lexicographically
//! smaller cost vector is exactly a smaller sum. After each model the solver gets the
//! weight constraint "sum < this model's sum"; when that is unsatisfiable the last
//! model is optimal (`optN` then enumerates every model with the optimal sum).

use crate::enumerate::Summary;
use crate::lit::Lit;
use crate::minimality::MinimalityCheck;
use crate::program::Translation;
use crate::solver::{AcceptAll, ModelCheck, Outcome, Solver};
use std::time::Instant;

/// The objective: minimize statements grouped by priority, highest first.
#[derive(Clone, Debug)]
pub struct Objective {
    levels: Vec<Vec<(Lit, i64)>>,
    /// Per-level scale of the combined sum.
    scale: Vec<u128>,
}

impl Objective {
    /// Groups the minimize statements of `t` by priority; `None` when the combined
    /// sum would not fit in 64 bits.
    pub fn new(t: &Translation) -> Option<Objective> {
        let mut priorities: Vec<i64> = t.minimize.iter().map(|m| m.0).collect();
        priorities.sort_unstable_by(|a, b| b.cmp(a));
        priorities.dedup();
        let levels: Vec<Vec<(Lit, i64)>> = priorities
            .iter()
            .map(|&p| {
                t.minimize
                    .iter()
                    .filter(|m| m.0 == p)
                    .flat_map(|m| m.1.iter().copied())
                    .filter(|&(l, w)| w != 0 && l != Lit::FALSE)
                    .collect()
            })
            .collect();
        let mut scale = vec![1u128; levels.len()];
        for k in (0..levels.len().saturating_sub(1)).rev() {
            let range: u128 = levels[k + 1]
                .iter()
                .map(|e| e.1.unsigned_abs() as u128)
                .sum();
            scale[k] = scale[k + 1].checked_mul(range + 1)?;
        }
        let total: u128 = levels
            .iter()
            .zip(&scale)
            .map(|(lv, s)| lv.iter().map(|e| e.1.unsigned_abs() as u128).sum::<u128>() * s)
            .sum();
        if total > u64::MAX as u128 / 2 {
            return None;
        }
        Some(Objective { levels, scale })
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
    pub fn costs(&self, value: &[i8]) -> Vec<i64> {
        self.levels
            .iter()
            .map(|lv| {
                lv.iter()
                    .filter(|(l, _)| *l == Lit::TRUE || value[l.index()] == 1)
                    .map(|e| e.1)
                    .sum()
            })
            .collect()
    }

    /// The weighted literals of the combined (non-negative) sum and the sum's value
    /// for a model.
    fn combined(&self, value: Option<&[i8]>) -> (Vec<(Lit, u64)>, u64) {
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
                    if lit == Lit::TRUE || (!lit.is_constant() && v[lit.index()] == 1) {
                        sum += weight;
                    }
                }
                lits.push((lit, weight));
            }
        }
        (lits, sum)
    }

    /// Adds "combined sum <= limit" to `solver`; false when that is impossible.
    /// `bound` is the solver's constraint from an earlier call (tightened in place).
    fn restrict(&self, solver: &mut Solver, limit: Option<u64>, bound: &mut Option<u32>) -> bool {
        let Some(limit) = limit else { return false };
        let (lits, _) = self.combined(None);
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

/// What the optimisation should do.
#[derive(Clone, Debug, Default)]
pub struct OptimizeOptions {
    /// Enumerate all optimal models after finding the optimum (`optN`).
    pub all_optimal: bool,
    /// With `all_optimal`: stop after this many optimal models (0: all).
    pub models: u64,
    /// Stop at this instant.
    pub deadline: Option<Instant>,
    /// Initial bounds (`--opt-mode=MODE,B1,B2...`): only models whose cost vector is
    /// lexicographically at most these count.
    pub bounds: Vec<i64>,
    /// `--opt-mode=enum`: enumerate the models within the bounds, without improving.
    pub enumerate: bool,
}

/// The result of an optimisation.
#[derive(Clone, Debug, Default)]
pub struct OptimizeSummary {
    /// Models, optimality of the last and so on.
    pub summary: Summary,
    /// The best cost vector found.
    pub best: Option<Vec<i64>>,
    /// The optimum was proven.
    pub proven: bool,
    /// Optimal models printed in the `optN` phase.
    pub optimal_models: u64,
}

fn checker<'a>(
    t: &'a Translation,
    m: &'a mut Option<MinimalityCheck<'a>>,
    a: &'a mut AcceptAll,
) -> &'a mut dyn ModelCheck {
    if t.non_hcf {
        *m = Some(MinimalityCheck {
            rules: &t.rules,
            atoms: &t.atom_lits,
            rejected: 0,
        });
        m.as_mut().expect("just set")
    } else {
        a
    }
}

/// Finds an optimal model (and with `all_optimal` every optimal model), calling
/// `on_model` with each model and its cost vector.
///
/// `on_model` also learns whether the model is the first of the `optN` phase, in which
/// clasp numbers models from 1 again.
pub fn optimize(
    t: &Translation,
    objective: &Objective,
    opts: &OptimizeOptions,
    mut on_model: impl FnMut(&[i8], &[i64], bool),
) -> OptimizeSummary {
    let start = Instant::now();
    let mut result = OptimizeSummary::default();
    let mut best_sum = None;
    let mut bound = None;
    let initial = if opts.bounds.is_empty() {
        None
    } else {
        match objective.limit(&opts.bounds) {
            Some(limit) => Some(limit),
            None => {
                result.summary.exhausted = true;
                return result;
            }
        }
    };
    if opts.enumerate {
        return enumerate_within(t, objective, opts, initial, on_model);
    }
    {
        let mut solver = Solver::new(&t.formula);
        if initial.is_some() && !objective.restrict(&mut solver, initial, &mut bound) {
            result.summary.exhausted = true;
            return result;
        }
        let (mut m, mut a) = (None, AcceptAll);
        let check = checker(t, &mut m, &mut a);
        loop {
            match solver.search(check, opts.deadline) {
                Outcome::Exhausted => {
                    result.summary.exhausted = true;
                    result.proven = result.best.is_some();
                    break;
                }
                Outcome::Interrupted => {
                    result.summary.interrupted = true;
                    break;
                }
                Outcome::Model => {}
            }
            result.summary.models += 1;
            if result.summary.first_model.is_none() {
                result.summary.first_model = Some(start.elapsed().as_secs_f64());
            }
            let costs = objective.costs(solver.values());
            let (_, sum) = objective.combined(Some(solver.values()));
            on_model(solver.values(), &costs, false);
            result.best = Some(costs);
            best_sum = Some(sum);
            solver.cancel_until(0);
            if !objective.restrict(&mut solver, sum.checked_sub(1), &mut bound) {
                result.summary.exhausted = true;
                result.proven = true;
                break;
            }
        }
        result.summary.stats = solver.stats;
    }
    if !(opts.all_optimal && result.proven) {
        return result;
    }
    let mut solver = Solver::with_auxiliary_decisions(&t.formula, false);
    objective.restrict(&mut solver, best_sum, &mut None);
    let (mut m, mut a) = (None, AcceptAll);
    let check = checker(t, &mut m, &mut a);
    loop {
        match solver.search(check, opts.deadline) {
            Outcome::Exhausted => break,
            Outcome::Interrupted => {
                result.summary.interrupted = true;
                break;
            }
            Outcome::Model => {}
        }
        result.summary.models += 1;
        result.optimal_models += 1;
        let costs = objective.costs(solver.values());
        on_model(solver.values(), &costs, result.optimal_models == 1);
        if !solver.backtrack_model() || (opts.models != 0 && result.optimal_models >= opts.models) {
            break;
        }
    }
    result
}

/// `--opt-mode=enum`: every model whose combined cost is at most `limit` (all without
/// one), with its costs.
fn enumerate_within(
    t: &Translation,
    objective: &Objective,
    opts: &OptimizeOptions,
    limit: Option<u64>,
    mut on_model: impl FnMut(&[i8], &[i64], bool),
) -> OptimizeSummary {
    let start = Instant::now();
    let mut result = OptimizeSummary::default();
    let mut solver = Solver::with_auxiliary_decisions(&t.formula, false);
    if limit.is_some() && !objective.restrict(&mut solver, limit, &mut None) {
        result.summary.exhausted = true;
        return result;
    }
    let (mut m, mut a) = (None, AcceptAll);
    let check = checker(t, &mut m, &mut a);
    loop {
        match solver.search(check, opts.deadline) {
            Outcome::Exhausted => {
                result.summary.exhausted = true;
                break;
            }
            Outcome::Interrupted => {
                result.summary.interrupted = true;
                break;
            }
            Outcome::Model => {}
        }
        result.summary.models += 1;
        if result.summary.first_model.is_none() {
            result.summary.first_model = Some(start.elapsed().as_secs_f64());
        }
        let costs = objective.costs(solver.values());
        on_model(solver.values(), &costs, false);
        if !solver.backtrack_model() {
            result.summary.exhausted = true;
            break;
        }
        if opts.models != 0 && result.summary.models >= opts.models {
            break;
        }
    }
    result.proven = result.summary.exhausted;
    result.summary.stats = solver.stats;
    result
}

/// Brave (`brave = true`: union) or cautious (intersection) consequences over all
/// answer sets. `on_step` gets the current consequences as per-literal values after
/// each model.
pub fn consequences(
    t: &Translation,
    brave: bool,
    deadline: Option<Instant>,
    mut on_step: impl FnMut(&[i8]),
) -> Summary {
    let start = Instant::now();
    let mut summary = Summary::default();
    let mut solver = Solver::with_auxiliary_decisions(&t.formula, false);
    let (mut m, mut a) = (None, AcceptAll);
    let check = checker(t, &mut m, &mut a);
    let mut current: Vec<i8> = vec![0; 2 * t.formula.num_vars as usize];
    current[Lit::TRUE.index()] = 1;
    current[Lit::FALSE.index()] = -1;
    let mut first = true;
    loop {
        match solver.search(check, deadline) {
            Outcome::Exhausted => {
                summary.exhausted = true;
                break;
            }
            Outcome::Interrupted => {
                summary.interrupted = true;
                break;
            }
            Outcome::Model => {}
        }
        summary.models += 1;
        if summary.first_model.is_none() {
            summary.first_model = Some(start.elapsed().as_secs_f64());
        }
        for &atom in &t.atom_lits {
            let truth = solver.value(atom) == 1;
            let now = current[atom.index()] == 1;
            let keep = if first {
                truth
            } else if brave {
                now || truth
            } else {
                now && truth
            };
            current[atom.index()] = if keep { 1 } else { -1 };
            current[(!atom).index()] = -current[atom.index()];
        }
        first = false;
        on_step(&current);
        // Some atom must leave (cautious) or join (brave) the consequences.
        let clause: Vec<Lit> = t
            .atom_lits
            .iter()
            .filter(|&&a| (current[a.index()] == 1) != brave)
            .map(|&a| if brave { a } else { !a })
            .collect();
        if !solver.block(clause) {
            summary.exhausted = true;
            break;
        }
    }
    summary.stats = solver.stats;
    summary
}
