//! Native weight constraints: per-literal occurrence lists, the sums of true and false
//! elements (updated when the propagation head passes a literal, undone on
//! backtracking), propagation of bound literals and elements, and their reasons (the
//! earliest elements that reach the bound). Constraints added during the search (the
//! optimisation bound) live in the solver, those of the formula are shared.

use super::trail::Reason;
use super::Solver;
use crate::formula::{Formula, WeightConstraint};
use crate::lit::{Lit, Value};
use std::rc::Rc;

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

/// The counters of native weight constraints, per constraint (the formula's, then
/// those added during the search).
pub(super) struct Weights {
    /// Per literal, its occurrences in native weight constraints: `(constraint, code,
    /// weight or bound index)`, code 0/1 the bound literal true/false, 2/3 an element
    /// true/false. Empty (no per-literal lists at all) until the first native
    /// constraint: most programs translate theirs into clauses, and 2·vars empty
    /// lists cost 48 bytes a variable (4 MB on queens-100).
    pub(super) occurrences: Vec<Vec<(u32, u32, u64)>>,
    /// The constraints this solver added (numbered after the formula's).
    pub(super) own: Vec<Rc<WeightConstraint>>,
    /// Per constraint, the weight of its processed true elements.
    pub(super) true_sum: Vec<u64>,
    /// Per constraint, the weight of its processed false elements.
    pub(super) false_sum: Vec<u64>,
    /// Per constraint, the weight of all its elements.
    pub(super) total: Vec<u64>,
    /// Constraints to propagate at the end of the trail (each once, `queued`).
    pub(super) queue: Vec<u32>,
    pub(super) queued: Vec<bool>,
    /// Per constraint, when an element that became false queues it: only while the
    /// largest reachable sum is below this value. A constraint that must hold (every
    /// bound literal is `Lit::TRUE`, as the optimisation bound) can only propagate once
    /// its slack is below its largest weight, and it never needs its true side: such
    /// constraints skip the bookkeeping of elements that became true (their
    /// `true_sum` stays 0). `u64::MAX` for the others.
    pub(super) trigger: Vec<u64>,
    /// Per constraint, its processed element literals in trail order, elements that
    /// became true in `[c][1]`, false ones in `[c][0]`: the literal that became
    /// true and its weight.
    pub(super) stack: Vec<[Vec<(Lit, u64)>; 2]>,
}

impl Weights {
    /// Counters for the constraints of `formula`, nothing processed yet.
    pub(super) fn new(formula: &Formula) -> Weights {
        Weights {
            occurrences: Vec::new(),
            own: Vec::new(),
            true_sum: vec![0; formula.weights.len()],
            false_sum: vec![0; formula.weights.len()],
            total: formula
                .weights
                .iter()
                .map(|w| w.lits.iter().map(|e| e.1).sum())
                .collect(),
            queue: Vec::new(),
            queued: vec![false; formula.weights.len()],
            trigger: formula.weights.iter().map(weight_trigger).collect(),
            stack: vec![[Vec::new(), Vec::new()]; formula.weights.len()],
        }
    }
}

impl<'f> Solver<'f> {
    pub(super) fn register_weight(&mut self, c: u32, w: &WeightConstraint) {
        if self.weights.occurrences.is_empty() {
            self.weights.occurrences = vec![Vec::new(); self.value.len()];
        }
        let must_hold = must_hold(w);
        if !must_hold {
            for (j, &(b, _)) in w.bounds.iter().enumerate() {
                self.weights.occurrences[b.index()].push((c, 0, j as u64));
                self.weights.occurrences[(!b).index()].push((c, 1, j as u64));
            }
        }
        for &(lit, weight) in &w.lits {
            if !must_hold {
                self.weights.occurrences[lit.index()].push((c, 2, weight));
            }
            self.weights.occurrences[(!lit).index()].push((c, 3, weight));
        }
        self.queue_weight(c);
    }

