//! sable's conflict-driven stable-model solver.
//!
//! It takes an [`aspif::Program`], translates it into a solver program
//! ([`program::translate`]: Clark's completion as clauses, weight constraints,
//! positive SCCs for unfounded-set checks) and searches for its answer sets
//! ([`solver::Solver`]). [`run`] is the entry point the CLI uses: it solves with the
//! given [`SolveOptions`] and prints clasp-style output ([`report`]).
#![deny(missing_docs)]

pub mod clause;
pub mod enumerate;
pub mod formula;
pub mod heuristic;
pub mod lit;
pub mod minimality;
pub mod options;
pub mod program;
pub mod report;
pub mod solver;
pub mod unfounded;
pub mod verify;

pub use options::*;

use std::io::Write;
use std::time::{Duration, Instant};

/// clasp's exit code for errors and unsupported requests.
const EXIT_UNSUPPORTED: i32 = 65;

fn unsupported(opts: &SolveOptions, t: &program::Translation) -> Option<String> {
    if let Some(msg) = &t.unsupported {
        return Some(msg.clone());
    }
    if !t.minimize.is_empty() && opts.opt_mode != OptMode::Ignore {
        return Some("optimization (#minimize) is not supported yet".into());
    }
    if matches!(opts.enum_mode, EnumMode::Brave | EnumMode::Cautious) {
        return Some("brave and cautious reasoning are not supported yet".into());
    }
    if opts.heuristic == HeuristicKind::Domain {
        return Some("--heuristic=Domain is not supported yet".into());
    }
    if opts.threads > 1 {
        return Some("more than one thread (-t) is not supported yet".into());
    }
    if opts.output_format != OutputFormat::Text {
        return Some("only --outf=0 is supported yet".into());
    }
    None
}

/// Solves `program` as `opts` says, printing clasp's text output to `out`, and returns
/// clasp's exit code (10 SAT, 20 UNSAT, 30 SAT and exhausted, 1/11 interrupted, 65 error).
pub fn run(
    program: &aspif::Program,
    opts: &SolveOptions,
    out: &mut dyn Write,
) -> std::io::Result<i32> {
    let start = Instant::now();
    let t = program::translate(program);
    if let Some(msg) = unsupported(opts, &t) {
        eprintln!("*** ERROR: (sable): {msg}");
        writeln!(out, "UNKNOWN")?;
        return Ok(EXIT_UNSUPPORTED);
    }
    report::header(out, opts)?;
    let project = if opts.project {
        Some(t.projection.clone().unwrap_or_else(|| {
            let mut lits: Vec<lit::Lit> = t
                .outputs
                .iter()
                .flat_map(|(_, cond)| cond.iter().map(|l| l.var().positive()))
                .collect();
            lits.sort_unstable();
            lits.dedup();
            lits
        }))
    } else {
        None
    };
    let eopts = enumerate::EnumerateOptions {
        models: opts.models,
        project,
        deadline: opts.time_limit.map(|s| start + Duration::from_secs(s)),
    };
    let order = report::output_order(&t);
    let mut number = 0u64;
    let mut last = None;
    let mut io_result = Ok(());
    let summary = enumerate::enumerate(&t, &eopts, |value| {
        number += 1;
        let line = report::shown(&t, &order, value);
        match opts.quiet[0] {
            0 => {
                if let Err(e) = report::answer(out, number, &line) {
                    io_result = Err(e);
                    return false;
                }
            }
            1 => last = Some((number, line)),
            _ => {}
        }
        true
    });
    io_result?;
    if let Some((n, line)) = last {
        report::answer(out, n, &line)?;
    }
    report::footer(out, opts, &t, &summary, start.elapsed().as_secs_f64())?;
    Ok(report::exit_code(&summary))
}
