//! The model loop, written once: search, take the model, constrain the search, repeat.
//!
//! What happens to a model is a [`ModelTask`] (enumeration, projection, brave/cautious
//! consequences, branch and bound, `optN`, core-guided optimisation); how solvers run
//! is a [`Driver`]: one solver on the calling thread ([`run_sequential`]), or several
//! threads over a shared formula ([`crate::parallel::run_parallel`]). A task has two
//! sides, as clasp's enumerators do:
//! - beside each solver (`&self`, shared by the threads, so `Sync`): prepare a fresh
//!   solver ([`ModelTask::setup`]), take a model and constrain the solver for the next
//!   one ([`ModelTask::found`]), adopt a bound another thread found
//!   ([`ModelTask::tighten`]);
//! - on the calling thread: the caller's `consume` closure gets each
//!   [`ModelTask::Report`] in the order the reports were made and may stop the search
//!   (it prints; nothing here does I/O).
//!
//! Each driver reports how the search ended as an [`Ending`]; the task's caller turns
//! that and the reports into its [`Summary`].

use crate::formula::Formula;
use crate::lit::Lit;
use crate::minimality::MinimalityCheck;
use crate::parallel::Division;
use crate::program::Translation;
use crate::search::{AcceptAll, Assumed, ModelCheck, Outcome, Solver, Stats};
use std::time::Instant;

/// How a search ended (the common part of every task's result).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    /// Models found.
    pub models: u64,
    /// No further model exists.
    pub exhausted: bool,
    /// The time limit stopped the search.
    pub interrupted: bool,
    /// Search counters.
    pub stats: Stats,
    /// Seconds to the first model.
    pub first_model: Option<f64>,
    /// Seconds to the latest model (clasp's "Unsat" time runs from there).
    pub last_model: Option<f64>,
}

impl Summary {
    /// Records the time of a model found now, `start` being the search's start.
    pub fn note_model_time(&mut self, start: Instant) {
        let now = start.elapsed().as_secs_f64();
        self.first_model.get_or_insert(now);
        self.last_model = Some(now);
    }

    /// Takes over how the search ended: counters, exhaustion, interruption.
    pub fn record(&mut self, ending: &Ending) {
        self.stats = ending.stats;
        self.interrupted = ending.interrupted;
        self.exhausted = ending.exhausted;
    }

    /// Seconds from the last model to the end (`seconds` after the start), when the
    /// search space was exhausted: clasp's "Unsat" time.
    pub fn unsat_time(&self, seconds: f64) -> f64 {
        if self.exhausted {
            (seconds - self.last_model.unwrap_or(0.0)).max(0.0)
        } else {
            0.0
        }
    }
}

/// What a task's solver does after a model or a core.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Search on.
    Search,
    /// This solver's part of the space holds nothing more.
    PartDone,
    /// Start again with a fresh solver (core-guided: more variables are needed).
    NewSolver,
}

/// Where a task sends what the caller must see of a model, and what it learns of
/// the other solvers.
pub struct Found<'a, R> {
    pub(crate) report: &'a mut dyn FnMut(R),
    pub(crate) stopped: &'a dyn Fn() -> bool,
    pub(crate) share: Option<&'a crate::search::share::Share>,
}

impl<R> Found<'_, R> {
    /// Sends `report` to the caller (in parallel, in the order of these calls).
    pub fn report(&mut self, report: R) {
        (self.report)(report)
    }

    /// The caller has stopped the search (enough models).
    pub fn stopped(&self) -> bool {
        (self.stopped)()
    }

    /// Whether other solvers search at the same time (and may set the bound).
    pub fn concurrent(&self) -> bool {
        self.share.is_some()
    }

    /// Tells the other solvers that the shared bound improved.
    pub fn bound_improved(&self) {
        if let Some(share) = self.share {
            share.bound_improved();
        }
    }

    /// Records that `solver` has seen the shared bound as it is now.
    pub fn bound_seen(&self, solver: &mut Solver) {
        if let Some(share) = self.share {
            solver.mark_bound_seen(share.bound_version());
        }
    }
}

/// What to do with the models of a search: see the module comment.
pub trait ModelTask: Sync {
    /// What the caller gets of a model.
    type Report: Send;

    /// Whether solvers decide auxiliary variables (enumerating tasks do not:
    /// auxiliaries never tell models apart).
    fn decide_auxiliary(&self) -> bool;

    /// The formula of the next solver when it is not the translation's (core-guided
    /// optimisation adds variables).
    fn own_formula(&self) -> Option<Formula> {
        None
    }

    /// Prepares a fresh solver (constraints every model must meet); false when
    /// nothing can meet them.
    fn setup(&self, _solver: &mut Solver) -> bool {
        true
    }

    /// Solve under these assumptions instead of searching freely (sequential only).
    fn assumptions(&self) -> Option<Vec<Lit>> {
        None
    }

    /// Takes the model `solver` holds (reporting what the caller needs) and
    /// constrains the solver for the next one.
    fn found(&self, solver: &mut Solver, found: &mut Found<Self::Report>) -> Next;

    /// No model agrees with the assumptions; `core` is a subset of them that no model
    /// has (empty: no model at all).
    fn core(
        &self,
        _solver: &mut Solver,
        _core: Vec<Lit>,
        _check: &mut dyn ModelCheck,
        _deadline: Option<Instant>,
        _found: &mut Found<Self::Report>,
    ) -> Next {
        Next::PartDone
    }

