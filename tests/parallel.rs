//! End-to-end tests of `-t N` (issue 6): models numbered in order and never
//! interleaved, exact counts, `Threads : N` in the summary, the same optima and
//! consequences as one thread. Expected answers agree with clingo 5.8.3.

mod common;

/// 2^10 subsets minus those with both `x(1)` and `x(2)`: 768 answer sets.
const SUBSETS: &str = "n(1..10).\n{ x(N) : n(N) }.\n:- x(1), x(2).\n";

#[test]
fn enumeration_prints_each_model_once_in_order() {
    for threads in ["2", "4", "3,split", "2,compete"] {
        let out = common::sable(&["-n0", "-t", threads], SUBSETS);
        assert_eq!(out.code, 30, "-t {threads}: {}", out.stderr);
        let lines: Vec<&str> = out.stdout.lines().collect();
        let mut models = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if let Some(n) = line.strip_prefix("Answer: ") {
                // Numbered 1, 2, 3... in the order printed.
                assert_eq!(n.parse::<usize>().unwrap(), models.len() + 1);
                let mut atoms: Vec<&str> = lines[i + 1].split_whitespace().collect();
                atoms.sort_unstable();
                assert!(!atoms.contains(&"x(1)") || !atoms.contains(&"x(2)"));
                models.push(atoms);
            }
        }
        assert_eq!(models.len(), 768, "-t {threads}");
        models.sort();
        models.dedup();
        assert_eq!(models.len(), 768, "-t {threads}: a model was printed twice");
        assert!(out.stdout.contains("Models       : 768\n"));
        let threads_line = format!("Threads      : {}", &threads[..1]);
        assert!(out.stdout.contains(&threads_line), "{}", out.stdout);
    }
}

#[test]
fn model_limit_and_quiet_count() {
    let out = common::sable(&["-n", "5", "-t", "2"], SUBSETS);
    assert_eq!(out.code, 10);
    assert_eq!(out.stdout.matches("Answer: ").count(), 5);
    assert!(out.stdout.contains("Models       : 5+"));
    let out = common::sable(&["-n0", "-q", "-t", "4"], SUBSETS);
    assert_eq!(out.code, 30);
    assert!(out.stdout.contains("Models       : 768\n"));
}

#[test]
fn unsatisfiable_in_parallel() {
    let out = common::sable(&["-n0", "-t", "2"], "{a;b}.\n:- not a.\n:- a.\n");
    assert_eq!(out.code, 20);
    assert!(out.stdout.contains("UNSATISFIABLE"));
}

#[test]
fn projection_prints_each_projection_once() {
    // 2^10 models, 4 projections onto x(1), x(2).
    let program = "n(1..10).\n{ x(N) : n(N) }.\n#project x(1). #project x(2).\n#show x/1.\n";
    let out = common::sable(&["-n0", "--project", "-t", "4", "-q"], program);
    assert_eq!(out.code, 30);
    assert!(out.stdout.contains("Models       : 4\n"), "{}", out.stdout);
}

#[test]
fn optimum_and_consequences_as_with_one_thread() {
    // Minimise the number of chosen items, at least 3 of them, not 1 with 2.
    let program = "n(1..8).\n{ x(N) : n(N) }.\n:- #count { N : x(N) } < 3.\n:- x(1), x(2).\n#minimize { N : x(N) }.\n";
    let out = common::sable(&["-t", "2"], program);
    assert_eq!(out.code, 30);
    assert!(out.stdout.contains("OPTIMUM FOUND"));
    // 1 + 3 + 4 is the least sum of three numbers without both 1 and 2.
    assert!(out.stdout.contains("Optimization : 8\n"), "{}", out.stdout);
    let out = common::sable(&["-t", "2", "--opt-mode=optN", "-q"], program);
    // {1,3,4} is the only optimal model: no "Optimal : N" line.
    assert!(out.stdout.contains("OPTIMUM FOUND"));
    assert!(out.stdout.contains("Optimization : 8\n"));
    assert!(!out.stdout.contains("Optimal    :"), "{}", out.stdout);
    let out = common::sable(
        &["-t", "3", "--enum-mode=cautious", "-V0"],
        "{a;b}.\nc :- a.\nc :- b.\n:- not c.\nd.\n",
    );
    assert_eq!(out.code, 30);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let at = lines
        .iter()
        .rposition(|l| l.starts_with("Consequences:"))
        .expect("consequences");
    let last = lines[at - 1];
    let mut atoms: Vec<&str> = last.split_whitespace().collect();
    atoms.sort_unstable();
    assert_eq!(atoms, vec!["c", "d"]);
}
