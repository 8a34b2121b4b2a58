//! End-to-end tests of the command line through the built binary: argument handling, input
//! reading and exit codes, which the foundation guarantees whatever the solver answers.
//! (Answers themselves are the business of tests/examples.rs and the conformance corpus.)

mod common;

use common::sable;
use std::path::PathBuf;

/// clasp's exit code for errors in the input.
const EXIT_ERROR: i32 = 65;
/// clingo's exit code for a refused command line (an unknown option, a bad value).
const EXIT_USAGE: i32 = 1;

/// Writes `text` to a fresh file in the test's temporary folder.
fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temporary file");
    path
}

/// A ground program: `{a}. b :- not a.` with both shown.
const TRIVIAL_ASPIF: &str = "asp 1 0 0\n1 1 1 1 0 0\n1 0 1 2 0 1 -1\n4 1 a 1 1\n4 1 b 1 2\n0\n";
/// The same program in smodels form.
const TRIVIAL_SMODELS: &str = "3 1 2 0 0\n1 3 1 1 2\n0\n2 a\n3 b\n0\nB+\n0\nB-\n1\n0\n1\n";

#[test]
fn help_exits_zero() {
    for args in [&["--help"][..], &["solve", "--help"], &["ground", "--help"]] {
        let out = sable(args, "");
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(out.stdout.contains("Usage"), "{args:?}: {}", out.stdout);
    }
}

#[test]
fn version_exits_zero() {
    let out = sable(&["--version"], "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(env!("CARGO_PKG_VERSION")),
        "{}",
        out.stdout
    );
}

