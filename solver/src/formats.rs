//! clasp's other output formats: JSON (`--outf=2`) and the ASP competition format
//! (`--outf=1`). Both are written once the search has ended, from the witnesses the
//! [`crate::report::Printer`] kept and a [`Conclusion`]; the text format (`--outf=0`)
//! stays in [`crate::report`].
//!
//! The JSON layout follows clasp's own writer (two-space indentation, scalar arrays on
//! one line) so that it reads the same; strings are escaped by `serde_json`.

use crate::enumerate::Summary;
use crate::SolveOptions;
use std::io::{self, Write};

/// A model kept for printing: its number, shown atoms, costs and consequences.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Witness {
    /// The model's number (1 for the first).
    pub number: u64,
    /// The shown atoms, in clasp's order.
    pub atoms: Vec<String>,
    /// Its cost vector, highest priority first, when optimising.
    pub costs: Option<Vec<i64>>,
    /// With `--enum-mode=brave|cautious`: the shown atoms known to be consequences
    /// and those still open (clasp prints `[known;known+open]`).
    pub consequences: Option<(usize, usize)>,
    /// Seconds since the start of the search.
    pub time: f64,
}

/// How a search ended, as the summary lines need it.
#[derive(Clone, Debug, Default)]
pub struct Conclusion {
    /// Models, exhaustion, interruption and counters.
    pub summary: Summary,
    /// Minimize statements were optimised.
    pub optimizing: bool,
    /// A signal (not the time limit) interrupted the search.
    pub signal: bool,
    /// `--opt-mode=enum`: models were enumerated within bounds, not improved.
    pub enumerating: bool,
    /// The best cost vector found.
    pub best: Option<Vec<i64>>,
    /// The optimum was proven.
    pub proven: bool,
    /// Optimal models found (`optN`).
    pub optimal_models: u64,
    /// `-n` stopped the search while more (optimal) models may exist.
    pub limited: bool,
    /// Seconds the whole run took.
    pub seconds: f64,
    /// With `--enum-mode=brave|cautious`: brave or not, and the final estimate's
    /// known and open shown atoms.
    pub consequences: Option<(bool, usize, usize)>,
}

impl Conclusion {
    /// clasp's verdict line.
    pub fn verdict(&self) -> &'static str {
        let s = &self.summary;
        if self.proven && self.optimizing {
            "OPTIMUM FOUND"
        } else if s.models > 0 {
            "SATISFIABLE"
        } else if s.exhausted {
            "UNSATISFIABLE"
        } else {
            "UNKNOWN"
        }
    }

    /// Whether more models may exist (the `+` after the model count).
    pub fn more(&self) -> bool {
        self.limited || !(self.summary.exhausted || self.proven)
    }

    /// Seconds from the last model to the end, when the search space was exhausted.
    fn unsat_time(&self) -> f64 {
        self.summary.unsat_time(self.seconds)
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("strings always serialise")
}

/// Writes `items` as clasp does: on one line, indented by `indent`, inside brackets
/// whose closing one is indented by `indent - 2`.
fn json_array(out: &mut dyn Write, items: &[String], indent: usize) -> io::Result<()> {
    writeln!(out, "[")?;
    writeln!(out, "{:indent$}{}", "", items.join(", "))?;
    write!(out, "{:width$}]", "", width = indent - 2)
}

