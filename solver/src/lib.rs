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
pub mod consequences;
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
pub mod model_loop;
pub mod objective;
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
use crate::model_loop::Driver;
use crate::objective::Objective;
use std::io::Write;
use std::time::{Duration, Instant};

/// clasp's exit code for errors and unsupported requests.
const EXIT_UNSUPPORTED: i32 = 65;

/// What the run does with its models.
enum Task {
    /// Optimise the objective (`--opt-mode` other than `ignore`).
    Optimize(Objective),
    /// Brave (true) or cautious consequences.
    Consequences(bool),
    /// Enumerate (or project) models.
    Enumerate,
}

/// The task `opts` ask for over `translation`, or why it cannot be carried out: each
/// combination of options runs in the driver it asks for, or is refused here.
fn choose_task(opts: &SolveOptions, translation: &program::Translation) -> Result<Task, String> {
    if let Some(msg) = &translation.unsupported {
        return Err(msg.clone());
    }
    let consequences = matches!(opts.enum_mode, EnumMode::Brave | EnumMode::Cautious);
    if translation.minimize.is_empty() || opts.opt_mode == OptMode::Ignore {
        return Ok(match consequences {
            true => Task::Consequences(opts.enum_mode == EnumMode::Brave),
            false => Task::Enumerate,
        });
    }
    if consequences {
        return Err("consequences together with optimization are not supported yet".into());
    }
    let objective = Objective::new(translation).ok_or("optimization weights are too large")?;
    let within_bounds = opts.opt_mode == OptMode::Enum;
    let parallel = opts.threads > 1;
    // Core-guided optimisation adds variables to its formula, which the domain
    // heuristic and the #edge graph (sized for the program's) do not cover; it solves
    // under assumptions, which only the sequential driver does (and which stopped
    // short of the fixpoint with an initial bound's weight constraint: a search issue
    // to look at before lifting that refusal).
    if opts.opt_strategy == OptStrategy::CoreGuided && !within_bounds {
        let refusal = if parallel {
            Some("with more than one thread")
        } else if translation.formula.domain.is_some() {
            Some("with --heuristic=Domain")
        } else if translation.formula.acyclicity.is_some() {
            Some("with #edge statements")
        } else if !opts.opt_bounds.is_empty() {
            Some("with initial bounds (--opt-mode=opt,B...)")
        } else {
            None
        };
        if let Some(with) = refusal {
            return Err(format!("--opt-strategy=usc is not supported {with} yet"));
        }
    }
    if !objective.one_sum() {
        if within_bounds || !opts.opt_bounds.is_empty() {
            return Err("optimization bounds over levels this large are not supported yet".into());
        }
        if parallel && opts.opt_strategy == OptStrategy::BranchAndBound {
            return Err(
                "optimization levels this large are not supported with more than one thread yet"
                    .into(),
            );
        }
    }
    Ok(Task::Optimize(objective))
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
    let translation = translate(program, opts);
    let task = match choose_task(opts, &translation) {
        Ok(task) => task,
        Err(msg) => {
            eprintln!("*** ERROR: (sable): {msg}");
            writeln!(out, "UNKNOWN")?;
            return Ok(EXIT_UNSUPPORTED);
        }
    };
    report::header(out, opts)?;
    let mut run = Run {
        translation: &translation,
        opts,
        deadline: opts.time_limit.map(|s| start + Duration::from_secs(s)),
        driver: match opts.threads {
            0 | 1 => Driver::Sequential,
            threads => Driver::Parallel {
                threads,
                division: opts.parallel_mode,
            },
        },
        order: report::output_order(&translation),
        printer: report::Printer::new(opts),
        out,
    };
    let (mut end, code) = match task {
        Task::Optimize(objective) => run.optimize(&objective),
        Task::Consequences(brave) => run.consequences(brave),
        Task::Enumerate => run.enumerate(),
    };
    end.seconds = start.elapsed().as_secs_f64();
    end.signal = interrupt::requested();
    if end.signal && opts.output_format != OutputFormat::Json {
        writeln!(run.out, "*** Info : (sable): INTERRUPTED by signal!")?;
    }
    run.printer.conclude(run.out, opts, &translation, &end)?;
    Ok(code)
}

/// Translates `program` for `opts` (dropping it: the search needs only the
/// translation; the program was 2.5 MB of queens-100's 27 MB).
fn translate(program: aspif::Program, opts: &SolveOptions) -> program::Translation {
    // Translated weight constraints help conflict analysis but cost time per model:
    // enumerating many models is faster with native constraints.
    let enumerating =
        opts.models != 1 || matches!(opts.enum_mode, EnumMode::Brave | EnumMode::Cautious);
    let factor = if enumerating {
        0
    } else {
        formula::DEFAULT_TRANSLATION_FACTOR
    };
    let mut translation = program::translate_with(&program, factor);
    // Without the domain heuristic `#heuristic` statements are ignored, as in clasp.
    if opts.heuristic == HeuristicKind::Domain {
        translation.formula.domain = program::domain_modifiers(
            &program,
            &translation.atom_lit,
            translation.formula.num_vars,
        );
    }
    translation
}

