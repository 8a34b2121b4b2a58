//! How one solver searches: restart policy, phase saving, the initial variable order,
//! the activity decay and the seed of its random choices. The default configuration
//! and the portfolio of `-t N` (one configuration per thread index) are defined here.

use std::sync::atomic::{AtomicU64, Ordering};

/// When the search restarts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RestartPolicy {
    /// Glucose-style only: when the recent learnt clauses' LBD average exceeds the
    /// long-run one by a quarter.
    Glucose,
    /// Luby's sequence times this many conflicts.
    Luby(u64),
    /// Alternating modes, as modern SAT solvers do: a focused mode with glucose-style
    /// restarts and a stable mode with Luby restarts (times the unit), each mode
    /// running for a number of conflicts that grows with every switch.
    Alternate(u64),
}

/// When a variable's value is saved as its next decision's sign.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PhasePolicy {
    /// On every backtrack.
    Always,
    /// Never: decisions take the default sign (false).
    Never,
    /// Only on backjumps over more than this many levels (clasp's progress saving).
    LongBackjumps(u32),
}

/// Where the first decisions go, before conflicts have bumped any activity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum InitialOrder {
    /// By variable number (the grounder's atom order).
    Numbering,
    /// Pseudo-random, from the seed.
    Random,
    /// By occurrences in short clauses (weighted as Jeroslow-Wang does), ties broken
    /// pseudo-randomly from the seed.
    Occurrences,
}

/// One solver's search configuration.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SearchConfig {
    /// When to restart.
    pub restarts: RestartPolicy,
    /// When to save phases.
    pub phase: PhasePolicy,
    /// The order of the first decisions.
    pub initial_order: InitialOrder,
    /// The activity decay VSIDS ramps up to.
    pub decay: f64,
    /// The initial sign of every variable: `true` for the negative literal (atoms
    /// false first, clasp's ASP default).
    pub negative_sign: bool,
    /// The seed of random tie-breaking.
    pub seed: u64,
}

/// The seed `--seed` gave (1, clasp's default, unless set).
static DEFAULT_SEED: AtomicU64 = AtomicU64::new(1);

/// Sets the seed every solver created afterwards starts from (`--seed`).
pub fn set_default_seed(seed: u64) {
    DEFAULT_SEED.store(seed, Ordering::Relaxed);
}

impl Default for SearchConfig {
    fn default() -> SearchConfig {
        SearchConfig {
            restarts: RestartPolicy::Luby(100),
            phase: PhasePolicy::Always,
            initial_order: InitialOrder::Occurrences,
            decay: 0.95,
            negative_sign: true,
            seed: DEFAULT_SEED.load(Ordering::Relaxed),
        }
    }
}

impl SearchConfig {
    /// The configuration of thread `index` of a `-t N` competition: thread 0 runs the
    /// default, the others differ in restarts, phase saving, initial order, decay and
    /// seed (in the spirit of clasp's `--configuration=many`), so that one thread's
    /// poor start is another's easy run.
    pub fn for_thread(index: u64) -> SearchConfig {
        let default = SearchConfig::default();
        let seed = default.seed.wrapping_add(index);
        let variant = match index % 6 {
            0 => default,
            // The glucose-only search in the grounder's numbering (sable's first default).
            1 => SearchConfig {
                restarts: RestartPolicy::Glucose,
                initial_order: InitialOrder::Numbering,
                ..default
            },
            // Close to clasp's `tweety`: Luby 60, progress saved on long backjumps.
            2 => SearchConfig {
                restarts: RestartPolicy::Luby(60),
                phase: PhasePolicy::LongBackjumps(160),
                decay: 0.92,
                ..default
            },
            3 => SearchConfig {
                restarts: RestartPolicy::Alternate(100),
                initial_order: InitialOrder::Random,
                ..default
            },
            4 => SearchConfig {
                restarts: RestartPolicy::Luby(256),
                phase: PhasePolicy::Never,
                ..default
            },
            _ => SearchConfig {
                restarts: RestartPolicy::Glucose,
                negative_sign: false,
                decay: 0.92,
                ..default
            },
        };
        SearchConfig { seed, ..variant }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portfolio_threads_differ_from_the_default_and_each_other() {
        let configs: Vec<SearchConfig> = (0..6).map(SearchConfig::for_thread).collect();
        assert_eq!(
            SearchConfig {
                seed: 0,
                ..configs[0]
            },
            SearchConfig {
                seed: 0,
                ..SearchConfig::default()
            }
        );
        for (i, a) in configs.iter().enumerate() {
            for b in &configs[i + 1..] {
                assert_ne!(
                    SearchConfig { seed: 0, ..*a },
                    SearchConfig { seed: 0, ..*b },
                    "threads {i} and another search alike"
                );
            }
        }
        // The default restarts always (the glucose-only policy never did on queens).
        assert!(matches!(
            SearchConfig::default().restarts,
            RestartPolicy::Luby(_)
        ));
    }
}
