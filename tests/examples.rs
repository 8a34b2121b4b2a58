//! The examples through the built `sable` binary, against clingo's answer sets stored in
//! examples/expected/*.models (refreshed by examples/expected/refresh.py).
//!
//! graph, workout and couples_hetero are enumerated completely (`-n0`), in one process and
//! through the `sable ground | sable solve` pipe; couples.lp has 1,048,576 answer sets, so
//! only its first five are checked, each against the 66 distinct shown atom sets.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What clingo found for an example.
struct Expected {
    /// The number of answer sets.
    count: usize,
    /// The lines are the distinct shown atom sets rather than every answer set.
    distinct: bool,
    /// Each answer set's shown atoms, sorted.
    models: Vec<Vec<String>>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> PathBuf {
    root().join("examples").join(format!("{name}.lp"))
}

fn expected(name: &str) -> Expected {
    let path = root().join(format!("examples/expected/{name}.models"));
    let text = std::fs::read_to_string(&path).expect("expected file");
    let mut expected = Expected {
        count: usize::MAX,
        distinct: false,
        models: Vec::new(),
    };
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        } else if let Some(count) = line.strip_prefix("count ") {
            expected.count = count.parse().expect("count");
        } else if line == "distinct" {
            expected.distinct = true;
        } else {
            expected.models.push(sorted_atoms(line));
        }
    }
    expected.models.sort();
    assert_ne!(expected.count, usize::MAX, "{}: no count", path.display());
    expected
}

fn sorted_atoms(line: &str) -> Vec<String> {
    let mut atoms: Vec<String> = line.split_whitespace().map(String::from).collect();
    atoms.sort();
    atoms
}

/// The models printed in clasp's format: the line after each `Answer: N`.
fn answers(stdout: &str) -> Vec<Vec<String>> {
    let mut lines = stdout.lines();
    let mut models = Vec::new();
    while let Some(line) = lines.next() {
        if line.starts_with("Answer:") {
            models.push(sorted_atoms(lines.next().unwrap_or("")));
        }
    }
    models
}

fn sable() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sable"))
}

/// Runs `sable ARGS`, returning the exit code and standard output.
fn run(args: &[&str]) -> (i32, String) {
    let out = sable().args(args).output().expect("sable runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Runs `sable ground FILE | sable solve ARGS`.
fn run_piped(file: &str, args: &[&str]) -> (i32, String) {
    let ground = sable()
        .args(["ground", file])
        .output()
        .expect("sable ground runs");
    assert_eq!(ground.status.code(), Some(0), "sable ground {file} failed");
    let mut solve = sable()
        .arg("solve")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("sable solve runs");
    let mut stdin = solve.stdin.take().expect("stdin");
    let text = ground.stdout;
    let writer = std::thread::spawn(move || stdin.write_all(&text));
    let out = solve.wait_with_output().expect("sable solve finishes");
    writer
        .join()
        .expect("writer")
        .expect("sable solve reads its input");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Every answer set, as clingo finds them, in one process and through the pipe.
fn check_all(name: &str) {
    let expected = expected(name);
    assert!(!expected.distinct);
    let file = example(name);
    let file = file.to_str().expect("UTF-8 path");
    for (how, (code, stdout)) in [
        ("sable FILE -n0", run(&[file, "-n0"])),
        ("sable ground | sable solve -n0", run_piped(file, &["-n0"])),
    ] {
        let mut models = answers(&stdout);
        models.sort();
        assert_eq!(models, expected.models, "{name}: {how}:\n{stdout}");
        assert_eq!(models.len(), expected.count, "{name}: {how}");
        assert!(
            stdout.lines().any(|l| l == "SATISFIABLE"),
            "{name}: {how}:\n{stdout}"
        );
        assert_eq!(code, 30, "{name}: {how}: exit code (SAT and exhausted)");
    }
}

#[test]
fn graph_has_five_paths() {
    check_all("graph");
}

#[test]
fn workout_has_three_plans() {
    check_all("workout");
}

#[test]
fn couples_hetero_has_one_answer() {
    check_all("couples_hetero");
}

#[test]
fn couples_first_five_answers_are_distinct_answer_sets() {
    let expected = expected("couples");
    assert!(expected.distinct && expected.count == 1 << 20);
    let family: BTreeSet<_> = expected.models.iter().collect();
    let file = example("couples");
    let (code, stdout) = run(&[file.to_str().expect("UTF-8 path"), "-n", "5"]);
    let models = answers(&stdout);
    assert_eq!(models.len(), 5, "{stdout}");
    for model in &models {
        assert!(family.contains(model), "not an answer set: {model:?}");
    }
    // Five different answer sets may show the same atoms, so only the count is checked.
    assert_eq!(code, 10, "exit code (SAT, not exhausted):\n{stdout}");
}
