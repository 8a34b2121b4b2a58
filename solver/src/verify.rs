//! Independent re-check of reported models (debug builds): the true atoms must form a
//! model of the program and a minimal model of its reduct (checked with a fresh
//! solver instance searching for a smaller one, see [`crate::minimality`]), and its
//! `#edge` edges must be acyclic.

use crate::lit::{Lit, Value};
use crate::minimality::MinimalityCheck;
use crate::program::{CheckBody, CheckRule, Translation};

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

/// True when the atoms true in `value` satisfy every rule of `rules`.
pub fn is_model(rules: &[CheckRule], value: &[Value]) -> bool {
    let holds = |l: Lit| l == Lit::TRUE || (!l.is_constant() && value[l.index()] == Value::True);
    rules
        .iter()
        .all(|r| r.choice || !body_holds(&r.body, &holds) || r.heads.iter().any(|&h| holds(h)))
}

/// Panics unless the model in `value` is an answer set of `t` (debug builds keep
/// `translation.rules` for this).
pub fn assert_stable(translation: &Translation, value: &[Value]) {
    assert!(is_model(&translation.rules, value), "reported a non-model");
    let check = MinimalityCheck {
        rules: &translation.rules,
        atoms: &translation.atom_lits,
        rejected: 0,
    };
    assert!(
        check.smaller_model(value).is_none(),
        "reported a model that is not stable"
    );
    if let Some(graph) = &translation.formula.acyclicity {
        assert!(
            !graph.has_cycle(value),
            "reported a model with a cycle of #edge edges"
        );
    }
}
