//! Core-guided optimisation (`--opt-strategy=usc`) against branch and bound on small
//! random programs: the same optimum (or the same "no model"), the same optimal
//! models with `optN`, and only improving models before the optimum. Branch and bound
//! itself is checked against brute force in `random_programs.rs` and
//! `lexicographic.rs`.

mod common;

use common::answers::atom_set;
use common::build::{program_of, push_minimize};
use common::generate::{
    minimize_strategy, rule_strategy, HeadKindDraw, MinimizeStatement, RuleShape, SumShape,
};
use proptest::prelude::*;
use solver::core_guided;
use solver::lit::Value;
use solver::optimize::{optimize, Objective, OptimizeOptions, OptimizeSummary};
use solver::program::{translate, Translation};

/// Choice rules, normal and disjunctive rules, constraints, some with `#sum` bodies,
/// so that positive loops and non-head-cycle-free programs occur.
const RULES: RuleShape = RuleShape {
    kind: HeadKindDraw::DisjunctiveOneIn(3),
    max_head: 2,
    sum: Some(SumShape {
        normal_odds: 4,
        lower: 0..=4,
        weight: 0..=3,
    }),
};

/// Minimize statements: weights of both signs, and now and then huge ones (levels
/// that do not fit one scaled sum).
fn objective_strategy(n: u32) -> impl Strategy<Value = Vec<MinimizeStatement>> {
    let weight = prop_oneof![8 => -3i64..=6, 1 => Just(1i64 << 40)];
    minimize_strategy(n, weight, 1..=8, 1..=3)
}

/// The result, the models before the optimal ones (costs, atoms) and the optimal
/// atom sets of `optN`, sorted.
type Run = (OptimizeSummary, Vec<(Vec<i64>, u32)>, Vec<u32>);

/// The optimisation's result, its models (costs and atoms, in order) and the optimal
/// ones of `optN`.
fn run(t: &Translation, n: u32, usc: Option<usize>) -> Run {
    let objective = Objective::new(t).expect("each level fits 64 bits");
    let opts = OptimizeOptions {
        all_optimal: true,
        ..OptimizeOptions::default()
    };
    let mut models = Vec::new();
    let mut optimal = Vec::new();
    let mut in_optimal_phase = false;
    let on_model = |value: &[Value], costs: &[i64], first_optimal: bool| {
        let set = atom_set(t, n, value);
        in_optimal_phase |= first_optimal;
        if in_optimal_phase {
            optimal.push(set);
        } else {
            models.push((costs.to_vec(), set));
        }
    };
    let result = match usc {
        Some(spare) => core_guided::optimize_with_spare(t, &objective, &opts, spare, on_model),
        None => optimize(t, &objective, &opts, on_model),
    };
    optimal.sort_unstable();
    (result, models, optimal)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(500)))]

    #[test]
    fn core_guided_matches_branch_and_bound(
        (n, rules, minimize, spare) in (1..=10u32).prop_flat_map(|n| (
            Just(n),
            prop::collection::vec(rule_strategy(n, RULES), 1..=12),
            objective_strategy(n),
            prop_oneof![Just(0usize), Just(3), Just(1000)],
        ))
    ) {
        let mut program = program_of(&rules);
        push_minimize(&mut program, &minimize);
        let t = translate(&program);
        let (bb, _, bb_optimal) = run(&t, n, None);
        let (usc, models, usc_optimal) = run(&t, n, Some(spare));
        prop_assert_eq!(&usc.best, &bb.best);
        prop_assert_eq!(usc.proven, bb.proven);
        prop_assert_eq!(usc.summary.exhausted, bb.summary.exhausted);
        prop_assert_eq!(usc_optimal, bb_optimal);
        // Each printed model improves on the one before; the last is optimal.
        for pair in models.windows(2) {
            prop_assert!(pair[1].0 < pair[0].0);
        }
        prop_assert_eq!(models.last().map(|m| m.0.clone()), bb.best.clone());
    }
}
