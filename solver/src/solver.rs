//! The conflict-driven search of one solver instance over a shared [`Formula`].
//!
//! Owns all search state: the assignment and trail, learnt clauses and their watches,
//! weight-constraint counters, the heuristic and the unfounded-set scratch space.
//! Propagation: binary implication lists, two watched literals with blocking literals
//! over the clause arena, weight constraints (counters updated when the propagation
//! head passes a literal, undone on backtracking), then unfounded sets at the fixpoint.
//! Conflicts: first-UIP learning with local minimisation, LBD-based deletion, Luby
//! restarts. Enumeration by backtracking: after a model, the last decision is flipped
//! and the backtrack level `bt` keeps backjumps from undoing flipped decisions
//! (Gebser, Kaufmann, Neumann, Schaub: "Conflict-driven answer set enumeration").
//! The search does no I/O.

use crate::acyclic::{AcyclicityCheck, Found};
use crate::clause::{ClauseArena, ClauseRef};
use crate::domain::DomainState;
use crate::formula::{Formula, WeightConstraint};
use crate::heuristic::Vsids;
use crate::lit::{Lit, Var};
use crate::unfounded::{SourcePointers, UnfoundedCheck};
use std::rc::Rc;
use std::time::Instant;

/// Why a variable has its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A decision (or unassigned).
    Decision,
    /// A unit clause: true whatever else holds.
    Unit,
    /// A flipped decision of backtracking enumeration.
    Flip,
    /// A binary clause; the literal is the true antecedent.
    Binary(Lit),
    /// A long clause.
    Clause(ClauseRef),
    /// A weight constraint (index into the formula's constraints) and its bound.
    Weight(u32, u32),
}

/// A weight constraint of the shared formula or one added by this solver.
enum WeightHandle<'f> {
    Shared(&'f WeightConstraint),
    Own(Rc<WeightConstraint>),
}

impl std::ops::Deref for WeightHandle<'_> {
    type Target = WeightConstraint;
    fn deref(&self) -> &WeightConstraint {
        match self {
            WeightHandle::Shared(w) => w,
            WeightHandle::Own(w) => w,
        }
    }
}

/// A literal clause minimisation is showing implied (see `Solver::redundant`).
#[derive(Clone, Copy, Debug)]
struct MinFrame {
    lit: Lit,
    begin: usize,
    next: usize,
}

const MIN_REMOVABLE: u8 = 1;
const MIN_FAILED: u8 = 2;

#[derive(Clone, Copy, Debug)]
struct Watch {
    cref: ClauseRef,
    blocker: Lit,
}

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

/// How [`Solver::solve_assuming`] ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Assumed {
    /// The assignment is a model containing the assumptions.
    Model,
    /// No model contains these assumptions together (all of them, when empty, and
    /// then there is no model at all).
    Core(Vec<Lit>),
    /// The deadline passed.
    Interrupted,
    /// The conflict budget of [`Solver::solve_assuming_limited`] ran out.
    Budget,
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
    exchange: Option<crate::parallel::Exchange<'f>>,
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

const RESTART_UNIT: u64 = 100;

