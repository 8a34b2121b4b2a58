//! sable's conflict-driven stable-model solver.
//!
//! It takes an [`aspif::Program`], translates it into a solver program
//! ([`program::translate`]: Clark's completion as clauses, weight constraints,
//! positive SCCs for unfounded-set checks) and searches for its answer sets
//! ([`search::Solver`]). [`run`] is the entry point the CLI uses: it solves with the
//! given [`SolveOptions`] and prints clasp-style output ([`report`]).
#![deny(missing_docs)]

pub mod acyclic;
pub mod clause;
pub mod core_guided;
pub mod core_shrink;
pub mod domain;
pub mod enumerate;
pub mod formats;
pub mod formula;
pub mod heuristic;
pub mod interrupt;
pub mod lit;
pub mod minimality;
pub mod optimize;
pub mod options;
pub mod parallel;
pub mod program;
pub mod report;
pub mod search;
pub mod unfounded;
pub mod verify;

pub use options::*;

use crate::lit::Value;
use std::io::Write;
use std::time::{Duration, Instant};

/// clasp's exit code for errors and unsupported requests.
const EXIT_UNSUPPORTED: i32 = 65;

fn unsupported(opts: &SolveOptions, t: &program::Translation) -> Option<String> {
    if let Some(msg) = &t.unsupported {
        return Some(msg.clone());
    }
    if !t.minimize.is_empty()
        && opts.opt_mode != OptMode::Ignore
        && matches!(opts.enum_mode, EnumMode::Brave | EnumMode::Cautious)
    {
        return Some("consequences together with optimization are not supported yet".into());
    }
    None
}

/// clasp's counts for a consequence estimate: the shown atoms known to be
/// consequences and those still open. Brave: every atom of the estimate is known (it
/// is true in a model); open are those outside it not yet false at the root. Cautious:
/// known are the estimate's atoms true at the root; the rest of it is open. `shown`
/// counts the shown atoms of a valuation; `estimated` is its count for `estimate`.
fn consequence_counts(
    brave: bool,
    estimate: &[Value],
    root: &[Value],
    estimated: usize,
    shown: impl Fn(&[Value]) -> usize,
) -> (usize, usize) {
    // Literal pairs (2v, 2v + 1) from variable 1 on; variable 0 is the constant.
    let mut bound = estimate.to_vec();
    for v in 1..estimate.len() / 2 {
        let (pos, neg) = (2 * v, 2 * v + 1);
        let value = if brave {
            estimate[pos] == Value::True || root[pos] != Value::False
        } else {
            estimate[pos] == Value::True && root[pos] == Value::True
        };
        bound[pos] = Value::from_bool(value);
        bound[neg] = !bound[pos];
    }
    let other = shown(&bound);
    if brave {
        (estimated, other.saturating_sub(estimated))
    } else {
        (other, estimated.saturating_sub(other))
    }
}

