//! clasp's text output: banner, models, verdict, summary and `--stats`; and its
//! exit codes. Everything printed by `sable solve` is written here.

use crate::enumerate::Summary;
use crate::formats::{self, Conclusion, Witness};
use crate::lit::{Lit, Value};
use crate::program::Translation;
use crate::{OutputFormat, SolveOptions};
use std::io::{self, Write};
use std::time::Instant;

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
pub fn shown(translation: &Translation, order: &[usize], value: &[Value]) -> Vec<String> {
    order
        .iter()
        .map(|&i| &translation.outputs[i])
        .filter(|(_, cond)| cond.iter().all(|&l: &Lit| value[l.index()] == Value::True))
        .map(|(name, _)| name.clone())
        .collect()
}

/// A model of a DIMACS input as clasp's `v` line items: `v` or `-v` for each variable.
pub fn dimacs_values(translation: &Translation, variables: u32, value: &[Value]) -> Vec<String> {
    (1..=variables as usize)
        .map(|v| {
            let lit = translation.atom_lit.get(v).copied().unwrap_or(Lit::FALSE);
            let truth =
                lit == Lit::TRUE || (!lit.is_constant() && value[lit.index()] == Value::True);
            if truth {
                v.to_string()
            } else {
                format!("-{v}")
            }
        })
        .collect()
}

/// The printing order of the output statements.
pub fn output_order(translation: &Translation) -> Vec<usize> {
    let mut order: Vec<usize> = (0..translation.outputs.len()).collect();
    order.sort_by_key(|&i| {
        translation.outputs[i]
            .1
            .first()
            .map_or(0, |l| l.0 as u64 + 1)
    });
    order
}

/// The lines before the search.
pub fn header(out: &mut dyn Write, opts: &SolveOptions) -> io::Result<()> {
    let prefix = match opts.output_format {
        OutputFormat::Text => "",
        OutputFormat::Competition => "% ",
        OutputFormat::Dimacs => "c ",
        OutputFormat::Json | OutputFormat::None => return Ok(()),
    };
    if opts.verbose > 0 {
        writeln!(out, "{prefix}{}", opts.banner)?;
        let names = if opts.input_names.is_empty() {
            "stdin".to_string()
        } else {
            opts.input_names.join(" ")
        };
        writeln!(out, "{prefix}Reading from {names}")?;
        writeln!(out, "{prefix}Solving...")?;
    }
    Ok(())
}

/// Prints models as they come (`--quiet` level 0), or keeps the last (level 1) or
/// none (level 2); JSON keeps them all for the document written at the end, the
/// competition format only the last.
pub struct Printer {
    quiet: u8,
    /// The costs level of `--quiet` (text format).
    cost_quiet: u8,
    verbose: u8,
    format: OutputFormat,
    number: u64,
    start: Instant,
    last: Option<Witness>,
    /// The models kept for a JSON document.
    pub kept: Vec<Witness>,
    /// The first write error.
    pub error: Option<io::Error>,
}

impl Printer {
    /// A printer for the options' output format and model level of `--quiet`.
    pub fn new(opts: &SolveOptions) -> Printer {
        Printer {
            quiet: opts.quiet[0],
            cost_quiet: opts.quiet[1],
            verbose: opts.verbose,
            format: opts.output_format,
            number: 0,
            start: Instant::now(),
            last: None,
            kept: Vec::new(),
            error: None,
        }
    }

    /// Numbers the next model 1 again (clasp does when `optN` starts enumerating the
    /// optimal models).
    pub fn restart_numbering(&mut self) {
        self.number = 0;
    }

    /// Gives the model printed at the end (`--quiet=1`, `--outf=1`) the final
    /// consequence counts, as clasp prints them once the search is over.
    pub fn final_consequences(&mut self, counts: (usize, usize)) {
        if let Some(w) = &mut self.last {
            w.consequences = Some(counts);
        }
    }

    /// Whether models are printed at all (else their atoms need not be computed).
    pub fn wants_atoms(&self) -> bool {
        self.quiet < 2 && self.format != OutputFormat::None
    }

