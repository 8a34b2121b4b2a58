//! Command-line arguments, spelled as clingo spells them.
//!
//! clap fills the plain structs here; [`SolveArgs::to_options`] turns them into the solver's
//! [`SolveOptions`]. Option values clap cannot check alone (`-t 2,split`, `--quiet=1,2`) are
//! checked there, and an unknown value is an error, never a silent default.

use clap::{Args, Parser, Subcommand};

mod grounder;
mod solve;
#[cfg(test)]
mod tests;

pub use grounder::{check_grounder_args, parse_consts};

/// sable: an answer-set programming system (grounder and solver).
#[derive(Parser, Debug)]
#[command(
    name = "sable",
    version,
    about,
    args_conflicts_with_subcommands = true,
    disable_version_flag = true
)]
pub struct Cli {
    /// Print the version.
    #[arg(long, action = clap::ArgAction::Version)]
    version: Option<bool>,
    /// `ground` or `solve`; without one, ground and solve in one process.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Stop with an error (exit 33, as clingo when memory runs out) once sable's data
    /// would pass <MB> megabytes.
    #[arg(long = "memory-limit", value_name = "MB", global = true)]
    pub memory_limit: Option<u64>,
    /// Ground-and-solve arguments (used when no subcommand is given).
    #[command(flatten)]
    pub run: RunArgs,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Ground a program and write aspif (or `--text`) to standard output, like gringo.
    Ground(GroundArgs),
    /// Solve a ground program (aspif; `-` or nothing for standard input), like clasp.
    // (Boxed: its options make it several times larger than the other variant.)
    Solve(Box<SolveCommandArgs>),
}

/// Options of the grounder.
#[derive(Args, Debug, Default, Clone)]
pub struct GrounderArgs {
    /// Replace term occurrences of <id> with <term> (`-c n=5`).
    #[arg(short = 'c', long = "const", value_name = "ID=TERM")]
    pub consts: Vec<String>,
    /// Enable or disable warnings (`-W none`, `-W no-atom-undefined`, ...).
    #[arg(short = 'W', long = "warn", value_name = "WARN")]
    pub warn: Vec<String>,
    /// gringo's `--keep-facts`: not supported (refused with what to use instead).
    #[arg(long = "keep-facts", hide = true)]
    pub keep_facts: bool,
}

/// `sable ground`.
#[derive(Args, Debug)]
pub struct GroundArgs {
    /// Program files; none or `-` reads standard input.
    pub files: Vec<String>,
    #[command(flatten)]
    pub grounder: GrounderArgs,
    /// Print the ground program as rules for people instead of aspif.
    #[arg(long)]
    pub text: bool,
}

/// `sable solve`.
#[derive(Args, Debug)]
pub struct SolveCommandArgs {
    /// The ground program (aspif or smodels); none or `-` reads standard input. A number
    /// is taken as the number of models, as clasp does.
    pub files: Vec<String>,
    #[command(flatten)]
    pub solve: SolveArgs,
}

/// `sable [FILE...]`: ground and solve.
#[derive(Args, Debug)]
pub struct RunArgs {
    /// Program files; none or `-` reads standard input. A number is taken as the number
    /// of models, as clingo does.
    pub files: Vec<String>,
    #[command(flatten)]
    pub grounder: GrounderArgs,
    #[command(flatten)]
    pub solve: SolveArgs,
    /// `clingo` (default), `gringo` (ground only) or `clasp` (solve only), as clingo's `--mode`.
    #[arg(long, value_name = "MODE")]
    pub mode: Option<String>,
    /// With `--mode=gringo`: print the ground program as text.
    #[arg(long)]
    pub text: bool,
}

