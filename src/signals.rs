//! Signals: SIGINT, SIGTERM and SIGHUP end sable the way clingo's Ctrl-C does, with
//! what was found and the summary, exit 1 (or 11 after a model).
//!
//! The handler is installed once the options are known, before any input is read
//! ([`on_loading`], or [`install`] for `sable ground`). What a signal does depends on
//! the phase the process is in:
//!
//! - **loading** (reading input, grounding, reading a ground program): nothing polls
//!   a stop request there, so the handler itself prints the interrupted result (the
//!   phase's [`on_loading`] action: UNKNOWN and the summary, in the output format
//!   asked for) and ends the process with exit code 1. `--time-limit` does the same
//!   when it runs out in this phase ([`time_limit_while_loading`]).
//! - **solving**: the first signal asks the search to stop
//!   ([`solver::interrupt::request`]); the search prints the models found and the
//!   summary. A repeated signal within [`GRACE`] of the first is the same request
//!   (`timeout -s INT` signals the process and its group; a terminal signals every
//!   process of a pipeline): it is ignored, so no line and no count is lost. A repeated
//!   signal after that ends a process that did not stop on the first at once (exit 1),
//!   between two lines of output, never inside one.
//! - **done**: the summary is being written; signals are ignored.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// A repeated signal this soon after the first is taken as the same request.
pub const GRACE: Duration = Duration::from_secs(1);

/// The exit code of an interruption without a model (clasp's).
const EXIT_INTERRUPTED: i32 = 1;

/// What ended the loading phase early.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// A signal.
    Signal,
    /// `--time-limit` ran out before the search started.
    TimeLimit,
}

type Action = Box<dyn Fn(Stop) + Send>;

enum Phase {
    /// Reading and grounding; the action prints the interrupted result.
    Loading(Option<Action>),
    /// The search polls the stop request.
    Solving,
    /// The search has ended.
    Done,
}

static PHASE: Mutex<Phase> = Mutex::new(Phase::Loading(None));
/// Serialises writes to standard output with the handler's exit (see [`Guarded`]).
static OUTPUT: Mutex<()> = Mutex::new(());
/// Milliseconds from [`origin`] to the first signal of the solving phase, plus one
/// (0: none yet).
static FIRST: AtomicU64 = AtomicU64::new(0);
/// Set by [`enter_solving`].
static SEARCH_STARTED: AtomicBool = AtomicBool::new(false);

fn origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

fn lock<T>(m: &'static Mutex<T>) -> MutexGuard<'static, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Installs the handler (once; later calls do nothing). Without an [`on_loading`]
/// action, a signal during loading ends the process with a note on standard error.
pub fn install() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        origin();
        // (Fails only if another handler is installed already.)
        let _ = ctrlc::set_handler(handle);
    });
}

/// Sets what a signal (or the time limit) during loading does (print the interrupted
/// result) and installs the handler.
pub fn on_loading(action: impl Fn(Stop) + Send + 'static) {
    *lock(&PHASE) = Phase::Loading(Some(Box::new(action)));
    install();
}

/// Starts a timer that ends the loading phase at `deadline` as a signal would (the
/// action prints the result, exit 1); once the search runs, the search keeps the
/// time limit itself and the timer does nothing.
pub fn time_limit_while_loading(deadline: Instant) {
    std::thread::spawn(move || {
        std::thread::sleep(deadline.saturating_duration_since(Instant::now()));
        let mut phase = lock(&PHASE);
        if let Phase::Loading(action) = &mut *phase {
            if let Some(action) = action.take() {
                action(Stop::TimeLimit);
                let _ = std::io::stdout().flush();
                std::process::exit(EXIT_INTERRUPTED);
            }
        }
    });
}

/// The search starts: from now on signals ask it to stop. If the handler is printing
/// the interrupted result of the loading phase, this waits (and the process ends).
pub fn enter_solving() {
    *lock(&PHASE) = Phase::Solving;
    SEARCH_STARTED.store(true, Ordering::SeqCst);
}

/// Whether the search has started (and printed its own header). Lock-free: it is
/// asked by actions that run while the phase lock is held.
pub fn solving() -> bool {
    SEARCH_STARTED.load(Ordering::SeqCst)
}

/// The search has ended: signals are ignored from now on.
pub fn enter_done() {
    *lock(&PHASE) = Phase::Done;
}

fn handle() {
    let mut phase = lock(&PHASE);
    match &mut *phase {
        Phase::Loading(action) => {
            // Hold the phase lock: the main thread cannot start the search meanwhile.
            match action.take() {
                Some(action) => action(Stop::Signal),
                None => note("INTERRUPTED by signal!"),
            }
            let _ = std::io::stdout().flush();
            std::process::exit(EXIT_INTERRUPTED);
        }
        Phase::Solving => {
            let now = origin().elapsed().as_millis() as u64 + 1;
            match FIRST.compare_exchange(0, now, Ordering::SeqCst, Ordering::SeqCst) {
                Ok(_) => {
                    solver::interrupt::request();
                }
                Err(first) if now.saturating_sub(first) < GRACE.as_millis() as u64 => {}
                Err(_) => {
                    // Asked twice and still running: end between two lines.
                    let _output = lock(&OUTPUT);
                    note("INTERRUPTED by signal again: ending without the summary");
                    std::process::exit(EXIT_INTERRUPTED);
                }
            }
        }
        Phase::Done => {}
    }
}

fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "*** Info : (sable): {text}");
}

/// A writer whose every write happens under the lock the handler takes before it ends
/// the process: put it below a `LineWriter`, and the process never ends inside a line.
pub struct Guarded<W: Write>(pub W);

impl<W: Write> Write for Guarded<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let _output = lock(&OUTPUT);
        self.0.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        let _output = lock(&OUTPUT);
        self.0.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let _output = lock(&OUTPUT);
        self.0.flush()
    }
}