    fn weight(&self, c: u32) -> WeightHandle<'f> {
        let shared = self.formula.weights.len();
        match self.formula.weights.get(c as usize) {
            Some(w) => WeightHandle::Shared(w),
            None => WeightHandle::Own(self.weights.own[c as usize - shared].clone()),
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
        let c = (self.formula.weights.len() + self.weights.own.len()) as u32;
        let must_hold = must_hold(&w);
        let (mut sum_true, mut sum_false, mut total) = (0, 0, 0);
        let mut stacks = [Vec::new(), Vec::new()];
        for &(l, weight) in &w.lits {
            total += weight;
            let processed = self.value[l.index()] != Value::Unassigned
                && (self.trail_pos[l.var().index()] as usize) < self.qhead;
            if processed && self.value[l.index()] == Value::True {
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
        self.weights.stack.push(stacks);
        self.weights.true_sum.push(sum_true);
        self.weights.false_sum.push(sum_false);
        self.weights.total.push(total);
        self.weights.queued.push(false);
        self.weights.trigger.push(weight_trigger(&w));
        self.register_weight(c, &w);
        self.weights.own.push(Rc::new(w));
        c
    }

    /// Raises the bound of constraint `c` (added by [`Solver::add_weight_in_search`]).
    /// Reasons given under the old bound stay valid: the new one is stronger.
    pub fn tighten_weight(&mut self, c: u32, bound: u64) {
        let k = c as usize - self.formula.weights.len();
        let mut w = (*self.weights.own[k]).clone();
        debug_assert!(bound >= w.bounds[0].1);
        w.bounds[0].1 = bound;
        self.weights.trigger[c as usize] = weight_trigger(&w);
        self.weights.own[k] = Rc::new(w);
        self.queue_weight(c);
    }

    pub(super) fn queue_weight(&mut self, c: u32) {
        if !self.weights.queued[c as usize] {
            self.weights.queued[c as usize] = true;
            self.weights.queue.push(c);
        }
    }

    #[inline(always)]
    pub(super) fn update_weights(&mut self, lit: Lit, undo: bool) {
        // Most literals are in no native constraint (translated ones are clauses):
        // skip the call and the take-and-restore of the empty list.
        if self
            .weights
            .occurrences
            .get(lit.index())
            .is_some_and(|o| !o.is_empty())
        {
            self.update_weight_sums(lit, undo);
        }
    }

    /// [`Solver::update_weights`] for a literal with occurrences.
    #[inline(never)]
    fn update_weight_sums(&mut self, lit: Lit, undo: bool) {
        let occurrences = std::mem::take(&mut self.weights.occurrences[lit.index()]);
        for &(c, code, w) in &occurrences {
            if code >= 2 {
                let sum = if code == 2 {
                    &mut self.weights.true_sum[c as usize]
                } else {
                    &mut self.weights.false_sum[c as usize]
                };
                if undo {
                    *sum -= w;
                    let top = self.weights.stack[c as usize][(code == 2) as usize].pop();
                    debug_assert_eq!(top.map(|e| e.0), Some(lit));
                } else {
                    *sum += w;
                    self.weights.stack[c as usize][(code == 2) as usize].push((lit, w));
                    if code == 3
                        && self.weights.total[c as usize] - *sum >= self.weights.trigger[c as usize]
                    {
                        continue;
                    }
                }
            }
            if !undo {
                self.queue_weight(c);
            }
        }
        self.weights.occurrences[lit.index()] = occurrences;
    }

    #[inline(never)]
    pub(super) fn propagate_weight(&mut self, c: u32) -> bool {
        let wc = self.weight(c);
        let ci = c as usize;
        let min = self.weights.true_sum[ci];
        let total = self.weights.total[ci];
        let max = total - self.weights.false_sum[ci];
        // The strongest bound that must hold and the weakest that must fail.
        let mut must_hold: Option<(u64, u32)> = None;
        let mut must_fail: Option<(u64, u32)> = None;
        for (j, &(b, bound)) in wc.bounds.iter().enumerate() {
            let j = j as u32;
            let mut value = self.value(b);
            if min >= bound && value != Value::True {
                if value == Value::False {
                    self.conflict.clear();
                    self.conflict.push(!b);
                    let mut conflict = std::mem::take(&mut self.conflict);
                    self.weight_support(c, u32::MAX, true, bound, &mut conflict);
                    self.conflict = conflict;
                    return false;
                }
                self.assign(b, Reason::Weight(c, j));
                value = Value::True;
            }
            if max < bound && value != Value::False {
                if value == Value::True {
                    self.conflict.clear();
                    self.conflict.push(b);
                    let mut conflict = std::mem::take(&mut self.conflict);
                    self.weight_support(c, u32::MAX, false, total + 1 - bound, &mut conflict);
                    self.conflict = conflict;
                    return false;
                }
                self.assign(!b, Reason::Weight(c, j));
                value = Value::False;
            }
            if value == Value::True {
                must_hold = Some((bound, j));
            } else if value == Value::False && must_fail.is_none() {
                must_fail = Some((bound, j));
            }
        }
        if let Some((bound, j)) = must_hold {
            for &(l, w) in &wc.lits {
                if w + bound <= max {
                    break;
                }
                if self.value[l.index()] == Value::Unassigned {
                    self.assign(l, Reason::Weight(c, j));
                }
            }
        }
        if let Some((bound, j)) = must_fail {
            for &(l, w) in &wc.lits {
                if min + w < bound {
                    break;
                }
                if self.value[l.index()] == Value::Unassigned {
                    self.assign(!l, Reason::Weight(c, j));
                }
            }
        }
        true
    }

    /// The true literals that made constraint `c` (through its bound `j`) imply `p`,
    /// into `out` (the weight case of `Solver::explain`).
    pub(super) fn explain_weight(&self, c: u32, j: u32, p: Lit, out: &mut Vec<Lit>) {
        let wc = self.weight(c);
        let pos = self.trail_pos[p.var().index()];
        let total = self.weights.total[c as usize];
        let (b, bound) = wc.bounds[j as usize];
        if p == b {
            self.weight_support(c, pos, true, bound, out);
        } else if p == !b {
            self.weight_support(c, pos, false, total + 1 - bound, out);
        } else if self.value[b.index()] == Value::True && self.trail_pos[b.var().index()] < pos {
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

    /// The weight of element `lit` in constraint `c` (found through the occurrences
    /// of `!lit`, which are few, instead of the constraint's elements; the false side
    /// is registered for every constraint, the true side not for those that must hold).
    fn element_weight(&self, c: u32, lit: Lit) -> u64 {
        self.weights.occurrences[(!lit).index()]
            .iter()
            .find(|o| o.0 == c && o.1 == 3)
            .map_or(0, |o| o.2)
    }

    /// The earliest literals of `wc` that are true (`want_true`) or false, assigned
    /// before trail position `limit`, until their weights reach `needed`; pushed as
    /// true literals.
    fn weight_support(&self, c: u32, limit: u32, want_true: bool, needed: u64, out: &mut Vec<Lit>) {
        let mut sum = 0;
        for &(p, w) in &self.weights.stack[c as usize][want_true as usize] {
            if sum >= needed || self.trail_pos[p.var().index()] >= limit {
                break;
            }
            out.push(p);
            sum += w;
        }
        debug_assert!(sum >= needed, "a weight reason covers its bound");
    }

    /// Asserts that no weight constraint or clause can propagate more (debug builds).
    #[cfg(debug_assertions)]
    pub(super) fn debug_check_fixpoint(&self) {
        let n = self.formula.weights.len() + self.weights.own.len();
        for c in 0..n as u32 {
            let wc = self.weight(c);
            let mut min = 0;
            let mut max = 0;
            for &(l, w) in &wc.lits {
                match self.value[l.index()] {
                    Value::True => {
                        min += w;
                        max += w;
                    }
                    Value::Unassigned => max += w,
                    _ => {}
                }
            }
            if !must_hold(&wc) {
                assert_eq!(min, self.weights.true_sum[c as usize], "stale true sum");
            }
            assert_eq!(
                max,
                self.weights.total[c as usize] - self.weights.false_sum[c as usize],
                "stale false sum"
            );
            for &(lit, bound) in &wc.bounds {
                let b = self.value[lit.index()];
                assert!(min < bound || b == Value::True, "unpropagated body true");
                assert!(max >= bound || b == Value::False, "unpropagated body false");
                for &(l, w) in &wc.lits {
                    if self.value[l.index()] == Value::Unassigned {
                        assert!(b != Value::True || max - w >= bound, "unpropagated element");
                        assert!(
                            b != Value::False || min + w < bound,
                            "unpropagated element false"
                        );
                    }
                }
            }
        }
    }
}

/// Whether every bound literal of `w` is `Lit::TRUE`: the constraint must hold.
fn must_hold(w: &WeightConstraint) -> bool {
    w.bounds.iter().all(|&(b, _)| b == Lit::TRUE)
}

/// The queueing threshold of `w` (see `Weights::trigger`).
pub(super) fn weight_trigger(w: &WeightConstraint) -> u64 {
    if !must_hold(w) {
        return u64::MAX;
    }
    let bound = w.bounds.iter().map(|b| b.1).max().unwrap_or(0);
    let largest = w.lits.first().map_or(0, |e| e.1);
    bound.saturating_add(largest)
}
