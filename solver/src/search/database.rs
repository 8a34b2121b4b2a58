//! The clause database: clauses added during the search (learnt, loop nogoods,
//! blocking clauses, shared ones), their watches, the LBD of learnt clauses, and the
//! reduction that halves the learnt clauses by LBD and compacts the arena.

use super::share::SHARED_CLAUSE_LIMIT;
use super::trail::Reason;
use super::{Solver, Watch};
use crate::clause::ClauseRef;
use crate::lit::{Lit, Value};

impl<'f> Solver<'f> {
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
    pub(super) fn learn(&mut self, learnt: &[Lit]) {
        let glue = self.lbd(learnt);
        let lbd = glue as f64;
        self.restarts.learnt(lbd, self.stats.conflicts);
        self.stats.learnt_literals += learnt.len() as u64;
        if let Some(x) = &mut self.exchange {
            // Short clauses and those over few levels are the ones worth sharing
            // (glue clauses, as in parallel glucose).
            if learnt.len() <= SHARED_CLAUSE_LIMIT || lbd <= 2.0 {
                x.export(learnt);
            }
        }
        match learnt.len() {
            1 => {
                self.units.push(learnt[0]);
                if self.value(learnt[0]) == Value::Unassigned {
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
                Value::True => (0, std::cmp::Reverse(0)),
                Value::Unassigned => (1, std::cmp::Reverse(0)),
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
                Value::Unassigned => {
                    self.assign(l, Reason::Unit);
                    true
                }
                Value::True => true,
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
            (Value::False, _) => {
                self.conflict.clear();
                self.conflict.extend(lits.iter().map(|&l| !l));
                false
            }
            (Value::Unassigned, Value::False) => {
                self.assign(lits[0], reason);
                true
            }
            _ => true,
        }
    }

    pub(super) fn reduce_db(&mut self) {
        let mut candidates: Vec<(u32, usize, ClauseRef)> = Vec::new();
        let mut kept = Vec::new();
        for &cref in &self.learnts {
            let lits = self.arena.lits(cref);
            let locked = self.reason[lits[0].var().index()] == Reason::Clause(cref)
                && self.value[lits[0].index()] == Value::True;
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
}
