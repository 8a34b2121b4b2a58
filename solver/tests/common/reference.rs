//! Facts about interpretations the tests compute by hand, to compare the solver with.
//! An interpretation is a set of atoms as bits: atom `a` is bit `a - 1`.

use super::generate::MinimizeStatement;

/// Whether `lit` is true in `set`.
pub fn holds(set: u32, lit: i32) -> bool {
    let bit = set >> (lit.unsigned_abs() - 1) & 1 == 1;
    bit == (lit > 0)
}

/// The costs of `set`, one per priority that occurs, highest priority first.
pub fn costs_of(set: u32, minimize: &[MinimizeStatement]) -> Vec<i64> {
    let mut priorities: Vec<i64> = minimize.iter().map(|m| m.0).collect();
    priorities.sort_unstable_by(|a, b| b.cmp(a));
    priorities.dedup();
    priorities
        .iter()
        .map(|&p| {
            minimize
                .iter()
                .filter(|m| m.0 == p)
                .flat_map(|m| m.1.iter())
                .filter(|&&(lit, _)| holds(set, lit))
                .map(|&(_, weight)| weight)
                .sum()
        })
        .collect()
}
