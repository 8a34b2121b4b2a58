//! Native weight constraints: per-literal occurrence lists, the sums of true and false
//! elements (updated when the propagation head passes a literal, undone on
//! backtracking), propagation of bound literals and elements, and their reasons (the
//! earliest elements that reach the bound). Constraints added during the search (the
//! optimisation bound) live in the solver, those of the formula are shared.

use super::trail::Reason;
use super::Solver;
use crate::formula::WeightConstraint;
use crate::lit::Lit;
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

impl<'f> Solver<'f> {
    pub(super) fn register_weight(&mut self, c: u32, w: &WeightConstraint) {
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

    pub(super) fn queue_weight(&mut self, c: u32) {
        if !self.weight_queued[c as usize] {
            self.weight_queued[c as usize] = true;
            self.weight_queue.push(c);
        }
    }

    #[inline(always)]
    pub(super) fn update_weights(&mut self, lit: Lit, undo: bool) {
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

    #[inline(never)]
    pub(super) fn propagate_weight(&mut self, c: u32) -> bool {
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

    /// The true literals that made constraint `c` (through its bound `j`) imply `p`,
    /// into `out` (the weight case of `Solver::explain`).
    pub(super) fn explain_weight(&self, c: u32, j: u32, p: Lit, out: &mut Vec<Lit>) {
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

    /// Asserts that no weight constraint or clause can propagate more (debug builds).
    #[cfg(debug_assertions)]
    pub(super) fn debug_check_fixpoint(&self) {
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
}

/// Whether every bound literal of `w` is `Lit::TRUE`: the constraint must hold.
fn must_hold(w: &WeightConstraint) -> bool {
    w.bounds.iter().all(|&(b, _)| b == Lit::TRUE)
}

/// The queueing threshold of `w` (see `Solver::weight_trigger`).
pub(super) fn weight_trigger(w: &WeightConstraint) -> u64 {
    if !must_hold(w) {
        return u64::MAX;
    }
    let bound = w.bounds.iter().map(|b| b.1).max().unwrap_or(0);
    let largest = w.lits.first().map_or(0, |e| e.1);
    bound.saturating_add(largest)
}
