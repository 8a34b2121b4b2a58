//! Unfounded-set checking for non-tight programs.
//!
//! [`LoopData`] lists the atoms of cyclic positive SCCs and their supporting bodies.
//! [`UnfoundedCheck::find`] computes, under a partial assignment, the greatest set of
//! non-false cyclic atoms that cannot be derived from outside (atoms outside cyclic
//! SCCs count as derivable: the completion takes care of them). Every atom of such
//! a set must be false; [`UnfoundedCheck::witness`] gives the false literals that a
//! loop nogood `{u} ∪ ¬witness` needs (Gebser, Kaufmann, Schaub: "Conflict-driven
//! answer set solving", loop nogoods).

use crate::lit::{Lit, Value};

/// One atom of a cyclic SCC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoopAtom {
    /// Its positive literal.
    pub lit: Lit,
    /// Indices of the bodies that can derive it.
    pub sources: Vec<u32>,
    /// The bodies it occurs in positively, with its weight there.
    pub dependants: Vec<(u32, u64)>,
}

/// A body supporting cyclic atoms: derivable when its literal is not false and
/// `sum(other non-false) + sum(founded cyclic) >= bound`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoopBody {
    /// The body's literal.
    pub lit: Lit,
    /// What must be reached.
    pub bound: u64,
    /// Its literals other than positive cyclic atoms, with weights (empty for
    /// conjunctions: their literal is false as soon as one of them is).
    pub other: Vec<(Lit, u64)>,
    /// Its positive cyclic atoms (indices into `atoms`), with weights.
    pub cyclic: Vec<(u32, u64)>,
    /// The cyclic atoms it supports.
    pub heads: Vec<u32>,
    /// A plain conjunction (every cyclic atom must be founded).
    pub conjunction: bool,
}

/// The positive loops of a program.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoopData {
    /// Atoms of cyclic SCCs.
    pub atoms: Vec<LoopAtom>,
    /// Bodies supporting them.
    pub bodies: Vec<LoopBody>,
}

/// Per-solver scratch state of the unfounded-set check.
#[derive(Clone, Debug, Default)]
pub struct UnfoundedCheck {
    founded: Vec<bool>,
    sum: Vec<u64>,
    queue: Vec<u32>,
    in_set: Vec<bool>,
    seen_body: Vec<bool>,
}

impl UnfoundedCheck {
    /// The greatest unfounded set of non-false cyclic atoms, or `None` if it is empty.
    /// `value[lit]` is 1 for true, -1 for false, 0 for unassigned.
    pub fn find(&mut self, data: &LoopData, value: &[Value]) -> Option<Vec<u32>> {
        let false_lit = |lit: Lit| value[lit.index()] == Value::False;
        self.founded.clear();
        self.founded.resize(data.atoms.len(), false);
        self.sum.clear();
        self.sum.resize(data.bodies.len(), 0);
        self.queue.clear();
        for (i, body) in data.bodies.iter().enumerate() {
            if false_lit(body.lit) {
                continue;
            }
            let s: u64 = body
                .other
                .iter()
                .filter(|(l, _)| !false_lit(*l))
                .map(|e| e.1)
                .sum();
            self.sum[i] = s;
            if s >= body.bound {
                self.found_heads(data, i, value);
            }
        }
        while let Some(atom) = self.queue.pop() {
            for &(b, w) in &data.atoms[atom as usize].dependants {
                let bi = b as usize;
                let body = &data.bodies[bi];
                if false_lit(body.lit) {
                    continue;
                }
                let before = self.sum[bi];
                self.sum[bi] += w;
                if before < body.bound && self.sum[bi] >= body.bound {
                    self.found_heads(data, bi, value);
                }
            }
        }
        let unfounded: Vec<u32> = (0..data.atoms.len() as u32)
            .filter(|&a| !self.founded[a as usize] && !false_lit(data.atoms[a as usize].lit))
            .collect();
        if unfounded.is_empty() {
            None
        } else {
            Some(unfounded)
        }
    }

    fn found_heads(&mut self, data: &LoopData, body: usize, value: &[Value]) {
        for &head in &data.bodies[body].heads {
            let h = head as usize;
            if !self.founded[h] && value[data.atoms[h].lit.index()] != Value::False {
                self.founded[h] = true;
                self.queue.push(head);
            }
        }
    }

