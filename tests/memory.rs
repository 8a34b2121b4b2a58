//! End-to-end tests of issue 16's memory points (6, 7): `--memory-limit`, running out of
//! the address space (`ulimit -v`) without an abort, and what a fact file costs.
//!
//! clingo 5.4.1 under `ulimit -v 300000` on `p(1..100000000).` prints
//! `*** ERROR: (clingo): std::bad_alloc`, UNKNOWN and the summary, exit 33 (gringo:
//! exit 1). sable does the same, naming the rule it was instantiating, also with its
//! own `--memory-limit`.

mod common;

use common::sable;
use std::path::PathBuf;
use std::process::Command;

/// clingo's exit code when memory runs out.
const EXIT_MEMORY: i32 = 33;

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("memory");
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temporary file");
    path
}

const HUGE: &str = "p(1..100000000).\n";

#[test]
fn past_the_memory_limit_sable_names_the_rule_and_prints_the_summary() {
    let path = temp_file("huge.lp", HUGE);
    let path = path.to_str().expect("UTF-8 path");
    let out = sable(&["--memory-limit=100", path], "");
    assert_eq!(out.code, EXIT_MEMORY, "{}", out.stderr);
    assert!(
        out.stderr.contains("past --memory-limit=100")
            && out.stderr.contains("huge.lp:1:1-17")
            && out.stderr.contains("instances so far"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("UNKNOWN\n"), "{}", out.stdout);
    assert!(out.stdout.contains("Models       : 0+\n"), "{}", out.stdout);
    // The same in JSON, and for `sable ground` (the message alone).
    let json = sable(&["--memory-limit=100", "--outf=2", path], "");
    assert_eq!(json.code, EXIT_MEMORY);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value["Result"], "UNKNOWN");
    let ground = sable(&["ground", "--memory-limit=100", path], "");
    assert_eq!(ground.code, EXIT_MEMORY, "{}", ground.stderr);
    assert!(ground.stderr.contains("out of memory"), "{}", ground.stderr);
}

/// The address-space limit: the system refuses memory; sable reports as above, never
/// SIGABRT (134).
#[test]
fn an_address_space_limit_ends_sable_with_exit_33() {
    let path = temp_file("huge-ulimit.lp", HUGE);
    let script = format!(
        "ulimit -v 400000 && exec '{}' '{}'",
        env!("CARGO_BIN_EXE_sable"),
        path.display()
    );
    let out = Command::new("sh")
        .args(["-c", &script])
        .output()
        .expect("sh runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(EXIT_MEMORY), "{stderr}");
    assert!(stderr.contains("out of memory"), "{stderr}");
    assert!(stderr.contains("huge-ulimit.lp:1:1-17"), "{stderr}");
    assert!(stdout.contains("UNKNOWN\n"), "{stdout}");
}

/// A fact file (issue 16.6): 360,000 facts `edge(i,i+1).` (7.3 MB) ground within
/// 350 MB of heap (677 MB of memory in all before issue 16.6's first cut; gringo needs
/// 41 MB). A head vector grown to room for four literals per fact once took it to 424 MB.
#[test]
fn a_fact_file_grounds_within_a_bounded_heap() {
    let text: String = (0..360_000)
        .map(|i| format!("edge({i},{}).\n", i + 1))
        .collect();
    let path = temp_file("edges.lp", &text);
    let path = path.to_str().expect("UTF-8 path");
    let out = sable(&["ground", "--memory-limit=350", path], "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("asp 1 0 0\n"),
        "{}",
        &out.stdout[..50]
    );
    assert_eq!(out.stdout.matches("edge(").count(), 360_000);
}
