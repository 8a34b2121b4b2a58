//! Model-guided optimisation of `#minimize` statements: branch and bound, and the
//! tasks around it (`optN`'s optimal models, `--opt-mode=enum`'s models within
//! bounds, and level-by-level bounds for objectives too large for one sum).
//!
//! After each model the solver gets the weight constraint "sum < this model's sum"
//! ([`Objective`]); when that is unsatisfiable the last model is optimal (`optN` then
//! enumerates every model with the optimal sum). Every task runs in the model loop
//! ([`crate::model_loop`]).

use crate::enumerate::{exclude_model, SeenProjections};
use crate::lit::{Lit, Value};
use crate::model_loop::{drive, Driver, Ending, Found, ModelTask, Next, Summary};
use crate::parallel::Division;
use crate::program::Translation;
use crate::search::Solver;
use std::sync::Mutex;
use std::time::Instant;

pub use crate::objective::Objective;

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
    /// `--project`: the models enumerated within bounds or at the optimum (`optN`)
    /// are reported once per projection onto these literals.
    pub project: Option<Vec<Lit>>,
}

impl OptimizeSummary {
    /// Takes a model that improves on the ones before (found `start` after the
    /// search began): counts it, passes it to `on_model` and keeps its costs.
    pub(crate) fn improved(
        &mut self,
        start: Instant,
        (values, costs): CostedModel,
        on_model: &mut impl FnMut(&[Value], &[i64], bool),
    ) {
        self.summary.models += 1;
        self.summary.note_model_time(start);
        on_model(&values, &costs, false);
        self.best = Some(costs);
    }

    /// Takes over how the search for the optimum ended: searched to the end after a
    /// model, the best model is optimal.
    pub(crate) fn search_ended(&mut self, ending: &Ending) {
        self.summary.record(ending);
        self.proven = ending.exhausted && self.best.is_some();
    }
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

/// A model and its cost vector.
pub(crate) type CostedModel = (Vec<Value>, Vec<i64>);

/// Branch and bound over the combined sum: each model restricts the solver to
/// cheaper ones. In parallel the solvers share the best sum.
struct BranchAndBound<'a> {
    objective: &'a Objective,
    /// The initial bound (`--opt-mode=opt,B...`).
    initial: Option<u64>,
    /// The combined cost of the best model so far.
    best: Mutex<Option<u64>>,
}

impl BranchAndBound<'_> {
    /// Restricts `solver` below the best sum (else to the initial bound); false when
    /// nothing is left.
    fn restrict(&self, solver: &mut Solver, backjump: Option<u32>) -> bool {
        let limit = match *self.best.lock().expect("no thread panics holding the lock") {
            Some(best) => best.checked_sub(1),
            None => match self.initial {
                Some(limit) => Some(limit),
                None => return true,
            },
        };
        let Some(limit) = limit else { return false };
        solver.cancel_until(backjump.unwrap_or(0));
        self.objective.restrict_solver(solver, limit)
    }
}

impl ModelTask for BranchAndBound<'_> {
    type Report = CostedModel;

    fn decide_auxiliary(&self) -> bool {
        true
    }

    fn setup(&self, solver: &mut Solver) -> bool {
        self.restrict(solver, None)
    }

    fn found(&self, solver: &mut Solver, found: &mut Found<Self::Report>) -> Next {
        let sum = self.objective.combined_cost(solver.values());
        {
            let mut best = self.best.lock().expect("no thread panics holding the lock");
            if best.is_none_or(|b| sum < b) {
                *best = Some(sum);
                let costs = self.objective.costs(solver.values());
                // Reported under the lock: models arrive in order of improvement.
                found.report((solver.values().to_vec(), costs));
                found.bound_improved();
            }
        }
        found.bound_seen(solver);
        if found.stopped() {
            return Next::Search;
        }
        // Alone, no restart: back to the first level where the tighter bound
        // propagates (it is violated at the latest where the cost got too high), as
        // clasp does; the levels below stay at their fixpoint. (With other solvers
        // the bound may be theirs: back to the root.)
        let backjump = match sum.checked_sub(1) {
            Some(limit) if !found.concurrent() => {
                Some(self.objective.propagating_level(solver, limit))
            }
            _ => None,
        };
        if self.restrict(solver, backjump) {
            Next::Search
        } else {
            Next::PartDone
        }
    }

    fn tighten(&self, solver: &mut Solver) -> bool {
        self.restrict(solver, None)
    }
}