    /// The false literals that make every external support of `set` false: the
    /// body literal when it is false, else the body's false literals outside `set`.
    pub fn witness(&mut self, data: &LoopData, set: &[u32], value: &[Value]) -> Vec<Lit> {
        self.in_set.clear();
        self.in_set.resize(data.atoms.len(), false);
        for &a in set {
            self.in_set[a as usize] = true;
        }
        self.seen_body.clear();
        self.seen_body.resize(data.bodies.len(), false);
        let mut out = Vec::new();
        for &a in set {
            for &b in &data.atoms[a as usize].sources {
                if std::mem::replace(&mut self.seen_body[b as usize], true) {
                    continue;
                }
                let body = &data.bodies[b as usize];
                if body.conjunction && body.cyclic.iter().any(|e| self.in_set[e.0 as usize]) {
                    continue;
                }
                if value[body.lit.index()] == Value::False {
                    out.push(body.lit);
                    continue;
                }
                debug_assert!(!body.conjunction, "a conjunction outside the set is false");
                for &(l, _) in &body.other {
                    if value[l.index()] == Value::False {
                        out.push(l);
                    }
                }
                for &(c, _) in &body.cyclic {
                    let l = data.atoms[c as usize].lit;
                    if value[l.index()] == Value::False {
                        out.push(l);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

const NO_SOURCE: u32 = u32::MAX;

/// Incremental unfounded-set detection with source pointers (smodels, clasp): every
/// cyclic atom keeps a supporting body whose cyclic atoms have sources themselves
/// (so sources form an acyclic support). When a literal turns false, the bodies it
/// affects lose the atoms they source, transitively; then unsourced atoms look for
/// new sources. Atoms left without one form the greatest unfounded set. Sources are
/// not restored on backtracking (a lost source is only found again).
#[derive(Clone, Debug, Default)]
pub struct SourcePointers {
    ready: bool,
    source: Vec<u32>,
    unsourced: Vec<u32>,
    listed: Vec<bool>,
    /// Per literal: loop bodies made invalid when it is false.
    affects: Vec<Vec<u32>>,
    /// Per literal: the loop atom it is the literal of.
    atom_of: Vec<u32>,
    head: usize,
    stack: Vec<u32>,
}

impl SourcePointers {
    fn init(&mut self, data: &LoopData, num_lits: usize) {
        self.ready = true;
        self.source = vec![NO_SOURCE; data.atoms.len()];
        self.unsourced = (0..data.atoms.len() as u32).collect();
        self.listed = vec![true; data.atoms.len()];
        self.affects = vec![Vec::new(); num_lits];
        self.atom_of = vec![NO_SOURCE; num_lits];
        for (i, body) in data.bodies.iter().enumerate() {
            self.affects[body.lit.index()].push(i as u32);
            for &(l, _) in &body.other {
                self.affects[l.index()].push(i as u32);
            }
        }
        for (a, atom) in data.atoms.iter().enumerate() {
            self.atom_of[atom.lit.index()] = a as u32;
        }
    }

    /// The trail was cut to `len` literals.
    pub fn backtrack(&mut self, len: usize) {
        self.head = self.head.min(len);
    }

    fn unsource(&mut self, atom: u32) {
        let a = atom as usize;
        if self.source[a] != NO_SOURCE {
            self.source[a] = NO_SOURCE;
            self.stack.push(atom);
        }
        if !self.listed[a] {
            self.listed[a] = true;
            self.unsourced.push(atom);
        }
    }

    fn invalidate(&mut self, data: &LoopData, body: u32) {
        for &h in &data.bodies[body as usize].heads {
            if self.source[h as usize] == body {
                self.unsource(h);
            }
        }
    }

    fn valid(&self, data: &LoopData, body: u32, value: &[Value]) -> bool {
        let body = &data.bodies[body as usize];
        if value[body.lit.index()] == Value::False {
            return false;
        }
        let mut sum = 0;
        for &(l, w) in &body.other {
            if value[l.index()] != Value::False {
                sum += w;
            }
        }
        for &(c, w) in &body.cyclic {
            if self.source[c as usize] != NO_SOURCE
                && value[data.atoms[c as usize].lit.index()] != Value::False
            {
                sum += w;
                if sum >= body.bound {
                    return true;
                }
            }
        }
        sum >= body.bound
    }

    /// The greatest unfounded set of non-false cyclic atoms after the literals of
    /// `trail` beyond those already seen, or `None` if it is empty.
    pub fn find(&mut self, data: &LoopData, value: &[Value], trail: &[Lit]) -> Option<Vec<u32>> {
        if !self.ready {
            self.init(data, value.len());
        }
        // Lost sources.
        for &lit in &trail[self.head.min(trail.len())..] {
            let falsified = !lit;
            for i in 0..self.affects[falsified.index()].len() {
                let body = self.affects[falsified.index()][i];
                self.invalidate(data, body);
            }
            let atom = self.atom_of[falsified.index()];
            if atom != NO_SOURCE {
                for &(body, _) in &data.atoms[atom as usize].dependants {
                    self.invalidate(data, body);
                }
            }
        }
        self.head = trail.len();
        while let Some(x) = self.stack.pop() {
            for &(body, _) in &data.atoms[x as usize].dependants {
                self.invalidate(data, body);
            }
        }
        // New sources.
        let mut queue: Vec<u32> = Vec::new();
        for i in 0..self.unsourced.len() {
            let a = self.unsourced[i];
            let ai = a as usize;
            if self.source[ai] != NO_SOURCE || value[data.atoms[ai].lit.index()] == Value::False {
                continue;
            }
            if let Some(&b) = data.atoms[ai]
                .sources
                .iter()
                .find(|&&b| self.valid(data, b, value))
            {
                self.source[ai] = b;
                queue.push(a);
            }
            while let Some(x) = queue.pop() {
                for &(body, _) in &data.atoms[x as usize].dependants {
                    for &h in &data.bodies[body as usize].heads {
                        let hi = h as usize;
                        if self.source[hi] == NO_SOURCE
                            && value[data.atoms[hi].lit.index()] != Value::False
                            && self.valid(data, body, value)
                        {
                            self.source[hi] = body;
                            queue.push(h);
                        }
                    }
                }
            }
        }
        // What is left.
        let mut unfounded = Vec::new();
        let mut kept = Vec::new();
        for &a in &self.unsourced {
            let ai = a as usize;
            if self.source[ai] == NO_SOURCE {
                kept.push(a);
                if value[data.atoms[ai].lit.index()] != Value::False {
                    unfounded.push(a);
                }
            } else {
                self.listed[ai] = false;
            }
        }
        self.unsourced = kept;
        unfounded.sort_unstable();
        if unfounded.is_empty() {
            None
        } else {
            Some(unfounded)
        }
    }
}
