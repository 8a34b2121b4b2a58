//! Parallel enumeration on programs with enough models that the threads split the
//! search space many times: the same answer sets as the sequential enumeration, each
//! exactly once, with and without projection.

use aspif::{Body, HeadKind, Program, Rule, Statement};
use solver::enumerate::{enumerate, enumerate_with, EnumerateOptions};
use solver::lit::Value;
use solver::model_loop::Driver;
use solver::parallel::Division;
use solver::program::{translate_with, Translation};

/// `{1..n}.` and `constraints` random integrity constraints of three literals each
/// (a linear congruential generator from `seed`).
fn random_program(n: u32, constraints: usize, seed: u64) -> Program {
    let mut state = seed;
    let mut next = move |bound: u32| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) % bound as u64) as u32
    };
    let mut program = Program::new();
    program.steps[0].push(Statement::Rule(Rule {
        head_kind: HeadKind::Choice,
        head: (1..=n).collect(),
        body: Body::Normal(vec![]),
    }));
    for _ in 0..constraints {
        let lits = (0..3)
            .map(|_| {
                let atom = next(n) as i32 + 1;
                if next(2) == 0 {
                    atom
                } else {
                    -atom
                }
            })
            .collect();
        program.steps[0].push(Statement::Rule(Rule {
            head_kind: HeadKind::Disjunctive,
            head: vec![],
            body: Body::Normal(lits),
        }));
    }
    program
}

fn set_of(t: &Translation, n: u32, value: &[Value]) -> u32 {
    (1..=n).fold(0, |acc, a| {
        let lit = t.atom_lit[a as usize];
        let truth = lit == solver::lit::Lit::TRUE
            || (!lit.is_constant() && value[lit.index()] == Value::True);
        if truth {
            acc | 1 << (a - 1)
        } else {
            acc
        }
    })
}

fn models(t: &Translation, n: u32, opts: &EnumerateOptions, threads: usize) -> Vec<u32> {
    let mut found = Vec::new();
    let on_model = |value: &[Value]| {
        found.push(set_of(t, n, value));
        true
    };
    if threads == 1 {
        enumerate(t, opts, on_model);
    } else {
        enumerate_with(
            t,
            opts,
            Driver::Parallel {
                threads,
                division: Division::Split,
            },
            on_model,
        );
    }
    found.sort_unstable();
    found
}

#[test]
fn split_enumeration_finds_each_model_once() {
    let n = 16;
    for seed in 0..6 {
        let mut program = random_program(n, 12, seed);
        // Every atom shown: the projection is onto atoms 1..8 only.
        program.steps[0].push(Statement::Project((1..=8).collect()));
        let t = translate_with(&program, 0);
        let all = EnumerateOptions::default();
        let all = EnumerateOptions { models: 0, ..all };
        let expected = models(&t, n, &all, 1);
        assert!(
            expected.len() > 1000,
            "seed {seed}: too few models to split"
        );
        for threads in [2, 4] {
            assert_eq!(
                models(&t, n, &all, threads),
                expected,
                "seed {seed}, {threads} threads"
            );
        }
        let projected = EnumerateOptions {
            models: 0,
            project: t.projection.clone(),
            deadline: None,
            count_only: false,
        };
        let mut expected: Vec<u32> = expected.iter().map(|s| s & 0xff).collect();
        expected.sort_unstable();
        expected.dedup();
        for threads in [1, 3] {
            let mut got: Vec<u32> = models(&t, n, &projected, threads)
                .iter()
                .map(|s| s & 0xff)
                .collect();
            got.sort_unstable();
            assert_eq!(got, expected, "seed {seed}, {threads} threads, projected");
        }
    }
}

#[test]
fn model_limit_is_exact_in_parallel() {
    let t = translate_with(&random_program(14, 6, 7), 0);
    for limit in [1, 5, 100] {
        let opts = EnumerateOptions {
            models: limit,
            project: None,
            deadline: None,
            count_only: false,
        };
        for count_only in [false, true] {
            let opts = EnumerateOptions {
                count_only,
                ..opts.clone()
            };
            let mut printed = 0;
            let summary = enumerate_with(
                &t,
                &opts,
                Driver::Parallel {
                    threads: 3,
                    division: Division::Split,
                },
                |_| {
                    printed += 1;
                    true
                },
            );
            assert_eq!(summary.models, limit);
            assert_eq!(printed, limit);
        }
    }
}
