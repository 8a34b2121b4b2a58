//! Helpers shared by the end-to-end tests: running the built `sable` binary.

use std::io::Write;
use std::process::{Command, Stdio};

/// What a run of `sable` gave.
pub struct Outcome {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    #[allow(dead_code)] // not every test file reads it
    pub stderr: String,
}

/// Runs `sable ARGS` with `stdin` as standard input.
pub fn sable(args: &[&str], stdin: &str) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sable"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sable runs");
    let mut input = child.stdin.take().expect("stdin");
    let text = stdin.to_string();
    // sable may exit before reading (a bad option): a broken pipe is fine then.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(text.as_bytes());
    });
    let out = child.wait_with_output().expect("sable finishes");
    writer.join().expect("writer thread");
    Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
