//! The process-wide stop request of a signal (Ctrl-C): the CLI's signal handler sets
//! it, every search polls it where it looks at the clock (see
//! [`crate::search::Solver::search`]) and ends with
//! [`crate::search::Outcome::Interrupted`], so what was found so far is still printed.

use std::sync::atomic::{AtomicBool, Ordering};

static STOP: AtomicBool = AtomicBool::new(false);

/// Asks every search to stop; returns whether a stop had been asked before.
pub fn request() -> bool {
    STOP.swap(true, Ordering::Relaxed)
}

/// Whether a stop was asked.
#[inline]
pub fn requested() -> bool {
    STOP.load(Ordering::Relaxed)
}
