//! Core minimisation for core-guided optimisation ([`crate::core_guided`]).
//!
//! The final conflict over the assumptions is a core, but rarely a minimal one, and
//! OLL pays for every literal too many: a larger cardinality constraint, and a weaker
//! one (the lower bound rises by the same weight whatever the core's size). Smaller
//! cores are found by solving again under subsets of the core, each call with a
//! small conflict budget so that a hard subset costs little (Alviano and Dodaro,
//! "Anytime answer set optimization via unsatisfiable core shrinking", ICLP 2016;
//! clasp's `--opt-usc-shrink`, whose limit of 2^10 conflicts a call is taken here):
//!
//! 1. trimming: solve under the core itself while the new core is smaller;
//! 2. deletion: drop one literal at a time; the core without it is either still
//!    unsatisfiable (continue with the new, smaller core), satisfiable (the literal
//!    is needed), or undecided within the budget (keep the literal).
//!
//! A model found on the way satisfies the program (only fewer assumptions), so it is
//! handed to `on_model` like any other.

use crate::lit::Lit;
use crate::solver::{Assumed, ModelCheck, Solver};
use std::collections::HashSet;
use std::time::Instant;

/// Conflicts allowed to each solver call while shrinking (clasp's default).
const BUDGET: u64 = 1 << 10;
/// At most this many trimming rounds.
const TRIM_ROUNDS: usize = 4;

/// A core (assumptions of which no model has all) no larger than `core`, hopefully
/// smaller: see the module comment. Stops early, returning a core still, when the
/// deadline passes.
pub fn shrink(
    solver: &mut Solver,
    mut core: Vec<Lit>,
    check: &mut dyn ModelCheck,
    deadline: Option<Instant>,
    on_model: &mut dyn FnMut(&[i8]),
) -> Vec<Lit> {
    if core.len() <= 1 {
        return core;
    }
    // Trimming.
    for _ in 0..TRIM_ROUNDS {
        match solver.solve_assuming_limited(&core, check, deadline, Some(BUDGET)) {
            Assumed::Core(c) if !c.is_empty() && c.len() < core.len() => core = c,
            Assumed::Model => {
                // Cannot happen (a core has no model), but a model is a model.
                on_model(solver.values());
                break;
            }
            _ => break,
        }
    }
    // Deletion: `needed` are kept, `rest` still to try.
    let mut needed: Vec<Lit> = Vec::with_capacity(core.len());
    let mut rest = core;
    while let Some(lit) = rest.pop() {
        let assumptions: Vec<Lit> = needed.iter().chain(rest.iter()).copied().collect();
        match solver.solve_assuming_limited(&assumptions, check, deadline, Some(BUDGET)) {
            Assumed::Core(c) if !c.is_empty() => {
                let c: HashSet<Lit> = c.into_iter().collect();
                needed.retain(|l| c.contains(l));
                rest.retain(|l| c.contains(l));
            }
            Assumed::Model => {
                on_model(solver.values());
                needed.push(lit);
            }
            Assumed::Budget => needed.push(lit),
            // An empty core (no model at all) or the deadline: stop here, with a core.
            Assumed::Core(_) | Assumed::Interrupted => {
                needed.push(lit);
                break;
            }
        }
    }
    needed.extend(rest);
    needed
}
