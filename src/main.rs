//! The `sable` command: `sable ground`, `sable solve` and `sable FILE...` (both in one
//! process). No logic lives here: arguments become configurations, inputs are read, the
//! grounder and solver do the work, and their outcomes become clasp's exit codes.

mod args;
mod memory;
mod signals;

use anyhow::Context;
use args::{parse_consts, split_files, BadValue, Cli, Command, GrounderArgs, SolveArgs};
use clap::Parser;
use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// clasp's exit code for errors in the input (syntax, unsafe variables, a file that
/// cannot be read, malformed ground input).
const EXIT_ERROR: u8 = 65;
/// clingo's exit code for a command line it refuses (an unknown option, a bad value).
const EXIT_USAGE: u8 = 1;
/// Rust's exit code for a panic (a bug: it must never happen).
const EXIT_PANIC: u8 = 101;
/// The worker thread's stack: room for terms nested `grounder::lexer::MAX_DEPTH` deep.
const STACK_BYTES: usize = 512 << 20;

/// Counts the bytes in use: `--memory-limit` and running out of memory end sable with a
/// message and clingo's exit code 33, never an abort (memory.rs).
#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

fn main() -> ExitCode {
    // A closed standard output (`sable ... | head -1`) ends sable as it ends clingo,
    // cat or grep: by SIGPIPE, quietly (the shell reports 141). Rust ignores SIGPIPE
    // by default, which would turn it into a write error.
    // SAFETY: restoring a signal's default disposition before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse_from(args::normalize(std::env::args())) {
        Ok(cli) => cli,
        Err(err) => {
            let code = match err.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => EXIT_USAGE,
            };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    memory::set_limit(
        cli.memory_limit
            .map(|mb| mb.saturating_mul(1 << 20) as usize),
    );
    // The work runs on a thread with a large stack: terms are handled recursively, and
    // the lexer lets them nest up to `grounder::lexer::MAX_DEPTH` levels. The stack is
    // reserved address space; only what is used is memory. Under a small address-space
    // limit (`ulimit -v`) a smaller stack is tried, and then this thread's own.
    let slot = std::sync::Arc::new(std::sync::Mutex::new(Some(cli)));
    let mut result = None;
    for stack in [STACK_BYTES, STACK_BYTES / 8] {
        let mine = slot.clone();
        let worker = std::thread::Builder::new()
            .name("sable".into())
            .stack_size(stack)
            .spawn(move || take_cli(&mine).map(dispatch));
        if let Ok(worker) = worker {
            match worker.join() {
                Ok(done) => result = done,
                // The panic message is printed already.
                Err(_) => return ExitCode::from(EXIT_PANIC),
            }
            break;
        }
    }
    let Some(result) = result.or_else(|| take_cli(&slot).map(dispatch)) else {
        return ExitCode::from(EXIT_PANIC);
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("*** ERROR: (sable): {err:#}");
            if err.downcast_ref::<BadValue>().is_some() {
                eprintln!("*** Info : (sable): Try '--help' for usage information");
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::from(EXIT_ERROR)
            }
        }
    }
}

/// The command line, for the one thread that runs it.
fn take_cli(slot: &std::sync::Mutex<Option<Cli>>) -> Option<Cli> {
    slot.lock().unwrap_or_else(|p| p.into_inner()).take()
}

fn dispatch(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Some(Command::Ground(g)) => ground(&g.files, &g.grounder, g.text),
        Some(Command::Solve(s)) => solve(&s.files, &s.solve),
        None => {
            let run = cli.run;
            match run.mode.as_deref() {
                // `--text` prints the ground program, as `clingo --text` does.
                None | Some("clingo") if run.text => ground(&run.files, &run.grounder, true),
                None | Some("clingo") => ground_and_solve(&run.files, &run.grounder, &run.solve),
                Some("gringo") => ground(&run.files, &run.grounder, run.text),
                Some("clasp") if run.text => Err(BadValue(
                    "--text prints the ground program: not with --mode=clasp".into(),
                )
                .into()),
                Some("clasp") => solve(&run.files, &run.solve),
                Some(other) => Err(BadValue(format!("'{other}' invalid value for: 'mode'")).into()),
            }
        }
    }
}

/// How a run ended before its search could say so.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// An error in the input (already reported): UNKNOWN alone.
    Error,
    /// A signal or the time limit: the summary of an interrupted run.
    Stopped(signals::Stop),
    /// Memory ran out (reported): UNKNOWN and the summary, as clingo on `bad_alloc`.
    OutOfMemory,
}