/// One run of a task: what it searches, how, and where models are printed.
struct Run<'a> {
    translation: &'a program::Translation,
    opts: &'a SolveOptions,
    deadline: Option<Instant>,
    driver: Driver,
    /// The shown atoms' printing order.
    order: Vec<usize>,
    printer: report::Printer,
    out: &'a mut dyn Write,
}

impl Run<'_> {
    /// The atoms to print for a model (or a consequence estimate).
    fn atoms_of(&self, value: &[Value]) -> Vec<String> {
        if self.opts.output_format == OutputFormat::Dimacs {
            report::dimacs_values(self.translation, self.opts.dimacs_variables, value)
        } else {
            report::shown(self.translation, &self.order, value)
        }
    }

    /// Prints a model with its atoms, when the output shows them.
    fn print_model(&mut self, value: &[Value], costs: Option<Vec<i64>>) {
        let atoms = if self.printer.wants_atoms() {
            self.atoms_of(value)
        } else {
            Vec::new()
        };
        self.printer.model(self.out, atoms, costs, None);
    }

    /// With `--project`: the literals to project onto (the `#project` atoms, else
    /// the shown ones).
    fn projection(&self) -> Option<Vec<lit::Lit>> {
        let translation = self.translation;
        self.opts.project.then(|| {
            translation.projection.clone().unwrap_or_else(|| {
                let mut lits: Vec<lit::Lit> = translation
                    .outputs
                    .iter()
                    .flat_map(|(_, cond)| cond.iter().map(|l| l.var().positive()))
                    .collect();
                lits.sort_unstable();
                lits.dedup();
                lits
            })
        })
    }

    /// Optimisation: branch and bound (either driver) or core-guided (sequential).
    fn optimize(&mut self, objective: &Objective) -> (formats::Conclusion, i32) {
        let opts = self.opts;
        let enumerate = opts.opt_mode == OptMode::Enum;
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
        let optimize_opts = optimize::OptimizeOptions {
            all_optimal: opts.opt_mode == OptMode::OptN,
            // clasp enumerates every optimal model with optN unless -n says how many.
            models: if enumerate || opts.models_given || opts.models != 1 {
                opts.models
            } else {
                0
            },
            deadline: self.deadline,
            bounds: opts.opt_bounds.clone(),
            enumerate,
            project: self.projection(),
        };
        let (translation, driver) = (self.translation, self.driver);
        let on_model = |value: &[Value], costs: &[i64], restart: bool| {
            if restart {
                self.printer.restart_numbering();
            }
            self.print_model(value, Some(costs.to_vec()));
        };
        let result = if opts.opt_strategy == OptStrategy::CoreGuided && !enumerate {
            core_guided::optimize(translation, objective, &optimize_opts, on_model)
        } else {
            optimize::optimize_with(translation, objective, &optimize_opts, driver, on_model)
        };
        let mut code = report::exit_code(&result.summary);
        if result.proven && !result.limited {
            code |= 20;
        }
        if result.limited {
            // More optimal models may exist: satisfiable, not exhausted.
            code &= !20;
        }
        let end = formats::Conclusion {
            summary: result.summary,
            optimizing: true,
            enumerating: enumerate,
            best: if enumerate { None } else { result.best },
            proven: result.proven,
            optimal_models: result.optimal_models,
            limited: result.limited,
            ..Default::default()
        };
        (end, code)
    }

    /// Brave or cautious consequences, printing each estimate.
    fn consequences(&mut self, brave: bool) -> (formats::Conclusion, i32) {
        let (translation, deadline, driver) = (self.translation, self.deadline, self.driver);
        let mut last = (0, 0);
        let on_step = |estimate: &[Value], root: &[Value]| {
            let atoms = self.atoms_of(estimate);
            last = consequence_counts(brave, estimate, root, atoms.len(), |v| {
                self.atoms_of(v).len()
            });
            self.printer.model(self.out, atoms, None, Some(last));
        };
        let summary =
            consequences::consequences_with(translation, brave, deadline, driver, on_step);
        // Searched to the end, the last estimate is exact.
        if summary.exhausted {
            last = (last.0 + last.1, 0);
        }
        self.printer.final_consequences(last);
        let end = formats::Conclusion {
            summary,
            consequences: Some((brave, last.0, last.1)),
            ..Default::default()
        };
        (end, report::exit_code(&summary))
    }

    /// Enumeration (with `--project`, of projected models).
    fn enumerate(&mut self) -> (formats::Conclusion, i32) {
        let (translation, driver) = (self.translation, self.driver);
        let project = self.projection();
        let enumerate_opts = enumerate::EnumerateOptions {
            models: self.opts.models,
            project,
            deadline: self.deadline,
            count_only: !self.printer.wants_atoms(),
        };
        let on_model = |value: &[Value]| {
            self.print_model(value, None);
            self.printer.error.is_none()
        };
        let summary = enumerate::enumerate_with(translation, &enumerate_opts, driver, on_model);
        let end = formats::Conclusion {
            summary,
            ..Default::default()
        };
        (end, report::exit_code(&summary))
    }
}