    /// The next model: its shown atoms, its costs, its number of consequences.
    pub fn model(
        &mut self,
        out: &mut dyn Write,
        atoms: Vec<String>,
        costs: Option<Vec<i64>>,
        consequences: Option<(usize, usize)>,
    ) {
        self.number += 1;
        let witness = Witness {
            number: self.number,
            atoms,
            costs,
            consequences,
            time: self.start.elapsed().as_secs_f64(),
        };
        if self.format == OutputFormat::Text {
            // Models (atoms) and costs have their own levels: 0 prints each as it
            // comes, 1 only the last at the end.
            let stream_atoms = self.quiet == 0;
            let stream_costs = self.cost_quiet == 0 && witness.costs.is_some();
            if stream_atoms || stream_costs {
                let number = (self.verbose > 0 && stream_atoms).then_some(witness.number);
                let line = witness.atoms.join(" ");
                let atoms = stream_atoms.then_some(line.as_str());
                let costs = witness.costs.as_deref().filter(|_| stream_costs);
                let cons = witness.consequences.filter(|_| stream_atoms);
                if let Err(e) = answer(out, number, atoms, costs, cons) {
                    self.error.get_or_insert(e);
                }
            }
            if self.quiet == 1 || (self.cost_quiet == 1 && witness.costs.is_some()) {
                self.last = Some(witness);
            }
            return;
        }
        match (self.format, self.quiet) {
            (OutputFormat::None, _) | (_, 2) => {}
            (OutputFormat::Json, 0) => self.kept.push(witness),
            (OutputFormat::Dimacs, 0) => {
                if let Err(e) = formats::dimacs_answer(out, self.verbose, &witness) {
                    self.error.get_or_insert(e);
                }
            }
            _ => self.last = Some(witness),
        }
    }

    /// Prints the last model if only that one is wanted (text format).
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        if self.format == OutputFormat::Dimacs {
            if let Some(w) = self.last.take() {
                formats::dimacs_answer(out, self.verbose, &w)?;
            }
        }
        if self.format == OutputFormat::Text {
            if let Some(w) = self.last.take() {
                // What was not printed as it came (clasp: `--quiet=0,1` streams the
                // models and prints the last costs alone; `1,0` the other way round).
                let line = w.atoms.join(" ");
                let number = (self.verbose > 0 && self.quiet == 1).then_some(w.number);
                let atoms = (self.quiet == 1).then_some(line.as_str());
                let costs = w.costs.as_deref().filter(|_| self.cost_quiet == 1);
                let cons = w.consequences.filter(|_| self.quiet == 1);
                answer(out, number, atoms, costs, cons)?;
            }
        }
        Ok(())
    }

    /// Writes the verdict and summary in the output format of the options.
    pub fn conclude(
        &mut self,
        out: &mut dyn Write,
        opts: &SolveOptions,
        translation: &Translation,
        end: &Conclusion,
    ) -> io::Result<()> {
        self.finish(out)?;
        match self.format {
            OutputFormat::Text => text_footer(out, opts, translation, end),
            OutputFormat::Json => {
                if let Some(w) = self.last.take() {
                    self.kept.push(w);
                }
                formats::json(out, opts, &self.kept, end)
            }
            OutputFormat::Competition => formats::competition(out, opts, self.last.as_ref(), end),
            OutputFormat::Dimacs => formats::dimacs_footer(out, opts, end),
            OutputFormat::None => Ok(()),
        }
    }
}

