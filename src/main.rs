//! The `sable` command: `sable ground`, `sable solve` and `sable FILE...` (both in one
//! process). No logic lives here: arguments become configurations, inputs are read, the
//! grounder and solver do the work, and their outcomes become clasp's exit codes.

mod args;

use anyhow::Context;
use args::{parse_consts, split_files, Cli, Command, GrounderArgs, SolveArgs};
use clap::Parser;
use std::io::{Read, Write};
use std::process::ExitCode;

/// clasp's exit code for errors in the input or the command line.
const EXIT_ERROR: u8 = 65;

fn main() -> ExitCode {
    let cli = match Cli::try_parse_from(args::normalize(std::env::args())) {
        Ok(cli) => cli,
        Err(err) => {
            let code = match err.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => EXIT_ERROR,
            };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    match dispatch(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("*** ERROR: (sable): {err:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn dispatch(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Some(Command::Ground(g)) => ground(&g.files, &g.grounder, g.text),
        Some(Command::Solve(s)) => solve(&s.files, &s.solve),
        None => {
            let run = cli.run;
            match run.mode.as_deref() {
                None | Some("clingo") => ground_and_solve(&run.files, &run.grounder, &run.solve),
                Some("gringo") => ground(&run.files, &run.grounder, run.text),
                Some("clasp") => solve(&run.files, &run.solve),
                Some(other) => {
                    Err(args::BadValue(format!("'{other}' invalid value for: 'mode'")).into())
                }
            }
        }
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
                let text = std::fs::read_to_string(name)
                    .with_context(|| format!("cannot read '{name}'"))?;
                Ok(grounder::Input {
                    name: name.clone(),
                    text,
                })
            }
        })
        .collect()
}

fn read_stdin() -> anyhow::Result<grounder::Input> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("cannot read standard input")?;
    Ok(grounder::Input {
        name: "<stdin>".into(),
        text,
    })
}

fn ground_options(args: &GrounderArgs) -> anyhow::Result<grounder::GroundOptions> {
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
    let inputs = read_inputs(files)?;
    let opts = ground_options(args)?;
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
    let (files, models) = split_files(files)?;
    let mut opts = args.to_options(models)?;
    if files.len() > 1 {
        anyhow::bail!(
            "sable solve reads one ground program, {} files given",
            files.len()
        );
    }
    let inputs = read_inputs(&files)?;
    let input = &inputs[0];
    opts.input_names = vec![if input.name == "<stdin>" {
        "stdin".into()
    } else {
        input.name.clone()
    }];
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
            return Ok(EXIT_ERROR);
        }
    };
    // The text is no longer needed: free it before the translation's peak.
    drop(inputs);
    run_solver(program, &opts)
}

/// `sable FILE...`: ground and solve in one process.
fn ground_and_solve(
    files: &[String],
    gargs: &GrounderArgs,
    sargs: &SolveArgs,
) -> anyhow::Result<u8> {
    let (files, models) = split_files(files)?;
    let mut opts = sargs.to_options(models)?;
    let inputs = read_inputs(&files)?;
    opts.input_names = inputs
        .iter()
        .map(|i| {
            if i.name == "<stdin>" {
                "stdin".into()
            } else {
                i.name.clone()
            }
        })
        .collect();
    let gopts = ground_options(gargs)?;
    let mut program = aspif::Program::new();
    let mut warnings = Vec::new();
    let result = grounder::ground(&inputs, &gopts, &mut program, &mut warnings);
    print_warnings(&warnings);
    if let Err(err) = result {
        print_ground_error(&err, "sable");
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "UNKNOWN");
        return Ok(EXIT_ERROR);
    }
    run_solver(program, &opts)
}

fn run_solver(program: aspif::Program, opts: &solver::SolveOptions) -> anyhow::Result<u8> {
    // Ctrl-C asks the search to stop and print what it found; a second one ends the
    // process at once. (Installed only now: grounding does not poll the request.)
    let _ = ctrlc::set_handler(|| {
        if solver::interrupt::request() {
            std::process::exit(1);
        }
    });
    let stdout = std::io::stdout();
    let mut out = std::io::LineWriter::new(stdout.lock());
    let code = solver::run(program, opts, &mut out).context("cannot write the answer")?;
    out.flush().context("cannot write the answer")?;
    Ok(u8::try_from(code).unwrap_or(EXIT_ERROR))
}
