//! The assignment and the trail: per-literal values, per-variable levels, reasons and
//! trail positions, the decision levels' starts, and the unit clauses re-asserted after
//! every backtrack. Undoing the trail also undoes what follows it: weight counters,
//! saved phases, source pointers, the acyclicity check and the domain heuristic.

use super::Solver;
use crate::clause::ClauseRef;
use crate::lit::{Lit, Value};

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

impl<'f> Solver<'f> {
    /// The value of a literal.
    #[inline]
    pub fn value(&self, lit: Lit) -> Value {
        self.value[lit.index()]
    }

    /// Per-literal values of the current assignment.
    pub fn values(&self) -> &[Value] {
        &self.value
    }

    /// Per-literal values of the root level alone (unit clauses and what they
    /// propagate): what holds in every model still to be found.
    pub fn root_values(&self) -> Vec<Value> {
        let mut root = vec![Value::Unassigned; self.value.len()];
        let end = self
            .trail_lim
            .first()
            .map_or(self.trail.len(), |&p| p as usize);
        for &lit in &self.trail[..end] {
            root[lit.index()] = Value::True;
            root[(!lit).index()] = Value::False;
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

    #[inline(always)]
    pub(super) fn assign(&mut self, lit: Lit, reason: Reason) {
        debug_assert_eq!(self.value[lit.index()], Value::Unassigned);
        let var = lit.var().index();
        self.value[lit.index()] = Value::True;
        self.value[(!lit).index()] = Value::False;
        self.level[var] = self.decision_level();
        self.reason[var] = reason;
        self.trail_pos[var] = self.trail.len() as u32;
        self.trail.push(lit);
        self.stats.propagations += 1;
        if self.loop_relevant[(!lit).index()] {
            self.loop_dirty = true;
        }
    }

    /// Undoes every assignment above `level`, then re-asserts the unit clauses.
    pub fn cancel_until(&mut self, level: u32) {
        if self.decision_level() > level {
            self.save_phases = self.saves_phases(level);
            self.undo_trail(self.trail_lim[level as usize] as usize);
            self.save_phases = true;
            self.trail_lim.truncate(level as usize);
        }
        self.assert_units();
    }

    /// Undoes every assignment at trail positions `target..`.
    pub(super) fn undo_trail(&mut self, target: usize) {
        {
            for pos in (target..self.trail.len()).rev() {
                let lit = self.trail[pos];
                if pos < self.qhead {
                    self.update_weights(lit, true);
                }
                self.value[lit.index()] = Value::Unassigned;
                self.value[(!lit).index()] = Value::Unassigned;
                let var = lit.var();
                self.reason[var.index()] = Reason::Decision;
                if self.save_phases {
                    self.heuristic.phase[var.index()] = lit.is_negated();
                }
                self.heuristic.insert(var);
            }
            // (The domain heuristic reads the undone literals off the trail.)
            if let (Some(state), Some(mods)) = (&mut self.domain, &self.formula.domain) {
                state.backtrack(mods, &self.trail, target, &mut self.heuristic);
            }
            let root_end = self
                .trail_lim
                .first()
                .map_or(self.trail.len(), |&p| p as usize);
            if target < root_end {
                self.units_at_root = 0;
            }
            self.trail.truncate(target);
            self.sources.backtrack(target);
            if let Some(graph) = &self.formula.acyclicity {
                self.acyclic.backtrack(graph, target);
            }
            self.qhead = self.qhead.min(target);
            for c in self.weights.queue.drain(..) {
                self.weights.queued[c as usize] = false;
            }
            // Every level below the current one was completed, unfounded-set check
            // included, before the next decision: the restored state is checked.
            self.loop_dirty = false;
        }
    }

    /// Re-asserts the unit clauses (after backtracking).
    pub(super) fn assert_units(&mut self) {
        // Units true at level 0 stay true until the trail is undone below level 0's
        // end (`undo_trail` resets the count): skip them rather than look at every
        // unit after every backjump (3% of color-500's instructions).
        while self.units_at_root < self.units.len() {
            let unit = self.units[self.units_at_root];
            if self.value(unit) != Value::True || self.level_of(unit) != 0 {
                break;
            }
            self.units_at_root += 1;
        }
        for i in self.units_at_root..self.units.len() {
            let unit = self.units[i];
            if self.value(unit) == Value::Unassigned {
                self.assign(unit, Reason::Unit);
            }
        }
    }
}

/// `values[lit.index()]` without the bounds check, for the propagation loops: every
/// literal of the formula and of its clauses, learnt ones included, indexes the
/// solver's per-literal arrays (checked in debug builds).
#[inline(always)]
pub(super) fn fast_value(values: &[Value], lit: Lit) -> Value {
    debug_assert!(lit.index() < values.len());
    // SAFETY: literals are created over the formula's variables, and the solver's
    // `value` has an entry for both literals of each of them (see `Solver::new`).
    unsafe { *values.get_unchecked(lit.index()) }
}
