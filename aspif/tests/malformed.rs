//! Malformed input: every kind of bad line gives an error naming the right line (and
//! column), never a panic; random and mutated text never panics either reader.

use aspif::{read_any, read_aspif, smodels::read_smodels};
use proptest::prelude::*;

/// Each malformed aspif text, the line and column of its error, and a word of the message.
const ASPIF_CASES: &[(&str, &str, usize, usize, &str)] = &[
    ("bad header", "asp 2 0 0\n0\n", 1, 1, "version"),
    ("not a header", "hello\n0\n", 1, 1, "asp"),
    ("empty input", "", 1, 1, "asp"),
    (
        "unknown statement type",
        "asp 1 0 0\n1 0 1 1 0 0\n11 3\n0\n",
        3,
        1,
        "statement type",
    ),
    (
        "truncated rule",
        "asp 1 0 0\n1 0 1 2 0\n0\n",
        2,
        10,
        "literals",
    ),
    (
        "negative atom in head",
        "asp 1 0 0\n1 0 1 -2 0 0\n0\n",
        2,
        7,
        "atom",
    ),
    (
        "zero atom in head",
        "asp 1 0 0\n1 0 1 0 0 0\n0\n",
        2,
        7,
        "atom",
    ),
    (
        "missing step end",
        "asp 1 0 0\n1 0 1 2 0 0\n",
        3,
        1,
        "ending the step",
    ),
    ("non-number", "asp 1 0 0\n1 0 1 x 0 0\n0\n", 2, 7, "x"),
    (
        "trailing garbage",
        "asp 1 0 0\n1 0 1 2 0 0 7\n0\n",
        2,
        13,
        "7",
    ),
    (
        "garbage after the end",
        "asp 1 0 0\n0\n1 0 1 2 0 0\n",
        3,
        1,
        "end",
    ),
];

#[test]
fn each_bad_aspif_line_is_named() {
    for &(what, text, line, column, word) in ASPIF_CASES {
        let err = read_aspif(text).expect_err(what);
        assert_eq!(
            (err.line, err.column),
            (line, column),
            "{what}: {err} ({text:?})"
        );
        assert!(err.message.contains(word), "{what}: {err}");
    }
}

/// Each malformed smodels text, the line of its error, and a word of the message.
const SMODELS_CASES: &[(&str, &str, usize, &str)] = &[
    ("unknown rule type", "1 2 0 0\n4 2 0 0\n0\n", 2, "rule type"),
    ("truncated rule", "1 2 2 0 3\n0\n", 1, "end of line"),
    ("negative atom in head", "1 -2 0 0\n0\n", 1, "found '-2'"),
    ("non-number", "1 2 1 0 b\n0\n", 1, "found 'b'"),
    ("trailing garbage", "1 2 0 0 5\n0\n", 1, "end of the line"),
    ("missing symbol table", "1 2 0 0\n0\n", 2, "end of input"),
    ("missing B+", "0\n0\nB-\n0\n", 3, "B+"),
    (
        "missing models line",
        "0\n0\nB+\n0\nB-\n0\n",
        6,
        "number of models",
    ),
    (
        "input after the end",
        "0\n0\nB+\n0\nB-\n0\n1\n0\n",
        8,
        "end of the input",
    ),
];

#[test]
fn each_bad_smodels_line_is_named() {
    for &(what, text, line, word) in SMODELS_CASES {
        let err = read_smodels(text).expect_err(what);
        assert_eq!(err.line, line, "{what}: {err} ({text:?})");
        assert!(err.message.contains(word), "{what}: {err}");
    }
}

/// A small valid program in each format, for the mutation strategy.
const ASPIF_SEED: &str = "asp 1 0 0\n1 0 1 1 0 0\n1 1 2 2 3 0 1 1\n1 0 0 1 2 2 -2 1 3 2\n\
    2 0 2 2 1 -3 2\n4 1 a 1 2\n5 3 0\n7 0 2 1 0 1 1\n10 hello\n0\n";
const SMODELS_SEED: &str = "90 0\n1 2 0 0\n3 2 3 4 1 0 2\n5 5 2 2 1 3 4 1 2\n\
    6 0 2 1 3 4 1 1\n8 2 6 7 0 0\n91 8 2\n0\n2 a\n3 b(1)\n0\nB+\n2\n0\nB-\n1\n0\n1\n";

/// Text from `seed` with a few bytes changed, inserted or removed.
fn mutated(seed: &'static str) -> impl Strategy<Value = String> {
    let edits = prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 1..6);
    edits.prop_map(move |edits| {
        let alphabet = b" \n0123456789-aB+x";
        let mut bytes = seed.as_bytes().to_vec();
        for (index, kind, byte) in edits {
            let byte = alphabet[byte as usize % alphabet.len()];
            let at = index.index(bytes.len() + 1);
            match kind {
                0 if at < bytes.len() => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => {}
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn mutated_aspif_never_panics(text in mutated(ASPIF_SEED)) {
        let _ = read_aspif(&text);
        let _ = read_any(&text);
    }

    #[test]
    fn mutated_smodels_never_panics(text in mutated(SMODELS_SEED)) {
        let _ = read_smodels(&text);
        let _ = read_any(&text);
    }

    #[test]
    fn random_text_never_panics(text in "(asp 1 0 0\n)?[0-9 \\-\n]{0,80}") {
        let _ = read_aspif(&text);
        let _ = read_smodels(&text);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        let _ = read_aspif(&text);
        let _ = read_smodels(&text);
    }
}

#[test]
fn the_mutation_seeds_are_valid() {
    read_aspif(ASPIF_SEED).expect("the aspif seed reads");
    read_smodels(SMODELS_SEED).expect("the smodels seed reads");
}
