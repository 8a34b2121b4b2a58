//! What the solver's integration tests share: the random program generators
//! (`generate`), building aspif programs from their parts (`build`), reading answer
//! sets back from the solver (`answers`) and the brute-force facts the tests compare
//! with (`reference`). Each test file declares `mod common;` and keeps only what is its
//! own.

// Each test file is its own crate and uses only part of this module.
#![allow(dead_code)]

pub mod answers;
pub mod build;
pub mod generate;
pub mod reference;

/// The number of proptest cases: `PROPTEST_CASES` if set, else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
