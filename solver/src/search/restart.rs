//! Restarts: Luby's sequence (the default), glucose-style (recent LBDs above the
//! long-run average), or alternating focused and stable modes of the two.

use super::Solver;

use super::config::{RestartPolicy, SearchConfig};

fn luby(i: u32) -> u64 {
    // The i-th element (0-based) of 1 1 2 1 1 2 4 ...
    let mut size = 1u64;
    let mut seq = 0u32;
    while size < i as u64 + 1 {
        seq += 1;
        size = 2 * size + 1;
    }
    let mut x = i as u64;
    while size - 1 != x {
        size = (size - 1) >> 1;
        seq -= 1;
        x %= size;
    }
    1u64 << seq
}

/// The number of conflicts of the first mode under [`RestartPolicy::Alternate`];
/// every further mode runs 1.5 times longer than the one before it of its kind.
const FIRST_MODE_CONFLICTS: u64 = 1000;

/// The restart policy's state.
pub(super) struct Restarts {
    pub(super) policy: RestartPolicy,
    /// The position in Luby's sequence (counts Luby restarts).
    pub(super) luby_index: u32,
    /// Conflicts since the last restart.
    pub(super) conflicts: u64,
    /// The moving averages of learnt clauses' LBD: over about the last 32 conflicts,
    /// and over the last 4096.
    pub(super) lbd_fast: f64,
    pub(super) lbd_slow: f64,
    /// Under [`RestartPolicy::Alternate`]: whether the stable (Luby) mode is on, the
    /// conflicts left in the current mode and the length of the next one.
    pub(super) stable: bool,
    mode_left: u64,
    mode_length: u64,
}

impl Restarts {
    pub(super) fn new(policy: RestartPolicy) -> Restarts {
        Restarts {
            policy,
            luby_index: 0,
            conflicts: 0,
            lbd_fast: 0.0,
            lbd_slow: 0.0,
            stable: false,
            mode_left: FIRST_MODE_CONFLICTS,
            mode_length: FIRST_MODE_CONFLICTS,
        }
    }

    /// Counts a conflict.
    #[inline]
    pub(super) fn conflict(&mut self) {
        self.conflicts += 1;
        self.mode_left = self.mode_left.saturating_sub(1);
    }

    fn glucose_due(&self) -> bool {
        self.conflicts >= 50 && self.lbd_fast > 1.25 * self.lbd_slow
    }

    fn luby_due(&self, unit: u64) -> bool {
        self.conflicts >= luby(self.luby_index) * unit
    }

    /// Whether the search should restart now (a mode switch is a restart too).
    pub(super) fn due(&mut self) -> bool {
        match self.policy {
            RestartPolicy::Glucose => self.glucose_due(),
            RestartPolicy::Luby(unit) => self.luby_due(unit),
            RestartPolicy::Alternate(unit) => {
                if self.mode_left == 0 {
                    self.stable = !self.stable;
                    if !self.stable {
                        self.mode_length += self.mode_length / 2;
                    }
                    self.mode_left = self.mode_length;
                    self.luby_index = 0;
                    return true;
                }
                if self.stable {
                    self.luby_due(unit)
                } else {
                    self.glucose_due()
                }
            }
        }
    }

    /// Counts a restart.
    pub(super) fn restarted(&mut self) {
        self.conflicts = 0;
        self.luby_index += 1;
    }

    /// Updates the LBD averages with a clause learnt at conflict number `conflicts`.
    pub(super) fn learnt(&mut self, lbd: f64, conflicts: u64) {
        self.lbd_fast += (lbd - self.lbd_fast) / 32.0;
        self.lbd_slow += (lbd - self.lbd_slow) / 4096.0_f64.min(conflicts as f64);
    }
}

impl<'f> Solver<'f> {
    /// Varies this solver's search for a portfolio of threads (`variant` 0 is the
    /// default configuration): see [`SearchConfig::for_thread`]. Call it right after
    /// creating the solver.
    pub fn configure(&mut self, variant: u64) {
        self.apply_config(SearchConfig::for_thread(variant));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn restarts_within(r: &mut Restarts, conflicts: u64) -> u64 {
        let mut n = 0;
        r.lbd_fast = 10.0;
        r.lbd_slow = 10.0;
        for _ in 0..conflicts {
            r.conflict();
            // A steady LBD: glucose-style restarts never fire on it.
            r.learnt(10.0, 1000);
            if r.due() {
                r.restarted();
                n += 1;
            }
        }
        n
    }

    #[test]
    fn luby_and_alternating_modes_restart_on_a_steady_search() {
        let mut glucose = Restarts::new(RestartPolicy::Glucose);
        assert_eq!(restarts_within(&mut glucose, 5000), 0);
        let mut luby = Restarts::new(RestartPolicy::Luby(100));
        // 1 1 2 1 1 2 4 1 1 2 (x100) end at 1600 conflicts.
        assert_eq!(restarts_within(&mut luby, 1600), 10);
        let mut alternate = Restarts::new(RestartPolicy::Alternate(100));
        assert!(restarts_within(&mut alternate, 1000) <= 1, "focused first");
        assert!(alternate.stable || alternate.mode_left == FIRST_MODE_CONFLICTS);
        assert!(restarts_within(&mut alternate, 1000) >= 5, "then stable");
    }

    #[test]
    fn luby_sequence() {
        let seq: Vec<u64> = (0..15).map(luby).collect();
        assert_eq!(seq, vec![1, 1, 2, 1, 1, 2, 4, 1, 1, 2, 1, 1, 2, 4, 8]);
    }
}
