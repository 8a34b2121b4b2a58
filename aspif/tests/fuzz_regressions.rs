//! Inputs the fuzz targets (`fuzz/`, docs/testing.md) found to crash a reader, each read
//! back here: an error naming its line, never a panic or an abort.

use aspif::dimacs::{read_dimacs, MAX_VARIABLES};

/// `cargo fuzz run dimacs`, out of memory: a variable of 303,003,031 in the newer wcnf
/// format (no declared count) made one choice rule per variable up to it, 2.5 GB.
#[test]
fn a_huge_undeclared_dimacs_variable_is_refused() {
    let err = read_dimacs("h  3 303003031  0\n257 ").unwrap_err();
    assert_eq!(err.line, 1);
    assert!(err.message.contains("out of range"), "{err}");
}

#[test]
fn a_huge_declared_variable_count_is_refused() {
    for text in ["p cnf 1000000000 0\n", "p wcnf 303003031 1 9\n9 1 0\n"] {
        let err = read_dimacs(text).unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("above the limit"), "{err}");
    }
}

/// One past the limit is refused; reading up to it would cost 256 MB here, so the test
/// stays below.
#[test]
fn one_variable_past_the_limit_is_refused() {
    let text = format!("c new format\nh 1 -{} 0\n", MAX_VARIABLES + 1);
    let err = read_dimacs(&text).unwrap_err();
    assert_eq!(err.line, 2);
    let (_, variables) = read_dimacs("c new format\nh 1 -70000 0\n").unwrap();
    assert_eq!(variables, 70000);
}