fn costs_text(costs: &[i64]) -> String {
    costs
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One `Answer: N` block (without the `Answer` line when `number` is `None`: `-V0`).
pub fn answer(
    out: &mut dyn Write,
    number: Option<u64>,
    atoms: Option<&str>,
    costs: Option<&[i64]>,
    consequences: Option<(usize, usize)>,
) -> io::Result<()> {
    if let Some(number) = number {
        writeln!(out, "Answer: {number}")?;
    }
    if let Some(atoms) = atoms {
        writeln!(out, "{atoms}")?;
    }
    if let Some(costs) = costs {
        writeln!(out, "Optimization: {}", costs_text(costs))?;
    }
    if let Some((known, open)) = consequences {
        writeln!(out, "Consequences: [{known};{}]", known + open)?;
    }
    Ok(())
}

/// The verdict and summary in clasp's text format.
pub fn text_footer(
    out: &mut dyn Write,
    opts: &SolveOptions,
    translation: &Translation,
    end: &Conclusion,
) -> io::Result<()> {
    let s = &end.summary;
    writeln!(out, "{}", end.verdict())?;
    if opts.verbose == 0 {
        return Ok(());
    }
    writeln!(out)?;
    if s.interrupted {
        let key = if end.signal {
            "INTERRUPTED"
        } else {
            "TIME LIMIT "
        };
        writeln!(out, "{key}  : 1")?;
    }
    let plus = if end.more() { "+" } else { "" };
    writeln!(out, "Models       : {}{plus}", s.models)?;
    if let Some((brave, known, open)) = end.consequences {
        let kind = if brave { "Brave" } else { "Cautious" };
        writeln!(out, "  {kind:<11}: yes")?;
        let count = formats::consequences_text(known, open);
        writeln!(out, "Consequences : {count}")?;
    }
    if end.optimizing && (end.best.is_some() || end.enumerating) {
        let optimum = if end.proven { "yes" } else { "unknown" };
        writeln!(out, "  Optimum    : {optimum}")?;
        if end.optimal_models > 1 {
            writeln!(out, "  Optimal    : {}", end.optimal_models)?;
        }
    }
    if let (Some(best), true) = (&end.best, end.optimizing) {
        writeln!(out, "Optimization : {}", costs_text(best))?;
    }
    times(out, opts, translation, s, end.seconds)
}

/// The CPU time the process has used so far (user and system, all threads, also those
/// that have ended), from `/proc/self/stat`; `None` where that cannot be read.
pub fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // After the command name in parentheses (which may hold spaces): the state (field
    // 3), ..., utime (field 14) and stime (field 15), in clock ticks of 1/100 s
    // (USER_HZ, fixed for this interface).
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) as f64 / 100.0)
}

fn times(
    out: &mut dyn Write,
    opts: &SolveOptions,
    translation: &Translation,
    summary: &Summary,
    seconds: f64,
) -> io::Result<()> {
    writeln!(out, "Calls        : 1")?;
    let first = summary.first_model.unwrap_or(0.0);
    let unsat = summary.unsat_time(seconds);
    writeln!(
        out,
        "Time         : {seconds:.3}s (Solving: {seconds:.2}s 1st Model: {first:.2}s Unsat: {unsat:.2}s)"
    )?;
    let cpu = process_cpu_seconds().unwrap_or(seconds);
    writeln!(out, "CPU Time     : {cpu:.3}s")?;
    if opts.threads > 1 {
        writeln!(out, "Threads      : {:<8} (Winner: 0)", opts.threads)?;
    }
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
        writeln!(out, "Rules        : {}", translation.stats.rules)?;
        writeln!(out, "  Choice     : {}", translation.stats.choice_rules)?;
        writeln!(out, "Atoms        : {}", translation.stats.atoms)?;
        writeln!(out, "Bodies       : {}", translation.stats.bodies)?;
        writeln!(
            out,
            "Tight        : {}",
            if translation.stats.tight { "Yes" } else { "No" }
        )?;
        writeln!(out, "Variables    : {}", translation.formula.num_vars - 1)?;
        writeln!(
            out,
            "Constraints  : {}",
            translation.formula.clauses.len() + translation.formula.weights.len()
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn cpu_time_is_read_and_grows() {
        // Busy until the process's CPU time grows by 50 ms (at most 10 s of wall time:
        // on a loaded machine this thread may get little of it).
        if let Some(before) = super::process_cpu_seconds() {
            let start = std::time::Instant::now();
            let mut x = 0u64;
            let mut after = before;
            while after < before + 0.05 && start.elapsed().as_secs() < 10 {
                for _ in 0..100_000 {
                    x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
                }
                after = super::process_cpu_seconds().expect("readable again");
            }
            assert!(after >= before + 0.05, "{before} -> {after}");
        }
    }
}
