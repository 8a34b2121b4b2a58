//! clasp's text output: banner, models, verdict, summary and `--stats`; and its
//! exit codes. Everything printed by `sable solve` is written here.

use crate::enumerate::Summary;
use crate::lit::Lit;
use crate::optimize::OptimizeSummary;
use crate::program::Translation;
use crate::SolveOptions;
use std::io::{self, Write};

/// clasp's exit code: 10 satisfiable, 20 unsatisfiable, 30 satisfiable and
/// exhausted, +1 when interrupted (1 without a model).
pub fn exit_code(summary: &Summary) -> i32 {
    let mut code = 0;
    if summary.models > 0 {
        code |= 10;
    }
    if summary.exhausted {
        code |= 20;
    }
    if summary.interrupted {
        code |= 1;
    }
    code
}

/// The shown atoms of a model, in clasp's order (unconditional texts first, then by
/// the literal of the condition).
pub fn shown(t: &Translation, order: &[usize], value: &[i8]) -> String {
    let mut line = String::new();
    for &i in order {
        let (name, cond) = &t.outputs[i];
        if cond.iter().all(|&l: &Lit| value[l.index()] == 1) {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(name);
        }
    }
    line
}

/// The printing order of the output statements.
pub fn output_order(t: &Translation) -> Vec<usize> {
    let mut order: Vec<usize> = (0..t.outputs.len()).collect();
    order.sort_by_key(|&i| t.outputs[i].1.first().map_or(0, |l| l.0 as u64 + 1));
    order
}

/// The lines before the search.
pub fn header(out: &mut dyn Write, opts: &SolveOptions) -> io::Result<()> {
    if opts.verbose > 0 {
        writeln!(out, "{}", opts.banner)?;
        let names = if opts.input_names.is_empty() {
            "stdin".to_string()
        } else {
            opts.input_names.join(" ")
        };
        writeln!(out, "Reading from {names}")?;
        writeln!(out, "Solving...")?;
    }
    Ok(())
}

/// A model kept for printing later: number, shown atoms, costs, consequences.
type Pending = (u64, String, Option<Vec<i64>>, Option<usize>);

/// Prints models as they come (`--quiet` level 0), or only the last (level 1).
pub struct Printer {
    quiet: u8,
    number: u64,
    last: Option<Pending>,
    /// The first write error.
    pub error: Option<io::Error>,
}

impl Printer {
    /// A printer for the model level of `--quiet`.
    pub fn new(quiet: u8) -> Printer {
        Printer {
            quiet,
            number: 0,
            last: None,
            error: None,
        }
    }

    /// The next model: its shown atoms, its costs, its number of consequences.
    pub fn model(
        &mut self,
        out: &mut dyn Write,
        line: String,
        costs: Option<Vec<i64>>,
        consequences: Option<usize>,
    ) {
        self.number += 1;
        match self.quiet {
            0 => {
                if let Err(e) = answer(out, self.number, &line, costs.as_deref(), consequences) {
                    self.error.get_or_insert(e);
                }
            }
            1 => self.last = Some((self.number, line, costs, consequences)),
            _ => {}
        }
    }

    /// Prints the last model if only that one is wanted.
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        if let Some((n, line, costs, cons)) = self.last.take() {
            answer(out, n, &line, costs.as_deref(), cons)?;
        }
        Ok(())
    }
}

