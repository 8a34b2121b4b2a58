//! Unit propagation: binary implication lists, two watched literals with blocking
//! literals over the clause arena, weight constraints (see `weight.rs`), and at the
//! fixpoint the acyclicity check (`#edge`) and unfounded sets, whose nogoods are added
//! as learnt clauses. On a conflict the violated nogood (its true literals) is left in
//! `Solver::conflict`.

use super::trail::{fast_value, Reason};
use super::Solver;
use crate::acyclic::Found;
use crate::clause::ClauseRef;
use crate::lit::{Lit, Value};

/// A long clause watched by a literal, with a blocking literal: while that one is
/// true the clause is satisfied and not visited.
#[derive(Clone, Copy, Debug)]
pub(super) struct Watch {
    pub(super) cref: ClauseRef,
    pub(super) blocker: Lit,
}

impl<'f> Solver<'f> {
    /// Unit propagation over binaries, clauses and weight constraints. On a conflict
    /// returns false with the violated nogood (true literals) in `self.conflict`.
    fn propagate(&mut self) -> bool {
        while self.qhead < self.trail.len() || !self.weights.queue.is_empty() {
            if self.qhead < self.trail.len() {
                let p = self.trail[self.qhead];
                self.qhead += 1;
                self.update_weights(p, false);
                if !self.propagate_binary(p) || !self.propagate_long(p) {
                    return false;
                }
            } else {
                while let Some(c) = self.weights.queue.pop() {
                    self.weights.queued[c as usize] = false;
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
        // The list is read by index, not borrowed across `assign` (which takes all of
        // `self`): no copy of the list per propagated literal, and no aliasing. `assign`
        // never changes `self.bins`, so the length read once stays right.
        let pi = p.index();
        for k in 0..self.bins[pi].len() {
            let q = self.bins[pi][k];
            match fast_value(&self.value, q) {
                Value::True => {}
                Value::Unassigned => self.assign(q, Reason::Binary(p)),
                _ => {
                    self.conflict.clear();
                    self.conflict.extend([p, !q]);
                    return false;
                }
            }
        }
        true
    }

    #[inline(never)]
    fn propagate_long(&mut self, p: Lit) -> bool {
        let false_lit = !p;
        let mut ws = std::mem::take(&mut self.watches[false_lit.index()]);
        let n = ws.len();
        let mut i = 0;
        let mut j = 0;
        let mut conflict = None;
        // SAFETY (the unchecked accesses to `ws` below): `j <= i < n == ws.len()`.
        while i < n {
            let w = unsafe { *ws.get_unchecked(i) };
            i += 1;
            if fast_value(&self.value, w.blocker) == Value::True {
                unsafe { *ws.get_unchecked_mut(j) = w };
                j += 1;
                continue;
            }
            let (lits, search_pos) = self.arena.lits_and_search_pos_mut(w.cref);
            if lits[0] == false_lit {
                lits.swap(0, 1);
            }
            let first = lits[0];
            if first != w.blocker && fast_value(&self.value, first) == Value::True {
                ws[j] = Watch {
                    cref: w.cref,
                    blocker: first,
                };
                j += 1;
                continue;
            }
            // Look for a new watch from where the last search stopped, then wrap:
            // two plain slice scans (this loop is where long clauses cost most).
            let len = lits.len();
            let start = (*search_pos as usize).clamp(2, len);
            let not_false = |l: &Lit| fast_value(&self.value, *l) != Value::False;
            let found = match lits[start..].iter().position(not_false) {
                Some(k) => Some(start + k),
                None => lits[2..start].iter().position(not_false).map(|k| 2 + k),
            };
            if let Some(k) = found {
                *search_pos = k as u32;
                lits.swap(1, k);
                let new_watch = lits[1];
                self.watches[new_watch.index()].push(Watch {
                    cref: w.cref,
                    blocker: first,
                });
                continue;
            }
            ws[j] = Watch {
                cref: w.cref,
                blocker: first,
            };
            j += 1;
            if fast_value(&self.value, first) == Value::False {
                conflict = Some(w.cref);
                ws.copy_within(i..n, j);
                j += n - i;
                break;
            }
            self.assign(first, Reason::Clause(w.cref));
        }
        ws.truncate(j);
        self.watches[false_lit.index()] = ws;
        if let Some(cref) = conflict {
            self.conflict.clear();
            self.conflict
                .extend(self.arena.lits(cref).iter().map(|&l| !l));
            return false;
        }
        true
    }

    /// Propagation including unfounded sets.
    pub(super) fn propagate_all(&mut self) -> bool {
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
                if self.value(u) == Value::False {
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
}
