//! The whole grounder (parse, rewrite, safety, instantiation, text output) on inputs that
//! parse: it must give a ground program or error messages, never panic.
//!
//! A program may legitimately ground to something huge (`p(1..100000000).`) or read a file
//! (`#include`); such inputs are skipped so that only real hangs and crashes are reported:
//! the text is capped in length, every integer in it to three digits, and `#include`,
//! exponentiation and `#script` are left out.
#![no_main]

use grounder::{GroundOptions, Input};
use libfuzzer_sys::fuzz_target;

/// The longest input tried.
const MAX_LEN: usize = 400;

fn tame(text: &str) -> bool {
    if text.len() > MAX_LEN || text.contains("#include") || text.contains("#script") {
        return false;
    }
    if text.contains("**") {
        return false;
    }
    // At most three digits in a row: intervals stay below 1000 values each.
    let mut run = 0;
    for b in text.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run > 3 {
            return false;
        }
    }
    // Few intervals, so that their products stay small too.
    text.matches("..").count() <= 2
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if !tame(text) {
        return;
    }
    let source = grounder::diag::Source::new("<fuzz>".into(), text.into());
    if grounder::parse::parse(&source).is_err() {
        return;
    }
    let inputs = [Input {
        name: "<fuzz>".into(),
        text: text.into(),
    }];
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let _ = grounder::ground_text(&inputs, &GroundOptions::default(), &mut out, &mut warnings);
});
