//! End-to-end tests of issue 16's command-line points: signals (SIGTERM like SIGINT, a
//! repeated signal losing nothing, a signal before the search), option values that
//! must be refused and never panic, DIMACS variables above the declared count, a
//! closed standard output, `-W`/`-c` checks, `--text` without `--mode`, JSON on an
//! error, clasp's and gringo's options, and the process CPU time.

mod common;

use common::{sable, Running};
use std::path::PathBuf;

/// clingo's exit code for a refused command line.
const EXIT_USAGE: i32 = 1;
/// clasp's exit code for errors in the input.
const EXIT_ERROR: i32 = 65;

/// 2^40 answer sets: a search that does not end by itself.
const ENDLESS: &str = "p(1..40).\n{q(X)} :- p(X).\n";

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("robustness");
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temporary file");
    path
}

/// The number after `Models       :` (without the `+`).
fn models(stdout: &str) -> u64 {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("Models"))
        .unwrap_or_else(|| panic!("no Models line: {stdout}"));
    line.split(':')
        .nth(1)
        .expect("a count")
        .trim()
        .trim_end_matches('+')
        .parse()
        .expect("a number")
}

#[test]
fn sigterm_is_handled_like_sigint() {
    let mut run = Running::start(&["-n0", "-q", "-"], Some(ENDLESS));
    run.wait_for_line("Solving...");
    run.signal("TERM");
    let out = run.finish();
    assert_eq!(out.code, 11, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("SATISFIABLE\n"), "{}", out.stdout);
    assert!(out.stdout.contains("INTERRUPTED  : 1\n"), "{}", out.stdout);
    assert!(models(&out.stdout) > 0, "{}", out.stdout);
}

/// `timeout -s INT` signals the process and its group: two signals at once. Every model
/// line printed is counted in the summary, and the summary is always there.
#[test]
fn a_repeated_signal_loses_no_line_and_no_count() {
    for signal in ["INT", "TERM", "INT"] {
        let mut run = Running::start(&["-n0", "-"], Some(ENDLESS));
        run.wait_for_line("Solving...");
        run.wait_for_line("Answer: 1");
        run.signal(signal);
        run.signal(signal);
        let out = run.finish();
        assert_eq!(out.code, 11, "{signal}: {}", out.stderr);
        assert!(out.stdout.contains("INTERRUPTED  : 1\n"), "{}", out.stdout);
        let answers = out
            .stdout
            .lines()
            .filter(|l| l.starts_with("Answer: "))
            .count() as u64;
        assert_eq!(answers, models(&out.stdout), "{signal}");
        // Every answer's atom line is complete: 40 p atoms and some q atoms.
        let last_answer = out
            .stdout
            .lines()
            .skip_while(|l| *l != format!("Answer: {answers}"))
            .nth(1)
            .expect("the last answer's atoms");
        assert_eq!(last_answer.matches("p(").count(), 40, "{last_answer}");
    }
}

/// Before the search (reading input, grounding) nothing polls a stop request: the
/// signal itself prints the interrupted result and ends sable with exit code 1.
#[test]
fn a_signal_before_the_search_prints_the_summary() {
    for signal in ["INT", "TERM"] {
        let run = Running::start(&["-n0", "-"], None);
        run.wait_for_handlers();
        run.signal(signal);
        let out = run.finish();
        assert_eq!(out.code, 1, "{signal}: {}{}", out.stdout, out.stderr);
        assert!(out.stdout.contains("UNKNOWN\n"), "{}", out.stdout);
        assert!(out.stdout.contains("INTERRUPTED  : 1\n"), "{}", out.stdout);
        assert!(out.stdout.contains("Models       : 0+\n"), "{}", out.stdout);
        assert!(
            out.stderr.contains("INTERRUPTED by signal"),
            "{}",
            out.stderr
        );
    }
    // The JSON object, also when interrupted before the search.
    let run = Running::start(&["solve", "--outf=2"], None);
    run.wait_for_handlers();
    run.signal("INT");
    let out = run.finish();
    assert_eq!(out.code, 1);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(json["Result"], "UNKNOWN");
    assert_eq!(json["Models"]["More"], "yes");
    // `sable ground` stops too, with a note on standard error.
    let run = Running::start(&["ground"], None);
    run.wait_for_handlers();
    run.signal("TERM");
    let out = run.finish();
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("INTERRUPTED by signal"),
        "{}",
        out.stderr
    );
}

