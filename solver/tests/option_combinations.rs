//! Combinations of options: each runs in the driver it asks for, or is refused with
//! a clear message (exit code 65, `UNKNOWN`), never quietly handled otherwise.
//! Expected answers are clingo 5.8.3's.

use solver::{OptMode, OptStrategy, SolveOptions};

/// `{a; b; c}. :- not a, not b. #minimize{1:a; 2:b; 3:c}.`
const SMALL: &str = "asp 1 0 0\n1 1 3 1 2 3 0 0\n1 0 0 0 2 -1 -2\n2 0 3 1 1 2 2 3 3\n\
                     4 1 a 1 1\n4 1 b 1 2\n4 1 c 1 3\n0\n";

/// Like [`SMALL`], with two levels of weight 2^61 each: too large for one sum.
const HUGE: &str = "asp 1 0 0\n1 1 3 1 2 3 0 0\n1 0 0 0 2 -1 -2\n\
                    2 1 2 1 2305843009213693952 2 2305843009213693952\n\
                    2 0 2 2 2305843009213693952 3 2305843009213693952\n0\n";

/// Runs `aspif` with `opts`: the exit code and the printed text.
fn run(aspif: &str, opts: &SolveOptions) -> (i32, String) {
    let program = aspif::read_aspif(aspif).expect("valid aspif");
    let mut out = Vec::new();
    let code = solver::run(program, opts, &mut out).expect("no I/O error");
    (code, String::from_utf8(out).expect("UTF-8 output"))
}

fn refused(aspif: &str, opts: &SolveOptions) -> bool {
    let (code, text) = run(aspif, opts);
    code == 65 && text.trim_end().ends_with("UNKNOWN")
}

fn usc() -> SolveOptions {
    SolveOptions {
        opt_strategy: OptStrategy::CoreGuided,
        ..SolveOptions::default()
    }
}

#[test]
fn core_guided_optimisation_on_threads_is_refused() {
    let opts = SolveOptions {
        threads: 2,
        ..usc()
    };
    assert!(refused(SMALL, &opts));
}

#[test]
fn core_guided_optimisation_with_edges_is_refused() {
    // SMALL with `#edge (1,2) : a.`
    let with_edge = SMALL.replace("\n0\n", "\n8 1 2 1 1\n0\n");
    assert!(refused(&with_edge, &usc()));
    let (code, _) = run(&with_edge, &SolveOptions::default());
    assert_eq!(code, 30, "branch and bound handles #edge");
}

#[test]
fn levels_too_large_for_one_sum_on_threads_are_refused() {
    let opts = SolveOptions {
        threads: 2,
        ..SolveOptions::default()
    };
    assert!(refused(HUGE, &opts));
    let (code, _) = run(HUGE, &SolveOptions::default());
    assert_eq!(code, 30, "one thread optimises level by level");
}

#[test]
fn initial_bounds_are_taken_by_branch_and_bound_only() {
    // clingo: `--opt-mode=opt,2` finds `b` (2), then `a` (1), optimal.
    let opts = SolveOptions {
        opt_bounds: vec![2],
        ..SolveOptions::default()
    };
    let (code, text) = run(SMALL, &opts);
    assert_eq!(code, 30, "{text}");
    assert!(
        text.contains("\na\nOptimization: 1\nOPTIMUM FOUND"),
        "{text}"
    );
    // clingo: a bound below the optimum leaves nothing.
    let below = SolveOptions {
        opt_bounds: vec![0],
        ..SolveOptions::default()
    };
    assert_eq!(run(SMALL, &below).0, 20);
    let opts = SolveOptions {
        opt_bounds: vec![2],
        ..usc()
    };
    assert!(refused(SMALL, &opts));
}

#[test]
fn models_within_bounds_are_enumerated_on_threads() {
    // clingo: `--opt-mode=enum,3 -n0` has 3 models (a, b, a b).
    for threads in [1, 2] {
        let opts = SolveOptions {
            opt_mode: OptMode::Enum,
            opt_bounds: vec![3],
            models: 0,
            threads,
            ..SolveOptions::default()
        };
        let (code, text) = run(SMALL, &opts);
        assert_eq!(code, 30, "{text}");
        assert_eq!(
            text.matches("Answer:").count(),
            3,
            "{threads} threads: {text}"
        );
    }
}

/// `{a;b;c}. :- not a, not b. x :- a. x :- b. #minimize{1,a:a; 1,b:b}. #show x/0.
/// #show c/0.` (gringo's aspif)
const PROJECTED: &str = "asp 1 0 0\n1 1 3 1 2 3 0 0\n1 0 1 4 0 1 2\n1 0 1 4 0 1 1\n\
                         1 0 0 0 2 -2 -1\n2 0 2 2 1 1 1\n4 1 c 1 3\n4 1 x 1 4\n0\n";

#[test]
fn projection_applies_to_the_models_of_opt_n_and_of_enum_mode() {
    // clingo: `--opt-mode=optN --project` and `--opt-mode=enum,1 --project -n0` each
    // report the projections `x` and `c x` once (four models without --project).
    for threads in [1, 2] {
        for (opt_mode, bounds) in [(OptMode::OptN, vec![]), (OptMode::Enum, vec![1])] {
            let opts = SolveOptions {
                opt_mode: opt_mode.clone(),
                opt_bounds: bounds,
                models: 0,
                project: true,
                threads,
                quiet: [0, 0, 0],
                ..SolveOptions::default()
            };
            let (_, text) = run(PROJECTED, &opts);
            let mut answers: Vec<&str> = text
                .lines()
                .skip_while(|l| !l.starts_with("Answer:"))
                .filter(|l| *l == "x" || *l == "c x" || *l == "x c")
                .collect();
            // optN also prints the improving model before the optimal ones.
            if opt_mode == OptMode::OptN {
                answers.remove(0);
            }
            answers.sort_unstable();
            assert_eq!(
                answers,
                ["c x", "x"],
                "{opt_mode:?}, {threads} threads: {text}"
            );
        }
    }
}
