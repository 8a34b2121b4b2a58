//! Solving under assumptions (decided first, one level each, as MiniSat's interface)
//! and final cores: the assumptions among the reasons of the final conflict.

use super::trail::Reason;
use super::{ModelCheck, Outcome, Solver};
use crate::lit::{Lit, Value};
use std::time::Instant;

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

impl<'f> Solver<'f> {
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
                Value::True => continue,
                Value::False => {
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
                self.analysis.seen[l.var().index()] = true;
            }
        }
        self.conflict = conflict;
        let mut buf = std::mem::take(&mut self.analysis.explain_buf);
        for idx in (0..self.trail.len()).rev() {
            let p = self.trail[idx];
            let v = p.var().index();
            if !self.analysis.seen[v] {
                continue;
            }
            self.analysis.seen[v] = false;
            if matches!(self.reason[v], Reason::Decision | Reason::Flip) {
                core.push(p);
                continue;
            }
            self.explain(p, &mut buf);
            for &q in &buf {
                if relevant(self, q) {
                    self.analysis.seen[q.var().index()] = true;
                }
            }
        }
        self.analysis.explain_buf = buf;
        core
    }
}
