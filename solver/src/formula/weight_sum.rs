//! The one normalisation of weight constraints `sum of the true lits' weights >=
//! bound`, shared by the program's weight bodies and the formula's constraints.

use crate::lit::Lit;

/// A normalised weight constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WeightSum {
    /// It holds (`true`) or fails (`false`) whatever the literals' values.
    Constant(bool),
    /// `sum >= bound` over literals sorted by literal, each once, with positive
    /// weights (not capped at the bound) that together reach it.
    Sum {
        /// At least 1.
        bound: u64,
        /// The weighted literals.
        lits: Vec<(Lit, u64)>,
    },
}

/// Normalises `sum of the weights of the true lits >= bound`: drops weights that
/// are not positive and false literals, counts true ones into the bound, and merges
/// repeated literals.
pub fn weight_sum(bound: i64, lits: &[(Lit, i64)]) -> WeightSum {
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
    if bound <= 0 {
        return WeightSum::Constant(true);
    }
    merged.sort_unstable();
    let mut norm: Vec<(Lit, u64)> = Vec::new();
    for (l, w) in merged {
        match norm.last_mut() {
            Some(last) if last.0 == l => last.1 += w as u64,
            _ => norm.push((l, w as u64)),
        }
    }
    let bound = bound as u64;
    let total = norm.iter().fold(0u64, |sum, e| sum.saturating_add(e.1));
    if total < bound {
        return WeightSum::Constant(false);
    }
    WeightSum::Sum { bound, lits: norm }
}
