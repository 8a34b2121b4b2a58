//! The aspif reader on arbitrary text: a program or a `ReadError`, never a panic, and
//! never an allocation sized by a number in the input rather than by its length.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = aspif::read_aspif(text);
    // The CLI's entry point, which picks aspif or smodels from the first line.
    let _ = aspif::read_any(text);
});
