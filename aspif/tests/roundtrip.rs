//! Round trips of clingo's ground output, stored as fixtures (aspif/tests/fixtures, one
//! `.aspif` and one `.smodels` file per conformance case, refreshed by `refresh.sh`).
//!
//! Every aspif fixture must read, write back to the same text line by line (clingo writes
//! the canonical form the writer writes), and re-read to the same program. Every smodels
//! fixture must read, and show the same symbols as the aspif fixture of its case.

use aspif::{read_aspif, smodels::read_smodels, AspifWriter, Program, Statement};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixtures(ext: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("fixture folder") {
            let path = entry.expect("fixture entry").path();
            if path.is_dir() {
                walk(&path, ext, out);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    walk(&root, ext, &mut out);
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(program: &Program) -> String {
    let bytes = AspifWriter::new(Vec::new())
        .write_program(program)
        .expect("writing to memory");
    String::from_utf8(bytes).expect("aspif text is UTF-8")
}

/// The shown names of a program (the `Output` statements' names).
fn shown(program: &Program) -> BTreeSet<String> {
    program
        .statements()
        .filter_map(|stmt| match stmt {
            Statement::Output { name, .. } => Some(name.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn there_is_a_fixture_for_every_case() {
    // 96 conformance cases ground without error; two use #project, which smodels lacks.
    assert!(fixtures("aspif").len() >= 90, "{}", fixtures("aspif").len());
    assert!(fixtures("smodels").len() >= 90);
}

#[test]
fn aspif_fixtures_write_back_to_the_same_statements() {
    for path in fixtures("aspif") {
        let text = read(&path);
        let program = read_aspif(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let written = write(&program);
        let original: Vec<&str> = text.lines().collect();
        let again: Vec<&str> = written.lines().collect();
        for (i, (a, b)) in original.iter().zip(&again).enumerate() {
            assert_eq!(a, b, "{}: line {} differs", path.display(), i + 1);
        }
        assert_eq!(
            original.len(),
            again.len(),
            "{}: line count",
            path.display()
        );
        let reread =
            read_aspif(&written).unwrap_or_else(|e| panic!("{}: re-reading: {e}", path.display()));
        assert_eq!(
            reread.incremental,
            program.incremental,
            "{}",
            path.display()
        );
        assert_eq!(
            reread.steps.len(),
            program.steps.len(),
            "{}",
            path.display()
        );
        for (step, (a, b)) in program.steps.iter().zip(&reread.steps).enumerate() {
            assert_eq!(a.len(), b.len(), "{}: step {step}", path.display());
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_eq!(x, y, "{}: step {step}, statement {i}", path.display());
            }
        }
    }
}

#[test]
fn smodels_fixtures_read_and_show_what_aspif_shows() {
    for path in fixtures("smodels") {
        let program =
            read_smodels(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(!program.steps.is_empty(), "{}", path.display());
        let aspif = read_aspif(&read(&path.with_extension("aspif")))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(shown(&program), shown(&aspif), "{}", path.display());
        // The model read from smodels writes as aspif that reads back the same.
        let reread = read_aspif(&write(&program))
            .unwrap_or_else(|e| panic!("{}: re-reading: {e}", path.display()));
        assert_eq!(reread.steps, program.steps, "{}", path.display());
    }
}
