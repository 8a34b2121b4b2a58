//! Independent re-check of reported models (debug builds): a model must be a model
//! of the program whose true atoms are a minimal model of the reduct. This brute
//! force is only for tests and debug assertions.

use crate::lit::Lit;
use crate::minimality::{CheckBody, CheckRule};
use crate::program::Translation;

fn body_holds(body: &CheckBody, holds: &dyn Fn(Lit) -> bool) -> bool {
    let sum: i64 = body
        .pos
        .iter()
        .chain(&body.neg)
        .filter(|e| holds(e.0))
        .map(|e| e.1)
        .sum();
    sum >= body.bound
}

/// True when the atoms true in `value` form a model of `rules` that is closed under
/// the reduct's least fixpoint for non-disjunctive programs; used by debug checks.
pub fn is_supported_model(rules: &[CheckRule], value: &[i8]) -> bool {
    let holds = |l: Lit| l == Lit::TRUE || (!l.is_constant() && value[l.index()] == 1);
    rules
        .iter()
        .all(|r| r.choice || !body_holds(&r.body, &holds) || r.heads.iter().any(|&h| holds(h)))
}

/// Panics if the model in `value` violates a rule of `t` (debug builds).
pub fn assert_stable(t: &Translation, value: &[i8]) {
    if let Some(rules) = &t.check_rules {
        assert!(is_supported_model(rules, value), "reported a non-model");
    }
}
