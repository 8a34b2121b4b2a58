//! Model-guided branch-and-bound optimisation of `#minimize` statements, and
//! brave/cautious consequences.
//!
//! Lexicographic priorities become one weighted sum: each level's sum is shifted to
//! start at 0 and scaled above the range of all lower levels, so a lexicographically
//! smaller cost vector is exactly a smaller sum. After each model the solver gets the
//! weight constraint "sum < this model's sum"; when that is unsatisfiable the last
//! model is optimal (`optN` then enumerates every model with the optimal sum).

use crate::enumerate::Summary;
use crate::lit::{Lit, Value};
use crate::minimality::MinimalityCheck;
use crate::program::Translation;
use crate::search::{AcceptAll, ModelCheck, Outcome, Solver};
use std::time::Instant;

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
    /// Groups the minimize statements of `t` by priority; `None` when one level's
    /// sum would not fit in 64 bits. When all levels together do not fit in one
    /// scaled sum, [`optimize`] compares them level by level instead.
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

    /// Adds "combined sum <= limit" to `solver`; false when that is impossible.
    /// `bound` is the solver's constraint from an earlier call (tightened in place).
    fn restrict(&self, solver: &mut Solver, limit: Option<u64>, bound: &mut Option<u32>) -> bool {
        let Some(limit) = limit else { return false };
        let (lits, _) = self.combined(None);
        restrict_lits(solver, lits, limit, bound)
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

/// What the optimisation should do.
#[derive(Clone, Debug, Default)]
pub struct OptimizeOptions {
    /// Enumerate all optimal models after finding the optimum (`optN`).
    pub all_optimal: bool,
    /// With `all_optimal`: stop after this many optimal models; else after this many
    /// models, proven optimal or not (0: no limit; clasp's `-n`).
    pub models: u64,
    /// Stop at this instant.
    pub deadline: Option<Instant>,
    /// Initial bounds (`--opt-mode=MODE,B1,B2...`): only models whose cost vector is
    /// lexicographically at most these count.
    pub bounds: Vec<i64>,
    /// `--opt-mode=enum`: enumerate the models within the bounds, without improving.
    pub enumerate: bool,
}

impl OptimizeOptions {
    /// Whether `-n` ends the search for better models after `models` of them.
    pub fn enough_models(&self, models: u64) -> bool {
        !self.all_optimal && self.models != 0 && models >= self.models
    }
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
    /// `-n` stopped the `optN` phase while more optimal models may exist.
    pub limited: bool,
}

pub(crate) fn checker<'a>(
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
    mut on_model: impl FnMut(&[Value], &[i64], bool),
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
    if !objective.one_sum {
        return by_levels(t, objective, opts, on_model);
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
            result.summary.note_model_time(start);
            let costs = objective.costs(solver.values());
            let (_, sum) = objective.combined(Some(solver.values()));
            on_model(solver.values(), &costs, false);
            result.best = Some(costs);
            best_sum = Some(sum);
            if opts.enough_models(result.summary.models) {
                break;
            }
            // No restart: back to the first level where the tighter bound propagates
            // (it is violated at the latest where the cost got too high), as clasp
            // does; the levels below stay at their fixpoint.
            if let Some(limit) = sum.checked_sub(1) {
                let level = propagating_level(&solver, &objective.combined(None).0, limit);
                solver.cancel_until(level);
            }
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
    enumerate_optimal(
        &mut solver,
        check,
        objective,
        opts,
        &mut result,
        &mut on_model,
    );
    result
}

/// Optimisation one level at a time, for objectives whose levels do not fit in one
/// scaled sum: each level gets its own bound constraint, levels already optimal are
/// fixed at their optimum in a fresh solver, so every model printed is
/// lexicographically better than the one before.
fn by_levels(
    t: &Translation,
    objective: &Objective,
    opts: &OptimizeOptions,
    mut on_model: impl FnMut(&[Value], &[i64], bool),
) -> OptimizeSummary {
    let start = Instant::now();
    let mut result = OptimizeSummary::default();
    // The shifted optimum of each level settled so far.
    let mut fixed: Vec<u64> = Vec::new();
    let levels = objective.levels.len();
    let shifted = |k: usize, costs: &[i64]| -> u64 {
        let (_, lowest) = objective.level_lits(k);
        (costs[k] as i128 - lowest as i128) as u64
    };
    // A fresh solver with the settled levels fixed and level `k` below `limit`.
    let setup = |fixed: &[u64], k: usize, limit: Option<u64>, bound: &mut Option<u32>| {
        let mut solver = Solver::new(&t.formula);
        let mut ok = true;
        for (j, &value) in fixed.iter().enumerate() {
            ok &= restrict_lits(&mut solver, objective.level_lits(j).0, value, &mut None);
        }
        if let Some(limit) = limit {
            ok &= k < levels && restrict_lits(&mut solver, objective.level_lits(k).0, limit, bound);
        }
        (solver, ok)
    };
    let (mut m, mut a) = (None, AcceptAll);
    let check = checker(t, &mut m, &mut a);
    for k in 0..levels {
        let mut bound = None;
        let limit = result.best.as_ref().map(|b| shifted(k, b).checked_sub(1));
        let (mut solver, ok) = match limit {
            Some(None) => (Solver::new(&t.formula), false),
            Some(Some(l)) => setup(&fixed, k, Some(l), &mut bound),
            None => setup(&fixed, k, None, &mut bound),
        };
        if ok {
            loop {
                match solver.search(check, opts.deadline) {
                    Outcome::Exhausted => break,
                    Outcome::Interrupted => {
                        result.summary.interrupted = true;
                        result.summary.stats = solver.stats;
                        return result;
                    }
                    Outcome::Model => {}
                }
                result.summary.models += 1;
                result.summary.note_model_time(start);
                let costs = objective.costs(solver.values());
                on_model(solver.values(), &costs, false);
                let value = shifted(k, &costs);
                result.best = Some(costs);
                if opts.enough_models(result.summary.models) {
                    result.summary.stats = solver.stats;
                    return result;
                }
                solver.cancel_until(0);
                let Some(limit) = value.checked_sub(1) else {
                    break;
                };
                if !restrict_lits(&mut solver, objective.level_lits(k).0, limit, &mut bound) {
                    break;
                }
            }
        }
        result.summary.stats = solver.stats;
        match &result.best {
            Some(best) => fixed.push(shifted(k, best)),
            None => {
                result.summary.exhausted = true;
                return result;
            }
        }
    }
    result.summary.exhausted = true;
    result.proven = true;
    if !opts.all_optimal {
        return result;
    }
    let mut solver = Solver::with_auxiliary_decisions(&t.formula, false);
    for (j, &value) in fixed.iter().enumerate() {
        restrict_lits(&mut solver, objective.level_lits(j).0, value, &mut None);
    }
    enumerate_optimal(
        &mut solver,
        check,
        objective,
        opts,
        &mut result,
        &mut on_model,
    );
    result
}

/// The `optN` phase after an optimum `best` (a cost vector) was proven: every model
/// with each level at its optimum, numbered from 1.
pub(crate) fn enumerate_all_optimal(
    t: &Translation,
    objective: &Objective,
    opts: &OptimizeOptions,
    best: &[i64],
    result: &mut OptimizeSummary,
    on_model: &mut impl FnMut(&[Value], &[i64], bool),
) {
    let mut solver = Solver::with_auxiliary_decisions(&t.formula, false);
    for (k, &cost) in best.iter().enumerate() {
        let (lits, lowest) = objective.level_lits(k);
        let value = (cost as i128 - lowest as i128) as u64;
        restrict_lits(&mut solver, lits, value, &mut None);
    }
    let (mut m, mut a) = (None, AcceptAll);
    let check = checker(t, &mut m, &mut a);
    enumerate_optimal(&mut solver, check, objective, opts, result, on_model);
}

/// Enumerates every model `solver` has left (all optimal: its bounds are fixed at the
/// optimum), counting them in `result` and numbering the optimal models from 1.
fn enumerate_optimal(
    solver: &mut Solver,
    check: &mut dyn ModelCheck,
    objective: &Objective,
    opts: &OptimizeOptions,
    result: &mut OptimizeSummary,
    on_model: &mut impl FnMut(&[Value], &[i64], bool),
) {
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
        if !solver.backtrack_model() {
            break;
        }
        if opts.models != 0 && result.optimal_models >= opts.models {
            result.limited = true;
            break;
        }
    }
}

