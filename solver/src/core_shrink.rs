//! Core minimisation for core-guided optimisation ([`crate::core_guided`]).
//!
//! The final conflict over the assumptions is a core, but rarely a minimal one (on
//! tsp, cores of 40-80 literals shrink to 2-15), and OLL pays for every literal too
//! many: a larger cardinality constraint, and a weaker one (the lower bound rises by
//! the same weight whatever the core's size). Smaller cores are found by solving
//! again under subsets of the core, each call with a small conflict budget so that a
//! hard subset costs little (Alviano and Dodaro, "Anytime answer set optimization via
//! unsatisfiable core shrinking", ICLP 2016; clasp's `--opt-usc-shrink`, whose limit
//! of 2^10 conflicts a call is taken here):
//!
//! 1. trimming: solve under the core itself while the new core is smaller;
//! 2. progression: with the literals known to be needed, the shortest prefix of the
//!    others that still makes a core (found by exponential, then binary search) ends
//!    with a needed literal, and the literals after it are dropped. A call that runs
//!    out of budget counts as satisfiable, so the result is always a core, minimal
//!    when no call ran out. A model extends the known prefix by the undecided
//!    literals it makes true. On tsp this took 30% fewer conflicts than deleting one
//!    literal at a time, testing prefixes in the order the assumptions were made (the
//!    core comes latest first) another 30% fewer than the other order, and using the
//!    models another 13% (tsp-11: 40% fewer, one instance of ten 2x more).
//!
//! A model found on the way satisfies the program (only fewer assumptions), so it is
//! handed to `on_model` like any other.

use crate::lit::{Lit, Value};
use crate::search::{Assumed, ModelCheck, Solver};
use std::collections::HashSet;
use std::time::Instant;

/// Conflicts allowed to each solver call while shrinking (clasp's default; 2^7 and
/// 2^12 were no better on tsp).
const BUDGET: u64 = 1 << 10;
/// At most this many trimming rounds.
const TRIM_ROUNDS: usize = 4;

/// A core (assumptions of which no model has all) within `core`, hopefully smaller:
/// see the module comment. `core` lists the latest assumption first, as
/// [`Solver::solve_assuming`] returns it. Stops early, returning a core still, when
/// the deadline passes.
pub fn shrink(
    solver: &mut Solver,
    mut core: Vec<Lit>,
    check: &mut dyn ModelCheck,
    deadline: Option<Instant>,
    on_model: &mut dyn FnMut(&[Value]),
) -> Vec<Lit> {
    if core.len() <= 1 {
        return core;
    }
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
    core.reverse();
    progression(solver, core, check, deadline, on_model)
}

/// Step 2 of the module comment, over `core` in the order to test its prefixes.
fn progression(
    solver: &mut Solver,
    core: Vec<Lit>,
    check: &mut dyn ModelCheck,
    deadline: Option<Instant>,
    on_model: &mut dyn FnMut(&[Value]),
) -> Vec<Lit> {
    // Invariant: `needed` and `rest` together are a core.
    let mut needed: Vec<Lit> = Vec::new();
    let mut rest = core;
    while !rest.is_empty() {
        // With `needed`, prefixes of `rest` up to `lo` literals are not known to make
        // a core (`None`: not even the empty prefix), the one of `hi` literals is.
        let mut lo: Option<usize> = if needed.is_empty() { Some(0) } else { None };
        let mut hi = rest.len();
        let mut step = 1;
        let mut exponential = true;
        while lo.map_or(0, |l| l + 1) < hi {
            let mid = match (lo, exponential) {
                (None, _) => 0,
                (Some(l), true) => (l + step).min(hi - 1),
                (Some(l), false) => (l + hi) / 2,
            };
            let assumptions: Vec<Lit> = needed.iter().chain(&rest[..mid]).copied().collect();
            match solver.solve_assuming_limited(&assumptions, check, deadline, Some(BUDGET)) {
                Assumed::Core(c) if !c.is_empty() => {
                    // Keep only the new core's literals (it may leave out some of the
                    // needed ones when an earlier call ran out of budget).
                    let c: HashSet<Lit> = c.into_iter().collect();
                    needed.retain(|l| c.contains(l));
                    lo = lo.map(|l| rest[..l].iter().filter(|x| c.contains(x)).count());
                    rest.truncate(mid);
                    rest.retain(|l| c.contains(l));
                    hi = rest.len();
                    exponential = false;
                }
                Assumed::Model => {
                    on_model(solver.values());
                    // The model also has the undecided literals it makes true: moved
                    // to the front, they join the prefix known not to make a core.
                    let values = solver.values();
                    let (mut sat, unsat): (Vec<Lit>, Vec<Lit>) = rest[mid..hi]
                        .iter()
                        .partition(|l| values[l.index()] == Value::True);
                    let extra = sat.len();
                    sat.extend(unsat);
                    rest[mid..hi].copy_from_slice(&sat);
                    if lo.is_some() {
                        step *= 2;
                    }
                    lo = Some(mid + extra);
                }
                Assumed::Budget => {
                    if lo.is_some() {
                        step *= 2;
                    }
                    lo = Some(mid);
                }
                // No model at all, or the deadline: stop with the core there is.
                Assumed::Core(_) | Assumed::Interrupted => {
                    needed.extend(rest);
                    return needed;
                }
            }
        }
        // `rest[hi - 1]` completes a core, the literals before it do not (or are not
        // known to): it is needed.
        if hi == 0 {
            break;
        }
        needed.push(rest[hi - 1]);
        rest.truncate(hi - 1);
    }
    needed.extend(rest);
    needed
}
