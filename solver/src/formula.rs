//! The frozen input of a search: variables, clauses, weight constraints and, for
//! non-tight programs, the positive loops to check for unfounded sets.
//!
//! A `Formula` is immutable once built and shared by every solver instance that
//! searches it (threads later hold it in an `Arc`); all search state lives in
//! [`crate::solver::Solver`].

use crate::acyclic::EdgeGraph;
use crate::domain::DomainModifiers;
use crate::lit::{Lit, Var};
use crate::unfounded::LoopData;
use std::collections::HashMap;

/// The states `(position, threshold)` of one decision diagram and their literals.
type DiagramStates = HashMap<(usize, u64), Lit>;

/// `lit <-> sum of weights of the true lits >= bound` for each `(lit, bound)` of
/// `bounds`: several bounds over the same weighted literals share one constraint
/// (and its counters), as in `N = #count{...}` for many `N`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeightConstraint {
    /// The literals equivalent to `sum >= bound`, by increasing bound (at least 1).
    pub bounds: Vec<(Lit, u64)>,
    /// The weighted literals, heaviest first, each variable at most once per sign.
    pub lits: Vec<(Lit, u64)>,
}

/// The clauses of a formula, flat: every literal in one vector and each clause's end
/// offset in another (no `Vec` per clause: on queens-100 the translation makes
/// 280 000 short clauses, and a heap block each cost more than their literals).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClauseList {
    lits: Vec<Lit>,
    ends: Vec<u32>,
}

impl ClauseList {
    /// Number of clauses.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// No clause at all.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Appends a clause.
    pub fn push(&mut self, clause: &[Lit]) {
        self.lits.extend_from_slice(clause);
        self.ends.push(self.lits.len() as u32);
    }

