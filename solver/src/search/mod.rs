//! The conflict-driven search of one solver instance over a shared [`Formula`].
//!
//! A [`Solver`] owns all search state; its `impl` is spread over one file per concept:
//! - `trail.rs`: the assignment, trail, reasons and backtracking;
//! - `propagate.rs`: binary and long-clause propagation, then acyclicity and unfounded
//!   sets at the fixpoint;
//! - `weight.rs`: native weight constraints (counters, propagation, reasons);
//! - `analyze.rs`: first-UIP learning with recursive minimisation;
//! - `database.rs`: clauses added during the search, LBD and reduction;
//! - `restart.rs`: restart policies and portfolio variants;
//! - `cdcl.rs`: the search loop and what follows a model;
//! - `assume.rs`: assumptions and final cores;
//! - `path.rs`: guiding paths and splitting for parallel search;
//! - `share.rs`: the state threads share (clause log, work queue, bound, stop flag),
//!   below the search: it knows nothing of the solver.
//!
//! Enumeration by backtracking: after a model, the last decision is flipped and the
//! backtrack level `bt` keeps backjumps from undoing flipped decisions (Gebser,
//! Kaufmann, Neumann, Schaub: "Conflict-driven answer set enumeration"). The search
//! does no I/O.

mod analyze;
mod assume;
mod cdcl;
mod database;
mod path;
mod propagate;
mod restart;
pub mod share;
mod trail;
mod weight;

pub use assume::Assumed;
pub use trail::Reason;

use crate::acyclic::AcyclicityCheck;
use crate::clause::{ClauseArena, ClauseRef};
use crate::domain::DomainState;
use crate::formula::{Formula, WeightConstraint};
use crate::heuristic::Vsids;
use crate::lit::Lit;
use crate::unfounded::{SourcePointers, UnfoundedCheck};
use analyze::MinFrame;
use propagate::Watch;
use share::Exchange;
use std::rc::Rc;
use weight::weight_trigger;

/// How a search call ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The assignment is total and a model.
    Model,
    /// No (further) model exists.
    Exhausted,
    /// The deadline passed.
    Interrupted,
}

/// A last check of total assignments (stability of disjunctive programs).
pub trait ModelCheck {
    /// `None` if the total assignment `value` (per literal: 1 true, -1 false) is
    /// accepted, else a clause that it falsifies and that every model satisfies.
    fn check(&mut self, value: &[i8]) -> Option<Vec<Lit>>;
}

/// Accepts every total assignment.
pub struct AcceptAll;

impl ModelCheck for AcceptAll {
    fn check(&mut self, _value: &[i8]) -> Option<Vec<Lit>> {
        None
    }
}

/// Search counters, as clasp's `--stats` names them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Decisions.
    pub choices: u64,
    /// Conflicts.
    pub conflicts: u64,
    /// Restarts.
    pub restarts: u64,
    /// Learnt clauses deleted.
    pub deleted: u64,
    /// Loop nogoods added.
    pub loops: u64,
    /// Assignments made.
    pub propagations: u64,
    /// Literals in learnt clauses (after minimisation).
    pub learnt_literals: u64,
}

impl std::ops::AddAssign<&Stats> for Stats {
    /// Sums the counters (of several solvers or calls).
    fn add_assign(&mut self, other: &Stats) {
        self.choices += other.choices;
        self.conflicts += other.conflicts;
        self.restarts += other.restarts;
        self.deleted += other.deleted;
        self.loops += other.loops;
        self.propagations += other.propagations;
        self.learnt_literals += other.learnt_literals;
    }
}

