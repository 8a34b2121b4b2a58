//! Core-guided optimisation (`--opt-strategy=usc`) against branch and bound on small
//! random programs: the same optimum (or the same "no model"), the same optimal
//! models with `optN`, and only improving models before the optimum. Branch and bound
//! itself is checked against brute force in `random_programs.rs` and
//! `lexicographic.rs`.

use aspif::{Body, HeadKind, Program, Rule, Statement, WeightedLit};
use proptest::prelude::*;
use solver::core_guided;
use solver::lit::Value;
use solver::optimize::{optimize, Objective, OptimizeOptions, OptimizeSummary};
use solver::program::{translate, Translation};

fn lit_strategy(n: u32) -> impl Strategy<Value = i32> {
    (1..=n as i32, any::<bool>()).prop_map(|(a, neg)| if neg { -a } else { a })
}

/// Choice rules, normal and disjunctive rules, constraints, some with `#sum` bodies,
/// so that positive loops and non-head-cycle-free programs occur.
fn rule_strategy(n: u32) -> impl Strategy<Value = Rule> {
    let head = prop::collection::vec(1..=n, 0..=2);
    let normal = prop::collection::vec(lit_strategy(n), 0..=3).prop_map(Body::Normal);
    let sum = (
        0i64..=4,
        prop::collection::vec((lit_strategy(n), 0i64..=3), 1..=4),
    )
        .prop_map(|(lower, lits)| Body::Sum {
            lower,
            lits: lits
                .into_iter()
                .map(|(lit, weight)| WeightedLit { lit, weight })
                .collect(),
        });
    let body = prop_oneof![4 => normal, 1 => sum];
    (0u8..3, head, body).prop_map(|(kind, head, body)| Rule {
        head_kind: if kind == 0 {
            HeadKind::Disjunctive
        } else {
            HeadKind::Choice
        },
        head,
        body,
    })
}

/// Minimize statements: (priority, weighted literals); weights of both signs, and
/// now and then huge ones (levels that do not fit one scaled sum).
fn minimize_strategy(n: u32) -> impl Strategy<Value = Vec<(i64, Vec<(i32, i64)>)>> {
    let weight = prop_oneof![8 => -3i64..=6, 1 => Just(1i64 << 40)];
    prop::collection::vec(
        (
            0i64..=2,
            prop::collection::vec((lit_strategy(n), weight), 1..=8),
        ),
        1..=3,
    )
}

fn program(rules: &[Rule], minimize: &[(i64, Vec<(i32, i64)>)]) -> Program {
    let mut p = Program::new();
    for rule in rules {
        p.steps[0].push(Statement::Rule(rule.clone()));
    }
    for (priority, lits) in minimize {
        p.steps[0].push(Statement::Minimize {
            priority: *priority,
            lits: lits
                .iter()
                .map(|&(lit, weight)| WeightedLit { lit, weight })
                .collect(),
        });
    }
    p
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
        let set = (1..=n).fold(0u32, |acc, a| {
            // (Atoms in no rule have no literal: false.)
            let lit = t
                .atom_lit
                .get(a as usize)
                .copied()
                .unwrap_or(solver::lit::Lit::FALSE);
            let truth = lit == solver::lit::Lit::TRUE
                || (!lit.is_constant() && value[lit.index()] == Value::True);
            if truth {
                acc | 1 << (a - 1)
            } else {
                acc
            }
        });
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
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500),
    ))]

    #[test]
    fn core_guided_matches_branch_and_bound(
        (n, rules, minimize, spare) in (1..=10u32).prop_flat_map(|n| (
            Just(n),
            prop::collection::vec(rule_strategy(n), 1..=12),
            minimize_strategy(n),
            prop_oneof![Just(0usize), Just(3), Just(1000)],
        ))
    ) {
        let t = translate(&program(&rules, &minimize));
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
