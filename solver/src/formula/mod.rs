//! The frozen input of a search: variables, clauses, weight constraints and, for
//! non-tight programs, the positive loops to check for unfounded sets.
//!
//! A `Formula` is immutable once built and shared by every solver instance that
//! searches it (threads later hold it in an `Arc`); all search state lives in
//! [`crate::search::Solver`].

use crate::acyclic::EdgeGraph;
use crate::domain::DomainModifiers;
use crate::lit::{Lit, Value, Var};
use crate::unfounded::LoopData;
use std::collections::HashMap;

mod diagram;
mod weight_sum;

use diagram::Side;
pub use weight_sum::{weight_sum, WeightSum};

/// The states `(position, threshold)` of one decision diagram and their literals.
type DiagramStates = HashMap<(usize, u64), Lit>;

/// A weight constraint waiting for [`Formula::finish`]: literal, bound, normalised
/// weighted literals.
type Pending = (Lit, u64, Vec<(Lit, u64)>);

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

/// The default [`Formula::translation_factor`]: a weight constraint whose decision
/// diagram has at most 20 states per literal becomes clauses (when searching for one
/// model or optimising; enumeration keeps weight constraints native).
pub const DEFAULT_TRANSLATION_FACTOR: usize = 20;

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
    /// Weight constraints to translate or keep native in `finish`.
    pending: Vec<Pending>,
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
        let (bound, mut norm) = match weight_sum(bound, lits) {
            WeightSum::Constant(truth) => {
                self.add_clause(&[if truth { lit } else { !lit }]);
                return;
            }
            WeightSum::Sum { bound, lits } => (bound, lits),
        };
        norm.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        // A weight above the bound counts as the bound.
        for e in norm.iter_mut() {
            e.1 = e.1.min(bound);
        }
        let total: u64 = norm.iter().map(|e| e.1).sum();
        if self.translation_factor > 0
            && norm.len() > SMALL
            && norm.last().is_some_and(|e| e.1 == bound)
        {
            // Any one literal suffices: a disjunction, no auxiliary variable. (Small
            // ones stay diagrams: sharing states with `sum >= 2` over the same
            // literals searched better on pigeonhole and colouring.)
            let mut clause: Vec<Lit> = norm.iter().map(|e| e.0).collect();
            for &(l, _) in &norm {
                self.add_clause(&[!l, lit]);
            }
            clause.push(!lit);
            self.add_clause(&clause);
            return;
        }
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
        if self.translation_factor > 0 {
            // Decided in `finish`, when the root-level values are known.
            self.pending.push((lit, bound, norm));
            return;
        }
        self.add_native(lit, bound, norm);
    }

    /// Keeps `lit <-> sum of norm >= bound` as a native constraint, sharing one with
    /// the same literals if there is one.
    pub(super) fn add_native(&mut self, lit: Lit, bound: u64, norm: Vec<(Lit, u64)>) {
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

    /// Translates or keeps native the pending weight constraints, then drops the
    /// caches only needed while building.
    pub fn finish(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        if !pending.is_empty() {
            let value = self.root_values();
            for (lit, bound, norm) in pending {
                // A constraint false at the root needs only its upper side, small ones
                // too: tsp's in-degree `#count != 1` then becomes an at-most-one
                // (10-20% faster on 10 tsp instances than the shared two-sided diagram).
                let side = if value[lit.index()] == Value::False {
                    Side::Upper
                } else {
                    Side::Both
                };
                if !self.translate_small(lit, bound, &norm, side) {
                    self.add_native(lit, bound, norm);
                }
            }
        }
        self.diagrams = HashMap::new();
        self.native = HashMap::new();
        self.clauses.shrink_to_fit();
    }
}

/// Weight constraints over at most this many literals are translated as they come
/// (the measured best for pigeonhole and colouring); larger ones get the leaner
/// forms (a clause for bound 1, no states for a bound known to fail).
const SMALL: usize = 16;
