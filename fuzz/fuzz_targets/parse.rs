//! The program parser on arbitrary text: it must return statements or diagnostics, never
//! panic (ARCHITECTURE.md: "parsing never panics").
#![no_main]

use grounder::diag::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The grounder reads UTF-8 text; other bytes are the CLI's concern (issue 16.10).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = grounder::parse::parse(&Source::new("<fuzz>".into(), text.into()));
});
