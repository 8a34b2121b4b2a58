//! Conflict analysis: the reasons of implied literals, first-UIP learning and
//! recursive clause minimisation (MiniSat's, with literals marked removable or failed
//! once per analysis), then the backjump. A conflict at or below the backtrack level
//! `bt` flips a decision instead (enumeration by backtracking).

use super::trail::Reason;
use super::Solver;
use crate::lit::Lit;

/// A literal clause minimisation is showing implied (see `Solver::redundant`).
#[derive(Clone, Copy, Debug)]
pub(super) struct MinFrame {
    lit: Lit,
    begin: usize,
    next: usize,
}

const MIN_REMOVABLE: u8 = 1;
const MIN_FAILED: u8 = 2;

/// The scratch space of conflict analysis, kept between conflicts to reuse its
/// allocations.
pub(super) struct Analysis {
    /// Per variable, whether its literal is in the clause being learnt (or, in
    /// `final_core`, among the reasons still to trace).
    pub(super) seen: Vec<bool>,
    /// The reason of one literal (see `Solver::explain`).
    pub(super) explain_buf: Vec<Lit>,
    /// The clause `analyze` learns.
    pub(super) learnt_buf: Vec<Lit>,
    /// Per variable, what clause minimisation found out in this conflict's analysis
    /// (`MIN_REMOVABLE`, `MIN_FAILED`, 0 unknown); the variables marked are in
    /// `min_marked`, cleared at the end of `analyze`.
    pub(super) min_mark: Vec<u8>,
    pub(super) min_marked: Vec<usize>,
    /// Clause minimisation's depth-first search: one frame per literal being shown
    /// implied, its reason's literals in `min_reasons[begin..end]`, `next` the first
    /// not yet checked.
    pub(super) min_frames: Vec<MinFrame>,
    pub(super) min_reasons: Vec<Lit>,
}

impl Analysis {
    /// Scratch space for `vars` variables.
    pub(super) fn new(vars: usize) -> Analysis {
        Analysis {
            seen: vec![false; vars],
            explain_buf: Vec::new(),
            learnt_buf: Vec::new(),
            min_mark: vec![0; vars],
            min_marked: Vec::new(),
            min_frames: Vec::new(),
            min_reasons: Vec::new(),
        }
    }
}

impl<'f> Solver<'f> {
    /// The true literals that implied `p`, into `out`.
    pub(super) fn explain(&self, p: Lit, out: &mut Vec<Lit>) {
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
            Reason::Weight(c, j) => self.explain_weight(c, j, p, out),
        }
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
    pub(super) fn resolve_conflict(&mut self) -> bool {
        self.stats.conflicts += 1;
        self.restarts.conflict();
        let level = self.conflict_level();
        if level <= self.bt {
            return self.exhaust(level);
        }
        if level < self.decision_level() {
            self.cancel_until(level);
        }
        let backjump = self.analyze(level);
        self.cancel_until(backjump.max(self.bt));
        let learnt = std::mem::take(&mut self.analysis.learnt_buf);
        self.learn(&learnt);
        self.analysis.learnt_buf = learnt;
        self.heuristic.decay();
        true
    }

    /// One true literal of a nogood under analysis: bumped and marked seen once;
    /// counted when of the conflict's level, else added (negated) to the clause.
    #[inline(always)]
    fn see(&mut self, q: Lit, level: u32, counter: &mut usize, learnt: &mut Vec<Lit>) {
        let v = q.var().index();
        if self.analysis.seen[v] || self.level[v] == 0 || self.reason[v] == Reason::Unit {
            return;
        }
        self.analysis.seen[v] = true;
        self.heuristic.bump(q.var());
        if self.level[v] == level {
            *counter += 1;
        } else {
            learnt.push(!q);
        }
    }

    #[inline(never)]
    fn analyze(&mut self, level: u32) -> u32 {
        let mut learnt = std::mem::take(&mut self.analysis.learnt_buf);
        learnt.clear();
        learnt.push(Lit::FALSE);
        let mut counter = 0usize;
        let conflict = std::mem::take(&mut self.conflict);
        for &q in &conflict {
            self.see(q, level, &mut counter, &mut learnt);
        }
        self.conflict = conflict;
        let mut idx = self.trail.len();
        let uip = loop {
            loop {
                idx -= 1;
                if self.analysis.seen[self.trail[idx].var().index()] {
                    break;
                }
            }
            let p = self.trail[idx];
            self.analysis.seen[p.var().index()] = false;
            counter -= 1;
            if counter == 0 {
                break p;
            }
            // The reason's literals in `explain`'s order, read in place for clauses
            // (copying them out cost 2% of color-500's instructions).
            match self.reason[p.var().index()] {
                Reason::Binary(q) => self.see(q, level, &mut counter, &mut learnt),
                Reason::Clause(cref) => {
                    for i in 0..self.arena.lits(cref).len() {
                        let l = self.arena.lits(cref)[i];
                        if l != p {
                            self.see(!l, level, &mut counter, &mut learnt);
                        }
                    }
                }
                _ => {
                    let mut out = std::mem::take(&mut self.analysis.explain_buf);
                    self.explain(p, &mut out);
                    for &q in &out {
                        self.see(q, level, &mut counter, &mut learnt);
                    }
                    self.analysis.explain_buf = out;
                }
            }
        };
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
            self.analysis.seen[l.var().index()] = false;
        }
        learnt.truncate(kept);
        for v in self.analysis.min_marked.drain(..) {
            self.analysis.min_mark[v] = 0;
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
        self.analysis.learnt_buf = learnt;
        backjump
    }

    /// Whether the true literal `p` follows from literals already in the learnt clause
    /// (marked seen), through reasons whose levels all occur in it (`levels`). A
    /// depth-first search over reasons; every literal it finishes is marked removable
    /// and, on failure, every literal on the search path is marked failed, so no
    /// literal's reasons are searched twice in one analysis.
    fn redundant(&mut self, p: Lit, levels: u32) -> bool {
        let mut frames = std::mem::take(&mut self.analysis.min_frames);
        let mut reasons = std::mem::take(&mut self.analysis.min_reasons);
        let mut buf = std::mem::take(&mut self.analysis.explain_buf);
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
                if self.analysis.seen[v]
                    || self.level[v] == 0
                    || self.reason[v] == Reason::Unit
                    || self.analysis.min_mark[v] == MIN_REMOVABLE
                {
                    continue;
                }
                let derived = !matches!(self.reason[v], Reason::Decision | Reason::Flip);
                if self.analysis.min_mark[v] == MIN_FAILED
                    || !derived
                    || (1 << (self.level[v] & 31)) & levels == 0
                {
                    for f in &frames {
                        let u = f.lit.var().index();
                        if !self.analysis.seen[u] && self.analysis.min_mark[u] == 0 {
                            self.analysis.min_mark[u] = MIN_FAILED;
                            self.analysis.min_marked.push(u);
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
                if !self.analysis.seen[u] {
                    self.analysis.min_mark[u] = MIN_REMOVABLE;
                    self.analysis.min_marked.push(u);
                }
                if frames.is_empty() {
                    break true;
                }
            }
        };
        self.analysis.min_frames = frames;
        self.analysis.min_reasons = reasons;
        self.analysis.explain_buf = buf;
        ok
    }
}
