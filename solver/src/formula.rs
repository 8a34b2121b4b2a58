//! The frozen input of a search: variables, clauses, weight constraints and, for
//! non-tight programs, the positive loops to check for unfounded sets.
//!
//! A `Formula` is immutable once built and shared by every solver instance that
//! searches it (threads later hold it in an `Arc`); all search state lives in
//! [`crate::solver::Solver`].

use crate::lit::{Lit, Var};
use crate::unfounded::LoopData;

/// `lit <-> sum of weights of the true lits >= bound`, weights positive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeightConstraint {
    /// The literal equivalent to the constraint.
    pub lit: Lit,
    /// The lower bound (at least 1).
    pub bound: u64,
    /// The weighted literals, heaviest first, each variable at most once per sign.
    pub lits: Vec<(Lit, u64)>,
}

/// Everything a solver instance searches.
#[derive(Clone, Debug, Default)]
pub struct Formula {
    /// Number of variables, including the constant variable 0.
    pub num_vars: u32,
    /// Clauses (disjunctions of literals); units and binaries included.
    pub clauses: Vec<Vec<Lit>>,
    /// Weight constraints.
    pub weights: Vec<WeightConstraint>,
    /// Positive loops of a non-tight program (`None` when tight).
    pub loops: Option<LoopData>,
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
        self.clauses.push(clause);
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
        for e in norm.iter_mut() {
            e.1 = e.1.min(bound);
        }
        let total: u64 = norm.iter().map(|e| e.1).sum();
        if total < bound {
            self.add_clause(&[!lit]);
            return;
        }
        norm.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        self.weights.push(WeightConstraint {
            lit,
            bound,
            lits: norm,
        });
    }
}