#[test]
fn no_option_value_panics() {
    let huge = "9223372036854775807";
    let cases: &[&[&str]] = &[
        &["--time-limit=9223372036854775807"],
        &["--time-limit=18446744073709551616"],
        &["--time-limit=-1"],
        &["-n", "18446744073709551615"],
        &["-n", "99999999999999999999999"],
        &["-t", "18446744073709551615"],
        &["-t", "9223372036854775807,split"],
        &["--seed=18446744073709551615"],
        &["--seed=-1"],
        &["--outf=99999"],
        &["--verbose=99999"],
        &["--stats=99999"],
        &["--quiet=99999,99999"],
        &["--opt-mode=opt,9223372036854775807"],
        &["--opt-mode=optN,-9223372036854775808"],
        &["--opt-mode=opt,99999999999999999999"],
        &["--eq=99999999999"],
        &["--rand-freq=1e309"],
        &["--restarts=L,1e309"],
        &["--sat-prepro=3,iter=99999999999999999999"],
        &["-c", "n=99999999999999999999"],
        &["18446744073709551616"],
    ];
    let program = "{a;b}. :~ a. [1] :~ b. [2,x]\n#show a/0. #show b/0.\n";
    for args in cases {
        for mode in [&[][..], &["solve"][..]] {
            let mut argv: Vec<&str> = mode.to_vec();
            argv.extend_from_slice(args);
            let input = if mode.is_empty() {
                program.to_string()
            } else {
                sable(&["ground"], program).stdout
            };
            let out = sable(&argv, &input);
            assert_ne!(out.code, 101, "{argv:?}: {}", out.stderr);
            assert!(!out.stderr.contains("panicked"), "{argv:?}: {}", out.stderr);
            assert!(
                [EXIT_USAGE, EXIT_ERROR, 10, 20, 30].contains(&out.code),
                "{argv:?}: {} {}",
                out.code,
                out.stderr
            );
        }
    }
    let out = sable(&[&format!("--time-limit={huge}")], "a.");
    assert_eq!(out.code, EXIT_USAGE, "{}", out.stderr);
    assert!(out.stderr.contains("time-limit"), "{}", out.stderr);
}

#[test]
fn dimacs_variable_above_the_declared_count_is_refused() {
    let out = sable(&["solve"], "c two variables\np cnf 2 2\n1 -2 0\n2 3 0\n");
    assert_eq!(out.code, EXIT_ERROR, "{}", out.stdout);
    assert!(out.stderr.contains("stdin:4:"), "{}", out.stderr);
    assert!(
        out.stderr.contains("invalid variable in clause"),
        "{}",
        out.stderr
    );
    // A wrong clause count is accepted, as by clasp.
    let out = sable(&["solve"], "p cnf 2 9\n1 -2 0\n");
    assert_eq!(out.code, 10, "{}", out.stderr);
}