/// The whole JSON document (`--outf=2`).
pub fn json(
    out: &mut dyn Write,
    opts: &SolveOptions,
    witnesses: &[Witness],
    end: &Conclusion,
) -> io::Result<()> {
    let solver = opts.banner.clone();
    writeln!(out, "{{")?;
    writeln!(out, "  \"Solver\": {},", json_string(&solver))?;
    let inputs: Vec<String> = if opts.input_names.is_empty() {
        vec![json_string("stdin")]
    } else {
        opts.input_names.iter().map(|n| json_string(n)).collect()
    };
    writeln!(out, "  \"Input\": [")?;
    writeln!(out, "    {}", inputs.join(", "))?;
    writeln!(out, "  ],")?;
    writeln!(out, "  \"Call\": [")?;
    writeln!(out, "    {{")?;
    writeln!(out, "      \"Start\": 0.000,")?;
    if !witnesses.is_empty() {
        writeln!(out, "      \"Witnesses\": [")?;
        for (i, w) in witnesses.iter().enumerate() {
            writeln!(out, "        {{")?;
            writeln!(out, "          \"Time\": {:.3},", w.time)?;
            write!(out, "          \"Value\": ")?;
            let atoms: Vec<String> = w.atoms.iter().map(|a| json_string(a)).collect();
            json_array(out, &atoms, 12)?;
            if let Some(costs) = &w.costs {
                write!(out, ",\n          \"Costs\": ")?;
                let costs: Vec<String> = costs.iter().map(|c| c.to_string()).collect();
                json_array(out, &costs, 12)?;
            }
            if let Some((known, open)) = w.consequences {
                write!(out, ",\n          \"Consequences\": {{\n")?;
                writeln!(out, "            \"True\": {known},")?;
                writeln!(out, "            \"Open\": {open}")?;
                write!(out, "          }}")?;
            }
            writeln!(out)?;
            let comma = if i + 1 < witnesses.len() { "," } else { "" };
            writeln!(out, "        }}{comma}")?;
        }
        writeln!(out, "      ],")?;
    }
    writeln!(out, "      \"Stop\": {:.3}", end.seconds)?;
    writeln!(out, "    }}")?;
    writeln!(out, "  ],")?;
    let result = json_string(end.verdict());
    if opts.verbose == 0 {
        writeln!(out, "  \"Result\": {result}")?;
        return writeln!(out, "}}");
    }
    writeln!(out, "  \"Result\": {result},")?;
    if end.summary.interrupted {
        let key = if end.signal {
            "INTERRUPTED"
        } else {
            "TIME LIMIT"
        };
        writeln!(out, "  \"{key}\": 1,")?;
    }
    writeln!(out, "  \"Models\": {{")?;
    writeln!(out, "    \"Number\": {},", end.summary.models)?;
    let more = if end.more() { "yes" } else { "no" };
    match &end.best {
        Some(best) if end.optimizing => {
            writeln!(out, "    \"More\": \"{more}\",")?;
            let optimum = if end.proven { "yes" } else { "unknown" };
            writeln!(out, "    \"Optimum\": \"{optimum}\",")?;
            if end.proven {
                writeln!(out, "    \"Optimal\": {},", end.optimal_models.max(1))?;
            }
            write!(out, "    \"Costs\": ")?;
            let costs: Vec<String> = best.iter().map(|c| c.to_string()).collect();
            json_array(out, &costs, 6)?;
            writeln!(out)?;
        }
        _ => match end.consequences {
            Some((brave, known, open)) => {
                writeln!(out, "    \"More\": \"{more}\",")?;
                let kind = if brave { "Brave" } else { "Cautious" };
                writeln!(out, "    \"{kind}\": \"yes\",")?;
                writeln!(out, "    \"Consequences\": {{")?;
                writeln!(out, "      \"True\": {known},")?;
                writeln!(out, "      \"Open\": {open}")?;
                writeln!(out, "    }}")?;
            }
            None => writeln!(out, "    \"More\": \"{more}\"")?,
        },
    }
    writeln!(out, "  }},")?;
    writeln!(out, "  \"Calls\": 1,")?;
    writeln!(out, "  \"Time\": {{")?;
    let total = end.seconds;
    let first = end.summary.first_model.unwrap_or(0.0);
    writeln!(out, "    \"Total\": {total:.3},")?;
    writeln!(out, "    \"Solve\": {total:.3},")?;
    writeln!(out, "    \"Model\": {first:.3},")?;
    writeln!(out, "    \"Unsat\": {:.3},", end.unsat_time())?;
    writeln!(out, "    \"CPU\": {total:.3}")?;
    writeln!(out, "  }}")?;
    writeln!(out, "}}")
}

