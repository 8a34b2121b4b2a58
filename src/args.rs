//! Command-line arguments, spelled as clingo spells them.
//!
//! clap fills the plain structs here; [`SolveArgs::to_options`] turns them into the solver's
//! [`SolveOptions`]. Option values clap cannot check alone (`-t 2,split`, `--quiet=1,2`) are
//! checked there, and an unknown value is an error, never a silent default.

use clap::{Args, Parser, Subcommand};
use solver::{
    EnumMode, HeuristicKind, OptMode, OptStrategy, OutputFormat, ParallelMode, SolveOptions,
};

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

/// clasp's named configurations.
const CONFIGURATIONS: &[&str] = &[
    "auto", "frumpy", "jumpy", "tweety", "handy", "crafty", "trendy", "many",
];

/// An option value that is not one of the accepted ones.
#[derive(Debug)]
pub struct BadValue(pub String);

impl std::fmt::Display for BadValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadValue {}

fn bad(option: &str, value: &str) -> BadValue {
    BadValue(format!("'{value}' invalid value for: '{option}'"))
}

impl SolveArgs {
    /// Builds the solver configuration; `models_from_files` is a positional number, if any.
    pub fn to_options(&self, models_from_files: Option<u64>) -> Result<SolveOptions, BadValue> {
        let mut opts = SolveOptions::default();
        if let Some(n) = self.models.or(models_from_files) {
            opts.models = n;
            opts.models_given = true;
        }
        if let Some(text) = &self.parallel_mode {
            let (count, mode) = match text.split_once(',') {
                Some((count, mode)) => (count, Some(mode)),
                None => (text.as_str(), None),
            };
            opts.threads = count
                .trim()
                .parse()
                .ok()
                .filter(|&n: &usize| (1..=64).contains(&n))
                .ok_or_else(|| bad("parallel-mode", text))?;
            opts.parallel_mode = match mode.map(str::trim) {
                None | Some("compete") => ParallelMode::Compete,
                Some("split") => ParallelMode::Split,
                Some(_) => return Err(bad("parallel-mode", text)),
            };
        }
        if let Some(text) = &self.quiet {
            let levels = parse_levels(text).ok_or_else(|| bad("quiet", text))?;
            // clasp: the cost level defaults to the model level, the call level to 2.
            opts.quiet = [
                levels[0],
                levels.get(1).copied().unwrap_or(levels[0]),
                levels.get(2).copied().unwrap_or(2),
            ];
        }
        if let Some(v) = self.verbose {
            opts.verbose = v;
        }
        if let Some(f) = self.outf {
            opts.output_format = match f {
                0 => OutputFormat::Text,
                1 => OutputFormat::Competition,
                2 => OutputFormat::Json,
                3 => OutputFormat::None,
                _ => return Err(bad("outf", &f.to_string())),
            };
        }
        if let Some(text) = &self.opt_mode {
            let mut parts = text.split(',');
            opts.opt_mode = match parts.next().map(str::trim) {
                Some("opt") => OptMode::Opt,
                Some("enum") => OptMode::Enum,
                Some("optN") => OptMode::OptN,
                Some("ignore") => OptMode::Ignore,
                _ => return Err(bad("opt-mode", text)),
            };
            for bound in parts {
                opts.opt_bounds
                    .push(bound.trim().parse().map_err(|_| bad("opt-mode", text))?);
            }
        }
        if let Some(text) = &self.enum_mode {
            opts.enum_mode = match text.as_str() {
                "auto" => EnumMode::Auto,
                "bt" => EnumMode::Backtrack,
                "record" => EnumMode::Record,
                "brave" => EnumMode::Brave,
                "cautious" => EnumMode::Cautious,
                _ => return Err(bad("enum-mode", text)),
            };
        }
        if let Some(text) = &self.project {
            opts.project = match text.as_str() {
                "auto" | "project" | "show" | "yes" | "1" => true,
                "no" | "0" => false,
                _ => return Err(bad("project", text)),
            };
        }
        if let Some(limit) = self.time_limit {
            if limit > MAX_TIME_LIMIT {
                return Err(bad("time-limit", &limit.to_string()));
            }
            opts.time_limit = (limit > 0).then_some(limit);
        }
        if let Some(text) = &self.stats {
            let level = text.split(',').next().unwrap_or("1");
            opts.stats = level.trim().parse().map_err(|_| bad("stats", text))?;
        }
        if let Some(text) = &self.opt_strategy {
            opts.opt_strategy = match text.split(',').next().map(str::trim) {
                Some("bb") => OptStrategy::BranchAndBound,
                Some("usc") => OptStrategy::CoreGuided,
                _ => return Err(bad("opt-strategy", text)),
            };
        }
        if let Some(text) = &self.heuristic {
            opts.heuristic = match text.to_ascii_lowercase().as_str() {
                "domain" => HeuristicKind::Domain,
                "default" | "berkmin" | "vsids" | "vmtf" | "unit" | "auto" => {
                    HeuristicKind::Default
                }
                _ => return Err(bad("heuristic", text)),
            };
        }
        if let Some(seed) = self.seed {
            opts.seed = seed;
        }
        if self.dom_mod.is_some() {
            return Err(BadValue(
                "--dom-mod/--dom-pref are not supported: use #heuristic statements \
                 with --heuristic=Domain"
                    .into(),
            ));
        }
        self.check_clasp_options()?;
        Ok(opts)
    }

