//! The decision heuristic: VSIDS activities in a binary max-heap, with phase saving.
//!
//! Invariant: every unassigned variable is in the heap (assigned ones may be too;
//! they are skipped when popped).
//!
//! The domain heuristic ([`crate::domain`]) adds per variable a level (the heap
//! orders by level, then activity), a sign that overrides the saved phase and a factor
//! for bumps; without it those vectors stay empty and cost one branch.

use crate::formula::Formula;
use crate::lit::{Lit, Var};

/// Variable activities and saved phases.
#[derive(Clone, Debug, Default)]
pub struct Vsids {
    activity: Vec<f64>,
    heap: Vec<u32>,
    position: Vec<u32>,
    increment: f64,
    decay: f64,
    /// The decay that `decay` ramps up to.
    target_decay: f64,
    decidable: Vec<bool>,
    /// The last value of each variable (`true`: negated), used as the next decision's sign.
    pub phase: Vec<bool>,
    /// Domain heuristic: per variable its level (decided first when higher), sign (1
    /// true, -1 false, 0 the saved phase) and bump factor; empty when unused.
    level: Vec<i32>,
    sign: Vec<i8>,
    factor: Vec<f64>,
}

const ABSENT: u32 = u32::MAX;
const DECAY: f64 = 0.95;
/// The initial activity of preferred variables: above zero, below any bump.
const PREFERRED_ACTIVITY: f64 = 1e-6;

impl Vsids {
    /// A heuristic over `num_vars` variables, all in the heap; variable 0 is left out.
    ///
    /// The `preferred` variables start with a tiny activity, so they are decided first
    /// until conflicts bump others past them.
    pub fn new(num_vars: usize, never: &[Var], preferred: &[Var]) -> Vsids {
        let mut decidable = vec![true; num_vars];
        for v in never {
            decidable[v.index()] = false;
        }
        let mut h = Vsids {
            activity: vec![0.0; num_vars],
            heap: Vec::with_capacity(num_vars),
            position: vec![ABSENT; num_vars],
            increment: 1.0,
            decay: 0.8,
            target_decay: DECAY,
            phase: vec![true; num_vars],
            decidable,
            level: Vec::new(),
            sign: Vec::new(),
            factor: Vec::new(),
        };
        for &v in preferred {
            h.activity[v.index()] = PREFERRED_ACTIVITY;
        }
        for v in 1..num_vars as u32 {
            h.insert(Var(v));
        }
        h
    }

    /// Gives every variable level 0, sign 0 (saved phase) and factor 1: the domain
    /// heuristic's modifiers can then change them.
    pub fn enable_domain(&mut self) {
        let n = self.activity.len();
        self.level = vec![0; n];
        self.sign = vec![0; n];
        self.factor = vec![1.0; n];
    }

    /// Sets a variable's level (after [`Vsids::enable_domain`]).
    pub fn set_level(&mut self, var: Var, level: i32) {
        let old = std::mem::replace(&mut self.level[var.index()], level);
        if old != level {
            self.reposition(var);
        }
    }

    /// Sets a variable's preferred sign (1 true, -1 false, 0 the saved phase).
    pub fn set_sign(&mut self, var: Var, sign: i8) {
        self.sign[var.index()] = sign;
    }

    /// Sets the factor of a variable's bumps (values below 1 count as 1).
    pub fn set_factor(&mut self, var: Var, factor: f64) {
        self.factor[var.index()] = factor.max(1.0);
    }

    /// Adds to a variable's activity (the domain heuristic's `init`).
    pub fn add_activity(&mut self, var: Var, amount: f64) {
        self.activity[var.index()] += amount;
        self.reposition(var);
    }

    /// Restores the heap order around a variable whose key changed.
    fn reposition(&mut self, var: Var) {
        let pos = self.position[var.index()];
        if pos != ABSENT {
            self.sift_up(pos as usize);
            let pos = self.position[var.index()];
            self.sift_down(pos as usize);
        }
    }

    /// Whether variable `a` goes before `b`: higher level, then higher activity.
    #[inline]
    fn before(&self, a: u32, b: u32) -> bool {
        if !self.level.is_empty() {
            let (la, lb) = (self.level[a as usize], self.level[b as usize]);
            if la != lb {
                return la > lb;
            }
        }
        self.activity[a as usize] > self.activity[b as usize]
    }

