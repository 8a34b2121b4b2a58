//! Restarts: glucose-style (recent LBDs above the long-run average, the default) or
//! Luby's sequence, and the portfolio variants of parallel competition.

use super::Solver;

const RESTART_UNIT: u64 = 100;

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

/// The restart policy's state.
pub(super) struct Restarts {
    /// Glucose-style restarts (recent LBDs above the long-run average) instead of Luby.
    pub(super) glucose: bool,
    /// The position in Luby's sequence (counts restarts).
    pub(super) luby_index: u32,
    /// Conflicts since the last restart.
    pub(super) conflicts: u64,
    /// The moving averages of learnt clauses' LBD: over about the last 32 conflicts,
    /// and over the last 4096.
    pub(super) lbd_fast: f64,
    pub(super) lbd_slow: f64,
}

impl Default for Restarts {
    fn default() -> Restarts {
        Restarts {
            glucose: true,
            luby_index: 0,
            conflicts: 0,
            lbd_fast: 0.0,
            lbd_slow: 0.0,
        }
    }
}

impl Restarts {
    /// Whether the search should restart now.
    pub(super) fn due(&self) -> bool {
        if self.glucose {
            self.conflicts >= 50 && self.lbd_fast > 1.25 * self.lbd_slow
        } else {
            self.conflicts >= luby(self.luby_index) * RESTART_UNIT
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
    /// default configuration): restart policy, initial signs and an activity order
    /// drawn from `variant`.
    pub fn configure(&mut self, variant: u64) {
        if variant == 0 {
            return;
        }
        self.restarts.glucose = variant.is_multiple_of(2);
        if variant % 3 == 1 {
            for phase in self.heuristic.phase.iter_mut() {
                *phase = !*phase;
            }
        }
        self.heuristic.shuffle(variant);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luby_sequence() {
        let seq: Vec<u64> = (0..15).map(luby).collect();
        assert_eq!(seq, vec![1, 1, 2, 1, 1, 2, 4, 1, 1, 2, 1, 1, 2, 4, 8]);
    }
}
