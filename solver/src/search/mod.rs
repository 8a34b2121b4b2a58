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
pub mod config;
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
use crate::formula::Formula;
use crate::heuristic::Vsids;
use crate::lit::{Lit, Value};
use crate::unfounded::{SourcePointers, UnfoundedCheck};
use analyze::Analysis;
use config::{InitialOrder, PhasePolicy, SearchConfig};
use propagate::Watch;
use restart::Restarts;
use share::Exchange;
use weight::Weights;

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
    /// `None` if the total assignment `value` (per literal) is accepted, else a
    /// clause that it falsifies and that every model satisfies.
    fn check(&mut self, value: &[Value]) -> Option<Vec<Lit>>;
}

/// Accepts every total assignment.
pub struct AcceptAll;

impl ModelCheck for AcceptAll {
    fn check(&mut self, _value: &[Value]) -> Option<Vec<Lit>> {
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
    // The assignment and trail (`trail.rs`).
    /// Per literal, its value.
    value: Vec<Value>,
    /// Per variable, its decision level.
    level: Vec<u32>,
    /// Per variable, why it has its value.
    reason: Vec<Reason>,
    /// Per variable, its position on the trail.
    trail_pos: Vec<u32>,
    /// The true literals in the order they were assigned.
    trail: Vec<Lit>,
    /// Per decision level above 0, the trail position where it starts.
    trail_lim: Vec<u32>,
    /// The propagation head: the trail from here on is not propagated yet.
    qhead: usize,
    /// Unit clauses, re-asserted after every backtrack.
    units: Vec<Lit>,
    /// `units[..units_at_root]` are true at level 0 (`assert_units` skips them).
    units_at_root: usize,
    // The clauses (`propagate.rs`, `database.rs`).
    /// Every long clause, the formula's and those added during the search.
    arena: ClauseArena,
    /// Per literal, the long clauses it watches.
    watches: Vec<Vec<Watch>>,
    /// Per literal, the literals binary clauses imply when it is true.
    bins: Vec<Vec<Lit>>,
    /// The learnt long clauses (candidates for reduction).
    learnts: Vec<ClauseRef>,
    /// Native weight constraints' counters and queue (`weight.rs`).
    weights: Weights,
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
    /// The backtrack level: decisions up to here were flipped by enumeration (or
    /// belong to the guiding path or assumptions), and backjumps stop above it.
    bt: u32,
    /// The last conflict's nogood: literals that are all true.
    conflict: Vec<Lit>,
    /// Conflict analysis' scratch space (`analyze.rs`).
    analysis: Analysis,
    /// Per level, the last `stamp` that counted it (LBD computation).
    level_stamp: Vec<u64>,
    stamp: u64,
    /// The search space (or the guiding path's part of it) is exhausted.
    done: bool,
    /// The clauses alone are unsatisfiable (a conflict without decisions).
    unsat: bool,
    /// Levels `1..=root` hold the guiding path: the part of the search space this
    /// solver explores (parallel search). A conflict at or below it ends the search.
    root: u32,
    /// The link to the other threads of a parallel search, if any.
    exchange: Option<Exchange<'f>>,
    /// How this solver searches (`config.rs`).
    config: SearchConfig,
    /// Whether undoing the trail saves phases now (see `saves_phases`).
    save_phases: bool,
    /// The restart policy's state (`restart.rs`).
    restarts: Restarts,
    /// Learnt clauses kept before the next reduction (plus the trail's length).
    max_learnts: usize,
    /// The learnt-clause limit stops growing here: a few times the problem's size.
    /// Without a cap, long searches on small programs (wvc-80: 80 variables, a
    /// million conflicts) kept ~10^5 learnt clauses and spent 80% in propagation.
    max_learnts_cap: usize,
    /// Search iterations, to look at the clock now and then.
    ticks: u32,
    /// `search` stops when `stats.conflicts` reaches this (a budgeted
    /// [`Solver::solve_assuming_limited`]).
    conflict_limit: Option<u64>,
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
            value: vec![Value::Unassigned; 2 * n],
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
            weights: Weights::new(formula),
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
            units_at_root: 0,
            bt: 0,
            conflict: Vec::new(),
            analysis: Analysis::new(n),
            level_stamp: vec![0; n + 1],
            stamp: 0,
            done: false,
            unsat: false,
            root: 0,
            exchange: None,
            config: SearchConfig::default(),
            save_phases: true,
            restarts: Restarts::new(config::RestartPolicy::Glucose),
            max_learnts: 2000.max(formula.clauses.len() / 3),
            max_learnts_cap: 2000.max(3 * (formula.clauses.len() + formula.weights.len())),
            ticks: 0,
            conflict_limit: None,
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
        // Enumeration keeps the numbering's order: every order finds the same models,
        // and there the order decides what each model costs to propagate (the
        // occurrence order made couples-16 1.8x slower with the same 65,535 choices).
        s.apply_config(if decide_auxiliary {
            SearchConfig::default()
        } else {
            SearchConfig {
                initial_order: InitialOrder::Numbering,
                ..SearchConfig::default()
            }
        });
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

    /// Sets how this solver searches (before its search starts).
    pub fn apply_config(&mut self, config: SearchConfig) {
        self.config = config;
        self.restarts = Restarts::new(config.restarts);
        self.heuristic.set_target_decay(config.decay);
        self.heuristic.set_initial_sign(config.negative_sign);
        match config.initial_order {
            InitialOrder::Numbering => self.heuristic.set_initial_order(&[], None),
            InitialOrder::Random => self.heuristic.set_initial_order(&[], Some(config.seed)),
            InitialOrder::Occurrences => self.heuristic.set_initial_order(
                &crate::heuristic::occurrence_scores(self.formula),
                Some(config.seed),
            ),
        }
    }

    /// Whether backtracking from the current level to `level` saves the phases of
    /// the variables it unassigns.
    fn saves_phases(&self, level: u32) -> bool {
        match self.config.phase {
            PhasePolicy::Always => true,
            PhasePolicy::Never => false,
            PhasePolicy::LongBackjumps(n) => self.decision_level() > level + n,
        }
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

    /// Pigeonhole: `n + 1` pigeons into `n` holes (unsatisfiable).
    fn pigeonhole(n: usize) -> Formula {
        let mut f = Formula::new();
        let p: Vec<Vec<Lit>> = (0..=n)
            .map(|_| (0..n).map(|_| f.new_var().positive()).collect())
            .collect();
        for row in &p {
            f.add_clause(row);
        }
        for h in 0..n {
            for (a, row) in p.iter().enumerate() {
                for other in &p[a + 1..] {
                    f.add_clause(&[!row[h], !other[h]]);
                }
            }
        }
        f
    }

    #[test]
    fn the_default_search_restarts_and_every_configuration_agrees() {
        let f = pigeonhole(7);
        for thread in 0..6 {
            let mut solver = Solver::new(&f);
            solver.configure(thread);
            assert_eq!(solver.search(&mut AcceptAll, None), Outcome::Exhausted);
            if thread == 0 {
                assert!(solver.stats.conflicts > 1000);
                assert!(solver.stats.restarts > 0, "Luby restarts happen");
            }
        }
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