/// Optimisation one level at a time, for objectives whose levels do not fit in one
/// scaled sum: each level gets its own bound constraint, levels already optimal are
/// fixed at their optimum in a fresh solver, so every model reported is
/// lexicographically better than the one before. Sequential only.
struct ByLevels<'a> {
    objective: &'a Objective,
    state: Mutex<LevelState>,
}

/// Where [`ByLevels`] is.
#[derive(Default)]
struct LevelState {
    /// The level being optimised.
    level: usize,
    /// The shifted optimum of each level settled so far.
    fixed: Vec<u64>,
    /// The best cost vector so far.
    best: Option<Vec<i64>>,
}

impl ModelTask for ByLevels<'_> {
    type Report = CostedModel;

    fn decide_auxiliary(&self) -> bool {
        true
    }

    fn setup(&self, solver: &mut Solver) -> bool {
        let state = self
            .state
            .lock()
            .expect("no thread panics holding the lock");
        let k = state.level;
        let limit = state
            .best
            .as_ref()
            .map(|b| self.objective.shifted(k, b).checked_sub(1));
        match limit {
            Some(None) => false,
            Some(Some(limit)) => {
                let fixed = self.objective.fix_levels(solver, &state.fixed);
                fixed
                    & (k < self.objective.num_levels()
                        && self.objective.restrict_level(solver, k, limit))
            }
            None => self.objective.fix_levels(solver, &state.fixed),
        }
    }

    fn found(&self, solver: &mut Solver, found: &mut Found<Self::Report>) -> Next {
        let mut state = self
            .state
            .lock()
            .expect("no thread panics holding the lock");
        let k = state.level;
        let costs = self.objective.costs(solver.values());
        let value = self.objective.shifted(k, &costs);
        found.report((solver.values().to_vec(), costs.clone()));
        state.best = Some(costs);
        if found.stopped() {
            return Next::Search;
        }
        solver.cancel_until(0);
        match value.checked_sub(1) {
            Some(limit) if self.objective.restrict_level(solver, k, limit) => Next::Search,
            _ => Next::PartDone,
        }
    }

    fn next_solver(&self) -> bool {
        let mut state = self
            .state
            .lock()
            .expect("no thread panics holding the lock");
        let Some(best) = &state.best else {
            return false;
        };
        let value = self.objective.shifted(state.level, best);
        state.fixed.push(value);
        state.level += 1;
        state.level < self.objective.num_levels()
    }
}

/// Every model the solver's bounds admit (`--opt-mode=enum` within bounds, and the
/// optimal models of `optN` with the bounds at the optimum), each once.
struct BoundedModels<'a> {
    objective: &'a Objective,
    bound: Bound,
    project: Option<&'a [Lit]>,
}

/// The bound of [`BoundedModels`].
pub(crate) enum Bound {
    /// None at all.
    Unbounded,
    /// The combined sum at most this.
    Sum(u64),
    /// Each level's shifted sum at most its value here.
    Levels(Vec<u64>),
}

impl ModelTask for BoundedModels<'_> {
    type Report = Vec<Value>;

    fn decide_auxiliary(&self) -> bool {
        false
    }

    fn setup(&self, solver: &mut Solver) -> bool {
        match &self.bound {
            Bound::Unbounded => true,
            Bound::Sum(limit) => self.objective.restrict_solver(solver, *limit),
            Bound::Levels(values) => self.objective.fix_levels(solver, values),
        }
    }

    fn found(&self, solver: &mut Solver, found: &mut Found<Self::Report>) -> Next {
        found.report(solver.values().to_vec());
        exclude_model(solver, self.project)
    }
}

/// Finds an optimal model (and with `all_optimal` every optimal model), calling
/// `on_model` with each model and its cost vector.
///
/// `on_model` also learns whether the model is the first of the `optN` phase, in which
/// clasp numbers models from 1 again.
pub fn optimize(
    translation: &Translation,
    objective: &Objective,
    opts: &OptimizeOptions,
    on_model: impl FnMut(&[Value], &[i64], bool),
) -> OptimizeSummary {
    optimize_with(translation, objective, opts, Driver::Sequential, on_model)
}

