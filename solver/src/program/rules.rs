//! The program's rules in solver literals, as the minimality check of programs
//! that are not head-cycle-free ([`crate::minimality`]) and the debug re-check of
//! models ([`crate::verify`]) read them.

use super::bodies::Builder;
use crate::lit::Lit;
use aspif::Body;

/// A rule body as the reduct sees it: `sum(pos true) + sum(neg true) >= bound`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckBody {
    /// The lower bound (the number of positive literals for conjunctions).
    pub bound: i64,
    /// Positive literals (atoms) with weights.
    pub pos: Vec<(Lit, i64)>,
    /// Negative literals (`not a`) with weights.
    pub neg: Vec<(Lit, i64)>,
    /// A conjunction.
    pub normal: bool,
}

/// A rule in solver literals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckRule {
    /// Head atoms' literals.
    pub heads: Vec<Lit>,
    /// A choice rule.
    pub choice: bool,
    /// Its body.
    pub body: CheckBody,
}

/// A body as the reduct sees it.
pub(super) fn check_body(b: &Builder, body: &Body) -> CheckBody {
    match body {
        Body::Normal(lits) => CheckBody {
            bound: lits.len() as i64,
            pos: lits
                .iter()
                .filter(|&&l| l > 0)
                .map(|&l| (b.lit(l), 1))
                .collect(),
            neg: lits
                .iter()
                .filter(|&&l| l < 0)
                .map(|&l| (b.lit(l), 1))
                .collect(),
            normal: true,
        },
        Body::Sum { lower, lits } => CheckBody {
            bound: *lower,
            pos: lits
                .iter()
                .filter(|w| w.lit > 0)
                .map(|w| (b.lit(w.lit), w.weight))
                .collect(),
            neg: lits
                .iter()
                .filter(|w| w.lit < 0)
                .map(|w| (b.lit(w.lit), w.weight))
                .collect(),
            normal: false,
        },
    }
}