/// `sable ... | head -1`: a closed standard output ends sable by SIGPIPE, quietly, as
/// it ends clingo and other Unix tools.
#[test]
fn a_closed_stdout_ends_sable_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let endless = temp_file("endless.lp", ENDLESS);
    // Megabytes of aspif: more than a pipe holds.
    let large = temp_file("large.lp", "p(1..300000).\n");
    for (args, path) in [(&["-n0"][..], endless), (&["ground"][..], large)] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sable"))
            .args(args)
            .arg(&path)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("sable runs");
        {
            use std::io::BufRead;
            let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
            let mut line = String::new();
            stdout.read_line(&mut line).expect("a first line");
            assert!(!line.is_empty());
        } // the reader is dropped: the pipe closes
        let out = child.wait_with_output().expect("sable finishes");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.signal(),
            Some(13),
            "{args:?}: {:?} {stderr}",
            out.status
        );
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn bad_warnings_and_constants_are_refused() {
    let cases: &[(&[&str], &str)] = &[
        (&["-W", "bogus"], "'bogus' invalid value for: 'warn'"),
        (
            &["-W", "none,no-bogus"],
            "'no-bogus' invalid value for: 'warn'",
        ),
        (&["-c", "N=3"], "'N' is not a constant name"),
        (&["-c", "1=2"], "'1' is not a constant name"),
        (&["-c", "n"], "expected ID=TERM"),
    ];
    for &(args, message) in cases {
        for sub in [&[][..], &["ground"][..]] {
            let mut argv = sub.to_vec();
            argv.extend_from_slice(args);
            let out = sable(&argv, "p(n).");
            assert_eq!(out.code, EXIT_USAGE, "{argv:?}: {}", out.stderr);
            assert!(out.stderr.contains(message), "{argv:?}: {}", out.stderr);
            assert!(out.stdout.is_empty(), "{argv:?}: {}", out.stdout);
        }
    }
    for w in ["none", "all", "no-atom-undefined", "file-included,no-other"] {
        assert_eq!(sable(&["-W", w], "p.").code, 30, "-W {w}");
    }
    assert_eq!(sable(&["-c", "_n'1=2", "-c", "m=f(1)"], "p.").code, 30);
}