fn costs_text(costs: &[i64]) -> String {
    costs
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One `Answer: N` block.
pub fn answer(
    out: &mut dyn Write,
    number: u64,
    atoms: &str,
    costs: Option<&[i64]>,
    consequences: Option<usize>,
) -> io::Result<()> {
    writeln!(out, "Answer: {number}")?;
    writeln!(out, "{atoms}")?;
    if let Some(costs) = costs {
        writeln!(out, "Optimization: {}", costs_text(costs))?;
    }
    if let Some(n) = consequences {
        writeln!(out, "Consequences: [{n};{n}]")?;
    }
    Ok(())
}

/// The verdict and summary of an optimisation.
pub fn optimization_footer(
    out: &mut dyn Write,
    opts: &SolveOptions,
    t: &Translation,
    result: &OptimizeSummary,
    seconds: f64,
) -> io::Result<()> {
    let s = &result.summary;
    let verdict = if result.proven {
        "OPTIMUM FOUND"
    } else if s.models > 0 {
        "SATISFIABLE"
    } else if s.exhausted {
        "UNSATISFIABLE"
    } else {
        "UNKNOWN"
    };
    writeln!(out, "{verdict}")?;
    if opts.verbose == 0 {
        return Ok(());
    }
    writeln!(out)?;
    let plus = if s.exhausted || result.proven {
        ""
    } else {
        "+"
    };
    writeln!(out, "Models       : {}{plus}", s.models)?;
    if let Some(best) = &result.best {
        writeln!(
            out,
            "  Optimum    : {}",
            if result.proven { "yes" } else { "unknown" }
        )?;
        if result.optimal_models > 0 {
            writeln!(out, "  Optimal    : {}", result.optimal_models)?;
        }
        writeln!(out, "Optimization : {}", costs_text(best))?;
    }
    times(out, opts, t, s, seconds)
}

/// The verdict and the summary.
pub fn footer(
    out: &mut dyn Write,
    opts: &SolveOptions,
    t: &Translation,
    summary: &Summary,
    seconds: f64,
) -> io::Result<()> {
    let verdict = if summary.models > 0 {
        "SATISFIABLE"
    } else if summary.exhausted {
        "UNSATISFIABLE"
    } else {
        "UNKNOWN"
    };
    writeln!(out, "{verdict}")?;
    if opts.verbose == 0 {
        return Ok(());
    }
    writeln!(out)?;
    if summary.interrupted {
        writeln!(out, "TIME LIMIT   : 1")?;
    }
    let plus = if summary.exhausted { "" } else { "+" };
    writeln!(out, "Models       : {}{plus}", summary.models)?;
    times(out, opts, t, summary, seconds)
}

fn times(
    out: &mut dyn Write,
    opts: &SolveOptions,
    t: &Translation,
    summary: &Summary,
    seconds: f64,
) -> io::Result<()> {
    writeln!(out, "Calls        : 1")?;
    let first = summary.first_model.unwrap_or(0.0);
    let unsat = if summary.exhausted {
        (seconds - first).max(0.0)
    } else {
        0.0
    };
    writeln!(
        out,
        "Time         : {seconds:.3}s (Solving: {seconds:.2}s 1st Model: {first:.2}s Unsat: {unsat:.2}s)"
    )?;
    writeln!(out, "CPU Time     : {seconds:.3}s")?;
    if opts.stats > 0 {
        let s = &summary.stats;
        writeln!(out)?;
        writeln!(out, "Choices      : {}", s.choices)?;
        writeln!(out, "Conflicts    : {}", s.conflicts)?;
        writeln!(out, "Restarts     : {}", s.restarts)?;
        writeln!(
            out,
            "Lemmas       : {}  (Deleted: {})",
            s.conflicts, s.deleted
        )?;
        writeln!(out, "  Loop       : {}", s.loops)?;
        writeln!(out, "Propagations : {}", s.propagations)?;
        writeln!(
            out,
            "Lemma length : {:.1}",
            s.learnt_literals as f64 / s.conflicts.max(1) as f64
        )?;
        writeln!(out)?;
        writeln!(out, "Rules        : {}", t.stats.rules)?;
        writeln!(out, "  Choice     : {}", t.stats.choice_rules)?;
        writeln!(out, "Atoms        : {}", t.stats.atoms)?;
        writeln!(out, "Bodies       : {}", t.stats.bodies)?;
        writeln!(
            out,
            "Tight        : {}",
            if t.stats.tight { "Yes" } else { "No" }
        )?;
        writeln!(out, "Variables    : {}", t.formula.num_vars - 1)?;
        writeln!(
            out,
            "Constraints  : {}",
            t.formula.clauses.len() + t.formula.weights.len()
        )?;
    }
    Ok(())
}