#[test]
fn unknown_option_is_an_error_with_a_message() {
    for args in [
        &["--bogus"][..],
        &["solve", "--frobnicate"],
        &["ground", "-Z"],
    ] {
        let out = sable(args, "");
        assert_ne!(out.code, 0, "{args:?}");
        assert_eq!(out.code, EXIT_USAGE, "{args:?}");
        let flag = args.last().expect("an argument");
        assert!(out.stderr.contains(flag), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn bad_option_values_are_rejected() {
    let cases: &[(&[&str], &str)] = &[
        (&["-t", "0"], "parallel-mode"),
        (&["-t", "two"], "parallel-mode"),
        (&["-t", "2,sideways"], "parallel-mode"),
        (&["--quiet=3"], "quiet"),
        (&["--quiet=1,2,0,1"], "quiet"),
        (&["--outf=7"], "outf"),
        (&["--opt-mode=best"], "opt-mode"),
        (&["--enum-mode=all"], "enum-mode"),
        (&["--mode=prolog"], "mode"),
        (&["-n", "many"], "many"),
    ];
    let program = temp_file("bad_values.aspif", TRIVIAL_ASPIF);
    let program = program.to_str().expect("UTF-8 path");
    for &(args, word) in cases {
        let mut argv = vec!["solve", program];
        argv.extend_from_slice(args);
        let out = sable(&argv, "");
        assert_eq!(out.code, EXIT_USAGE, "{argv:?}: {}", out.stderr);
        assert!(out.stderr.contains(word), "{argv:?}: {}", out.stderr);
        assert!(!out.stdout.contains("Answer"), "{argv:?}: {}", out.stdout);
    }
}

#[test]
fn malformed_aspif_names_file_and_line() {
    let path = temp_file(
        "malformed.aspif",
        "asp 1 0 0\n1 0 1 2 0 0\n1 0 1 x 0 0\n0\n",
    );
    let out = sable(&["solve", path.to_str().expect("UTF-8 path")], "");
    assert_eq!(out.code, EXIT_ERROR, "{}", out.stderr);
    assert!(out.stderr.contains("malformed.aspif:3:"), "{}", out.stderr);
    assert!(out.stderr.contains("error"), "{}", out.stderr);
}

#[test]
fn malformed_smodels_names_the_line() {
    let out = sable(&["solve"], "1 2 0 0\n1 3 1 1\n0\n");
    assert_eq!(out.code, EXIT_ERROR, "{}", out.stderr);
    assert!(out.stderr.contains("stdin:2:"), "{}", out.stderr);
}

#[test]
fn empty_input_is_an_error() {
    let path = temp_file("empty.aspif", "");
    let out = sable(&["solve", path.to_str().expect("UTF-8 path")], "");
    assert_eq!(out.code, EXIT_ERROR, "{}", out.stderr);
    assert!(out.stderr.contains("empty.aspif:1:"), "{}", out.stderr);
    let out = sable(&["solve", "-"], "");
    assert_eq!(out.code, EXIT_ERROR, "{}", out.stderr);
    assert!(out.stderr.contains("stdin:1:"), "{}", out.stderr);
}

#[test]
fn missing_file_is_an_error() {
    let out = sable(&["solve", "/nonexistent/prog.aspif"], "");
    assert_eq!(out.code, EXIT_ERROR);
    assert!(
        out.stderr.contains("/nonexistent/prog.aspif"),
        "{}",
        out.stderr
    );
    let out = sable(&["/nonexistent/prog.lp"], "");
    assert_eq!(out.code, EXIT_ERROR);
    assert!(
        out.stderr.contains("/nonexistent/prog.lp"),
        "{}",
        out.stderr
    );
}

#[test]
fn two_numbers_of_models_are_an_error() {
    let out = sable(&["solve", "-", "1", "2"], TRIVIAL_ASPIF);
    assert_eq!(out.code, EXIT_USAGE, "{}", out.stderr);
    assert!(out.stderr.contains("number of models"), "{}", out.stderr);
}

#[test]
fn solve_reads_one_program_only() {
    let path = temp_file("one.aspif", TRIVIAL_ASPIF);
    let path = path.to_str().expect("UTF-8 path");
    let out = sable(&["solve", path, path], "");
    assert_eq!(out.code, EXIT_USAGE, "{}", out.stderr);
}

/// The lines that depend on the program alone (not on the input's name or on timing).
fn result_lines(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter(|l| !l.starts_with("Reading from") && !l.contains("Time") && !l.contains("Calls"))
        .filter(|l| !l.starts_with("sable version"))
        .collect()
}

#[test]
fn stdin_dash_and_file_read_the_same_program() {
    let path = temp_file("trivial.aspif", TRIVIAL_ASPIF);
    let from_file = sable(&["solve", path.to_str().expect("UTF-8 path"), "-n0"], "");
    let from_dash = sable(&["solve", "-", "-n0"], TRIVIAL_ASPIF);
    let from_nothing = sable(&["solve", "-n0"], TRIVIAL_ASPIF);
    for out in [&from_file, &from_dash, &from_nothing] {
        assert!(!out.stderr.contains("error"), "{}", out.stderr);
    }
    assert_eq!(from_file.code, from_dash.code);
    assert_eq!(from_file.code, from_nothing.code);
    assert_eq!(
        result_lines(&from_file.stdout),
        result_lines(&from_dash.stdout)
    );
    assert_eq!(
        result_lines(&from_file.stdout),
        result_lines(&from_nothing.stdout)
    );
}

#[test]
fn smodels_input_is_read_like_aspif() {
    let aspif = sable(&["solve", "-n0"], TRIVIAL_ASPIF);
    let smodels = sable(&["solve", "-n0"], TRIVIAL_SMODELS);
    assert!(!smodels.stderr.contains("error"), "{}", smodels.stderr);
    assert_eq!(aspif.code, smodels.code);
    assert_eq!(answer_sets(&aspif.stdout), answer_sets(&smodels.stdout));
}

/// The answer sets printed in `stdout`, each sorted, in sorted order.
fn answer_sets(stdout: &str) -> Vec<Vec<String>> {
    let mut models: Vec<Vec<String>> = Vec::new();
    let mut lines = stdout.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("Answer:") {
            let mut atoms: Vec<String> = lines
                .next()
                .unwrap_or("")
                .split_whitespace()
                .map(String::from)
                .collect();
            atoms.sort();
            models.push(atoms);
        }
    }
    models.sort();
    models
}

/// `sable ground --text` is gringo input with the program's answer sets: grounding the
/// text again gives the same ones (also checked with clingo 5.8.3 on the conformance
/// corpus by hand; here sable's own grounder reads it).
#[test]
fn ground_text_grounds_again_to_the_same_answer_sets() {
    let programs = [
        "p(1..3). {q(X)} :- p(X). a :- q(1), not q(2). b ; c :- a.",
        "{r(1);r(2);r(3)} = 2. s :- 2 #count{X: r(X)}. t :- #sum{X: r(X); -1: s} >= 3.",
        "{p(1..3)}. m(M) :- M = #max{X : p(X)}. n(N) :- N = #min{X : p(X)}.",
        "{a}. -b :- a. b :- not a. c :- a : b. #show c/0. #show -b/0.",
        "e(1,2). e(2,3). {e(3,1)}. tc(X,Y) :- e(X,Y). tc(X,Z) :- tc(X,Y), e(Y,Z). #show tc/2.",
        "d(1..3). {s(X,Y) : d(Y)} = 1 :- d(X). ok(X) :- s(X,_). #show. #show v(X) : ok(X), X > 1.",
        "#theory t { term { + : 1, binary, left }; &a/0 : term, {=}, term, any }.
         {q(1..2)}. w :- &a { X + 1 : q(X) } = 2. &a { z } = 1 :- q(1). #show w/0. #show q/1.",
    ];
    for (i, program) in programs.iter().enumerate() {
        let file = temp_file(&format!("text{i}.lp"), program);
        let file = file.to_str().expect("utf-8 path");
        let direct = sable(&[file, "-n0"], "");
        let text = sable(&["ground", "--text", file], "");
        assert_eq!(text.code, 0, "{program}: {}", text.stderr);
        let again = temp_file(&format!("text{i}.txt.lp"), &text.stdout);
        let again = sable(&[again.to_str().expect("utf-8 path"), "-n0"], "");
        assert_eq!(again.code, direct.code, "{program}:\n{}", text.stdout);
        assert!(!answer_sets(&direct.stdout).is_empty(), "{program}");
        assert_eq!(
            answer_sets(&direct.stdout),
            answer_sets(&again.stdout),
            "{program}:\n{}",
            text.stdout
        );
    }
}
