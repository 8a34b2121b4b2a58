//! Parallel search (`-t N`): one solver per thread over one shared, immutable formula.
//!
//! Two ways to use the threads:
//! - **Splitting** (enumeration, consequences, `-t N,split`): the search space is cut
//!   into disjoint parts by guiding paths (conjunctions of decisions). Every thread
//!   starts with a path from a shared queue; when a thread runs out of work it asks,
//!   and a busy thread gives away the other branch of its first decision below its
//!   path, keeping that decision in its own path (work splitting as in parallel
//!   DPLL, Zhang, Bonacina and Hsiang 1996; with the conflict-driven enumeration of
//!   Gebser, Kaufmann, Neumann and Schaub 2007 each part is enumerated by
//!   backtracking). The parts never overlap, so every model is found exactly once.
//! - **Competition** (one model, `-t N` by default): every thread searches the whole
//!   space with its own configuration; the first to answer ends the search.
//!
//! In both, short learnt clauses are shared: they follow from the program (and from
//! constraints that exclude only models already reported), so they hold in every
//! thread's part. Threads only search; models go through a channel to the calling
//! thread, which prints them one at a time and in order.

use crate::model_loop::{model_check, Ending, Found, ModelTask, Next};
use crate::program::Translation;
use crate::search::{Outcome, Solver, Stats};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::Instant;

pub use crate::search::share::{Exchange, Share};

/// How the threads divide the work: disjoint parts of the space (`Split`), or each
/// thread the whole space, configured differently (`Compete`), as `-t N,MODE` says.
pub use crate::options::ParallelMode as Division;

/// Stops the search when its thread panics, so that the others do not wait for it
/// forever (the panic then reaches the caller).
struct StopOnPanic<'a>(&'a Share);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

/// The parallel driver of the model loop ([`crate::model_loop`]): `task` on
/// `threads` solvers dividing the space as `division` says, while the calling thread
/// gives `consume` each report (false from it stops the search). Tasks that solve
/// under assumptions run only sequentially.
pub fn run_parallel<T: ModelTask>(
    translation: &Translation,
    task: &T,
    threads: usize,
    division: Division,
    deadline: Option<Instant>,
    mut consume: impl FnMut(T::Report) -> bool,
) -> Ending {
    debug_assert!(task.assumptions().is_none(), "assumptions are sequential");
    let paths = match division {
        Division::Split => vec![Vec::new()],
        Division::Compete => vec![Vec::new(); threads],
    };
    let share = Share::new(threads, paths);
    let (sender, receiver) = mpsc::sync_channel::<T::Report>(256);
    // The caller stopped the search: later reports are dropped.
    let mut stopped = false;
    let mut ending = std::thread::scope(|scope| {
        let share = &share;
        let searching = scope.spawn(move || {
            let ending = run_threads(
                translation,
                task,
                threads,
                division,
                deadline,
                share,
                &sender,
            );
            // Dropping the sender ends the receiving loop.
            drop(sender);
            ending
        });
        for report in receiver.iter() {
            if !stopped && !consume(report) {
                stopped = true;
                share.stop();
            }
        }
        searching.join().expect("the solver threads do not panic")
    });
    ending.exhausted &= !stopped;
    ending.interrupted &= !stopped;
    ending
}

/// Runs `threads` solvers over `share`'s parts of the search space, sending the
/// task's reports through `sender`.
fn run_threads<T: ModelTask>(
    translation: &Translation,
    task: &T,
    threads: usize,
    division: Division,
    deadline: Option<Instant>,
    share: &Share,
    sender: &mpsc::SyncSender<T::Report>,
) -> Ending {
    let stats = Mutex::new(Stats::default());
    let exhausted = AtomicBool::new(false);
    let interrupted = AtomicBool::new(false);
    // The whole space is done (one thread of a competition, or unsatisfiable).
    let finish = || {
        exhausted.store(true, Ordering::Relaxed);
        share.stop();
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("sable-solver-{i}"))
        .build()
        .expect("the solver threads start");
    let formula = &translation.formula;
    pool.broadcast(|ctx| {
        let _guard = StopOnPanic(share);
        let thread = ctx.index();
        let sender = sender.clone();
        let mut report = |r| {
            let _ = sender.send(r);
        };
        let stopped = || share.stopped();
        let mut found = Found {
            report: &mut report,
            stopped: &stopped,
            share: Some(share),
        };
        let mut solver = Solver::with_auxiliary_decisions(formula, task.decide_auxiliary());
        if division == Division::Compete {
            solver.configure(thread as u64);
        }
        let mut check = model_check(translation);
        if !task.setup(&mut solver) {
            finish();
        }
        solver.attach(share.exchange(thread, division == Division::Split));
        'paths: while let Some(path) = share.next_path() {
            if !solver.start_path(&path) {
                if solver.is_unsat() {
                    finish();
                }
                continue;
            }
            loop {
                match solver.search(check.as_mut(), deadline) {
                    Outcome::Exhausted => {
                        if division == Division::Compete {
                            finish();
                        }
                        continue 'paths;
                    }
                    Outcome::Interrupted => {
                        if share.stopped() {
                            break 'paths;
                        }
                        let late = deadline.is_some_and(|d| Instant::now() >= d);
                        if late || crate::interrupt::requested() {
                            interrupted.store(true, Ordering::Relaxed);
                            share.stop();
                            break 'paths;
                        }
                        // Paused for a better bound.
                        solver.mark_bound_seen(share.bound_version());
                        if !task.tighten(&mut solver) {
                            finish();
                            break 'paths;
                        }
                        continue;
                    }
                    Outcome::Model => {}
                }
                #[cfg(debug_assertions)]
                crate::verify::assert_stable(translation, solver.values());
                if task.found(&mut solver, &mut found) != Next::Search {
                    if division == Division::Compete {
                        finish();
                    }
                    continue 'paths;
                }
                if share.stopped() {
                    break 'paths;
                }
            }
        }
        if std::env::var_os("SABLE_DEBUG_PARALLEL").is_some() {
            eprintln!("thread {thread}: {:?}", solver.stats);
        }
        *stats.lock().expect("no thread panics holding the lock") += &solver.stats;
    });
    let all_done = share.all_done();
    let interrupted = interrupted.load(Ordering::Relaxed);
    let exhausted = exhausted.load(Ordering::Relaxed)
        || (division == Division::Split && all_done && !share.stopped() && !interrupted);
    let stats = stats
        .into_inner()
        .expect("no thread panics holding the lock");
    Ending {
        stats,
        last_stats: stats,
        exhausted,
        interrupted,
    }
}