#[test]
fn text_without_mode_prints_the_ground_program() {
    let path = temp_file("text.lp", "p(1..2). q(X) :- p(X), X > 1.\n");
    let path = path.to_str().expect("UTF-8 path");
    let out = sable(&[path, "--text"], "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("q(2)."), "{}", out.stdout);
    assert!(!out.stdout.contains("Solving"), "{}", out.stdout);
    assert_eq!(out.stdout, sable(&["ground", "--text", path], "").stdout);
    let out = sable(&["--mode=clasp", "--text"], "");
    assert_eq!(out.code, EXIT_USAGE, "{}", out.stderr);
}

/// clingo prints the whole JSON object (UNKNOWN) when the input has an error.
#[test]
fn json_on_an_error_is_an_object() {
    for (args, input) in [
        (&["--outf=2"][..], "p(."),
        (&["--outf=2", "/nonexistent/prog.lp"], ""),
        (&["solve", "--outf=2"], "asp 1 0 0\nbogus\n"),
        (&["solve", "--outf=2"], "p cnf 1 1\n2 0\n"),
    ] {
        let out = sable(args, input);
        assert_eq!(out.code, EXIT_ERROR, "{args:?}: {}", out.stderr);
        let json: serde_json::Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", out.stdout));
        assert_eq!(json["Result"], "UNKNOWN", "{args:?}");
        assert_eq!(json["Models"]["Number"], 0, "{args:?}");
    }
    // Text keeps the bare verdict.
    let out = sable(&[], "p(.");
    assert_eq!(out.code, EXIT_ERROR);
    assert_eq!(out.stdout, "UNKNOWN\n");
}

#[test]
fn clasp_search_options_are_accepted_and_ignored() {
    let cases: &[&[&str]] = &[
        &["--configuration=trendy"],
        &["--configuration", "auto"],
        &["--sign-def=neg"],
        &["--restarts=L,100"],
        &["-r", "x,100,1.5"],
        &["--rand-freq=0.05"],
        &["--eq=0"],
        &["--sat-prepro"],
        &["--sat-prepro=2,iter=20,occ=25,time=240"],
    ];
    for args in cases {
        let mut argv = vec!["-n0"];
        argv.extend_from_slice(args);
        let out = sable(&argv, "{a}.");
        assert_eq!(out.code, 30, "{argv:?}: {}", out.stderr);
        assert!(
            out.stdout.contains("Models       : 2\n"),
            "{argv:?}: {}",
            out.stdout
        );
        assert!(
            out.stderr.contains("accepted and ignored"),
            "{argv:?}: {}",
            out.stderr
        );
    }
}

#[test]
fn clasp_options_sable_cannot_honour_are_refused_with_what_to_use() {
    let cases: &[(&[&str], &str)] = &[
        (&["--configuration=n=5"], "use --const (-c) n=5"),
        (
            &["--configuration=fast"],
            "'fast' invalid value for: 'configuration'",
        ),
        (
            &["--configuration=my.cfg"],
            "configuration files are not supported",
        ),
        (&["--sign-def=up"], "'up' invalid value for: 'sign-def'"),
        (
            &["--restarts=sometimes"],
            "'sometimes' invalid value for: 'restarts'",
        ),
        (&["--rand-freq=2"], "'2' invalid value for: 'rand-freq'"),
        (&["--eq=x"], "'x' invalid value for: 'eq'"),
        (&["--sat-prepro=7"], "'7' invalid value for: 'sat-prepro'"),
        (&["--out-atomf=%0."], "--outf=2"),
        (&["--out-ifs=,"], "--outf=2"),
        (&["--keep-facts"], "gringo --keep-facts"),
        (&["--solve-limit=1000"], "--time-limit"),
        (&["--supp-models"], "stable models only"),
    ];
    for &(args, message) in cases {
        let out = sable(args, "{a}.");
        assert_eq!(out.code, EXIT_USAGE, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(message), "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
    }
}

/// `CPU Time` is the process's: with two threads searching it exceeds the wall time
/// on an idle machine; on a loaded one it is at least not the wall time printed again.
#[test]
fn cpu_time_is_the_process_cpu_time() {
    let out = sable(&["-n0", "-q", "-t", "2", "--time-limit=1"], ENDLESS);
    assert_eq!(out.code, 11, "{}", out.stderr);
    let seconds = |key: &str| -> f64 {
        let line = out
            .stdout
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("no {key} line: {}", out.stdout));
        let value = line.split(':').nth(1).expect("a value").trim();
        value
            .split('s')
            .next()
            .expect("seconds")
            .parse()
            .expect("a number")
    };
    let (wall, cpu) = (seconds("Time "), seconds("CPU Time"));
    assert!(cpu > 0.2, "cpu {cpu}, wall {wall}");
    assert!(cpu < 2.0 * wall + 1.0, "cpu {cpu}, wall {wall}");
}

/// Issue 16.1's time-limit half, as far as the command line reaches: a limit that runs
/// out while grounding prints UNKNOWN and the summary at once, exit 1 (the grounder
/// itself does not poll the limit).
#[test]
fn the_time_limit_also_stops_grounding() {
    // 400 million pairs to join: seconds of grounding on any machine.
    let slow = "n(1..20000).\nq(X) :- n(X), n(Y), X+Y=20001, X\\7=Y\\7.\n";
    let path = temp_file("slow.lp", slow);
    for extra in [&[][..], &["--outf=2"][..]] {
        let started = std::time::Instant::now();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sable"))
            .args(["-q", "--time-limit=1"])
            .args(extra)
            .arg(&path)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("sable runs");
        while child.try_wait().expect("wait").is_none() && started.elapsed().as_secs() < 30 {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = child.kill();
        let out = child.wait_with_output().expect("sable finishes");
        let elapsed = started.elapsed().as_secs_f64();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(elapsed < 10.0, "{extra:?}: {elapsed} s");
        assert_eq!(out.status.code(), Some(1), "{extra:?}: {stdout}");
        if extra.is_empty() {
            assert!(stdout.contains("UNKNOWN\n"), "{stdout}");
            assert!(stdout.contains("TIME LIMIT   : 1\n"), "{stdout}");
        } else {
            let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
            assert_eq!(json["Result"], "UNKNOWN");
        }
    }
}
