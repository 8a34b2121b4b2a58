//! The helper the grounder's tests share: ground a program to its sorted text form.

use grounder::{ground_text, GroundOptions, Input};

/// Grounds `text` (as file `t.lp`) and returns the sorted text form, or the error messages.
pub fn check(text: &str) -> String {
    let inputs = [Input {
        name: "t.lp".into(),
        text: text.into(),
    }];
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    match ground_text(&inputs, &GroundOptions::default(), &mut out, &mut warnings) {
        Ok(()) => String::from_utf8(out).expect("utf-8"),
        Err(e) => e.to_string(),
    }
}
