//! Solver settings, named like clasp's command-line options.

/// `--opt-mode`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum OptMode {
    /// `opt`: find one optimal model.
    #[default]
    Opt,
    /// `enum`: enumerate models with cost at most the bound.
    Enum,
    /// `optN`: find the optimum, then enumerate all optimal models.
    OptN,
    /// `ignore`: ignore minimize statements.
    Ignore,
}

/// `--opt-strategy`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OptStrategy {
    /// `bb`: model-guided branch and bound (each model tightens the bound).
    #[default]
    BranchAndBound,
    /// `usc`: core-guided (OLL): lower bounds from unsatisfiable cores.
    CoreGuided,
}

/// `--enum-mode`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EnumMode {
    /// `auto`: backtracking, or recording for projection.
    #[default]
    Auto,
    /// `bt`: backtracking.
    Backtrack,
    /// `record`: blocking nogoods.
    Record,
    /// `brave`: the union of all answer sets.
    Brave,
    /// `cautious`: the intersection of all answer sets.
    Cautious,
}

/// `--outf`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputFormat {
    /// `0`: clasp's text.
    #[default]
    Text,
    /// `1`: the ASP competition format.
    Competition,
    /// `2`: clasp's JSON.
    Json,
    /// `3`: no output.
    None,
    /// clasp's SAT-solver output (`v` lines, `s` verdict, `c` comments), chosen by a
    /// DIMACS input rather than by `--outf`.
    Dimacs,
}

/// `-t N[,MODE]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ParallelMode {
    /// Each thread searches the whole space with its own configuration.
    #[default]
    Compete,
    /// Threads split the search space.
    Split,
}

/// `--heuristic`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HeuristicKind {
    /// The default activity-based heuristic.
    #[default]
    Default,
    /// `Domain`: honour `#heuristic` statements.
    Domain,
}

/// Everything that decides how a program is solved and how the result is printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SolveOptions {
    /// `-n`: how many models to compute; 0 for all.
    pub models: u64,
    /// `-n` was given: `optN` then stops after that many optimal models (without it
    /// clasp enumerates all of them, though the default is 1).
    pub models_given: bool,
    /// `-t`: number of threads.
    pub threads: usize,
    /// `-t N,MODE`.
    pub parallel_mode: ParallelMode,
    /// `--opt-mode`.
    pub opt_mode: OptMode,
    /// `--opt-mode=MODE,B1,B2...`: initial bounds, highest priority first.
    pub opt_bounds: Vec<i64>,
    /// `--opt-strategy`.
    pub opt_strategy: OptStrategy,
    /// `--enum-mode`.
    pub enum_mode: EnumMode,
    /// `--project`: print each projected answer set once.
    pub project: bool,
    /// `--quiet=M,C,T`: how much of models (M), optimisation (C) and calls (T) to print.
    pub quiet: [u8; 3],
    /// `--outf`.
    pub output_format: OutputFormat,
    /// `-V`: verbosity (0 prints only results).
    pub verbose: u8,
    /// `--time-limit` in seconds.
    pub time_limit: Option<u64>,
    /// `--stats[=N]`.
    pub stats: u8,
    /// `--heuristic`.
    pub heuristic: HeuristicKind,
    /// `--seed`.
    pub seed: u64,
    /// With [`OutputFormat::Dimacs`]: the number of variables (atoms `1..=N`) each
    /// `v` line lists.
    pub dimacs_variables: u32,
    /// The input names printed in `Reading from ...`.
    pub input_names: Vec<String>,
    /// The program name printed in the banner (`sable version ...`).
    pub banner: String,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            models: 1,
            models_given: false,
            threads: 1,
            parallel_mode: ParallelMode::Compete,
            opt_mode: OptMode::Opt,
            opt_bounds: Vec::new(),
            opt_strategy: OptStrategy::BranchAndBound,
            enum_mode: EnumMode::Auto,
            project: false,
            quiet: [0, 0, 0],
            output_format: OutputFormat::Text,
            verbose: 1,
            time_limit: None,
            stats: 0,
            heuristic: HeuristicKind::Default,
            seed: 1,
            dimacs_variables: 0,
            input_names: Vec::new(),
            banner: format!("sable version {}", env!("CARGO_PKG_VERSION")),
        }
    }
}