/// Solves `program` as `opts` says, printing clasp's text output to `out`, and returns
/// clasp's exit code (10 SAT, 20 UNSAT, 30 SAT and exhausted, 1/11 interrupted, 65 error).
/// The program is taken by value: it is dropped once translated, before the search.
pub fn run(
    program: aspif::Program,
    opts: &SolveOptions,
    out: &mut dyn Write,
) -> std::io::Result<i32> {
    let start = Instant::now();
    search::config::set_default_seed(opts.seed);
    // Translated weight constraints help conflict analysis but cost time per model:
    // enumerating many models is faster with native constraints.
    let enumerating =
        opts.models != 1 || matches!(opts.enum_mode, EnumMode::Brave | EnumMode::Cautious);
    let factor = if enumerating {
        0
    } else {
        formula::DEFAULT_TRANSLATION_FACTOR
    };
    let mut t = program::translate_with(&program, factor);
    // Without the domain heuristic `#heuristic` statements are ignored, as in clasp.
    if opts.heuristic == HeuristicKind::Domain {
        t.formula.domain = program::domain_modifiers(&program, &t.atom_lit, t.formula.num_vars);
    }
    // The search needs only the translation (the program was 2.5 MB of queens-100's
    // 27 MB).
    drop(program);
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
    let deadline = opts.time_limit.map(|s| start + Duration::from_secs(s));
    let order = report::output_order(&t);
    let mut printer = report::Printer::new(opts);
    let atoms_of = |value: &[Value]| {
        if opts.output_format == OutputFormat::Dimacs {
            report::dimacs_values(&t, opts.dimacs_variables, value)
        } else {
            report::shown(&t, &order, value)
        }
    };
    let mut end = formats::Conclusion::default();
    let code;
    if !t.minimize.is_empty() && opts.opt_mode != OptMode::Ignore {
        let Some(objective) = optimize::Objective::new(&t) else {
            eprintln!("*** ERROR: (sable): optimization weights are too large");
            writeln!(out, "UNKNOWN")?;
            return Ok(EXIT_UNSUPPORTED);
        };
        let enumerate = opts.opt_mode == OptMode::Enum;
        if !objective.one_sum() && (enumerate || !opts.opt_bounds.is_empty()) {
            eprintln!("*** ERROR: (sable): optimization bounds over levels this large are not supported yet");
            writeln!(out, "UNKNOWN")?;
            return Ok(EXIT_UNSUPPORTED);
        }
        if opts.models_given && opts.models != 0 && opts.opt_mode == OptMode::Opt {
            eprintln!(
                "*** Warn : (sable): #models not 0: optimality of last model not guaranteed."
            );
        }
        if enumerate && opts.opt_bounds.is_empty() {
            eprintln!(
                "*** Warn : (sable): opt-mode=enum: No bound given, optimize statement ignored."
            );
        }
        let oopts = optimize::OptimizeOptions {
            all_optimal: opts.opt_mode == OptMode::OptN,
            // clasp enumerates every optimal model with optN unless -n says how many.
            models: if enumerate || opts.models_given || opts.models != 1 {
                opts.models
            } else {
                0
            },
            deadline,
            bounds: opts.opt_bounds.clone(),
            enumerate,
        };
        let on_model = |value: &[Value], costs: &[i64], restart: bool| {
            if restart {
                printer.restart_numbering();
            }
            let atoms = if printer.wants_atoms() {
                atoms_of(value)
            } else {
                Vec::new()
            };
            printer.model(out, atoms, Some(costs.to_vec()), None);
        };
        // The parallel optimiser covers objectives of one scaled sum, improving
        // (not enumerating within bounds).
        let result = if opts.threads > 1 && objective.one_sum() && !enumerate {
            parallel::optimize(&t, &objective, &oopts, opts.threads, on_model)
        } else if opts.opt_strategy == OptStrategy::CoreGuided
            && !enumerate
            && opts.opt_bounds.is_empty()
            && t.formula.domain.is_none()
            && t.formula.acyclicity.is_none()
        {
            // (Initial bounds, the domain heuristic and #edge stay with branch and
            // bound: the core-guided solver's formula has extra variables.)
            core_guided::optimize(&t, &objective, &oopts, on_model)
        } else {
            optimize::optimize(&t, &objective, &oopts, on_model)
        };
        end.summary = result.summary;
        end.optimizing = true;
        end.enumerating = enumerate;
        end.best = if enumerate { None } else { result.best };
        end.proven = result.proven;
        end.optimal_models = result.optimal_models;
        end.limited = result.limited;
        let mut c = report::exit_code(&result.summary);
        if result.proven && !result.limited {
            c |= 20;
        }
        if result.limited {
            // More optimal models may exist: satisfiable, not exhausted.
            c &= !20;
        }
        code = c;
    } else if matches!(opts.enum_mode, EnumMode::Brave | EnumMode::Cautious) {
        let brave = opts.enum_mode == EnumMode::Brave;
        let mut last = (0, 0);
        let on_step = |estimate: &[Value], root: &[Value]| {
            let atoms = atoms_of(estimate);
            last = consequence_counts(brave, estimate, root, atoms.len(), |v| atoms_of(v).len());
            printer.model(out, atoms, None, Some(last));
        };
        end.summary = if opts.threads > 1 {
            parallel::consequences(&t, brave, deadline, opts.threads, on_step)
        } else {
            optimize::consequences(&t, brave, deadline, on_step)
        };
        // Searched to the end, the last estimate is exact.
        if end.summary.exhausted {
            last = (last.0 + last.1, 0);
        }
        end.consequences = Some((brave, last.0, last.1));
        printer.final_consequences(last);
        code = report::exit_code(&end.summary);
    } else {
        let eopts = enumerate::EnumerateOptions {
            models: opts.models,
            project,
            deadline,
        };
        let wants_atoms = printer.wants_atoms();
        let on_model = |value: &[Value]| {
            let atoms = if wants_atoms {
                atoms_of(value)
            } else {
                Vec::new()
            };
            printer.model(out, atoms, None, None);
            printer.error.is_none()
        };
        end.summary = if opts.threads > 1 {
            let division = match opts.parallel_mode {
                ParallelMode::Compete => parallel::Division::Compete,
                ParallelMode::Split => parallel::Division::Split,
            };
            parallel::enumerate(&t, &eopts, opts.threads, division, wants_atoms, on_model)
        } else {
            enumerate::enumerate(&t, &eopts, on_model)
        };
        code = report::exit_code(&end.summary);
    }
    end.seconds = start.elapsed().as_secs_f64();
    end.signal = interrupt::requested();
    if end.signal && opts.output_format != OutputFormat::Json {
        writeln!(out, "*** Info : (sable): INTERRUPTED by signal!")?;
    }
    printer.conclude(out, opts, &t, &end)?;
    Ok(code)
}
