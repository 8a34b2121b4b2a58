//! End-to-end tests of issue 16's hostile-input points (9-11): bytes that are not UTF-8,
//! terms nested without bound, integer overflow. Each compares with what clingo 5.4.1
//! does with the same file (noted at each test); where sable differs on purpose, the
//! test says why.

mod common;

use common::sable;
use std::path::PathBuf;

/// clasp's exit code for errors in the input.
const EXIT_ERROR: i32 = 65;
/// clasp's exit code for a satisfiable program whose search space is exhausted.
const EXIT_SAT_EXHAUSTED: i32 = 30;

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile_input");
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("temporary file");
    path
}

fn run_file(name: &str, bytes: &[u8], args: &[&str]) -> common::Outcome {
    let path = temp_file(name, bytes);
    let path = path.to_str().expect("a UTF-8 path");
    let mut all = args.to_vec();
    all.push(path);
    sable(&all, "")
}

/// clingo reads a Latin-1 `é` (byte 0xE9) in a comment and in a string: `p("caf\xe9")`,
/// exit 30. sable takes the byte as the Latin-1 character and prints it as UTF-8.
#[test]
fn latin1_bytes_in_comments_and_strings_are_read() {
    let out = run_file("latin1.lp", b"% caf\xe9 au lait\np(\"caf\xe9\").\n", &[]);
    assert_eq!(out.code, EXIT_SAT_EXHAUSTED, "{}", out.stderr);
    assert!(out.stdout.contains("p(\"caf\u{e9}\")"), "{}", out.stdout);
    // The same from standard input.
    let stdin = sable(&["-"], "% caf\u{e9}\np.\n");
    assert_eq!(stdin.code, EXIT_SAT_EXHAUSTED, "{}", stdin.stderr);
}

/// clingo: `latin2.lp:1:4-5: error: lexer error, unexpected \xe9`, exit 65. sable names
/// the same line and column (its end column counts the character's two UTF-8 bytes).
#[test]
fn a_latin1_byte_outside_comments_and_strings_is_named() {
    let out = run_file("latin2.lp", b"p(a\xe9).\n", &[]);
    assert_eq!(out.code, EXIT_ERROR);
    assert!(
        out.stderr.contains("latin2.lp:1:4-"),
        "no place named: {}",
        out.stderr
    );
    assert!(out.stderr.contains("lexer error"), "{}", out.stderr);
}

fn nested(depth: usize) -> String {
    format!("p({}1{}).\n", "f(".repeat(depth), ")".repeat(depth))
}

/// clingo crashes (stack overflow) on a term nested 100,000 deep; sable stops at the
/// bracket that goes past its limit, with its place, exit 65.
#[test]
fn nesting_past_the_limit_is_an_error_with_its_place() {
    let out = run_file("deep.lp", nested(100_000).as_bytes(), &[]);
    assert_eq!(out.code, EXIT_ERROR, "{}", out.stderr);
    // `p(` and 19,999 `f(` are accepted: the bracket of the 20,000th `f(` is refused,
    // at column 2 + 2 * 20,000.
    let col = 2 + 2 * grounder::lexer::MAX_DEPTH as usize;
    assert!(
        out.stderr.contains(&format!(
            "deep.lp:1:{col}-{}: error: term nested too deeply",
            col + 1
        )),
        "{}",
        out.stderr
    );
    // A long chain of operators is bounded the same way.
    let chain = format!("p({}).\n", vec!["1"; 100_000].join("+"));
    let out = run_file("chain.lp", chain.as_bytes(), &[]);
    assert_eq!(out.code, EXIT_ERROR, "{}", out.stderr);
    assert!(
        out.stderr.contains("term nested too deeply"),
        "{}",
        out.stderr
    );
}

/// clingo: `p(2000)` for a sum of 2,000 ones, and `p(f(...(1)...))` for 2,000 levels.
/// (Sizes below the 5,000 and 10,000: the rewriting is still quadratic in the
/// depth of a term, see docs/notes.md.)
#[test]
fn long_sums_and_deep_terms_below_the_limit_are_ground() {
    let sum = format!("p({}).\n", vec!["1"; 2000].join("+"));
    let out = run_file("sum.lp", sum.as_bytes(), &[]);
    assert_eq!(out.code, EXIT_SAT_EXHAUSTED, "{}", out.stderr);
    assert!(out.stdout.contains("p(2000)"), "{}", out.stdout);
    let out = run_file("deep2k.lp", nested(2000).as_bytes(), &["ground", "--text"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(&nested(2000)), "{}", &out.stdout[..200]);
}

/// clingo 5.4.1 computes on 32 bits and wraps (`p(0)` for each of these); sable computes
/// on 64 bits and refuses to wrap: the error names the operation and its place.
#[test]
fn integer_overflow_names_the_operation_and_its_place() {
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "ov1.lp",
            b"p(X) :- X = 9223372036854775807+1.\n",
            "ov1.lp:1:13-34: error: integer overflow",
        ),
        (
            "ov2.lp",
            b"p(2**100).\n",
            "ov2.lp:1:3-9: error: integer overflow",
        ),
        (
            "ov3.lp",
            b"q(9223372036854775807).\np(X+1) :- q(X).\n",
            "ov3.lp:2:3-6: error: integer overflow",
        ),
    ];
    for (name, text, expected) in cases {
        let out = run_file(name, text, &[]);
        assert_eq!(out.code, EXIT_ERROR, "{name}: {}", out.stderr);
        assert!(out.stderr.contains(expected), "{name}: {}", out.stderr);
    }
}