    /// clasp's options users pass from scripts: the search-tuning ones are checked and
    /// ignored (each is a configuration choice of clasp's search, which sable's search
    /// does not have; a note on standard error says so), the others are refused with
    /// what to use instead.
    fn check_clasp_options(&self) -> Result<(), BadValue> {
        if let Some(text) = &self.configuration {
            if text.contains('=') {
                return Err(BadValue(format!(
                    "'{text}' invalid value for: 'configuration': it names a search \
                     configuration ({}); to give a constant a value use --const (-c) {text}",
                    CONFIGURATIONS.join("|")
                )));
            }
            if !CONFIGURATIONS.contains(&text.as_str()) {
                return Err(BadValue(format!(
                    "'{text}' invalid value for: 'configuration' (one of {}; configuration \
                     files are not supported)",
                    CONFIGURATIONS.join("|")
                )));
            }
            ignored("configuration", text);
        }
        if let Some(text) = &self.sign_def {
            if !matches!(
                text.as_str(),
                "asp" | "pos" | "neg" | "rnd" | "0" | "1" | "2" | "3"
            ) {
                return Err(bad("sign-def", text));
            }
            ignored("sign-def", text);
        }
        if let Some(text) = &self.restarts {
            if !restart_schedule(text) {
                return Err(bad("restarts", text));
            }
            ignored("restarts", text);
        }
        if let Some(text) = &self.rand_freq {
            let ok = text == "no" || text.parse::<f64>().is_ok_and(|p| (0.0..=1.0).contains(&p));
            if !ok {
                return Err(bad("rand-freq", text));
            }
            ignored("rand-freq", text);
        }
        if let Some(text) = &self.eq {
            if text.parse::<i32>().map_or(true, |n| n < -1) {
                return Err(bad("eq", text));
            }
            ignored("eq", text);
        }
        if let Some(text) = &self.sat_prepro {
            if !sat_prepro(text) {
                return Err(bad("sat-prepro", text));
            }
            ignored("sat-prepro", text);
        }
        let output = "sable prints atoms as clasp does by default; for another layout use \
                      --outf=2 (JSON) and format the atoms from there";
        if self.out_atomf.is_some() {
            return Err(BadValue(format!("--out-atomf is not supported: {output}")));
        }
        if self.out_ifs.is_some() {
            return Err(BadValue(format!("--out-ifs is not supported: {output}")));
        }
        if self.solve_limit.is_some() {
            return Err(BadValue(
                "--solve-limit (a conflict or restart limit) is not supported: use \
                 --time-limit=SECONDS"
                    .into(),
            ));
        }
        if self.supp_models {
            return Err(BadValue(
                "--supp-models is not supported: sable computes stable models only \
                 (clasp --supp-models computes supported models)"
                    .into(),
            ));
        }
        Ok(())
    }
}

/// A note on standard error that an option was accepted without effect.
fn ignored(option: &str, value: &str) {
    eprintln!(
        "*** Info : (sable): --{option}={value} accepted and ignored: sable's search \
         has one configuration"
    );
}

/// clasp's `--restarts`: `no`, `0`, or `TYPE,N[,ARGS...]` with TYPE one of D, F, L,
/// x, + and numbers after it.
fn restart_schedule(text: &str) -> bool {
    if matches!(text, "no" | "0") {
        return true;
    }
    let mut parts = text.split(',');
    let kind = parts.next().unwrap_or("");
    let numbers: Vec<&str> = parts.collect();
    matches!(kind, "D" | "F" | "L" | "x" | "+" | "d" | "f" | "l")
        && !numbers.is_empty()
        && numbers.iter().all(|n| n.trim().parse::<f64>().is_ok())
}