    /// Raises a variable's activity.
    #[inline]
    pub fn bump(&mut self, var: Var) {
        let increment = match self.factor.get(var.index()) {
            Some(&f) => self.increment * f,
            None => self.increment,
        };
        let a = &mut self.activity[var.index()];
        *a += increment;
        if *a > 1e100 {
            for x in self.activity.iter_mut() {
                *x *= 1e-100;
            }
            self.increment *= 1e-100;
        }
        let pos = self.position[var.index()];
        if pos != ABSENT {
            self.sift_up(pos as usize);
        }
    }

    /// Ages all activities (by growing the increment).
    pub fn decay(&mut self) {
        self.increment /= self.decay;
        // The decay ramps up from 0.8 to 0.95 (as glucose does): early conflicts
        // reorder the variables quickly.
        if self.decay < self.target_decay {
            self.decay += 0.0001;
        }
    }

    /// Puts a variable back (after it was unassigned).
    #[inline]
    pub fn insert(&mut self, var: Var) {
        if self.position[var.index()] != ABSENT || !self.decidable[var.index()] {
            return;
        }
        self.position[var.index()] = self.heap.len() as u32;
        self.heap.push(var.0);
        self.sift_up(self.heap.len() - 1);
    }

    /// The most active variable that `is_free` accepts, removed from the heap.
    pub fn pick(&mut self, mut is_free: impl FnMut(Var) -> bool) -> Option<Var> {
        while let Some(&top) = self.heap.first() {
            let last = self.heap.pop().expect("non-empty");
            self.position[top as usize] = ABSENT;
            if !self.heap.is_empty() {
                self.heap[0] = last;
                self.position[last as usize] = 0;
                self.sift_down(0);
            }
            if is_free(Var(top)) {
                return Some(Var(top));
            }
        }
        None
    }

    /// Sets the decay the activities' aging ramps up to (at most 0.999).
    pub fn set_target_decay(&mut self, decay: f64) {
        self.target_decay = decay.clamp(0.5, 0.999);
        self.decay = self.decay.min(self.target_decay);
    }

    /// Sets every variable's initial sign (`true`: the negative literal).
    pub fn set_initial_sign(&mut self, negative: bool) {
        self.phase.fill(negative);
    }

    /// Orders the variables by `score` (higher first; any non-negative values; none:
    /// all equal), ties broken pseudo-randomly from `seed` (none: by number). Only
    /// the initial order: the scores are scaled below the preferred variables'
    /// activity (which they keep), so any bump outranks them.
    pub fn set_initial_order(&mut self, score: &[f64], seed: Option<u64>) {
        let max = score.iter().cloned().fold(0.0, f64::max);
        let scale = if max > 0.0 {
            PREFERRED_ACTIVITY * 0.1 / max
        } else {
            0.0
        };
        let mut state = seed.unwrap_or(0).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        for (v, a) in self.activity.iter_mut().enumerate().skip(1) {
            // xorshift64
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let noise = match seed {
                Some(_) => (state >> 11) as f64 / (1u64 << 53) as f64 * PREFERRED_ACTIVITY * 1e-3,
                None => 0.0,
            };
            let base = if *a >= PREFERRED_ACTIVITY {
                PREFERRED_ACTIVITY
            } else {
                0.0
            };
            *a = base + score.get(v).copied().unwrap_or(0.0) * scale + noise;
        }
        self.rebuild_heap();
    }

    fn rebuild_heap(&mut self) {
        let members: Vec<u32> = std::mem::take(&mut self.heap);
        for &v in &members {
            self.position[v as usize] = ABSENT;
        }
        for v in members {
            self.insert(Var(v));
        }
    }

    /// The literal to decide for `var`.
    pub fn decision(&self, var: Var) -> Lit {
        match self.sign.get(var.index()) {
            Some(&s) if s != 0 => Lit::new(var, s < 0),
            _ => Lit::new(var, self.phase[var.index()]),
        }
    }

