//! Issue 16.8: an atom id as large as aspif allows (2^30 - 1) costs the readers nothing in
//! proportion to its value; one past it is refused with its line and column.
//!
//! (The dense per-atom tables are built later, by the solver's translation of the
//! program, `solver/src/program/mod.rs`, sized by `Program::max_atom`.)

use aspif::{read_aspif, smodels::read_smodels, Body, Statement};

const LARGEST: u32 = (1 << 30) - 1;

#[test]
fn the_largest_aspif_atom_reads_as_it_is() {
    let text = format!("asp 1 0 0\n1 0 1 {LARGEST} 0 1 -{LARGEST}\n4 1 a 1 {LARGEST}\n0\n");
    let program = read_aspif(&text).unwrap();
    assert_eq!(program.max_atom(), LARGEST);
    let rules: Vec<_> = program
        .statements()
        .filter_map(|st| match st {
            Statement::Rule(rule) => Some(rule),
            _ => None,
        })
        .collect();
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0].head, vec![LARGEST]);
    assert_eq!(rules[0].body, Body::Normal(vec![-(LARGEST as i32)]));
}

#[test]
fn one_past_the_largest_aspif_atom_is_refused() {
    let text = format!("asp 1 0 0\n1 0 1 {} 0 0\n0\n", LARGEST + 1);
    let err = read_aspif(&text).unwrap_err();
    assert_eq!((err.line, err.column), (2, 7));
    assert!(err.message.contains("1073741824"), "{err}");
}

#[test]
fn the_largest_smodels_atom_reads_as_it_is() {
    let text = format!("1 {LARGEST} 0 0\n0\n{LARGEST} a\n0\nB+\n0\nB-\n0\n1\n");
    let program = read_smodels(&text).unwrap();
    assert_eq!(program.max_atom(), LARGEST);
}