fn luby(i: u32) -> u64 {
    // The i-th element (0-based) of 1 1 2 1 1 2 4 ...
    let mut size = 1u64;
    let mut seq = 0u32;
    while size < i as u64 + 1 {
        seq += 1;
        size = 2 * size + 1;
    }
    let mut x = i as u64;
    while size - 1 != x {
        size = (size - 1) >> 1;
        seq -= 1;
        x %= size;
    }
    1u64 << seq
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

    /// The value of a literal: 1 true, -1 false, 0 unassigned.
    #[inline]
    pub fn value(&self, lit: Lit) -> i8 {
        self.value[lit.index()]
    }

    /// Per-literal values of the current assignment.
    pub fn values(&self) -> &[i8] {
        &self.value
    }

    /// Per-literal values of the root level alone (unit clauses and what they
    /// propagate): what holds in every model still to be found.
    pub fn root_values(&self) -> Vec<i8> {
        let mut root = vec![0; self.value.len()];
        let end = self
            .trail_lim
            .first()
            .map_or(self.trail.len(), |&p| p as usize);
        for &lit in &self.trail[..end] {
            root[lit.index()] = 1;
            root[(!lit).index()] = -1;
        }
        root
    }

    /// The decision level of an assigned literal's variable.
    #[inline]
    pub fn level_of(&self, lit: Lit) -> u32 {
        self.level[lit.var().index()]
    }

    /// The current decision level.
    #[inline]
    pub fn decision_level(&self) -> u32 {
        self.trail_lim.len() as u32
    }

    /// Number of learnt clauses kept.
    pub fn num_learnts(&self) -> usize {
        self.learnts.len()
    }

    #[inline(always)]
    fn assign(&mut self, lit: Lit, reason: Reason) {
        debug_assert_eq!(self.value[lit.index()], 0);
        let var = lit.var().index();
        self.value[lit.index()] = 1;
        self.value[(!lit).index()] = -1;
        self.level[var] = self.decision_level();
        self.reason[var] = reason;
        self.trail_pos[var] = self.trail.len() as u32;
        self.trail.push(lit);
        self.stats.propagations += 1;
        if self.loop_relevant[(!lit).index()] {
            self.loop_dirty = true;
        }
    }

    fn register_weight(&mut self, c: u32, w: &WeightConstraint) {
        if self.weight_occurrences.is_empty() {
            self.weight_occurrences = vec![Vec::new(); self.value.len()];
        }
        let must_hold = must_hold(w);
        if !must_hold {
            for (j, &(b, _)) in w.bounds.iter().enumerate() {
                self.weight_occurrences[b.index()].push((c, 0, j as u64));
                self.weight_occurrences[(!b).index()].push((c, 1, j as u64));
            }
        }
        for &(lit, weight) in &w.lits {
            if !must_hold {
                self.weight_occurrences[lit.index()].push((c, 2, weight));
            }
            self.weight_occurrences[(!lit).index()].push((c, 3, weight));
        }
        self.queue_weight(c);
    }

    fn weight(&self, c: u32) -> WeightHandle<'f> {
        let shared = self.formula.weights.len();
        match self.formula.weights.get(c as usize) {
            Some(w) => WeightHandle::Shared(w),
            None => WeightHandle::Own(self.own_weights[c as usize - shared].clone()),
        }
    }

    /// Adds the weight constraint `sum >= bound` (it must hold) during the search;
    /// its counters start from the literals already propagated.
    pub fn add_weight_in_search(&mut self, bound: u64, lits: Vec<(Lit, u64)>) -> u32 {
        self.add_weight_bounds_in_search(vec![(Lit::TRUE, bound)], lits)
    }

    /// Adds `lit <-> sum >= bound` for each `(lit, bound)` of `bounds` (increasing
    /// bounds, at least 1) during the search, as [`Solver::add_weight_in_search`].
    pub fn add_weight_bounds_in_search(
        &mut self,
        bounds: Vec<(Lit, u64)>,
        lits: Vec<(Lit, u64)>,
    ) -> u32 {
        let mut lits = lits;
        lits.sort_by_key(|e| std::cmp::Reverse(e.1));
        let w = WeightConstraint { bounds, lits };
        let c = (self.formula.weights.len() + self.own_weights.len()) as u32;
        let must_hold = must_hold(&w);
        let (mut sum_true, mut sum_false, mut total) = (0, 0, 0);
        let mut stacks = [Vec::new(), Vec::new()];
        for &(l, weight) in &w.lits {
            total += weight;
            let processed = self.value[l.index()] != 0
                && (self.trail_pos[l.var().index()] as usize) < self.qhead;
            if processed && self.value[l.index()] == 1 {
                if must_hold {
                    continue;
                }
                sum_true += weight;
                stacks[1].push((l, weight));
            } else if processed {
                sum_false += weight;
                stacks[0].push((!l, weight));
            }
        }
        for stack in stacks.iter_mut() {
            stack.sort_by_key(|e| self.trail_pos[e.0.var().index()]);
        }
        self.weight_stack.push(stacks);
        self.weight_true.push(sum_true);
        self.weight_false.push(sum_false);
        self.weight_total.push(total);
        self.weight_queued.push(false);
        self.weight_trigger.push(weight_trigger(&w));
        self.register_weight(c, &w);
        self.own_weights.push(Rc::new(w));
        c
    }

    /// Raises the bound of constraint `c` (added by [`Solver::add_weight_in_search`]).
    /// Reasons given under the old bound stay valid: the new one is stronger.
    pub fn tighten_weight(&mut self, c: u32, bound: u64) {
        let k = c as usize - self.formula.weights.len();
        let mut w = (*self.own_weights[k]).clone();
        debug_assert!(bound >= w.bounds[0].1);
        w.bounds[0].1 = bound;
        self.weight_trigger[c as usize] = weight_trigger(&w);
        self.own_weights[k] = Rc::new(w);
        self.queue_weight(c);
    }

    fn queue_weight(&mut self, c: u32) {
        if !self.weight_queued[c as usize] {
            self.weight_queued[c as usize] = true;
            self.weight_queue.push(c);
        }
    }

    #[inline(always)]
    fn update_weights(&mut self, lit: Lit, undo: bool) {
        // Most literals are in no native constraint (translated ones are clauses):
        // skip the call and the take-and-restore of the empty list.
        if self
            .weight_occurrences
            .get(lit.index())
            .is_some_and(|o| !o.is_empty())
        {
            self.update_weight_sums(lit, undo);
        }
    }

    /// [`Solver::update_weights`] for a literal with occurrences.
    #[inline(never)]
    fn update_weight_sums(&mut self, lit: Lit, undo: bool) {
        let occurrences = std::mem::take(&mut self.weight_occurrences[lit.index()]);
        for &(c, code, w) in &occurrences {
            if code >= 2 {
                let sum = if code == 2 {
                    &mut self.weight_true[c as usize]
                } else {
                    &mut self.weight_false[c as usize]
                };
                if undo {
                    *sum -= w;
                    let top = self.weight_stack[c as usize][(code == 2) as usize].pop();
                    debug_assert_eq!(top.map(|e| e.0), Some(lit));
                } else {
                    *sum += w;
                    self.weight_stack[c as usize][(code == 2) as usize].push((lit, w));
                    if code == 3
                        && self.weight_total[c as usize] - *sum >= self.weight_trigger[c as usize]
                    {
                        continue;
                    }
                }
            }
            if !undo {
                self.queue_weight(c);
            }
        }
        self.weight_occurrences[lit.index()] = occurrences;
    }

    /// Undoes every assignment above `level`, then re-asserts the unit clauses.
    pub fn cancel_until(&mut self, level: u32) {
        if self.decision_level() > level {
            self.undo_trail(self.trail_lim[level as usize] as usize);
            self.trail_lim.truncate(level as usize);
        }
        self.assert_units();
    }

    /// Undoes every assignment at trail positions `target..`.
    fn undo_trail(&mut self, target: usize) {
        {
            for pos in (target..self.trail.len()).rev() {
                let lit = self.trail[pos];
                if pos < self.qhead {
                    self.update_weights(lit, true);
                }
                self.value[lit.index()] = 0;
                self.value[(!lit).index()] = 0;
                let var = lit.var();
                self.reason[var.index()] = Reason::Decision;
                self.heuristic.phase[var.index()] = lit.is_negated();
                self.heuristic.insert(var);
            }
            // (The domain heuristic reads the undone literals off the trail.)
            if let (Some(state), Some(mods)) = (&mut self.domain, &self.formula.domain) {
                state.backtrack(mods, &self.trail, target, &mut self.heuristic);
            }
            self.trail.truncate(target);
            self.sources.backtrack(target);
            if let Some(graph) = &self.formula.acyclicity {
                self.acyclic.backtrack(graph, target);
            }
            self.qhead = self.qhead.min(target);
            for c in self.weight_queue.drain(..) {
                self.weight_queued[c as usize] = false;
            }
            // Every level below the current one was completed, unfounded-set check
            // included, before the next decision: the restored state is checked.
            self.loop_dirty = false;
        }
    }

    /// Re-asserts the unit clauses (after backtracking).
    fn assert_units(&mut self) {
        for i in 0..self.units.len() {
            let unit = self.units[i];
            if self.value(unit) == 0 {
                self.assign(unit, Reason::Unit);
            }
        }
    }

    /// Unit propagation over binaries, clauses and weight constraints. On a conflict
    /// returns false with the violated nogood (true literals) in `self.conflict`.
    fn propagate(&mut self) -> bool {
        while self.qhead < self.trail.len() || !self.weight_queue.is_empty() {
            if self.qhead < self.trail.len() {
                let p = self.trail[self.qhead];
                self.qhead += 1;
                self.update_weights(p, false);
                if !self.propagate_binary(p) || !self.propagate_long(p) {
                    return false;
                }
            } else {
                while let Some(c) = self.weight_queue.pop() {
                    self.weight_queued[c as usize] = false;
                    if !self.propagate_weight(c) {
                        return false;
                    }
                    if self.qhead < self.trail.len() {
                        break;
                    }
                }
            }
        }
        true
    }

    #[inline(never)]
    fn propagate_binary(&mut self, p: Lit) -> bool {
        let implied = std::mem::take(&mut self.bins[p.index()]);
        let mut ok = true;
        for &q in &implied {
            match fast_value(&self.value, q) {
                1 => {}
                0 => self.assign(q, Reason::Binary(p)),
                _ => {
                    self.conflict.clear();
                    self.conflict.extend([p, !q]);
                    ok = false;
                    break;
                }
            }
        }
        self.bins[p.index()] = implied;
        ok
    }

    #[inline(never)]
    fn propagate_long(&mut self, p: Lit) -> bool {
        let false_lit = !p;
        let mut ws = std::mem::take(&mut self.watches[false_lit.index()]);
        let mut i = 0;
        let mut j = 0;
        let mut ok = true;
        'watches: while i < ws.len() {
            let w = ws[i];
            i += 1;
            if fast_value(&self.value, w.blocker) == 1 {
                ws[j] = w;
                j += 1;
                continue;
            }
            let (lits, search_pos) = self.arena.lits_and_search_pos_mut(w.cref);
            if lits[0] == false_lit {
                lits.swap(0, 1);
            }
            let first = lits[0];
            if first != w.blocker && fast_value(&self.value, first) == 1 {
                ws[j] = Watch {
                    cref: w.cref,
                    blocker: first,
                };
                j += 1;
                continue;
            }
            // Look for a new watch from where the last search stopped, then wrap.
            let len = lits.len();
            let start = (*search_pos as usize).clamp(2, len);
            let found = (start..len)
                .chain(2..start)
                .find(|&k| fast_value(&self.value, lits[k]) != -1);
            if let Some(k) = found {
                *search_pos = k as u32;
                lits.swap(1, k);
                let new_watch = lits[1];
                self.watches[new_watch.index()].push(Watch {
                    cref: w.cref,
                    blocker: first,
                });
                continue 'watches;
            }
            ws[j] = Watch {
                cref: w.cref,
                blocker: first,
            };
            j += 1;
            if fast_value(&self.value, first) == -1 {
                self.conflict.clear();
                self.conflict
                    .extend(self.arena.lits(w.cref).iter().map(|&l| !l));
                ok = false;
                while i < ws.len() {
                    ws[j] = ws[i];
                    j += 1;
                    i += 1;
                }
                break;
            }
            self.assign(first, Reason::Clause(w.cref));
        }
        ws.truncate(j);
        self.watches[false_lit.index()] = ws;
        ok
    }

    #[inline(never)]
    fn propagate_weight(&mut self, c: u32) -> bool {
        let wc = self.weight(c);
        let ci = c as usize;
        let min = self.weight_true[ci];
        let total = self.weight_total[ci];
        let max = total - self.weight_false[ci];
        // The strongest bound that must hold and the weakest that must fail.
        let mut must_hold: Option<(u64, u32)> = None;
        let mut must_fail: Option<(u64, u32)> = None;
        for (j, &(b, bound)) in wc.bounds.iter().enumerate() {
            let j = j as u32;
            let mut value = self.value(b);
            if min >= bound && value != 1 {
                if value == -1 {
                    self.conflict.clear();
                    self.conflict.push(!b);
                    let mut conflict = std::mem::take(&mut self.conflict);
                    self.weight_support(c, u32::MAX, true, bound, &mut conflict);
                    self.conflict = conflict;
                    return false;
                }
                self.assign(b, Reason::Weight(c, j));
                value = 1;
            }
            if max < bound && value != -1 {
                if value == 1 {
                    self.conflict.clear();
                    self.conflict.push(b);
                    let mut conflict = std::mem::take(&mut self.conflict);
                    self.weight_support(c, u32::MAX, false, total + 1 - bound, &mut conflict);
                    self.conflict = conflict;
                    return false;
                }
                self.assign(!b, Reason::Weight(c, j));
                value = -1;
            }
            if value == 1 {
                must_hold = Some((bound, j));
            } else if value == -1 && must_fail.is_none() {
                must_fail = Some((bound, j));
            }
        }
        if let Some((bound, j)) = must_hold {
            for &(l, w) in &wc.lits {
                if w + bound <= max {
                    break;
                }
                if self.value[l.index()] == 0 {
                    self.assign(l, Reason::Weight(c, j));
                }
            }
        }
        if let Some((bound, j)) = must_fail {
            for &(l, w) in &wc.lits {
                if min + w < bound {
                    break;
                }
                if self.value[l.index()] == 0 {
                    self.assign(!l, Reason::Weight(c, j));
                }
            }
        }
        true
    }

    /// The true literals that implied `p`, into `out`.
    fn explain(&self, p: Lit, out: &mut Vec<Lit>) {
        out.clear();
        match self.reason[p.var().index()] {
            Reason::Decision | Reason::Unit | Reason::Flip => {}
            Reason::Binary(q) => out.push(q),
            Reason::Clause(cref) => {
                out.extend(
                    self.arena
                        .lits(cref)
                        .iter()
                        .filter(|&&l| l != p)
                        .map(|&l| !l),
                );
            }
            Reason::Weight(c, j) => {
                let wc = self.weight(c);
                let pos = self.trail_pos[p.var().index()];
                let total = self.weight_total[c as usize];
                let (b, bound) = wc.bounds[j as usize];
                if p == b {
                    self.weight_support(c, pos, true, bound, out);
                } else if p == !b {
                    self.weight_support(c, pos, false, total + 1 - bound, out);
                } else if self.value[b.index()] == 1 && self.trail_pos[b.var().index()] < pos {
                    out.push(b);
                    let w = self.element_weight(c, p);
                    let needed = (total + 1).saturating_sub(bound + w);
                    self.weight_support(c, pos, false, needed, out);
                } else {
                    out.push(!b);
                    let w = self.element_weight(c, !p);
                    self.weight_support(c, pos, true, bound.saturating_sub(w), out);
                }
            }
        }
    }

    /// The weight of element `lit` in constraint `c` (found through the occurrences
    /// of `!lit`, which are few, instead of the constraint's elements; the false side
    /// is registered for every constraint, the true side not for those that must hold).
    fn element_weight(&self, c: u32, lit: Lit) -> u64 {
        self.weight_occurrences[(!lit).index()]
            .iter()
            .find(|o| o.0 == c && o.1 == 3)
            .map_or(0, |o| o.2)
    }

    /// The earliest literals of `wc` that are true (`want_true`) or false, assigned
    /// before trail position `limit`, until their weights reach `needed`; pushed as
    /// true literals.
    fn weight_support(&self, c: u32, limit: u32, want_true: bool, needed: u64, out: &mut Vec<Lit>) {
        let mut sum = 0;
        for &(p, w) in &self.weight_stack[c as usize][want_true as usize] {
            if sum >= needed || self.trail_pos[p.var().index()] >= limit {
                break;
            }
            out.push(p);
            sum += w;
        }
        debug_assert!(sum >= needed, "a weight reason covers its bound");
    }

    fn conflict_level(&self) -> u32 {
        self.conflict
            .iter()
            .filter(|l| self.reason[l.var().index()] != Reason::Unit)
            .map(|l| self.level[l.var().index()])
            .max()
            .unwrap_or(0)
    }

    /// Handles the conflict in `self.conflict`: learns and backjumps, or flips an
    /// exhausted decision. Returns false when the search space is exhausted.
    fn resolve_conflict(&mut self) -> bool {
        self.stats.conflicts += 1;
        self.conflicts_since_restart += 1;
        let level = self.conflict_level();
        if level <= self.bt {
            return self.exhaust(level);
        }
        if level < self.decision_level() {
            self.cancel_until(level);
        }
        let backjump = self.analyze(level);
        self.cancel_until(backjump.max(self.bt));
        let learnt = std::mem::take(&mut self.learnt_buf);
        self.learn(&learnt);
        self.learnt_buf = learnt;
        self.heuristic.decay();
        true
    }

    /// Every model below the decision of `level` is known: flip that decision.
    /// At or below the guiding path's levels the whole assigned part is done.
    fn exhaust(&mut self, level: u32) -> bool {
        if level <= self.root {
            self.done = true;
            return false;
        }
        let decision = self.trail[self.trail_lim[level as usize - 1] as usize];
        self.cancel_until(level - 1);
        self.assign(!decision, Reason::Flip);
        self.bt = level - 1;
        true
    }

    #[inline(never)]
    fn analyze(&mut self, level: u32) -> u32 {
        let mut learnt = std::mem::take(&mut self.learnt_buf);
        learnt.clear();
        learnt.push(Lit::FALSE);
        let mut counter = 0usize;
        let mut buf = std::mem::take(&mut self.conflict);
        let mut idx = self.trail.len();
        let uip = loop {
            for &q in &buf {
                let v = q.var().index();
                if self.seen[v] || self.level[v] == 0 || self.reason[v] == Reason::Unit {
                    continue;
                }
                self.seen[v] = true;
                self.heuristic.bump(q.var());
                if self.level[v] == level {
                    counter += 1;
                } else {
                    learnt.push(!q);
                }
            }
            loop {
                idx -= 1;
                if self.seen[self.trail[idx].var().index()] {
                    break;
                }
            }
            let p = self.trail[idx];
            self.seen[p.var().index()] = false;
            counter -= 1;
            if counter == 0 {
                break p;
            }
            let mut out = std::mem::take(&mut self.explain_buf);
            self.explain(p, &mut out);
            self.explain_buf = std::mem::replace(&mut buf, out);
        };
        self.conflict = buf;
        learnt[0] = !uip;
        // Recursive minimisation: drop literals implied by the others (MiniSat),
        // remembering which literals were shown implied or not.
        let mut levels = 0u32;
        for &l in &learnt[1..] {
            levels |= 1 << (self.level[l.var().index()] & 31);
        }
        let mut kept = 1;
        for i in 1..learnt.len() {
            let l = learnt[i];
            let v = l.var().index();
            let derived = !matches!(self.reason[v], Reason::Decision | Reason::Flip);
            if !derived || !self.redundant(!l, levels) {
                // (Swapped, not overwritten: the dropped ones' marks are cleared below.)
                learnt.swap(kept, i);
                kept += 1;
            }
        }
        for &l in &learnt[1..] {
            self.seen[l.var().index()] = false;
        }
        learnt.truncate(kept);
        for v in self.min_marked.drain(..) {
            self.min_mark[v] = 0;
        }
        let mut backjump = 0;
        if learnt.len() > 1 {
            let mut best = 1;
            for i in 2..learnt.len() {
                if self.level[learnt[i].var().index()] > self.level[learnt[best].var().index()] {
                    best = i;
                }
            }
            learnt.swap(1, best);
            backjump = self.level[learnt[1].var().index()];
        }
        self.learnt_buf = learnt;
        backjump
    }

    /// Whether the true literal `p` follows from literals already in the learnt clause
    /// (marked seen), through reasons whose levels all occur in it (`levels`). A
    /// depth-first search over reasons; every literal it finishes is marked removable
    /// and, on failure, every literal on the search path is marked failed, so no
    /// literal's reasons are searched twice in one analysis.
    fn redundant(&mut self, p: Lit, levels: u32) -> bool {
        let mut frames = std::mem::take(&mut self.min_frames);
        let mut reasons = std::mem::take(&mut self.min_reasons);
        let mut buf = std::mem::take(&mut self.explain_buf);
        frames.clear();
        reasons.clear();
        self.explain(p, &mut buf);
        reasons.extend_from_slice(&buf);
        frames.push(MinFrame {
            lit: p,
            begin: 0,
            next: 0,
        });
        let ok = loop {
            // The top frame's reasons end the buffer (its children's were truncated).
            let top = frames.len() - 1;
            let frame = frames[top];
            if frame.next < reasons.len() {
                frames[top].next += 1;
                let a = reasons[frame.next];
                let v = a.var().index();
                if self.seen[v]
                    || self.level[v] == 0
                    || self.reason[v] == Reason::Unit
                    || self.min_mark[v] == MIN_REMOVABLE
                {
                    continue;
                }
                let derived = !matches!(self.reason[v], Reason::Decision | Reason::Flip);
                if self.min_mark[v] == MIN_FAILED
                    || !derived
                    || (1 << (self.level[v] & 31)) & levels == 0
                {
                    for f in &frames {
                        let u = f.lit.var().index();
                        if !self.seen[u] && self.min_mark[u] == 0 {
                            self.min_mark[u] = MIN_FAILED;
                            self.min_marked.push(u);
                        }
                    }
                    break false;
                }
                self.explain(a, &mut buf);
                let begin = reasons.len();
                reasons.extend_from_slice(&buf);
                frames.push(MinFrame {
                    lit: a,
                    begin,
                    next: begin,
                });
            } else {
                frames.pop();
                reasons.truncate(frame.begin);
                let u = frame.lit.var().index();
                if !self.seen[u] {
                    self.min_mark[u] = MIN_REMOVABLE;
                    self.min_marked.push(u);
                }
                if frames.is_empty() {
                    break true;
                }
            }
        };
        self.min_frames = frames;
        self.min_reasons = reasons;
        self.explain_buf = buf;
        ok
    }

    fn lbd(&mut self, lits: &[Lit]) -> u32 {
        self.stamp += 1;
        let mut n = 0;
        for l in lits {
            let lev = self.level[l.var().index()] as usize;
            if self.level_stamp[lev] != self.stamp {
                self.level_stamp[lev] = self.stamp;
                n += 1;
            }
        }
        n
    }

    /// Stores an asserting learnt clause (its first literal unassigned, the others
    /// false) and assigns its first literal.
    fn learn(&mut self, learnt: &[Lit]) {
        let glue = self.lbd(learnt);
        let lbd = glue as f64;
        self.lbd_fast += (lbd - self.lbd_fast) / 32.0;
        self.lbd_slow += (lbd - self.lbd_slow) / 4096.0_f64.min(self.stats.conflicts as f64);
        self.stats.learnt_literals += learnt.len() as u64;
        if let Some(x) = &mut self.exchange {
            // Short clauses and those over few levels are the ones worth sharing
            // (glue clauses, as in parallel glucose).
            if learnt.len() <= crate::parallel::SHARED_CLAUSE_LIMIT || lbd <= 2.0 {
                x.export(learnt);
            }
        }
        match learnt.len() {
            1 => {
                self.units.push(learnt[0]);
                if self.value(learnt[0]) == 0 {
                    self.assign(learnt[0], Reason::Unit);
                }
            }
            2 => {
                self.bins[(!learnt[0]).index()].push(learnt[1]);
                self.bins[(!learnt[1]).index()].push(learnt[0]);
                self.assign(learnt[0], Reason::Binary(!learnt[1]));
            }
            _ => {
                let cref = self.arena.alloc(learnt, true, glue);
                self.watch(cref, learnt[0], learnt[1]);
                self.learnts.push(cref);
                self.assign(learnt[0], Reason::Clause(cref));
            }
        }
    }

    fn watch(&mut self, cref: ClauseRef, a: Lit, b: Lit) {
        self.watches[a.index()].push(Watch { cref, blocker: b });
        self.watches[b.index()].push(Watch { cref, blocker: a });
    }

    /// Adds a clause that every (remaining) model satisfies, at any point of the
    /// search. Returns false on a conflict (the nogood is then in `self.conflict`).
    pub fn add_clause_in_search(&mut self, mut lits: Vec<Lit>, learnt: bool) -> bool {
        lits.sort_unstable();
        lits.dedup();
        if lits.windows(2).any(|w| w[0] == !w[1]) || lits.contains(&Lit::TRUE) {
            return true;
        }
        lits.retain(|&l| l != Lit::FALSE);
        // Non-false literals first, then false ones by decreasing level.
        let key = |s: &Self, l: Lit| -> (u8, std::cmp::Reverse<u32>) {
            match s.value[l.index()] {
                1 => (0, std::cmp::Reverse(0)),
                0 => (1, std::cmp::Reverse(0)),
                _ => (2, std::cmp::Reverse(s.level[l.var().index()])),
            }
        };
        lits.sort_by_key(|&l| key(self, l));
        if lits.is_empty() {
            self.conflict.clear();
            return false;
        }
        if lits.len() == 1 {
            let l = lits[0];
            self.units.push(l);
            return match self.value(l) {
                0 => {
                    self.assign(l, Reason::Unit);
                    true
                }
                1 => true,
                _ => {
                    self.conflict.clear();
                    self.conflict.push(!l);
                    false
                }
            };
        }
        let reason = if lits.len() == 2 {
            self.bins[(!lits[0]).index()].push(lits[1]);
            self.bins[(!lits[1]).index()].push(lits[0]);
            Reason::Binary(!lits[1])
        } else {
            let lbd = if learnt { self.lbd(&lits) } else { 0 };
            let cref = self.arena.alloc(&lits, learnt, lbd);
            self.watch(cref, lits[0], lits[1]);
            if learnt {
                self.learnts.push(cref);
            }
            Reason::Clause(cref)
        };
        match (self.value(lits[0]), self.value(lits[1])) {
            (-1, _) => {
                self.conflict.clear();
                self.conflict.extend(lits.iter().map(|&l| !l));
                false
            }
            (0, -1) => {
                self.assign(lits[0], reason);
                true
            }
            _ => true,
        }
    }

    /// Propagation including unfounded sets.
    fn propagate_all(&mut self) -> bool {
        loop {
            if !self.propagate() {
                return false;
            }
            match self.propagate_acyclicity() {
                Some(true) => continue,
                Some(false) => return false,
                None => {}
            }
            let Some(loops) = self.formula.loops.as_ref() else {
                return true;
            };
            if !self.loop_dirty {
                debug_assert!(
                    self.unfounded.find(loops, &self.value).is_none(),
                    "an unfounded set appeared without a loop-relevant literal turning false"
                );
                return true;
            }
            self.loop_dirty = false;
            let found = self.sources.find(loops, &self.value, &self.trail);
            debug_assert_eq!(
                found,
                self.unfounded.find(loops, &self.value),
                "source pointers find the greatest unfounded set"
            );
            let Some(set) = found else {
                return true;
            };
            let witness = self.unfounded.witness(loops, &set, &self.value);
            for &a in &set {
                let u = loops.atoms[a as usize].lit;
                if self.value(u) == -1 {
                    continue;
                }
                self.stats.loops += 1;
                let mut clause = Vec::with_capacity(witness.len() + 1);
                clause.push(!u);
                clause.extend_from_slice(&witness);
                if !self.add_clause_in_search(clause, true) {
                    return false;
                }
            }
        }
    }

    /// The acyclicity check (`#edge`) at a propagation fixpoint: `None` when it found
    /// nothing, `Some(false)` on a cycle (its nogood in `self.conflict`), `Some(true)`
    /// when it propagated edges false (by clauses over the paths they would close).
    fn propagate_acyclicity(&mut self) -> Option<bool> {
        let graph = self.formula.acyclicity.as_ref()?;
        match self.acyclic.propagate(graph, &self.trail, &self.value) {
            Found::Nothing => None,
            Found::Cycle => {
                self.conflict.clear();
                self.conflict.extend_from_slice(&self.acyclic.nogood);
                Some(false)
            }
            Found::Implied => {
                let clauses = std::mem::take(&mut self.acyclic.implied);
                let mut start = 0;
                let mut ok = true;
                for i in 0..self.acyclic.implied_ends.len() {
                    let end = self.acyclic.implied_ends[i] as usize;
                    if ok && !self.add_clause_in_search(clauses[start..end].to_vec(), true) {
                        ok = false;
                    }
                    start = end;
                }
                self.acyclic.implied = clauses;
                Some(ok)
            }
        }
    }

    fn reduce_db(&mut self) {
        let mut candidates: Vec<(u32, usize, ClauseRef)> = Vec::new();
        let mut kept = Vec::new();
        for &cref in &self.learnts {
            let lits = self.arena.lits(cref);
            let locked = self.reason[lits[0].var().index()] == Reason::Clause(cref)
                && self.value[lits[0].index()] == 1;
            let lbd = self.arena.lbd(cref);
            if locked || lbd <= 2 {
                kept.push(cref);
            } else {
                candidates.push((lbd, lits.len(), cref));
            }
        }
        candidates.sort_unstable();
        let half = candidates.len() / 2;
        for &(_, _, cref) in &candidates[half..] {
            self.arena.delete(cref);
            self.stats.deleted += 1;
        }
        kept.extend(candidates[..half].iter().map(|e| e.2));
        self.learnts = kept;
        if self.arena.wants_compaction() {
            let mut moves = Vec::new();
            self.arena.compact(|old, new| moves.push((old, new)));
            let relocate =
                |c: ClauseRef| moves[moves.binary_search_by_key(&c, |m| m.0).expect("live")].1;
            for r in self.reason.iter_mut() {
                if let Reason::Clause(c) = r {
                    *c = relocate(*c);
                }
            }
            for c in self.learnts.iter_mut() {
                *c = relocate(*c);
            }
            for ws in self.watches.iter_mut() {
                ws.clear();
            }
            for &(_, cref) in &moves {
                let lits = self.arena.lits(cref);
                let (a, b) = (lits[0], lits[1]);
                self.watch(cref, a, b);
            }
        } else {
            let arena = &self.arena;
            for ws in self.watches.iter_mut() {
                ws.retain(|w| !arena.is_deleted(w.cref));
            }
        }
        if self.max_learnts < self.max_learnts_cap {
            self.max_learnts += self.max_learnts / 10;
        }
    }

    /// Searches for the next model. After [`Outcome::Model`] the assignment is total;
    /// call [`Solver::backtrack_model`] or [`Solver::block`] before searching again.
    pub fn search(&mut self, check: &mut dyn ModelCheck, deadline: Option<Instant>) -> Outcome {
        if self.done {
            return Outcome::Exhausted;
        }
        loop {
            self.ticks = self.ticks.wrapping_add(1);
            if self.ticks.is_multiple_of(256) {
                if crate::interrupt::requested() {
                    return Outcome::Interrupted;
                }
                if self.exchange.as_ref().is_some_and(|x| x.stopped()) {
                    return Outcome::Interrupted;
                }
                if let Some(d) = deadline {
                    if Instant::now() >= d {
                        return Outcome::Interrupted;
                    }
                }
            }
            if !self.propagate_all() {
                if !self.resolve_conflict() {
                    return Outcome::Exhausted;
                }
                if self
                    .conflict_limit
                    .is_some_and(|l| self.stats.conflicts >= l)
                {
                    return Outcome::Interrupted;
                }
                let restart = if self.glucose {
                    self.conflicts_since_restart >= 50 && self.lbd_fast > 1.25 * self.lbd_slow
                } else {
                    self.conflicts_since_restart >= luby(self.luby_index) * RESTART_UNIT
                };
                if restart {
                    self.conflicts_since_restart = 0;
                    self.luby_index += 1;
                    self.stats.restarts += 1;
                    self.cancel_until(self.bt);
                    if !self.import_shared() && !self.resolve_conflict() {
                        return Outcome::Exhausted;
                    }
                }
                if self.learnts.len() >= self.max_learnts + self.trail.len() {
                    self.reduce_db();
                }
                continue;
            }
            #[cfg(debug_assertions)]
            self.debug_check_fixpoint();
            if let (Some(state), Some(mods)) = (&mut self.domain, &self.formula.domain) {
                state.update(mods, &self.trail, &mut self.heuristic);
            }
            if self.exchange.as_ref().is_some_and(|x| x.split_wanted()) {
                if let Some(path) = self.split() {
                    self.exchange.as_ref().expect("checked").give(path);
                }
            }
            let value = &self.value;
            let next = self
                .heuristic
                .pick(|v: Var| value[v.positive().index()] == 0);
            match next {
                Some(var) => {
                    self.stats.choices += 1;
                    self.trail_lim.push(self.trail.len() as u32);
                    let lit = self.heuristic.decision(var);
                    self.assign(lit, Reason::Decision);
                }
                None => {
                    if let Some(clause) = check.check(&self.value) {
                        if !self.add_clause_in_search(clause, true) && !self.resolve_conflict() {
                            return Outcome::Exhausted;
                        }
                        continue;
                    }
                    return Outcome::Model;
                }
            }
        }
    }

    /// Asserts that no weight constraint or clause can propagate more (debug builds).
    #[cfg(debug_assertions)]
    fn debug_check_fixpoint(&self) {
        let n = self.formula.weights.len() + self.own_weights.len();
        for c in 0..n as u32 {
            let wc = self.weight(c);
            let mut min = 0;
            let mut max = 0;
            for &(l, w) in &wc.lits {
                match self.value[l.index()] {
                    1 => {
                        min += w;
                        max += w;
                    }
                    0 => max += w,
                    _ => {}
                }
            }
            if !must_hold(&wc) {
                assert_eq!(min, self.weight_true[c as usize], "stale true sum");
            }
            assert_eq!(
                max,
                self.weight_total[c as usize] - self.weight_false[c as usize],
                "stale false sum"
            );
            for &(lit, bound) in &wc.bounds {
                let b = self.value[lit.index()];
                assert!(min < bound || b == 1, "unpropagated body true");
                assert!(max >= bound || b == -1, "unpropagated body false");
                for &(l, w) in &wc.lits {
                    if self.value[l.index()] == 0 {
                        assert!(b != 1 || max - w >= bound, "unpropagated element");
                        assert!(b != -1 || min + w < bound, "unpropagated element false");
                    }
                }
            }
        }
    }

    /// After a model: excludes it by flipping the last decision (no clause is added).
    /// Returns false when no model is left.
    pub fn backtrack_model(&mut self) -> bool {
        let level = self.decision_level();
        self.exhaust(level)
    }

    /// After a model: adds `clause` (false under the model) to exclude it and every
    /// model that agrees with it. Returns false when no model is left.
    pub fn block(&mut self, clause: Vec<Lit>) -> bool {
        if self.add_clause_in_search(clause, false) {
            return true;
        }
        if !self.resolve_conflict() {
            return false;
        }
        true
    }

    /// Joins a parallel search: learnt clauses are shared through `exchange`, and
    /// the search stops, or gives away part of its space, when it asks.
    pub fn attach(&mut self, exchange: crate::parallel::Exchange<'f>) {
        self.exchange = Some(exchange);
    }

    /// Restricts the search to the models that contain every literal of `path` (a
    /// guiding path of parallel search), forgetting the previous one. Learnt clauses
    /// are kept: they follow from the program, whatever the path. Returns false
    /// when no model can contain the path.
    pub fn start_path(&mut self, path: &[Lit]) -> bool {
        // Back to the unit clauses alone: level 0 may hold decisions flipped by the
        // enumeration of the previous path.
        self.undo_trail(1);
        self.trail_lim.clear();
        self.loop_dirty = true;
        // Undoing dropped the queue: constraints added or tightened just before
        // (optimisation bounds) must still be checked.
        for c in 0..(self.formula.weights.len() + self.own_weights.len()) as u32 {
            self.queue_weight(c);
        }
        self.assert_units();
        self.root = 0;
        self.bt = 0;
        self.done = self.unsat;
        if self.done || (!self.import_shared() && !self.resolve_conflict()) {
            return false;
        }
        for &lit in path {
            if !self.propagate_all() {
                // A conflict within the path: nothing below it (and at level 0,
                // where only unit clauses are assigned, nothing at all).
                self.unsat |= self.decision_level() == 0;
                self.done = true;
                return false;
            }
            match self.value(lit) {
                1 => continue,
                -1 => {
                    self.done = true;
                    return false;
                }
                _ => {}
            }
            self.trail_lim.push(self.trail.len() as u32);
            self.assign(lit, Reason::Decision);
            self.root = self.decision_level();
            self.bt = self.root;
        }
        true
    }

    /// Gives away half of the remaining search space: the negation of the first
    /// decision above the guiding path becomes a new path (returned) for another
    /// solver, and this solver keeps that decision as part of its own path. None when
    /// there is no decision to split on.
    pub fn split(&mut self) -> Option<Vec<Lit>> {
        if self.decision_level() <= self.root {
            return None;
        }
        let end = self.trail_lim[self.root as usize] as usize;
        let decision = self.trail[end];
        debug_assert_eq!(self.reason[decision.var().index()], Reason::Decision);
        // The literals that define this solver's part: the path's decisions and the
        // decisions flipped by enumeration below it.
        let mut path: Vec<Lit> = self.trail[..end]
            .iter()
            .copied()
            .filter(|l| {
                matches!(
                    self.reason[l.var().index()],
                    Reason::Decision | Reason::Flip
                )
            })
            .collect();
        path.push(!decision);
        self.root += 1;
        self.bt = self.bt.max(self.root);
        Some(path)
    }

    /// Takes in the clauses other threads learnt since the last call. Returns false
    /// on a conflict (in `self.conflict`).
    fn import_shared(&mut self) -> bool {
        let Some(x) = &mut self.exchange else {
            return true;
        };
        let mut incoming = std::mem::take(&mut x.incoming);
        x.receive(&mut incoming);
        let mut ok = true;
        for clause in incoming.drain(..) {
            if ok && !self.add_clause_in_search(clause, true) {
                ok = false;
            }
        }
        if let Some(x) = &mut self.exchange {
            x.incoming = incoming;
        }
        ok
    }

    /// Varies this solver's search for a portfolio of threads (`variant` 0 is the
    /// default configuration): restart policy, initial signs and an activity order
    /// drawn from `variant`.
    pub fn configure(&mut self, variant: u64) {
        if variant == 0 {
            return;
        }
        self.glucose = variant.is_multiple_of(2);
        if variant % 3 == 1 {
            for phase in self.heuristic.phase.iter_mut() {
                *phase = !*phase;
            }
        }
        self.heuristic.shuffle(variant);
    }

    /// Records that this solver's bound reflects the shared bound `version`.
    pub fn mark_bound_seen(&mut self, version: u64) {
        if let Some(x) = &mut self.exchange {
            x.bound_seen = version;
        }
    }

    /// Searches for a model that contains every literal of `assumptions` (decided
    /// first, one level each, as the root of the search: Eén and Sörensson's MiniSat
    /// interface). Without such a model the answer is a core: assumptions that no
    /// model contains together, found by tracing the final conflict's reasons back to
    /// the assumption decisions (empty when there is no model at all).
    pub fn solve_assuming(
        &mut self,
        assumptions: &[Lit],
        check: &mut dyn ModelCheck,
        deadline: Option<Instant>,
    ) -> Assumed {
        self.solve_assuming_limited(assumptions, check, deadline, None)
    }

    /// [`Solver::solve_assuming`] that gives up ([`Assumed::Budget`]) after
    /// `conflicts` conflicts, when given.
    pub fn solve_assuming_limited(
        &mut self,
        assumptions: &[Lit],
        check: &mut dyn ModelCheck,
        deadline: Option<Instant>,
        conflicts: Option<u64>,
    ) -> Assumed {
        self.conflict_limit = conflicts.map(|c| self.stats.conflicts + c);
        let result = self.solve_assuming_inner(assumptions, check, deadline);
        let budget_spent = self
            .conflict_limit
            .take()
            .is_some_and(|l| self.stats.conflicts >= l);
        match result {
            Assumed::Interrupted if budget_spent => Assumed::Budget,
            r => r,
        }
    }

    fn solve_assuming_inner(
        &mut self,
        assumptions: &[Lit],
        check: &mut dyn ModelCheck,
        deadline: Option<Instant>,
    ) -> Assumed {
        self.undo_trail(1);
        self.trail_lim.clear();
        self.loop_dirty = true;
        self.assert_units();
        self.root = 0;
        self.bt = 0;
        self.done = self.unsat;
        if self.done {
            return Assumed::Core(Vec::new());
        }
        for &lit in assumptions {
            if !self.propagate_all() {
                self.unsat |= self.decision_level() == 0;
                self.done = true;
                return Assumed::Core(self.final_core());
            }
            match self.value(lit) {
                1 => continue,
                -1 => {
                    self.conflict.clear();
                    self.conflict.push(!lit);
                    let mut core = self.final_core();
                    core.push(lit);
                    self.done = true;
                    return Assumed::Core(core);
                }
                _ => {}
            }
            self.trail_lim.push(self.trail.len() as u32);
            self.assign(lit, Reason::Decision);
            self.root = self.decision_level();
            self.bt = self.root;
        }
        match self.search(check, deadline) {
            Outcome::Model => Assumed::Model,
            Outcome::Interrupted => Assumed::Interrupted,
            // The search ends on a conflict at or below the assumption levels, which
            // `self.conflict` still holds (with the trail that implied it).
            Outcome::Exhausted => Assumed::Core(self.final_core()),
        }
    }

    /// The decisions (assumptions) among the reasons of the true literals in
    /// `self.conflict`.
    fn final_core(&mut self) -> Vec<Lit> {
        let mut core = Vec::new();
        let relevant = |s: &Self, l: Lit| {
            let v = l.var().index();
            s.level[v] > 0 && s.reason[v] != Reason::Unit
        };
        let conflict = std::mem::take(&mut self.conflict);
        for &l in &conflict {
            if relevant(self, l) {
                self.seen[l.var().index()] = true;
            }
        }
        self.conflict = conflict;
        let mut buf = std::mem::take(&mut self.explain_buf);
        for idx in (0..self.trail.len()).rev() {
            let p = self.trail[idx];
            let v = p.var().index();
            if !self.seen[v] {
                continue;
            }
            self.seen[v] = false;
            if matches!(self.reason[v], Reason::Decision | Reason::Flip) {
                core.push(p);
                continue;
            }
            self.explain(p, &mut buf);
            for &q in &buf {
                if relevant(self, q) {
                    self.seen[q.var().index()] = true;
                }
            }
        }
        self.explain_buf = buf;
        core
    }

    /// True once this solver has proven that the clauses alone have no model.
    pub fn is_unsat(&self) -> bool {
        self.unsat
    }
}

