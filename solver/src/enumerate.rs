//! Model enumeration over a translated program: each answer set exactly once.
//!
//! Without projection models are enumerated by backtracking (no clause per model);
//! with `--project` each projected model is blocked by a clause over the projection
//! literals. The caller receives every model through a callback; nothing is printed here.

use crate::lit::{Lit, Value};
use crate::minimality::MinimalityCheck;
use crate::program::Translation;
use crate::search::{AcceptAll, ModelCheck, Outcome, Solver, Stats};
use std::time::Instant;

/// How an enumeration ended.
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
    pub fn note_model_time(&mut self, start: std::time::Instant) {
        let now = start.elapsed().as_secs_f64();
        self.first_model.get_or_insert(now);
        self.last_model = Some(now);
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

/// What to enumerate.
#[derive(Clone, Debug, Default)]
pub struct EnumerateOptions {
    /// Stop after this many models (0: all).
    pub models: u64,
    /// Project onto these literals (each projected model once).
    pub project: Option<Vec<Lit>>,
    /// Stop at this instant.
    pub deadline: Option<Instant>,
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

/// Enumerates the answer sets of `t`, calling `on_model` with the per-literal values
/// of each. `on_model` returns false to stop early.
pub fn enumerate(
    t: &Translation,
    opts: &EnumerateOptions,
    mut on_model: impl FnMut(&[Value]) -> bool,
) -> Summary {
    let start = Instant::now();
    let mut summary = Summary::default();
    let mut solver = Solver::with_auxiliary_decisions(&t.formula, opts.models == 1);
    let mut minimality;
    let mut accept = AcceptAll;
    let check: &mut dyn ModelCheck = match t.non_hcf {
        true => {
            minimality = MinimalityCheck {
                rules: &t.rules,
                atoms: &t.atom_lits,
                rejected: 0,
            };
            &mut minimality
        }
        false => &mut accept,
    };
    loop {
        match solver.search(check, opts.deadline) {
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
        #[cfg(debug_assertions)]
        crate::verify::assert_stable(t, solver.values());
        let go_on = on_model(solver.values());
        let more = match &opts.project {
            Some(lits) => exclude_projection(&mut solver, lits),
            None => solver.backtrack_model(),
        };
        if !more {
            summary.exhausted = true;
            break;
        }
        if !go_on || (opts.models != 0 && summary.models >= opts.models) {
            break;
        }
    }
    summary.stats = solver.stats;
    summary
}