/// One solver instance.
pub struct Solver<'f> {
    formula: &'f Formula,
    value: Vec<i8>,
    level: Vec<u32>,
    reason: Vec<Reason>,
    trail_pos: Vec<u32>,
    trail: Vec<Lit>,
    trail_lim: Vec<u32>,
    qhead: usize,
    arena: ClauseArena,
    watches: Vec<Vec<Watch>>,
    bins: Vec<Vec<Lit>>,
    learnts: Vec<ClauseRef>,
    /// Per literal, its occurrences in native weight constraints: `(constraint, code,
    /// weight or bound index)`, code 0/1 the bound literal true/false, 2/3 an element
    /// true/false. Empty (no per-literal lists at all) until the first native
    /// constraint: most programs translate theirs into clauses, and 2·vars empty
    /// lists cost 48 bytes a variable (4 MB on queens-100).
    weight_occurrences: Vec<Vec<(u32, u32, u64)>>,
    own_weights: Vec<Rc<WeightConstraint>>,
    weight_true: Vec<u64>,
    weight_false: Vec<u64>,
    weight_total: Vec<u64>,
    weight_queue: Vec<u32>,
    weight_queued: Vec<bool>,
    /// Per constraint, when an element that became false queues it: only while the
    /// largest reachable sum is below this value. A constraint that must hold (every
    /// bound literal is `Lit::TRUE`, as the optimisation bound) can only propagate once
    /// its slack is below its largest weight, and it never needs its true side: such
    /// constraints skip the bookkeeping of elements that became true (their
    /// `weight_true` stays 0). `u64::MAX` for the others.
    weight_trigger: Vec<u64>,
    /// Per constraint, its processed element literals in trail order, elements that
    /// became true in `[c][1]`, false ones in `[c][0]`: the literal that became
    /// true and its weight.
    weight_stack: Vec<[Vec<(Lit, u64)>; 2]>,
    heuristic: Vsids,
    /// The domain heuristic's view of the trail (with `#heuristic` modifiers only).
    domain: Option<DomainState>,
    unfounded: UnfoundedCheck,
    sources: SourcePointers,
    /// The graph of present `#edge` edges (empty without acyclicity constraints).
    acyclic: AcyclicityCheck,
    /// Literals whose falsity can make atoms unfounded (atoms, loop bodies and
    /// their other literals).
    loop_relevant: Vec<bool>,
    /// A loop-relevant literal became false since the last check found nothing.
    loop_dirty: bool,
    units: Vec<Lit>,
    bt: u32,
    conflict: Vec<Lit>,
    seen: Vec<bool>,
    explain_buf: Vec<Lit>,
    /// The clause `analyze` learns (kept to reuse its allocation).
    learnt_buf: Vec<Lit>,
    /// Per variable, what clause minimisation found out in this conflict's analysis
    /// (`MIN_REMOVABLE`, `MIN_FAILED`, 0 unknown); the variables marked are in
    /// `min_marked`, cleared at the end of `analyze`.
    min_mark: Vec<u8>,
    min_marked: Vec<usize>,
    /// Clause minimisation's depth-first search: one frame per literal being shown
    /// implied, its reason's literals in `min_reasons[begin..end]`, `next` the first
    /// not yet checked.
    min_frames: Vec<MinFrame>,
    min_reasons: Vec<Lit>,
    level_stamp: Vec<u64>,
    stamp: u64,
    done: bool,
    /// The clauses alone are unsatisfiable (a conflict without decisions).
    unsat: bool,
    /// Levels `1..=root` hold the guiding path: the part of the search space this
    /// solver explores (parallel search). A conflict at or below it ends the search.
    root: u32,
    /// The link to the other threads of a parallel search, if any.
    exchange: Option<Exchange<'f>>,
    luby_index: u32,
    conflicts_since_restart: u64,
    max_learnts: usize,
    /// The learnt-clause limit stops growing here: a few times the problem's size.
    /// Without a cap, long searches on small programs (wvc-80: 80 variables, a
    /// million conflicts) kept ~10^5 learnt clauses and spent 80% in propagation.
    max_learnts_cap: usize,
    lbd_fast: f64,
    /// Search iterations, to look at the clock now and then.
    ticks: u32,
    /// `search` stops when `stats.conflicts` reaches this (a budgeted
    /// [`Solver::solve_assuming_limited`]).
    conflict_limit: Option<u64>,
    lbd_slow: f64,
    /// Glucose-style restarts (recent LBDs above the long-run average) instead of Luby.
    glucose: bool,
    /// Search counters.
    pub stats: Stats,
    /// The optimisation bound constraint [`crate::optimize::Objective::restrict_solver`]
    /// added, tightened on each call.
    pub bound_constraint: Option<u32>,
}

