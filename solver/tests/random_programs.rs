//! Property test: on random small ground programs (choice, disjunction, weight
//! bodies, positive loops, negation, externals) the solver enumerates exactly the
//! answer sets a brute-force checker finds (an answer set is a model `I` of the
//! reduct `P^I` with no smaller model of `P^I`).

use aspif::{Body, ExternalValue, HeadKind, Program, Rule, Statement, WeightedLit};
use proptest::prelude::*;
use solver::enumerate::{enumerate, EnumerateOptions};
use solver::program::translate;

const MAX_ATOMS: u32 = 8;

fn holds(set: u32, lit: i32) -> bool {
    let bit = set >> (lit.unsigned_abs() - 1) & 1 == 1;
    if lit > 0 {
        bit
    } else {
        !bit
    }
}

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

fn lit_strategy(n: u32) -> impl Strategy<Value = i32> {
    (1..=n as i32, any::<bool>()).prop_map(|(a, neg)| if neg { -a } else { a })
}

fn rule_strategy(n: u32) -> impl Strategy<Value = Rule> {
    let head = prop::collection::vec(1..=n, 0..=3);
    let normal = prop::collection::vec(lit_strategy(n), 0..=3).prop_map(Body::Normal);
    let sum = (
        0i64..=5,
        prop::collection::vec((lit_strategy(n), 0i64..=3), 1..=4),
    )
        .prop_map(|(lower, lits)| Body::Sum {
            lower,
            lits: lits
                .into_iter()
                .map(|(lit, weight)| WeightedLit { lit, weight })
                .collect(),
        });
    let body = prop_oneof![3 => normal, 1 => sum];
    (any::<u8>(), head, body).prop_map(|(kind, head, body)| Rule {
        head_kind: if kind % 4 == 0 {
            HeadKind::Choice
        } else {
            HeadKind::Disjunctive
        },
        head,
        body,
    })
}

fn program_strategy() -> impl Strategy<Value = (u32, Vec<Rule>, Vec<u32>)> {
    (1..=MAX_ATOMS).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec(rule_strategy(n), 1..=10),
            prop::collection::vec(1..=n, 0..=1),
        )
    })
}

fn solve(n: u32, rules: &[Rule], externals: &[u32], project: bool) -> Vec<u32> {
    let mut program = Program::new();
    for rule in rules {
        program.steps[0].push(Statement::Rule(rule.clone()));
    }
    for &a in externals {
        program.steps[0].push(Statement::External {
            atom: a,
            value: ExternalValue::Free,
        });
    }
    // Mention every atom so that translation knows them all.
    program.steps[0].push(Statement::Project((1..=n).collect()));
    let t = translate(&program);
    let mut found = Vec::new();
    let opts = EnumerateOptions {
        models: 0,
        project: project.then(|| t.projection.clone().unwrap()),
        deadline: None,
    };
    enumerate(&t, &opts, |value| {
        let mut set = 0u32;
        for a in 1..=n {
            let lit = t.atom_lit[a as usize];
            let truth =
                lit == solver::lit::Lit::TRUE || (!lit.is_constant() && value[lit.index()] == 1);
            if truth {
                set |= 1 << (a - 1);
            }
        }
        found.push(set);
        true
    });
    found.sort_unstable();
    found
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(3000),
    ))]

    #[test]
    fn same_answer_sets_as_brute_force((n, rules, externals) in program_strategy()) {
        let free = externals.iter().fold(0u32, |acc, &a| acc | 1 << (a - 1));
        let expected = brute_force(&rules, free, n);
        prop_assert_eq!(solve(n, &rules, &externals, false), expected.clone());
        prop_assert_eq!(solve(n, &rules, &externals, true), expected);
    }
}
