//! The search loop: propagate, resolve conflicts, restart, reduce the clause database,
//! decide; a total assignment that the model check accepts is a model. After a model
//! the caller excludes it by backtracking (the last decision flipped, no clause
//! added) or by a blocking clause.

use super::trail::Reason;
use super::{ModelCheck, Outcome, Solver};
use crate::lit::{Lit, Value, Var};
use std::time::Instant;

impl<'f> Solver<'f> {
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
                if self.restarts.due() {
                    self.restarts.restarted();
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
                .pick(|v: Var| value[v.positive().index()] == Value::Unassigned);
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
                    self.save_model_phases();
                    return Outcome::Model;
                }
            }
        }
    }

    /// Keeps the model's values as the next decisions' signs, whatever the phase
    /// policy: a search for a better or further model then starts near this one
    /// (solution-guided search; branch and bound needs far fewer conflicts).
    fn save_model_phases(&mut self) {
        for &lit in &self.trail {
            self.heuristic.phase[lit.var().index()] = lit.is_negated();
        }
    }

    /// Every model below the decision of `level` is known: flip that decision.
    /// At or below the guiding path's levels the whole assigned part is done.
    pub(super) fn exhaust(&mut self, level: u32) -> bool {
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
}