/// What a run that ends before the search prints on standard output: UNKNOWN (text;
/// the whole JSON object with `--outf=2`, as clingo), and after a signal, the time limit
/// or running out of memory, the summary.
fn print_unknown(opts: &solver::SolveOptions, start: Instant, ending: Ending) {
    let signal = ending == Ending::Stopped(signals::Stop::Signal);
    let interrupted = matches!(ending, Ending::Stopped(_));
    let mut out = std::io::stdout().lock();
    let text = opts.output_format == solver::OutputFormat::Text;
    if text && ending == Ending::Error {
        let _ = writeln!(out, "UNKNOWN");
        return;
    }
    if opts.output_format == solver::OutputFormat::None {
        return;
    }
    let empty = solver::program::translate_with(&aspif::Program::new(), 0);
    let mut end = solver::formats::Conclusion::default();
    end.summary.interrupted = interrupted;
    end.signal = signal;
    end.seconds = start.elapsed().as_secs_f64();
    // The search prints the header when it starts.
    if ending != Ending::Error && !signals::solving() {
        let _ = solver::report::header(&mut out, opts);
    }
    if signal {
        eprintln!("*** Info : (sable): INTERRUPTED by signal!");
    }
    let mut printer = solver::report::Printer::new(opts);
    let _ = printer.conclude(&mut out, opts, &empty, &end);
    let _ = out.flush();
}

/// Until the search starts, a signal or the time limit prints the interrupted result
/// and ends sable.
fn stop_on_signal_while_loading(opts: &solver::SolveOptions, start: Instant) {
    if let Some(limit) = opts.time_limit {
        signals::time_limit_while_loading(start + Duration::from_secs(limit));
    }
    let opts = opts.clone();
    let stopped = opts.clone();
    signals::on_loading(move |stop| print_unknown(&stopped, start, Ending::Stopped(stop)));
    memory::on_out_of_memory(move |message| {
        eprintln!("*** ERROR: (sable): {message}");
        print_unknown(&opts, start, Ending::OutOfMemory);
    });
}

/// The time limit left for the search after loading took from `start` on, in whole
/// seconds rounded up (the solver counts its limit from its own start).
fn remaining_time_limit(opts: &mut solver::SolveOptions, start: Instant) {
    if let Some(limit) = opts.time_limit {
        let left = Duration::from_secs(limit).saturating_sub(start.elapsed());
        opts.time_limit = Some(left.as_secs_f64().ceil().max(1.0) as u64);
    }
}

/// Reads the named files (`-` or none: standard input).
fn read_inputs(files: &[String]) -> anyhow::Result<Vec<grounder::Input>> {
    if files.is_empty() {
        return Ok(vec![read_stdin()?]);
    }
    files
        .iter()
        .map(|name| {
            if name == "-" {
                read_stdin()
            } else {
                let bytes = std::fs::read(name).with_context(|| format!("cannot read '{name}'"))?;
                let text = grounder::source_text::decode(bytes);
                Ok(grounder::Input {
                    name: name.clone(),
                    text,
                })
            }
        })
        .collect()
}

fn read_stdin() -> anyhow::Result<grounder::Input> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("cannot read standard input")?;
    Ok(grounder::Input {
        name: "<stdin>".into(),
        text: grounder::source_text::decode(bytes),
    })
}

fn ground_options(args: &GrounderArgs) -> anyhow::Result<grounder::GroundOptions> {
    args::check_grounder_args(args)?;
    Ok(grounder::GroundOptions {
        consts: parse_consts(&args.consts)?,
        warn: args.warn.clone(),
    })
}

fn print_warnings(warnings: &[String]) {
    let mut err = std::io::stderr().lock();
    for w in warnings {
        let _ = writeln!(err, "{w}");
    }
}

fn print_ground_error(err: &grounder::GroundError, tool: &str) {
    let mut out = std::io::stderr().lock();
    let _ = write!(out, "{err}");
    let _ = writeln!(
        out,
        "*** ERROR: ({tool}): grounding stopped because of errors"
    );
}

/// `sable ground`: aspif (or text) to standard output.
fn ground(files: &[String], args: &GrounderArgs, text: bool) -> anyhow::Result<u8> {
    let opts = ground_options(args)?;
    // A signal ends grounding with a note (the output so far is cut off).
    signals::install();
    memory::on_out_of_memory(|message| eprintln!("*** ERROR: (sable): {message}"));
    let inputs = read_inputs(files)?;
    let mut warnings = Vec::new();
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::new(stdout);
    let result = if text {
        grounder::ground_text(&inputs, &opts, &mut out, &mut warnings)
    } else {
        let mut writer = aspif::AspifWriter::new(&mut out);
        let result = grounder::ground(&inputs, &opts, &mut writer, &mut warnings);
        // On errors nothing is written: a lone header would read as an empty program.
        if result.is_ok() {
            writer.finish().context("cannot write the ground program")?;
        }
        result
    };
    print_warnings(&warnings);
    match result {
        Ok(()) => {
            out.flush().context("cannot write the ground program")?;
            Ok(0)
        }
        Err(err) => {
            print_ground_error(&err, "sable");
            Ok(EXIT_ERROR)
        }
    }
}