/// clasp's `--sat-prepro`: `no`, `yes`, or `LEVEL[,LIMIT...]` with a level of 0 to 3
/// and limits `N` or `KEY=N`.
fn sat_prepro(text: &str) -> bool {
    if matches!(text, "no" | "yes") {
        return true;
    }
    let mut parts = text.split(',');
    let level_ok = parts
        .next()
        .and_then(|l| l.trim().parse::<u8>().ok())
        .is_some_and(|l| l <= 3);
    level_ok
        && parts.all(|p| {
            let n = p.split_once('=').map_or(p, |(key, n)| {
                if matches!(key, "iter" | "occ" | "time" | "frozen" | "clause") {
                    n
                } else {
                    ""
                }
            });
            n.trim().parse::<u64>().is_ok()
        })
}

/// gringo's `-W` names (each also with `no-`), besides `none` and `all`.
const WARNINGS: &[&str] = &[
    "atom-undefined",
    "file-included",
    "operation-undefined",
    "variable-unbounded",
    "global-variable",
    "other",
];

/// Checks the grounder's options: `-W` names, `-c` names, `--keep-facts`.
pub fn check_grounder_args(args: &GrounderArgs) -> Result<(), BadValue> {
    for w in &args.warn {
        for name in w.split(',').map(str::trim) {
            let known = matches!(name, "none" | "all")
                || WARNINGS.contains(&name.strip_prefix("no-").unwrap_or(name));
            if !known {
                return Err(BadValue(format!(
                    "'{name}' invalid value for: 'warn' (none, all, or one of {}, each \
                     also with no-)",
                    WARNINGS.join(", ")
                )));
            }
        }
    }
    if args.keep_facts {
        return Err(BadValue(
            "--keep-facts is not supported: sable's grounder always removes facts from \
             rule bodies; for such a ground program use gringo --keep-facts (and pipe it \
             into sable solve)"
                .into(),
        ));
    }
    Ok(())
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

/// Parses `M[,C[,T]]` with each level 0, 1 or 2.
fn parse_levels(text: &str) -> Option<Vec<u8>> {
    let levels: Option<Vec<u8>> = text
        .split(',')
        .map(|p| p.trim().parse().ok().filter(|&l| l <= 2))
        .collect();
    levels.filter(|l| (1..=3).contains(&l.len()))
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

/// Parses `-c name=value`.
pub fn parse_consts(consts: &[String]) -> Result<Vec<(String, String)>, BadValue> {
    consts
        .iter()
        .map(|c| match c.split_once('=') {
            Some((name, value)) if !value.trim().is_empty() => {
                let name = name.trim();
                if !is_identifier(name) {
                    return Err(BadValue(format!(
                        "'{c}' invalid value for: 'const': '{name}' is not a constant name \
                         (a lowercase letter first, then letters, digits, _ or ')"
                    )));
                }
                Ok((name.to_string(), value.trim().to_string()))
            }
            _ => Err(BadValue(format!(
                "'{c}' invalid value for: 'const' (expected ID=TERM)"
            ))),
        })
        .collect()
}

/// gringo's identifiers: `_*[a-z][A-Za-z0-9_']*`.
fn is_identifier(name: &str) -> bool {
    let rest = name.trim_start_matches('_');
    let mut chars = rest.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Cli {
        let argv = std::iter::once("sable")
            .chain(args.iter().copied())
            .map(String::from);
        Cli::try_parse_from(normalize(argv)).expect("parses")
    }

    #[test]
    fn models_attached_and_separate() {
        let cli = parse(&["prog.lp", "-n0"]);
        assert_eq!(cli.run.solve.models, Some(0));
        assert_eq!(cli.run.files, vec!["prog.lp"]);
        let cli = parse(&["-n", "3", "prog.lp"]);
        assert_eq!(cli.run.solve.models, Some(3));
    }

    #[test]
    fn verbose_zero_attached() {
        let cli = parse(&["-V0", "prog.lp"]);
        assert_eq!(cli.run.solve.to_options(None).unwrap().verbose, 0);
        assert_eq!(cli.run.files, vec!["prog.lp"]);
    }

    #[test]
    fn bare_number_is_models() {
        let (files, models) = split_files(&["a.lp".into(), "0".into()]).unwrap();
        assert_eq!(files, vec!["a.lp"]);
        assert_eq!(models, Some(0));
        assert!(split_files(&["1".into(), "2".into()]).is_err());
    }

    #[test]
    fn quiet_alone_and_with_levels() {
        let cli = parse(&["-q", "prog.lp"]);
        let opts = cli.run.solve.to_options(None).unwrap();
        assert_eq!(opts.quiet, [2, 2, 2]);
        assert_eq!(cli.run.files, vec!["prog.lp"]);
        let cli = parse(&["--quiet=1", "prog.lp"]);
        assert_eq!(cli.run.solve.to_options(None).unwrap().quiet, [1, 1, 2]);
        let cli = parse(&["--quiet=0,1,3"]);
        assert!(cli.run.solve.to_options(None).is_err());
    }

    #[test]
    fn threads_and_mode() {
        let opts = parse(&["-t", "4,split"])
            .run
            .solve
            .to_options(None)
            .unwrap();
        assert_eq!((opts.threads, opts.parallel_mode), (4, ParallelMode::Split));
        assert!(parse(&["-t", "2,sideways"])
            .run
            .solve
            .to_options(None)
            .is_err());
        assert!(parse(&["-t", "0"]).run.solve.to_options(None).is_err());
    }

    #[test]
    fn opt_strategy() {
        let strategy = |args: &[&str]| {
            parse(args)
                .run
                .solve
                .to_options(None)
                .map(|o| o.opt_strategy)
        };
        assert_eq!(
            strategy(&["--opt-strategy=usc"]).unwrap(),
            OptStrategy::CoreGuided
        );
        assert_eq!(
            strategy(&["--opt-strategy=bb,lin"]).unwrap(),
            OptStrategy::BranchAndBound
        );
        assert_eq!(strategy(&[]).unwrap(), OptStrategy::BranchAndBound);
        assert!(strategy(&["--opt-strategy=best"]).is_err());
    }

    #[test]
    fn opt_mode_with_bounds() {
        let opts = parse(&["--opt-mode=optN,5,-2"])
            .run
            .solve
            .to_options(None)
            .unwrap();
        assert_eq!(opts.opt_mode, OptMode::OptN);
        assert_eq!(opts.opt_bounds, vec![5, -2]);
        assert!(parse(&["--opt-mode=best"])
            .run
            .solve
            .to_options(None)
            .is_err());
    }

    #[test]
    fn enum_mode_project_and_outf() {
        let opts = parse(&["--enum-mode=cautious", "--project", "--outf=2"])
            .run
            .solve
            .to_options(None)
            .unwrap();
        assert_eq!(opts.enum_mode, EnumMode::Cautious);
        assert!(opts.project);
        assert_eq!(opts.output_format, OutputFormat::Json);
        assert!(parse(&["--outf=7"]).run.solve.to_options(None).is_err());
    }

    #[test]
    fn subcommands() {
        let cli = parse(&["ground", "a.lp", "-c", "n=3", "--text"]);
        match cli.command {
            Some(Command::Ground(g)) => {
                assert!(g.text);
                assert_eq!(
                    parse_consts(&g.grounder.consts).unwrap(),
                    vec![("n".to_string(), "3".to_string())]
                );
            }
            other => panic!("expected ground, got {other:?}"),
        }
        let cli = parse(&["solve", "-", "-n0"]);
        match cli.command {
            Some(Command::Solve(s)) => {
                assert_eq!(s.files, vec!["-"]);
                assert_eq!(s.solve.models, Some(0));
            }
            other => panic!("expected solve, got {other:?}"),
        }
    }

    #[test]
    fn bad_const_is_an_error() {
        assert!(parse_consts(&["n".into()]).is_err());
        assert!(parse_consts(&["=3".into()]).is_err());
        assert!(parse_consts(&["N=3".into()]).is_err());
        assert!(parse_consts(&["1=2".into()]).is_err());
        assert!(parse_consts(&["_n'1=2".into()]).is_ok());
    }

    #[test]
    fn warnings_are_checked() {
        let args = |w: &str| GrounderArgs {
            warn: vec![w.into()],
            ..GrounderArgs::default()
        };
        assert!(check_grounder_args(&args("none")).is_ok());
        assert!(check_grounder_args(&args("no-atom-undefined,other")).is_ok());
        assert!(check_grounder_args(&args("bogus")).is_err());
        assert!(check_grounder_args(&args("no-bogus")).is_err());
    }

    #[test]
    fn clasp_options_accepted_or_refused() {
        let ok = |args: &[&str]| parse(args).run.solve.to_options(None).is_ok();
        assert!(ok(&[
            "--configuration=trendy",
            "--sign-def=neg",
            "--restarts=L,100"
        ]));
        assert!(ok(&[
            "--rand-freq=0.02",
            "--eq=0",
            "--sat-prepro=2,iter=20,occ=25"
        ]));
        assert!(ok(&["--sat-prepro", "--restarts=x,100,1.5", "--eq=-1"]));
        assert!(!ok(&["--configuration=n=5"]));
        assert!(!ok(&["--configuration=fast"]));
        assert!(!ok(&["--restarts=Q,1"]));
        assert!(!ok(&["--rand-freq=2"]));
        assert!(!ok(&["--solve-limit=100"]));
        assert!(!ok(&["--supp-models"]));
        assert!(!ok(&["--out-ifs=,"]));
        assert!(!ok(&["--time-limit=9223372036854775807"]));
    }
}