    fn sift_up(&mut self, mut i: usize) {
        let v = self.heap[i];
        while i > 0 {
            let parent = (i - 1) / 2;
            let p = self.heap[parent];
            if !self.before(v, p) {
                break;
            }
            self.heap[i] = p;
            self.position[p as usize] = i as u32;
            i = parent;
        }
        self.heap[i] = v;
        self.position[v as usize] = i as u32;
    }

    fn sift_down(&mut self, mut i: usize) {
        let v = self.heap[i];
        let n = self.heap.len();
        loop {
            let left = 2 * i + 1;
            if left >= n {
                break;
            }
            let right = left + 1;
            let child = if right < n && self.before(self.heap[right], self.heap[left]) {
                right
            } else {
                left
            };
            let c = self.heap[child];
            if !self.before(c, v) {
                break;
            }
            self.heap[i] = c;
            self.position[c as usize] = i as u32;
            i = child;
        }
        self.heap[i] = v;
        self.position[v as usize] = i as u32;
    }
}

/// Per variable, its occurrences in the formula's clauses and weight constraints,
/// each weighted by 2^-length (Jeroslow-Wang: short clauses count most), as an
/// initial order that follows the program's structure rather than its numbering.
pub fn occurrence_scores(formula: &Formula) -> Vec<f64> {
    let mut score = vec![0.0; formula.num_vars as usize];
    for clause in formula.clauses.iter() {
        let w = 0.5f64.powi(clause.len().min(30) as i32);
        for l in clause {
            score[l.var().index()] += w;
        }
    }
    for c in &formula.weights {
        let w = 0.5f64.powi(c.lits.len().min(30) as i32);
        for &(l, _) in &c.lits {
            score[l.var().index()] += w;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferred_variables_come_first_until_bumped() {
        let mut h = Vsids::new(6, &[], &[Var(4), Var(5)]);
        let first = h.pick(|_| true).unwrap();
        let second = h.pick(|_| true).unwrap();
        assert!([Var(4), Var(5)].contains(&first) && [Var(4), Var(5)].contains(&second));
        assert_ne!(first, second);
        let mut h = Vsids::new(6, &[], &[Var(4)]);
        h.bump(Var(2));
        assert_eq!(
            h.pick(|_| true),
            Some(Var(2)),
            "any bump outranks the preference"
        );
        assert_eq!(h.pick(|_| true), Some(Var(4)));
    }

    fn order(h: &mut Vsids) -> Vec<Var> {
        std::iter::from_fn(|| h.pick(|_| true)).collect()
    }

    #[test]
    fn the_seed_breaks_ties_and_scores_come_first() {
        let mut a = Vsids::new(40, &[], &[]);
        a.set_initial_order(&[], None);
        let mut fresh = Vsids::new(40, &[], &[]);
        assert_eq!(
            order(&mut a),
            order(&mut fresh),
            "no seed: the numbering's order"
        );
        let orders: Vec<Vec<Var>> = [1, 1, 2]
            .iter()
            .map(|&seed| {
                let mut h = Vsids::new(40, &[], &[]);
                h.set_initial_order(&[], Some(seed));
                order(&mut h)
            })
            .collect();
        assert_eq!(orders[0], orders[1], "one seed, one order");
        assert_ne!(orders[0], orders[2], "another seed, another order");
        let mut score = vec![0.0; 40];
        score[7] = 3.0;
        score[30] = 2.0;
        let mut h = Vsids::new(40, &[], &[Var(12)]);
        h.set_initial_order(&score, Some(5));
        assert_eq!(order(&mut h)[..3], [Var(12), Var(7), Var(30)]);
    }

    #[test]
    fn picks_most_active_first() {
        let mut h = Vsids::new(5, &[], &[]);
        h.bump(Var(3));
        h.bump(Var(3));
        h.bump(Var(2));
        assert_eq!(h.pick(|_| true), Some(Var(3)));
        assert_eq!(h.pick(|_| true), Some(Var(2)));
        assert_eq!(h.pick(|v| v != Var(1)), Some(Var(4)));
        assert_eq!(h.pick(|_| true), None);
        h.insert(Var(1));
        assert_eq!(h.pick(|_| true), Some(Var(1)));
    }
}