/// `sable solve`: read a ground program and solve it.
fn solve(files: &[String], args: &SolveArgs) -> anyhow::Result<u8> {
    let start = Instant::now();
    let (files, models) = split_files(files)?;
    let mut opts = args.to_options(models)?;
    if files.len() > 1 {
        return Err(BadValue(format!(
            "sable solve reads one ground program, {} files given",
            files.len()
        ))
        .into());
    }
    opts.input_names = vec![match files.first().map(String::as_str) {
        None | Some("-") => "stdin".into(),
        Some(name) => name.to_string(),
    }];
    let inputs = match load_inputs(&files, &opts, start) {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    let input = &inputs[0];
    // DIMACS (cnf, wcnf) is told apart by its first line, as clasp does, and answered
    // in clasp's SAT-solver format (also with `--outf=1`, which clasp ignores there).
    let read = match aspif::dimacs::detect(&input.text) {
        Some(_) => aspif::dimacs::read_dimacs(&input.text).map(|(program, variables)| {
            if matches!(
                opts.output_format,
                solver::OutputFormat::Text | solver::OutputFormat::Competition
            ) {
                opts.output_format = solver::OutputFormat::Dimacs;
            }
            opts.dimacs_variables = variables;
            program
        }),
        None => aspif::read_any(&input.text),
    };
    let program = match read {
        Ok(program) => program,
        Err(err) => {
            eprintln!("{}:{err}", opts.input_names[0]);
            eprintln!("*** ERROR: (sable): the ground program could not be read");
            print_unknown(&opts, start, Ending::Error);
            return Ok(EXIT_ERROR);
        }
    };
    // The text is no longer needed: free it before the translation's peak.
    drop(inputs);
    remaining_time_limit(&mut opts, start);
    run_solver(program, &opts)
}

/// `sable FILE...`: ground and solve in one process.
fn ground_and_solve(
    files: &[String],
    gargs: &GrounderArgs,
    sargs: &SolveArgs,
) -> anyhow::Result<u8> {
    let start = Instant::now();
    let (files, models) = split_files(files)?;
    let mut opts = sargs.to_options(models)?;
    let gopts = ground_options(gargs)?;
    opts.input_names = if files.is_empty() {
        vec!["stdin".into()]
    } else {
        files
            .iter()
            .map(|f| if f == "-" { "stdin".into() } else { f.clone() })
            .collect()
    };
    let inputs = match load_inputs(&files, &opts, start) {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    let mut program = aspif::Program::new();
    let mut warnings = Vec::new();
    let result = grounder::ground(&inputs, &gopts, &mut program, &mut warnings);
    print_warnings(&warnings);
    if let Err(err) = result {
        print_ground_error(&err, "sable");
        print_unknown(&opts, start, Ending::Error);
        return Ok(EXIT_ERROR);
    }
    remaining_time_limit(&mut opts, start);
    run_solver(program, &opts)
}

/// Reads the input files once a signal during the reading would print the interrupted
/// summary; an unreadable file prints the error and the summary and gives the exit code.
fn load_inputs(
    files: &[String],
    opts: &solver::SolveOptions,
    start: Instant,
) -> Result<Vec<grounder::Input>, u8> {
    stop_on_signal_while_loading(opts, start);
    read_inputs(files).map_err(|err| {
        eprintln!("*** ERROR: (sable): {err:#}");
        print_unknown(opts, start, Ending::Error);
        EXIT_ERROR
    })
}

fn run_solver(program: aspif::Program, opts: &solver::SolveOptions) -> anyhow::Result<u8> {
    // From now on a signal asks the search to stop and print what it found (see
    // signals.rs); the output goes line by line through the handler's lock.
    signals::install();
    signals::enter_solving();
    let stdout = std::io::stdout();
    let mut out = std::io::LineWriter::new(signals::Guarded(stdout.lock()));
    let result = solver::run(program, opts, &mut out);
    signals::enter_done();
    let code = result.context("cannot write the answer")?;
    out.flush().context("cannot write the answer")?;
    Ok(u8::try_from(code).unwrap_or(EXIT_ERROR))
}