/// Options of the solver and of its output.
#[derive(Args, Debug, Default, Clone)]
pub struct SolveArgs {
    /// Compute at most <n> models (0 for all).
    #[arg(short = 'n', long = "models", value_name = "N")]
    pub models: Option<u64>,
    /// Run parallel search with <n> threads: `N[,compete|split]`.
    #[arg(short = 't', long = "parallel-mode", value_name = "N[,MODE]")]
    pub parallel_mode: Option<String>,
    /// Print {0=all|1=last|2=no} models, costs and calls: `M[,C[,T]]`; `-q` alone is `2,2,2`.
    #[arg(short = 'q', long = "quiet", value_name = "M,C,T", num_args = 0..=1,
          require_equals = true, default_missing_value = "2,2,2")]
    pub quiet: Option<String>,
    /// Verbosity: `-V0` prints results only.
    #[arg(short = 'V', long = "verbose", value_name = "N", num_args = 0..=1,
          require_equals = true, default_missing_value = "2")]
    pub verbose: Option<u8>,
    /// Output format {0=default|1=competition|2=JSON|3=no}.
    #[arg(long = "outf", value_name = "N")]
    pub outf: Option<u8>,
    /// Optimisation: `opt|enum|optN|ignore[,BOUND...]`.
    #[arg(long = "opt-mode", value_name = "MODE")]
    pub opt_mode: Option<String>,
    /// Enumeration: `auto|bt|record|brave|cautious`.
    #[arg(short = 'e', long = "enum-mode", value_name = "MODE")]
    pub enum_mode: Option<String>,
    /// Print each projected answer set once (onto `#project` atoms, else the shown ones).
    #[arg(long = "project", value_name = "MODE", num_args = 0..=1, require_equals = true,
          default_missing_value = "auto")]
    pub project: Option<String>,
    /// Stop after <n> seconds (0 for no limit).
    #[arg(long = "time-limit", value_name = "N")]
    pub time_limit: Option<u64>,
    /// Print statistics {1=basic|2=full}.
    #[arg(short = 's', long = "stats", value_name = "N", num_args = 0..=1,
          require_equals = true, default_missing_value = "1")]
    pub stats: Option<String>,
    /// Optimization strategy: `bb` (model-guided branch and bound) or `usc`
    /// (core-guided, OLL); clasp's tactics after a comma are accepted and ignored.
    #[arg(long = "opt-strategy", value_name = "STRATEGY")]
    pub opt_strategy: Option<String>,
    /// Decision heuristic: `Default` (or clasp's names) or `Domain`.
    #[arg(long = "heuristic", value_name = "HEU")]
    pub heuristic: Option<String>,
    /// Seed of the random number generator.
    #[arg(long = "seed", value_name = "N")]
    pub seed: Option<u64>,
    /// clasp's default domain modifications (`--dom-mod`, older `--dom-pref`): not
    /// supported; accepted here only to say so clearly.
    #[arg(long = "dom-mod", alias = "dom-pref", value_name = "MOD", hide = true)]
    pub dom_mod: Option<String>,
    /// clasp's search configuration (`auto|frumpy|jumpy|tweety|handy|crafty|trendy|many`):
    /// accepted and ignored (sable's search has one configuration).
    #[arg(long = "configuration", value_name = "CONFIG")]
    pub configuration: Option<String>,
    /// clasp's default sign (`asp|pos|neg|rnd`): accepted and ignored.
    #[arg(long = "sign-def", value_name = "SIGN", hide = true)]
    pub sign_def: Option<String>,
    /// clasp's restart policy (`no`, `L,100`, `x,100,1.5`, ...): accepted and ignored.
    #[arg(short = 'r', long = "restarts", value_name = "SCHED", hide = true)]
    pub restarts: Option<String>,
    /// clasp's random decision frequency (`0..1` or `no`): accepted and ignored.
    #[arg(long = "rand-freq", value_name = "P", hide = true)]
    pub rand_freq: Option<String>,
    /// clasp's equivalence preprocessing iterations: accepted and ignored.
    #[arg(long = "eq", value_name = "N", hide = true, allow_hyphen_values = true)]
    pub eq: Option<String>,
    /// clasp's SatELite-like preprocessing: accepted and ignored.
    #[arg(long = "sat-prepro", alias = "sat-p", value_name = "LEVEL", num_args = 0..=1,
          require_equals = true, default_missing_value = "2", hide = true)]
    pub sat_prepro: Option<String>,
    /// clasp's atom format string: not supported (refused).
    #[arg(long = "out-atomf", value_name = "FMT", hide = true)]
    pub out_atomf: Option<String>,
    /// clasp's field separator: not supported (refused).
    #[arg(long = "out-ifs", value_name = "SEP", hide = true)]
    pub out_ifs: Option<String>,
    /// clasp's conflict and restart limit: not supported (refused).
    #[arg(long = "solve-limit", value_name = "N[,M]", hide = true)]
    pub solve_limit: Option<String>,
    /// clasp's supported models: not supported (refused).
    #[arg(long = "supp-models", hide = true)]
    pub supp_models: bool,
}

/// The longest time limit accepted, in seconds (clingo's: an `int`).
pub const MAX_TIME_LIMIT: u64 = i32::MAX as u64;

/// An option value that is not one of the accepted ones.
#[derive(Debug)]
pub struct BadValue(pub String);

impl std::fmt::Display for BadValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadValue {}

pub(super) fn bad(option: &str, value: &str) -> BadValue {
    BadValue(format!("'{value}' invalid value for: '{option}'"))
}

/// Rewrites the short forms of options with optional values that clingo accepts with the
/// value attached (`-V0`, `-q1,0`, `-s2`) into their long `--opt=value` form, which clap
/// reads without taking the next argument (a file) as the value.
pub fn normalize(args: impl IntoIterator<Item = String>) -> Vec<String> {
    args.into_iter()
        .map(|arg| {
            let long = match arg.get(..2) {
                Some("-V") => "--verbose",
                Some("-q") => "--quiet",
                Some("-s") => "--stats",
                _ => return arg,
            };
            match arg.get(2..) {
                Some(value)
                    if !value.is_empty() && value.starts_with(|c: char| c.is_ascii_digit()) =>
                {
                    format!("{long}={value}")
                }
                _ => arg,
            }
        })
        .collect()
}

/// Splits positional arguments into files and a number of models (clingo takes a bare
/// number among the files as `-n`).
pub fn split_files(files: &[String]) -> Result<(Vec<String>, Option<u64>), BadValue> {
    let mut names = Vec::new();
    let mut models = None;
    for f in files {
        if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) {
            if models.is_some() {
                return Err(BadValue(format!(
                    "'{f}': more than one number of models given"
                )));
            }
            models = Some(f.parse().map_err(|_| bad("models", f))?);
        } else {
            names.push(f.clone());
        }
    }
    Ok((names, models))
}