    /// The clauses in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = &[Lit]> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let clause = &self.lits[start..end as usize];
            start = end as usize;
            clause
        })
    }

    /// Frees unused capacity once building is over.
    fn shrink_to_fit(&mut self) {
        self.lits.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// Everything a solver instance searches.
#[derive(Clone, Debug, Default)]
pub struct Formula {
    /// Number of variables, including the constant variable 0.
    pub num_vars: u32,
    /// Clauses (disjunctions of literals); units and binaries included.
    pub clauses: ClauseList,
    /// Weight constraints.
    pub weights: Vec<WeightConstraint>,
    /// Positive loops of a non-tight program (`None` when tight).
    pub loops: Option<LoopData>,
    /// Variables that are never decided (auxiliaries of translated weight
    /// constraints: propagation assigns them once their constraint's literals are).
    pub auxiliary: Vec<Var>,
    /// Variables an enumerating search tries first while nothing has been learnt: atoms
    /// in choice heads, the "guess" of a typical program, from which the rest follows.
    /// Without this the first decisions follow the atom numbering, and a grounder that
    /// numbers aggregate auxiliaries first makes enumeration split on derived atoms
    /// (couples-14: 88,354 conflicts instead of 87).
    pub preferred: Vec<Var>,
    /// Acyclicity constraints (`#edge`): the edges whose literal is true must form
    /// an acyclic graph (`None`: no edges).
    pub acyclicity: Option<EdgeGraph>,
    /// `#heuristic` modifiers for the domain heuristic (`None`: not asked for, or none).
    pub domain: Option<DomainModifiers>,
    /// Weight constraints with at most this many literals times this factor of
    /// diagram states become clauses (0: none).
    pub translation_factor: usize,
    /// The decision-diagram states built so far, per literal list, so that
    /// constraints over the same literals with other bounds share them.
    diagrams: HashMap<Vec<(Lit, u64)>, DiagramStates>,
    /// The native constraint of each literal list, by the list's hash (compared with
    /// the constraint's own literals), to add further bounds to it.
    native: HashMap<u64, usize>,
}

impl Formula {
    /// An empty formula with only the constant variable.
    pub fn new() -> Formula {
        Formula {
            num_vars: 1,
            ..Formula::default()
        }
    }

    /// A fresh variable.
    pub fn new_var(&mut self) -> Var {
        let var = Var(self.num_vars);
        self.num_vars += 1;
        var
    }

    /// Adds a clause; constant-true clauses are dropped and false literals removed.
    pub fn add_clause(&mut self, lits: &[Lit]) {
        let mut clause: Vec<Lit> = Vec::with_capacity(lits.len());
        for &lit in lits {
            if lit == Lit::TRUE {
                return;
            }
            if lit != Lit::FALSE {
                clause.push(lit);
            }
        }
        clause.sort_unstable();
        clause.dedup();
        if clause.windows(2).any(|w| w[0] == !w[1]) {
            return;
        }
        self.clauses.push(&clause);
    }

    /// Adds `lit <-> sum >= bound` (the literals need not be normalised).
    pub fn add_weight(&mut self, lit: Lit, bound: i64, lits: &[(Lit, i64)]) {
        let mut bound = bound;
        let mut merged: Vec<(Lit, i64)> = Vec::new();
        for &(l, w) in lits {
            if w <= 0 || l == Lit::FALSE {
                continue;
            }
            if l == Lit::TRUE {
                bound -= w;
                continue;
            }
            merged.push((l, w));
        }
        merged.sort_unstable();
        let mut norm: Vec<(Lit, u64)> = Vec::new();
        for (l, w) in merged {
            match norm.last_mut() {
                Some(last) if last.0 == l => last.1 += w as u64,
                _ => norm.push((l, w as u64)),
            }
        }
        if bound <= 0 {
            self.add_clause(&[lit]);
            return;
        }
        let bound = bound as u64;
        let total: u64 = norm.iter().map(|e| e.1).sum();
        if total < bound {
            self.add_clause(&[!lit]);
            return;
        }
        norm.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if total == bound {
            // Every literal is needed: a conjunction.
            let mut clause: Vec<Lit> = norm.iter().map(|e| !e.0).collect();
            for &(l, _) in &norm {
                self.add_clause(&[!lit, l]);
            }
            clause.push(lit);
            self.add_clause(&clause);
            return;
        }
        if self.translate_small(lit, bound, &norm) {
            return;
        }
        let key = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            norm.hash(&mut hasher);
            hasher.finish()
        };
        if let Some(&c) = self.native.get(&key) {
            if self.weights[c].lits == norm {
                let bounds = &mut self.weights[c].bounds;
                let at = bounds.partition_point(|e| e.1 < bound);
                bounds.insert(at, (lit, bound));
                return;
            }
        }
        self.native.entry(key).or_insert(self.weights.len());
        self.weights.push(WeightConstraint {
            bounds: vec![(lit, bound)],
            lits: norm,
        });
    }

    /// Replaces a small weight constraint by clauses over auxiliary variables
    /// `R(i, t) <-> sum of lits[i..] >= t`, defined by
    /// `R(i, t) <-> (lits[i] and R(i+1, t - w_i)) or R(i+1, t)` (a decision diagram,
    /// shared between equal states). Learning over the auxiliaries makes conflicts
    /// much shorter than with the native constraint (clasp translates small extended
    /// rules too). Returns false, adding nothing, when the diagram would be large.
    fn translate_small(&mut self, lit: Lit, bound: u64, lits: &[(Lit, u64)]) -> bool {
        let n = lits.len();
        if self.translation_factor == 0 {
            return false;
        }
        let budget = (self.translation_factor * n).max(64);
        let mut suffix = vec![0u64; n + 1];
        for i in (0..n).rev() {
            suffix[i] = suffix[i + 1] + lits[i].1;
        }
        let mut states = self.diagrams.remove(lits).unwrap_or_default();
        // Count the new states first.
        let mut new: HashMap<(usize, u64), ()> = HashMap::new();
        let mut stack = vec![(0usize, bound)];
        while let Some((i, t)) = stack.pop() {
            if t == 0 || t > suffix[i] || states.contains_key(&(i, t)) || new.contains_key(&(i, t))
            {
                continue;
            }
            new.insert((i, t), ());
            if new.len() > budget {
                self.diagrams.insert(lits.to_vec(), states);
                return false;
            }
            stack.push((i + 1, t));
            stack.push((i + 1, t.saturating_sub(lits[i].1)));
        }
        let node = |states: &HashMap<(usize, u64), Lit>, i: usize, t: u64| -> Lit {
            if t == 0 {
                Lit::TRUE
            } else if t > suffix[i] {
                Lit::FALSE
            } else {
                states[&(i, t)]
            }
        };
        // Build bottom-up: deeper states first.
        let mut keys: Vec<(usize, u64)> = new.keys().copied().collect();
        keys.sort_unstable_by(|a, b| b.cmp(a));
        for (i, t) in keys {
            let var = self.new_var();
            self.auxiliary.push(var);
            let x = var.positive();
            let (l, w) = lits[i];
            let with = node(&states, i + 1, t.saturating_sub(w));
            let without = node(&states, i + 1, t);
            self.add_clause(&[!x, l, without]);
            self.add_clause(&[!x, with, without]);
            self.add_clause(&[!l, !with, x]);
            self.add_clause(&[!without, x]);
            states.insert((i, t), x);
        }
        let root = node(&states, 0, bound);
        self.add_clause(&[!lit, root]);
        self.add_clause(&[lit, !root]);
        self.diagrams.insert(lits.to_vec(), states);
        true
    }

    /// Drops the caches only needed while building.
    pub fn finish(&mut self) {
        self.diagrams = HashMap::new();
        self.native = HashMap::new();
        self.clauses.shrink_to_fit();
    }
}
