//! The DIMACS (cnf, wcnf) reader on arbitrary text: a program or a `ReadError`, never a
//! panic; `detect` is tried as well, as the CLI calls it first.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = aspif::dimacs::detect(text);
    let _ = aspif::dimacs::read_dimacs(text);
});