/// `--opt-mode=enum`: every model whose combined cost is at most `limit` (all without
/// one), with its costs.
fn enumerate_within(
    t: &Translation,
    objective: &Objective,
    opts: &OptimizeOptions,
    limit: Option<u64>,
    mut on_model: impl FnMut(&[Value], &[i64], bool),
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
        result.summary.note_model_time(start);
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

/// Folds a model (`values`) into the consequence estimate `current`: its atoms
/// (`first`), their union with the estimate (`brave`) or the intersection.
pub(crate) fn update_estimate(
    t: &Translation,
    brave: bool,
    first: bool,
    current: &mut [Value],
    values: &[Value],
) {
    for &atom in &t.atom_lits {
        let truth = values[atom.index()] == Value::True;
        let now = current[atom.index()] == Value::True;
        let keep = if first {
            truth
        } else if brave {
            now || truth
        } else {
            now && truth
        };
        current[atom.index()] = Value::from_bool(keep);
        current[(!atom).index()] = !current[atom.index()];
    }
}

/// The clause every model that changes the estimate satisfies: some atom must join
/// (brave) or leave (cautious) the consequences.
pub(crate) fn estimate_changing_clause(
    t: &Translation,
    brave: bool,
    current: &[Value],
) -> Vec<Lit> {
    t.atom_lits
        .iter()
        .filter(|&&a| (current[a.index()] == Value::True) != brave)
        .map(|&a| if brave { a } else { !a })
        .collect()
}

/// Brave (`brave = true`: union) or cautious (intersection) consequences over all
/// answer sets. `on_step` gets the current consequences as per-literal values after
/// each model.
pub fn consequences(
    t: &Translation,
    brave: bool,
    deadline: Option<Instant>,
    mut on_step: impl FnMut(&[Value], &[Value]),
) -> Summary {
    let start = Instant::now();
    let mut summary = Summary::default();
    let mut solver = Solver::with_auxiliary_decisions(&t.formula, false);
    let (mut m, mut a) = (None, AcceptAll);
    let check = checker(t, &mut m, &mut a);
    let mut current: Vec<Value> = vec![Value::Unassigned; 2 * t.formula.num_vars as usize];
    current[Lit::TRUE.index()] = Value::True;
    current[Lit::FALSE.index()] = Value::False;
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
        summary.note_model_time(start);
        update_estimate(t, brave, first, &mut current, solver.values());
        first = false;
        on_step(&current, &solver.root_values());
        let clause = estimate_changing_clause(t, brave, &current);
        if !solver.block(clause) {
            summary.exhausted = true;
            break;
        }
    }
    summary.stats = solver.stats;
    summary
}
