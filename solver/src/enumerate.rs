//! Model enumeration over a translated program: each answer set exactly once.
//!
//! Without projection models are enumerated by backtracking (no clause per model);
//! with `--project` each projected model is blocked by a clause over the projection
//! literals. The caller receives every model through a callback; nothing is printed here.

use crate::lit::{Lit, Value};
use crate::model_loop::{drive, Driver, Found, ModelTask, Next};
use crate::parallel::Division;
use crate::program::Translation;
use crate::search::Solver;
use std::collections::HashSet;
use std::time::Instant;

pub use crate::model_loop::Summary;

/// What to enumerate.
#[derive(Clone, Debug, Default)]
pub struct EnumerateOptions {
    /// Stop after this many models (0: all).
    pub models: u64,
    /// Project onto these literals (each projected model once).
    pub project: Option<Vec<Lit>>,
    /// Stop at this instant.
    pub deadline: Option<Instant>,
    /// Only count the models: the callback gets an empty slice for each (unless
    /// projecting, which needs the values).
    pub count_only: bool,
}

/// After a model: excludes every model with the same projection onto `lits`.
/// Returns false when no model is left.
pub(crate) fn exclude_projection(solver: &mut Solver, lits: &[Lit]) -> bool {
    let clause: Vec<Lit> = lits
        .iter()
        .filter(|l| !l.is_constant())
        .map(|&l| {
            if solver.value(l) == Value::True {
                !l
            } else {
                l
            }
        })
        .collect();
    solver.block(clause)
}

/// After a model: excludes it (backtracking) or, with `project`, every model with
/// its projection (a clause).
pub(crate) fn exclude_model(solver: &mut Solver, project: Option<&[Lit]>) -> Next {
    let more = match project {
        Some(lits) => exclude_projection(solver, lits),
        None => solver.backtrack_model(),
    };
    if more {
        Next::Search
    } else {
        Next::PartDone
    }
}

/// The projections reported so far, when solvers in other parts of the space (the
/// parallel driver) may find models with the same projection: each is reported once.
pub(crate) struct SeenProjections<'a> {
    lits: Option<&'a [Lit]>,
    seen: HashSet<Vec<bool>>,
}

impl<'a> SeenProjections<'a> {
    /// Remembers projections onto `project` when `driver` runs several solvers.
    pub(crate) fn new(project: Option<&'a [Lit]>, driver: Driver) -> SeenProjections<'a> {
        let lits = project.filter(|_| matches!(driver, Driver::Parallel { .. }));
        SeenProjections {
            lits,
            seen: HashSet::new(),
        }
    }

    /// Whether the projection of the model `values` is reported for the first time.
    pub(crate) fn first(&mut self, values: &[Value]) -> bool {
        let Some(lits) = self.lits else { return true };
        let key: Vec<bool> = lits
            .iter()
            .map(|l| values[l.index()] == Value::True)
            .collect();
        self.seen.insert(key)
    }
}

/// The enumeration task: report the model (its values when needed), then exclude it
/// (backtracking) or its projection (a clause).
struct Enumeration<'a> {
    project: Option<&'a [Lit]>,
    values_needed: bool,
    decide_auxiliary: bool,
}

impl ModelTask for Enumeration<'_> {
    /// The model's values, when needed.
    type Report = Option<Vec<Value>>;

    fn decide_auxiliary(&self) -> bool {
        self.decide_auxiliary
    }

    fn found(&self, solver: &mut Solver, found: &mut Found<Self::Report>) -> Next {
        found.report(self.values_needed.then(|| solver.values().to_vec()));
        exclude_model(solver, self.project)
    }
}

/// Enumerates the answer sets of `translation`, calling `on_model` with the
/// per-literal values of each. `on_model` returns false to stop early.
pub fn enumerate(
    translation: &Translation,
    opts: &EnumerateOptions,
    on_model: impl FnMut(&[Value]) -> bool,
) -> Summary {
    enumerate_with(translation, opts, Driver::Sequential, on_model)
}

/// [`enumerate`] with `driver`. In parallel, one model is a race (as `driver` says);
/// more are a division of the space, each model (or projected model) found once and
/// passed to `on_model` on the calling thread in the order found.
pub fn enumerate_with(
    translation: &Translation,
    opts: &EnumerateOptions,
    driver: Driver,
    mut on_model: impl FnMut(&[Value]) -> bool,
) -> Summary {
    let start = Instant::now();
    let driver = match driver {
        Driver::Parallel { threads, .. } if opts.models != 1 => Driver::Parallel {
            threads,
            division: Division::Split,
        },
        driver => driver,
    };
    let project = opts.project.as_deref();
    let task = Enumeration {
        project,
        values_needed: !opts.count_only || project.is_some(),
        decide_auxiliary: opts.models == 1,
    };
    let mut summary = Summary::default();
    let mut seen = SeenProjections::new(project, driver);
    let ending = drive(driver, translation, &task, opts.deadline, |values| {
        let values = values.unwrap_or_default();
        if !seen.first(&values) {
            return true;
        }
        summary.models += 1;
        summary.note_model_time(start);
        let go_on = on_model(&values);
        go_on && (opts.models == 0 || summary.models < opts.models)
    });
    summary.record(&ending);
    summary
}