impl<'f> Solver<'f> {
    /// A solver for `formula`, with its clauses loaded and level-0 units assigned.
    pub fn new(formula: &'f Formula) -> Solver<'f> {
        Solver::with_auxiliary_decisions(formula, true)
    }

    /// A solver that decides auxiliary variables too (`decide_auxiliary`), or only
    /// the others and choice atoms first (better for enumeration: auxiliaries never
    /// tell models apart, choice atoms do).
    pub fn with_auxiliary_decisions(formula: &'f Formula, decide_auxiliary: bool) -> Solver<'f> {
        let n = formula.num_vars as usize;
        let mut s = Solver {
            formula,
            value: vec![0; 2 * n],
            level: vec![0; n],
            reason: vec![Reason::Decision; n],
            trail_pos: vec![0; n],
            trail: Vec::with_capacity(n),
            trail_lim: Vec::new(),
            qhead: 0,
            arena: ClauseArena::default(),
            watches: vec![Vec::new(); 2 * n],
            bins: vec![Vec::new(); 2 * n],
            learnts: Vec::new(),
            weight_occurrences: Vec::new(),
            own_weights: Vec::new(),
            weight_true: vec![0; formula.weights.len()],
            weight_false: vec![0; formula.weights.len()],
            weight_total: formula
                .weights
                .iter()
                .map(|w| w.lits.iter().map(|e| e.1).sum())
                .collect(),
            weight_queue: Vec::new(),
            weight_queued: vec![false; formula.weights.len()],
            weight_trigger: formula.weights.iter().map(weight_trigger).collect(),
            weight_stack: vec![[Vec::new(), Vec::new()]; formula.weights.len()],
            heuristic: Vsids::new(
                n,
                if decide_auxiliary {
                    &[]
                } else {
                    &formula.auxiliary
                },
                // Choice atoms first only when enumerating: there they are what models
                // differ in, while for one model the numbering's order searched better
                // (binpack-12, color-500 several times slower with the preference).
                if decide_auxiliary {
                    &[]
                } else {
                    &formula.preferred
                },
            ),
            domain: None,
            unfounded: UnfoundedCheck::default(),
            sources: SourcePointers::default(),
            acyclic: formula
                .acyclicity
                .as_ref()
                .map_or_else(AcyclicityCheck::default, AcyclicityCheck::new),
            loop_relevant: vec![false; 2 * n],
            loop_dirty: true,
            units: Vec::new(),
            bt: 0,
            conflict: Vec::new(),
            seen: vec![false; n],
            explain_buf: Vec::new(),
            learnt_buf: Vec::new(),
            min_mark: vec![0; n],
            min_marked: Vec::new(),
            min_frames: Vec::new(),
            min_reasons: Vec::new(),
            level_stamp: vec![0; n + 1],
            stamp: 0,
            done: false,
            unsat: false,
            root: 0,
            exchange: None,
            luby_index: 0,
            conflicts_since_restart: 0,
            max_learnts: 2000.max(formula.clauses.len() / 3),
            max_learnts_cap: 2000.max(3 * (formula.clauses.len() + formula.weights.len())),
            lbd_fast: 0.0,
            ticks: 0,
            conflict_limit: None,
            lbd_slow: 0.0,
            glucose: true,
            stats: Stats::default(),
            bound_constraint: None,
        };
        if let Some(loops) = &formula.loops {
            for atom in &loops.atoms {
                s.loop_relevant[atom.lit.index()] = true;
            }
            for body in &loops.bodies {
                s.loop_relevant[body.lit.index()] = true;
                for &(l, _) in &body.other {
                    s.loop_relevant[l.index()] = true;
                }
            }
        }
        if let Some(mods) = &formula.domain {
            s.heuristic.enable_domain();
            s.domain = Some(DomainState::new(mods, n));
        }
        s.assign(Lit::TRUE, Reason::Unit);
        for (c, w) in formula.weights.iter().enumerate() {
            s.register_weight(c as u32, w);
        }
        for clause in formula.clauses.iter() {
            if !s.add_clause_in_search(clause.to_vec(), false) {
                s.done = true;
                s.unsat = true;
                break;
            }
        }
        s
    }

    /// Number of learnt clauses kept.
    pub fn num_learnts(&self) -> usize {
        self.learnts.len()
    }

    /// True once this solver has proven that the clauses alone have no model.
    pub fn is_unsat(&self) -> bool {
        self.unsat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count_models(formula: &Formula) -> usize {
        let mut solver = Solver::new(formula);
        let mut n = 0;
        while solver.search(&mut AcceptAll, None) == Outcome::Model {
            n += 1;
            if !solver.backtrack_model() {
                break;
            }
        }
        n
    }

    #[test]
    fn enumerates_clauses_and_weights() {
        let mut f = Formula::new();
        let v: Vec<Lit> = (0..4).map(|_| f.new_var().positive()).collect();
        // Exactly two of four: 6 models.
        let at_least = f.new_var().positive();
        f.add_weight(at_least, 2, &v.iter().map(|&l| (l, 1)).collect::<Vec<_>>());
        f.add_clause(&[at_least]);
        let at_most = f.new_var().positive();
        f.add_weight(at_most, 2, &v.iter().map(|&l| (!l, 1)).collect::<Vec<_>>());
        f.add_clause(&[at_most]);
        assert_eq!(count_models(&f), 6);
        // The same with two bounds over the same literals (one shared constraint).
        let mut f = Formula::new();
        let v: Vec<Lit> = (0..4).map(|_| f.new_var().positive()).collect();
        let weighted: Vec<(Lit, i64)> = v.iter().map(|&l| (l, 1)).collect();
        let two = f.new_var().positive();
        let three = f.new_var().positive();
        f.add_weight(two, 2, &weighted);
        f.add_weight(three, 3, &weighted);
        assert_eq!(f.weights.len(), 1);
        f.add_clause(&[two]);
        f.add_clause(&[!three]);
        assert_eq!(count_models(&f), 6);
        // Pigeonhole 3 into 2 is unsatisfiable.
        let mut f = Formula::new();
        let p: Vec<Vec<Lit>> = (0..3)
            .map(|_| (0..2).map(|_| f.new_var().positive()).collect())
            .collect();
        for row in &p {
            f.add_clause(row);
        }
        for h in 0..2 {
            for (a, row) in p.iter().enumerate() {
                for other in &p[a + 1..] {
                    f.add_clause(&[!row[h], !other[h]]);
                }
            }
        }
        assert_eq!(count_models(&f), 0);
    }
}
