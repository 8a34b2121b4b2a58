//! Differential test of the smodels reader: for every conformance case, clingo's smodels
//! output read by [`read_smodels`] and written back as aspif must have the same answer sets
//! (and the same optimal ones) as clingo's own aspif output of the case, both solved by
//! clasp (`python3 -m clingo --mode=clasp`).
//!
//! Needs the clingo python module; where it is missing (a fresh machine) the test says so
//! and checks nothing more than roundtrip.rs does. CI installs it.

use aspif::{smodels::read_smodels, AspifWriter, Statement};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn clingo_available() -> bool {
    Command::new("python3")
        .args(["-c", "import clingo"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The smodels fixtures, except the one with a million answer sets.
fn fixtures() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("fixture folder") {
            let path = entry.expect("fixture entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "smodels")
                && !path.ends_with("seeds/couples.smodels")
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut out,
    );
    out.sort();
    out
}

/// clasp's answer sets for `input` under `args`: each a sorted atom line, the list sorted.
fn clasp(input: &str, args: &[&str]) -> Vec<String> {
    let mut child = Command::new("python3")
        .args(["-m", "clingo", "--mode=clasp", "-V0"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 runs");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let text = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let output = child.wait_with_output().expect("clasp finishes");
    writer
        .join()
        .expect("writer thread")
        .expect("clasp reads its input");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut models: Vec<String> = stdout
        .lines()
        .filter(|line| {
            !line.starts_with("Optimization")
                && !matches!(
                    line.trim(),
                    "SATISFIABLE" | "UNSATISFIABLE" | "OPTIMUM FOUND" | "UNKNOWN"
                )
        })
        .map(|line| {
            let mut atoms: Vec<&str> = line.split_whitespace().collect();
            atoms.sort_unstable();
            atoms.join(" ")
        })
        .collect();
    models.sort();
    models
}

#[test]
fn smodels_and_aspif_output_have_the_same_answer_sets() {
    if !clingo_available() {
        eprintln!("clingo's python module is missing: smodels_vs_clasp checks nothing");
        return;
    }
    let mut checked = 0;
    for path in fixtures() {
        let smodels = std::fs::read_to_string(&path).expect("fixture");
        let aspif = std::fs::read_to_string(path.with_extension("aspif")).expect("fixture");
        let program = read_smodels(&smodels).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let converted = String::from_utf8(
            AspifWriter::new(Vec::new())
                .write_program(&program)
                .expect("writing to memory"),
        )
        .expect("UTF-8");
        let all = ["-n0", "--opt-mode=ignore"];
        assert_eq!(
            clasp(&converted, &all),
            clasp(&aspif, &all),
            "{}: answer sets differ",
            path.display()
        );
        if program
            .statements()
            .any(|s| matches!(s, Statement::Minimize { .. }))
        {
            let optimal = ["-n0", "--opt-mode=optN", "--quiet=1"];
            assert_eq!(
                clasp(&converted, &optimal),
                clasp(&aspif, &optimal),
                "{}: optimal answer sets differ",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 90, "only {checked} fixtures checked");
}
