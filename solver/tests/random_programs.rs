//! Property test: on random small ground programs (choice, disjunction, weight
//! bodies, positive loops, negation, externals) the solver enumerates exactly the
//! answer sets a brute-force checker finds (an answer set is a model `I` of the
//! reduct `P^I` with no smaller model of `P^I`).

mod common;

use aspif::{Body, ExternalValue, HeadKind, Rule, Statement, WeightedLit};
use common::answers::{all_answer_sets, answer_sets, atom_set};
use common::build::{program_of, push_minimize};
use common::generate::{minimize_strategy, rule_strategy, HeadKindDraw, RuleShape, SumShape};
use common::reference::{costs_of, holds};
use proptest::prelude::*;
use solver::lit::Value;
use solver::model_loop::Driver;
use solver::parallel::Division;
use solver::program::{translate, translate_with};

const MAX_ATOMS: u32 = 8;

/// Rules of every kind, a quarter of them choice rules, a quarter with `#sum` bodies
/// (weights and bounds from 0).
const RULES: RuleShape = RuleShape {
    kind: HeadKindDraw::ChoiceOneIn(4),
    max_head: 3,
    sum: Some(SumShape {
        normal_odds: 3,
        lower: 0..=5,
        weight: 0..=3,
    }),
};

/// Whether `j` satisfies the reduct of `rules` with respect to `i`.
fn models_reduct(rules: &[Rule], free: u32, i: u32, j: u32) -> bool {
    for rule in rules {
        // Positive part evaluated in j, negative part in i.
        let body = match &rule.body {
            Body::Normal(lits) => lits
                .iter()
                .all(|&l| if l > 0 { holds(j, l) } else { holds(i, l) }),
            Body::Sum { lower, lits } => {
                let sum: i64 = lits
                    .iter()
                    .filter(|w| {
                        if w.lit > 0 {
                            holds(j, w.lit)
                        } else {
                            holds(i, w.lit)
                        }
                    })
                    .map(|w| w.weight)
                    .sum();
                sum >= *lower
            }
        };
        if !body {
            continue;
        }
        let ok = match rule.head_kind {
            HeadKind::Disjunctive => rule.head.iter().any(|&h| holds(j, h as i32)),
            HeadKind::Choice => rule
                .head
                .iter()
                .all(|&h| !holds(i, h as i32) || holds(j, h as i32)),
        };
        if !ok {
            return false;
        }
    }
    // Free externals in i stay (like a choice with an empty body).
    free & i & !j == 0
}

fn brute_force(rules: &[Rule], free: u32, n: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for i in 0..1u32 << n {
        if !models_reduct(rules, free, i, i) {
            continue;
        }
        // Every strict subset of i.
        let mut minimal = true;
        let mut j = i;
        while j != 0 {
            j = (j - 1) & i;
            if models_reduct(rules, free, i, j) {
                minimal = false;
                break;
            }
        }
        if minimal {
            out.push(i);
        }
    }
    out
}

fn program_strategy() -> impl Strategy<Value = (u32, Vec<Rule>, Vec<u32>)> {
    (1..=MAX_ATOMS).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec(rule_strategy(n, RULES), 1..=10),
            prop::collection::vec(1..=n, 0..=1),
        )
    })
}

/// The answer sets found with `threads` solvers (1: the sequential enumeration).
fn solve(n: u32, rules: &[Rule], externals: &[u32], project: bool, factor: usize) -> Vec<u32> {
    solve_threads(n, rules, externals, project, factor, 1)
}

