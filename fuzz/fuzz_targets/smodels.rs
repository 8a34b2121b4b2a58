//! The smodels reader on arbitrary text: a program or a `ReadError`, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = aspif::smodels::read_smodels(text);
});
