//! Parallel enumeration on programs with enough models that the threads split the
//! search space many times: the same answer sets as the sequential enumeration, each
//! exactly once, with and without projection.

mod common;

use aspif::{Body, HeadKind, Program, Rule, Statement};
use common::answers::answer_sets;
use common::build::choose_all;
use solver::enumerate::{enumerate_with, EnumerateOptions};
use solver::model_loop::Driver;
use solver::parallel::Division;
use solver::program::translate_with;

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
    program.steps[0].push(Statement::Rule(choose_all(n)));
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
        let expected = answer_sets(&t, n, &all, 1);
        assert!(
            expected.len() > 1000,
            "seed {seed}: too few models to split"
        );
        for threads in [2, 4] {
            assert_eq!(
                answer_sets(&t, n, &all, threads),
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
            let mut got: Vec<u32> = answer_sets(&t, n, &projected, threads)
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