fn solve_threads(
    n: u32,
    rules: &[Rule],
    externals: &[u32],
    project: bool,
    factor: usize,
    threads: usize,
) -> Vec<u32> {
    let mut program = program_of(rules);
    for &a in externals {
        program.steps[0].push(Statement::External {
            atom: a,
            value: ExternalValue::Free,
        });
    }
    // Mention every atom so that translation knows them all.
    program.steps[0].push(Statement::Project((1..=n).collect()));
    let t = translate_with(&program, factor);
    answer_sets(&t, n, &all_answer_sets(&t, project), threads)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(3000)))]

    #[test]
    fn same_answer_sets_as_brute_force((n, rules, externals) in program_strategy()) {
        let free = externals.iter().fold(0u32, |acc, &a| acc | 1 << (a - 1));
        let expected = brute_force(&rules, free, n);
        // Weight constraints native (factor 0) and translated into clauses.
        for factor in [0, 20] {
            prop_assert_eq!(solve(n, &rules, &externals, false, factor), expected.clone());
            prop_assert_eq!(solve(n, &rules, &externals, true, factor), expected.clone());
        }
        // In parallel: each answer set once, whichever thread finds it.
        for project in [false, true] {
            prop_assert_eq!(solve_threads(n, &rules, &externals, project, 0, 3), expected.clone());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(1000)))]

    #[test]
    fn optimum_and_consequences_match_brute_force(
        (n, rules, minimize) in (1..=6u32).prop_flat_map(|n| (
            Just(n),
            prop::collection::vec(rule_strategy(n, RULES), 1..=8),
            minimize_strategy(n, -3i64..=3, 1..=4, 1..=3),
        ))
    ) {
        use solver::consequences::{consequences, consequences_with};
        use solver::optimize::{optimize, optimize_with, Objective, OptimizeOptions};
        let answer_sets = brute_force(&rules, 0, n);
        let mut program = program_of(&rules);
        push_minimize(&mut program, &minimize);
        program.steps[0].push(Statement::Project((1..=n).collect()));
        let t = translate(&program);
        let set_of = |value: &[Value]| atom_set(&t, n, value);
        let objective = Objective::new(&t).unwrap();
        let opts = OptimizeOptions { all_optimal: true, ..OptimizeOptions::default() };
        let mut optimal = Vec::new();
        let result = optimize(&t, &objective, &opts, |value, costs, _| {
            let set = set_of(value);
            assert_eq!(costs.to_vec(), costs_of(set, &minimize));
            optimal.push((costs.to_vec(), set));
        });
        let best = answer_sets.iter().map(|&s| costs_of(s, &minimize)).min();
        prop_assert_eq!(result.best.clone(), best.clone());
        if let Some(best) = best.clone() {
            let mut expected: Vec<u32> = answer_sets
                .iter()
                .copied()
                .filter(|&s| costs_of(s, &minimize) == best)
                .collect();
            expected.sort_unstable();
            let mut found: Vec<u32> = optimal
                .iter()
                .skip(optimal.len() - result.optimal_models as usize)
                .map(|e| e.1)
                .collect();
            found.sort_unstable();
            prop_assert_eq!(found, expected);
        }
        // The parallel optimiser proves the same optimum and finds the same optimal models.
        let mut optimal = Vec::new();
        let result = optimize_with(&t, &objective, &opts, Driver::Parallel { threads: 2, division: Division::Compete }, |value, costs, _| {
            optimal.push((costs.to_vec(), set_of(value)));
        });
        prop_assert_eq!(result.best.clone(), best.clone());
        if let Some(best) = &best {
            let mut found: Vec<u32> = optimal.iter().filter(|e| &e.0 == best).map(|e| e.1).collect();
            found.sort_unstable();
            found.dedup();
            let mut expected: Vec<u32> =
                answer_sets.iter().copied().filter(|&s| &costs_of(s, &minimize) == best).collect();
            expected.sort_unstable();
            prop_assert_eq!(found, expected);
        }
        for brave in [true, false] {
            let mut last = None;
            consequences_with(&t, brave, None, Driver::Parallel { threads: 2, division: Division::Split }, |value, _| last = Some(set_of(value)));
            let parallel_last = last;
            let mut last = None;
            consequences(&t, brave, None, |value, _| last = Some(set_of(value)));
            prop_assert_eq!(parallel_last, last);
            let expected = if answer_sets.is_empty() {
                None
            } else if brave {
                Some(answer_sets.iter().fold(0, |a, &s| a | s))
            } else {
                Some(answer_sets.iter().fold(u32::MAX >> (32 - n), |a, &s| a & s))
            };
            prop_assert_eq!(last, expected);
        }
    }
}

/// Regression: blocking a projected model with a unit clause at a decision level
/// above 0 assigned the unit twice (once when re-asserting units after the
/// backjump, once as the learnt clause), losing the model `{1}`.
#[test]
fn regression_projection_unit_block() {
    let rule = Rule {
        head_kind: HeadKind::Choice,
        head: vec![],
        body: Body::Sum {
            lower: 1,
            lits: vec![
                WeightedLit { lit: 1, weight: 1 },
                WeightedLit { lit: -1, weight: 1 },
            ],
        },
    };
    for factor in [0, 20] {
        assert_eq!(
            solve(1, std::slice::from_ref(&rule), &[1], true, factor),
            vec![0, 1]
        );
    }
}

/// Regression (a divergence from clasp, found by fuzz.py and shrunk): a non-head-cycle-free
/// component where a weight body depends on the disjunctive loop `5 | 24 :- 26. 26 :- 24.`
/// clasp 3.3.5 and clingo 5.8.3 print 24 models of this ground program (as gringo wrote it,
/// atoms renumbered 1..19); 8 of them contain the unfounded loop {24, 26} and are not
/// stable. The brute-force checker finds exactly 16 answer sets, and so must we.
#[test]
fn regression_disjunctive_loop_through_weight_body() {
    let text = "asp 1 0 0\n1 1 3 1 2 3 0 0\n1 0 2 4 5 0 0\n1 0 1 6 0 1 -7\n1 0 1 8 0 1 -6\n\
                1 1 1 2 0 1 -8\n1 0 1 12 0 3 11 -13 -14\n1 0 1 16 0 1 2\n1 0 1 16 0 1 15\n\
                1 0 2 2 15 0 1 16\n1 0 1 17 1 4 6 16 3 9 1 10 2 -7 2 18 1 19 1\n\
                1 0 1 11 0 1 17\n1 1 1 7 0 1 12\n0\n";
    let program = aspif::read_aspif(text).expect("valid aspif");
    let rules: Vec<Rule> = program
        .statements()
        .filter_map(|s| match s {
            Statement::Rule(rule) => Some(rule.clone()),
            _ => None,
        })
        .collect();
    let expected = brute_force(&rules, 0, 19);
    assert_eq!(expected.len(), 16, "the brute-force checker's count");
    for factor in [0, 20] {
        assert_eq!(solve(19, &rules, &[], false, factor), expected);
    }
}