/// [`optimize`] with `driver`: in parallel, differently configured solvers race for
/// the optimum (each bounded by the best model any of them found), and the models
/// within bounds and the optimal models are enumerated by splitting the space.
/// Objectives that do not fit one sum are optimised sequentially only.
pub fn optimize_with(
    translation: &Translation,
    objective: &Objective,
    opts: &OptimizeOptions,
    driver: Driver,
    mut on_model: impl FnMut(&[Value], &[i64], bool),
) -> OptimizeSummary {
    let start = Instant::now();
    let mut result = OptimizeSummary::default();
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
        let bound = initial.map_or(Bound::Unbounded, Bound::Sum);
        let ending = drive_bounded(translation, objective, opts, driver, bound, |values| {
            result.summary.models += 1;
            result.summary.note_model_time(start);
            on_model(&values, &objective.costs(&values), false);
            opts.models == 0 || result.summary.models < opts.models
        });
        result.summary.record(&ending);
        result.proven = ending.exhausted;
        return result;
    }
    let mut report = |model| {
        result.improved(start, model, &mut on_model);
        !opts.enough_models(result.summary.models)
    };
    let (ending, optimum) = if objective.one_sum() {
        let task = BranchAndBound {
            objective,
            initial,
            best: Mutex::new(None),
        };
        let driver = with_division(driver, Division::Compete);
        let ending = drive(driver, translation, &task, opts.deadline, &mut report);
        let best = task
            .best
            .into_inner()
            .expect("no thread panics holding the lock");
        (ending, best.map(Bound::Sum))
    } else {
        debug_assert_eq!(driver, Driver::Sequential, "levels apart run sequentially");
        let task = ByLevels {
            objective,
            state: Mutex::new(LevelState::default()),
        };
        let mut ending = drive(
            Driver::Sequential,
            translation,
            &task,
            opts.deadline,
            &mut report,
        );
        // Reported as before: the counters of the last level's solver.
        ending.stats = ending.last_stats;
        let state = task
            .state
            .into_inner()
            .expect("no thread panics holding the lock");
        (ending, Some(Bound::Levels(state.fixed)))
    };
    result.search_ended(&ending);
    let optimum = |_: &OptimizeSummary| optimum.expect("an optimum has a bound");
    all_optimal_phase(
        translation,
        objective,
        opts,
        driver,
        optimum,
        &mut result,
        &mut on_model,
    );
    result
}

/// Runs [`BoundedModels`] within `bound` with `driver` (splitting the space), giving
/// `consume` each model once per projection (`--project`).
fn drive_bounded(
    translation: &Translation,
    objective: &Objective,
    opts: &OptimizeOptions,
    driver: Driver,
    bound: Bound,
    mut consume: impl FnMut(Vec<Value>) -> bool,
) -> Ending {
    let project = opts.project.as_deref();
    let task = BoundedModels {
        objective,
        bound,
        project,
    };
    let driver = with_division(driver, Division::Split);
    let mut seen = SeenProjections::new(project, driver);
    drive(driver, translation, &task, opts.deadline, |values| {
        !seen.first(&values) || consume(values)
    })
}

/// `driver` with the threads dividing the space as `division` says.
fn with_division(driver: Driver, division: Division) -> Driver {
    match driver {
        Driver::Parallel { threads, .. } => Driver::Parallel { threads, division },
        Driver::Sequential => Driver::Sequential,
    }
}

/// With `optN`, once the optimum is proven: every model within the bound `optimum`
/// gives (each level at its optimum), numbered from 1, counted in `result`.
pub(crate) fn all_optimal_phase(
    translation: &Translation,
    objective: &Objective,
    opts: &OptimizeOptions,
    driver: Driver,
    optimum: impl FnOnce(&OptimizeSummary) -> Bound,
    result: &mut OptimizeSummary,
    on_model: &mut impl FnMut(&[Value], &[i64], bool),
) {
    if !(opts.all_optimal && result.proven) {
        return;
    }
    let bound = optimum(result);
    let mut optimal_models = 0;
    let mut limited = false;
    let ending = drive_bounded(translation, objective, opts, driver, bound, |values| {
        optimal_models += 1;
        on_model(&values, &objective.costs(&values), optimal_models == 1);
        limited = opts.models != 0 && optimal_models >= opts.models;
        !limited
    });
    result.optimal_models = optimal_models;
    result.summary.models += optimal_models;
    result.limited = limited && !ending.exhausted;
    result.summary.interrupted |= ending.interrupted;
    // FIXME: the sequential optN phase's counters were never reported; kept so for now.
    if matches!(driver, Driver::Parallel { .. }) {
        result.summary.stats += &ending.stats;
    }
}
