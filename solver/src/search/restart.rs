//! Restarts: glucose-style (recent LBDs above the long-run average, the default) or
//! Luby's sequence, and the portfolio variants of parallel competition.

use super::Solver;

pub(super) const RESTART_UNIT: u64 = 100;

pub(super) fn luby(i: u32) -> u64 {
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

impl<'f> Solver<'f> {
    /// Varies this solver's search for a portfolio of threads (`variant` 0 is the
    /// default configuration): restart policy, initial signs and an activity order
    /// drawn from `variant`.
    pub fn configure(&mut self, variant: u64) {
        if variant == 0 {
            return;
        }
        self.glucose = variant.is_multiple_of(2);
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