/// `values[lit.index()]` without the bounds check, for the propagation loops: every
/// literal of the formula and of its clauses, learnt ones included, indexes the
/// solver's per-literal arrays (checked in debug builds).
#[inline(always)]
fn fast_value(values: &[i8], lit: Lit) -> i8 {
    debug_assert!(lit.index() < values.len());
    // SAFETY: literals are created over the formula's variables, and the solver's
    // `value` has an entry for both literals of each of them (see `Solver::new`).
    unsafe { *values.get_unchecked(lit.index()) }
}

/// Whether every bound literal of `w` is `Lit::TRUE`: the constraint must hold.
fn must_hold(w: &WeightConstraint) -> bool {
    w.bounds.iter().all(|&(b, _)| b == Lit::TRUE)
}

/// The queueing threshold of `w` (see `Solver::weight_trigger`).
fn weight_trigger(w: &WeightConstraint) -> u64 {
    if !must_hold(w) {
        return u64::MAX;
    }
    let bound = w.bounds.iter().map(|b| b.1).max().unwrap_or(0);
    let largest = w.lits.first().map_or(0, |e| e.1);
    bound.saturating_add(largest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luby_sequence() {
        let seq: Vec<u64> = (0..15).map(luby).collect();
        assert_eq!(seq, vec![1, 1, 2, 1, 1, 2, 4, 1, 1, 2, 1, 1, 2, 4, 8]);
    }

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
