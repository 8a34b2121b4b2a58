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

/// A `sable` process that is still running, its standard output read line by line.
#[allow(dead_code)] // not every test file signals a process
pub struct Running {
    child: std::process::Child,
    stdout: std::io::BufReader<std::process::ChildStdout>,
    /// Keeps standard input open (the process waits for it) until dropped.
    stdin: Option<std::process::ChildStdin>,
    /// The lines read so far.
    pub lines: Vec<String>,
}

#[allow(dead_code)]
impl Running {
    /// Starts `sable ARGS`; with `stdin` given, writes it and closes standard input,
    /// else keeps it open (the process then waits there, before grounding).
    pub fn start(args: &[&str], stdin: Option<&str>) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sable"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sable runs");
        let mut input = child.stdin.take().expect("stdin");
        let stdin = match stdin {
            Some(text) => {
                input.write_all(text.as_bytes()).expect("program written");
                None
            }
            None => Some(input),
        };
        let stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        Running {
            child,
            stdout,
            stdin,
            lines: Vec::new(),
        }
    }

    /// Reads standard output until the line `marker` (the process is then past the
    /// point that prints it); panics if the output ends first.
    pub fn wait_for_line(&mut self, marker: &str) {
        use std::io::BufRead;
        loop {
            let mut line = String::new();
            let n = self.stdout.read_line(&mut line).expect("stdout readable");
            assert!(n > 0, "output ended before '{marker}': {:?}", self.lines);
            let line = line.trim_end_matches('\n').to_string();
            let done = line == marker;
            self.lines.push(line);
            if done {
                return;
            }
        }
    }

    /// Waits until the process catches SIGINT and SIGTERM (its handler is installed),
    /// as `/proc/PID/status` shows.
    pub fn wait_for_handlers(&self) {
        let path = format!("/proc/{}/status", self.child.id());
        let wanted: u64 = (1 << (2 - 1)) | (1 << (15 - 1));
        for _ in 0..1000 {
            let status = std::fs::read_to_string(&path).unwrap_or_default();
            let caught = status
                .lines()
                .find_map(|l| l.strip_prefix("SigCgt:"))
                .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
                .unwrap_or(0);
            if caught & wanted == wanted {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("sable never installed its signal handler");
    }

    /// Sends `signal` (`INT`, `TERM`, ...) to the process.
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{signal}");
    }

    /// Waits for the end: the outcome, its standard output with the lines read before.
    pub fn finish(mut self) -> Outcome {
        use std::io::Read;
        if self.stdin.is_some() {
            // Still waiting for input: give a signal sent time to end the process
            // (its handler runs on a thread of its own) before closing the input.
            for _ in 0..1000 {
                if self.child.try_wait().expect("wait").is_some() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
        drop(self.stdin.take());
        let mut rest = String::new();
        self.stdout
            .read_to_string(&mut rest)
            .expect("stdout readable");
        let mut stderr = String::new();
        if let Some(mut err) = self.child.stderr.take() {
            err.read_to_string(&mut stderr).expect("stderr readable");
        }
        let status = self.child.wait().expect("sable finishes");
        let mut stdout: String = self.lines.iter().map(|l| format!("{l}\n")).collect();
        stdout.push_str(&rest);
        Outcome {
            code: status.code().unwrap_or(-1),
            stdout,
            stderr,
        }
    }
}
