//! From clap's [`SolveArgs`] to the solver's [`SolveOptions`]: each value checked, clasp's
//! search-tuning options accepted with a note or refused with what to use instead.

use super::{bad, BadValue, SolveArgs, MAX_TIME_LIMIT};
use solver::{
    EnumMode, HeuristicKind, OptMode, OptStrategy, OutputFormat, ParallelMode, SolveOptions,
};

/// clasp's named configurations.
const CONFIGURATIONS: &[&str] = &[
    "auto", "frumpy", "jumpy", "tweety", "handy", "crafty", "trendy", "many",
];

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

/// Parses `M[,C[,T]]` with each level 0, 1 or 2.
fn parse_levels(text: &str) -> Option<Vec<u8>> {
    let levels: Option<Vec<u8>> = text
        .split(',')
        .map(|p| p.trim().parse().ok().filter(|&l| l <= 2))
        .collect();
    levels.filter(|l| (1..=3).contains(&l.len()))
}