/// The competition format (`--outf=1`): the last model as `ANSWER` and facts, its
/// `COST`, `OPTIMUM` when proven, `INCONSISTENT` when there is none; everything else
/// is a `%` comment.
pub fn competition(
    out: &mut dyn Write,
    opts: &SolveOptions,
    last: Option<&Witness>,
    end: &Conclusion,
) -> io::Result<()> {
    if let Some(w) = last {
        if opts.verbose > 0 {
            writeln!(out, "% Answer: {}", w.number)?;
        }
        writeln!(out, "ANSWER")?;
        let facts: Vec<String> = w.atoms.iter().map(|a| format!("{a}.")).collect();
        writeln!(out, "{}", facts.join(" "))?;
        if let Some(costs) = &w.costs {
            let costs: Vec<String> = costs.iter().map(|c| c.to_string()).collect();
            writeln!(out, "COST {}", costs.join(" "))?;
        }
        if let Some((known, open)) = w.consequences {
            writeln!(out, "% Consequences: [{known};{}]", known + open)?;
        }
    }
    if end.proven && end.optimizing {
        writeln!(out, "OPTIMUM")?;
    } else if end.summary.models == 0 && end.summary.exhausted {
        writeln!(out, "INCONSISTENT")?;
    } else if end.summary.models == 0 {
        writeln!(out, "UNKNOWN")?;
    }
    if opts.verbose == 0 {
        return Ok(());
    }
    summary(out, "% ", end)
}

/// One model of a DIMACS input: `c Answer: N`, its `v` lines (wrapped as clasp
/// wraps them) and `o COST`.
pub fn dimacs_answer(out: &mut dyn Write, verbose: u8, w: &Witness) -> io::Result<()> {
    if verbose > 0 {
        writeln!(out, "c Answer: {}", w.number)?;
    }
    let mut line = String::from("v");
    for item in w.atoms.iter().map(String::as_str).chain(["0"]) {
        line.push(' ');
        line.push_str(item);
        if line.len() > 70 && item != "0" {
            writeln!(out, "{line}")?;
            line = String::from("v");
        }
    }
    writeln!(out, "{line}")?;
    if let Some(costs) = &w.costs {
        let costs: Vec<String> = costs.iter().map(|c| c.to_string()).collect();
        writeln!(out, "o {}", costs.join(" "))?;
    }
    Ok(())
}

/// The verdict (`s ...`) and `c` summary of a DIMACS input.
pub fn dimacs_footer(out: &mut dyn Write, opts: &SolveOptions, end: &Conclusion) -> io::Result<()> {
    writeln!(out, "s {}", end.verdict())?;
    if opts.verbose == 0 {
        return Ok(());
    }
    summary(out, "c ", end)
}

/// The summary of the competition and DIMACS formats, each line after `prefix`.
fn summary(out: &mut dyn Write, prefix: &str, end: &Conclusion) -> io::Result<()> {
    writeln!(out, "{prefix}")?;
    if end.summary.interrupted {
        let key = if end.signal {
            "INTERRUPTED"
        } else {
            "TIME LIMIT "
        };
        writeln!(out, "{prefix}{key}    : 1")?;
    }
    let plus = if end.more() { "+" } else { "" };
    writeln!(out, "{prefix}Models         : {}{plus}", end.summary.models)?;
    if let Some((brave, known, open)) = end.consequences {
        let kind = if brave { "Brave" } else { "Cautious" };
        writeln!(out, "{prefix}  {kind:<13}: yes")?;
        writeln!(
            out,
            "{prefix}Consequences   : {}",
            consequences_text(known, open)
        )?;
    }
    if let (Some(best), true) = (&end.best, end.optimizing) {
        let optimum = if end.proven { "yes" } else { "unknown" };
        writeln!(out, "{prefix}  Optimum      : {optimum}")?;
        if end.optimal_models > 1 {
            writeln!(out, "{prefix}  Optimal      : {}", end.optimal_models)?;
        }
        let costs: Vec<String> = best.iter().map(|c| c.to_string()).collect();
        writeln!(out, "{prefix}Optimization   : {}", costs.join(" "))?;
    }
    writeln!(out, "{prefix}Calls          : 1")?;
    let total = end.seconds;
    let first = end.summary.first_model.unwrap_or(0.0);
    writeln!(
        out,
        "{prefix}Time           : {total:.3}s (Solving: {total:.2}s 1st Model: {first:.2}s Unsat: {:.2}s)",
        end.unsat_time()
    )?;
    writeln!(out, "{prefix}CPU Time       : {total:.3}s")
}

/// The summary's count of consequences: the known ones, `+` while some are open
/// (the search was interrupted).
pub fn consequences_text(known: usize, open: usize) -> String {
    if open > 0 {
        format!("{known}+")
    } else {
        known.to_string()
    }
}
