//! Guiding paths of parallel search: a solver restricted to the models that contain a
//! path (its decisions at levels `1..=root`), splitting off the other branch of its
//! first decision below the path for an idle thread, and the link to the other threads
//! (shared clauses read at restarts and new paths).

use super::share::Exchange;
use super::trail::Reason;
use super::Solver;
use crate::lit::{Lit, Value};

impl<'f> Solver<'f> {
    /// Joins a parallel search: learnt clauses are shared through `exchange`, and
    /// the search stops, or gives away part of its space, when it asks.
    pub fn attach(&mut self, exchange: Exchange<'f>) {
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
        for c in 0..(self.formula.weights.len() + self.weights.own.len()) as u32 {
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
                Value::True => continue,
                Value::False => {
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
    pub(super) fn import_shared(&mut self) -> bool {
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

    /// Records that this solver's bound reflects the shared bound `version`.
    pub fn mark_bound_seen(&mut self, version: u64) {
        if let Some(x) = &mut self.exchange {
            x.bound_seen = version;
        }
    }
}