    /// Another thread improved the bound: tighten this solver's; false when nothing
    /// better is left.
    fn tighten(&self, _solver: &mut Solver) -> bool {
        true
    }

    /// The solver's part was searched to the end: whether the task goes on with a
    /// fresh solver (optimisation level by level).
    fn next_solver(&self) -> bool {
        false
    }
}

/// How solvers run a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Driver {
    /// One solver on the calling thread.
    Sequential,
    /// Several solvers, one per thread.
    Parallel {
        /// Threads.
        threads: usize,
        /// How they divide the work.
        division: Division,
    },
}

/// How a driver's search ended.
#[derive(Clone, Copy, Debug, Default)]
pub struct Ending {
    /// The counters of every solver.
    pub stats: Stats,
    /// The counters of the last solver (what sequential optimisation level by level
    /// reports).
    pub last_stats: Stats,
    /// Searched to the end (and not stopped by the caller).
    pub exhausted: bool,
    /// The deadline or a signal stopped the search.
    pub interrupted: bool,
}

/// Runs `task` with `driver` over `translation`, giving `consume` each report; it
/// returns false to stop the search.
pub fn drive<T: ModelTask>(
    driver: Driver,
    translation: &Translation,
    task: &T,
    deadline: Option<Instant>,
    consume: impl FnMut(T::Report) -> bool,
) -> Ending {
    match driver {
        Driver::Sequential => run_sequential(translation, task, deadline, consume),
        Driver::Parallel { threads, division } => {
            crate::parallel::run_parallel(translation, task, threads, division, deadline, consume)
        }
    }
}

/// The model check a program needs: minimality for programs that are not
/// head-cycle-free, else none.
pub fn model_check(translation: &Translation) -> Box<dyn ModelCheck + '_> {
    if translation.non_hcf {
        Box::new(MinimalityCheck {
            rules: &translation.rules,
            atoms: &translation.atom_lits,
            rejected: 0,
        })
    } else {
        Box::new(AcceptAll)
    }
}

/// What a search under assumptions gave, as a search outcome (`None`: a core).
fn assumed_outcome(assumed: Assumed) -> Result<Outcome, Vec<Lit>> {
    match assumed {
        Assumed::Model => Ok(Outcome::Model),
        Assumed::Interrupted | Assumed::Budget => Ok(Outcome::Interrupted),
        Assumed::Core(core) => Err(core),
    }
}

/// The sequential driver: one solver at a time on the calling thread.
pub fn run_sequential<T: ModelTask>(
    translation: &Translation,
    task: &T,
    deadline: Option<Instant>,
    mut consume: impl FnMut(T::Report) -> bool,
) -> Ending {
    let mut ending = Ending::default();
    let mut check = model_check(translation);
    let mut stopped = false;
    loop {
        let own = task.own_formula();
        let formula = own.as_ref().unwrap_or(&translation.formula);
        let mut solver = Solver::with_auxiliary_decisions(formula, task.decide_auxiliary());
        let next = if task.setup(&mut solver) {
            search_one(
                translation,
                task,
                &mut solver,
                check.as_mut(),
                deadline,
                &mut consume,
                &mut stopped,
                &mut ending,
            )
        } else {
            Next::PartDone
        };
        ending.stats += &solver.stats;
        ending.last_stats = solver.stats;
        match next {
            Next::NewSolver => continue,
            Next::PartDone if task.next_solver() => continue,
            Next::PartDone => ending.exhausted = true,
            Next::Search => {}
        }
        return ending;
    }
}

/// Runs one solver of [`run_sequential`] until its part is done (`PartDone`), it
/// needs replacing (`NewSolver`), or the search stops (`Search`).
#[allow(clippy::too_many_arguments)]
fn search_one<T: ModelTask>(
    translation: &Translation,
    task: &T,
    solver: &mut Solver,
    check: &mut dyn ModelCheck,
    deadline: Option<Instant>,
    consume: &mut impl FnMut(T::Report) -> bool,
    stopped: &mut bool,
    ending: &mut Ending,
) -> Next {
    loop {
        let outcome = match task.assumptions() {
            Some(assumptions) => {
                assumed_outcome(solver.solve_assuming(&assumptions, check, deadline))
            }
            None => Ok(solver.search(check, deadline)),
        };
        let stopped_now = std::cell::Cell::new(*stopped);
        let mut report = |r| {
            if !stopped_now.get() && !consume(r) {
                stopped_now.set(true);
            }
        };
        let is_stopped = || stopped_now.get();
        let mut found = Found {
            report: &mut report,
            stopped: &is_stopped,
            share: None,
        };
        let next = match outcome {
            Ok(Outcome::Exhausted) => return Next::PartDone,
            Ok(Outcome::Interrupted) => {
                ending.interrupted = true;
                return Next::Search;
            }
            Ok(Outcome::Model) => {
                #[cfg(debug_assertions)]
                crate::verify::assert_stable(translation, solver.values());
                let _ = translation;
                task.found(solver, &mut found)
            }
            Err(core) => task.core(solver, core, check, deadline, &mut found),
        };
        *stopped = stopped_now.get();
        if next != Next::Search || *stopped {
            return next;
        }
    }
}
