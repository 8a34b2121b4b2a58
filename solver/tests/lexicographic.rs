//! Lexicographic optimisation with weights too large for one scaled sum (the
//! level-by-level path of `optimize`) against brute force over choice programs, and
//! the same objectives with small weights (one scaled sum) for comparison.

mod common;

use aspif::{Body, HeadKind, Program, Rule, Statement};
use common::build::{choose_all, push_minimize};
use common::generate::{minimize_strategy, MinimizeStatement};
use common::reference::{costs_of, holds};
use proptest::prelude::*;
use solver::optimize::{optimize, Objective, OptimizeOptions};
use solver::program::translate;

/// `{1..n}.`, the constraint `:- not a, not b` for each given pair, and the minimize
/// statements.
fn program(n: u32, pairs: &[(u32, u32)], minimize: &[MinimizeStatement]) -> Program {
    let mut p = Program::new();
    p.steps[0].push(Statement::Rule(choose_all(n)));
    for &(a, b) in pairs {
        p.steps[0].push(Statement::Rule(Rule {
            head_kind: HeadKind::Disjunctive,
            head: vec![],
            body: Body::Normal(vec![-(a as i32), -(b as i32)]),
        }));
    }
    push_minimize(&mut p, minimize);
    p
}

fn check(n: u32, pairs: &[(u32, u32)], minimize: &[MinimizeStatement], one_sum: bool) {
    let t = translate(&program(n, pairs, minimize));
    let objective = Objective::new(&t).expect("each level fits");
    assert_eq!(objective.one_sum(), one_sum);
    let models: Vec<u32> = (0..1u32 << n)
        .filter(|&s| {
            pairs
                .iter()
                .all(|&(a, b)| holds(s, a as i32) || holds(s, b as i32))
        })
        .collect();
    let best = models.iter().map(|&s| costs_of(s, minimize)).min();
    let mut seen: Vec<Vec<i64>> = Vec::new();
    let opts = OptimizeOptions {
        all_optimal: true,
        ..OptimizeOptions::default()
    };
    let mut optimal = 0;
    let result = optimize(&t, &objective, &opts, |_, costs, first_optimal| {
        if first_optimal || optimal > 0 {
            optimal += 1;
            assert_eq!(Some(costs.to_vec()), best);
        } else if let Some(last) = seen.last() {
            assert!(
                costs.to_vec() < *last,
                "each model improves: {costs:?} after {last:?}"
            );
        }
        seen.push(costs.to_vec());
    });
    assert_eq!(result.best, best);
    assert_eq!(result.proven, best.is_some());
    let expected_optimal = models
        .iter()
        .filter(|&&s| Some(costs_of(s, minimize)) == best)
        .count();
    assert_eq!(optimal, expected_optimal);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn huge_weights_compare_level_by_level(
        pairs in prop::collection::vec((1..=5u32, 1..=5u32), 0..4),
        minimize in minimize_strategy(5, -3i64..=3, 1..=3, 2..=3),
    ) {
        // Small weights: one scaled sum.
        let distinct: std::collections::BTreeSet<i64> = minimize.iter().map(|m| m.0).collect();
        check(5, &pairs, &minimize, true);
        // The same objective with weights times 2^58: one scaled sum would overflow
        // as soon as two levels have weights.
        let huge: Vec<MinimizeStatement> = minimize
            .iter()
            .map(|(p, lits)| (*p, lits.iter().map(|&(l, w)| (l, w << 58)).collect()))
            .collect();
        let weighted_levels = distinct
            .iter()
            .filter(|&&p| huge.iter().any(|m| m.0 == p && m.1.iter().any(|e| e.1 != 0)))
            .count();
        let t = translate(&program(5, &pairs, &huge));
        if let Some(objective) = Objective::new(&t) {
            if weighted_levels >= 2 {
                prop_assert!(!objective.one_sum());
            }
            check(5, &pairs, &huge, objective.one_sum());
        }
    }
}
