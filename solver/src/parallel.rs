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

use crate::enumerate::{EnumerateOptions, Summary};
use crate::lit::{Lit, Value};
use crate::minimality::MinimalityCheck;
use crate::optimize::{
    estimate_changing_clause, update_estimate, Objective, OptimizeOptions, OptimizeSummary,
};
use crate::program::Translation;
use crate::search::{AcceptAll, ModelCheck, Outcome, Solver, Stats};
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::Instant;

pub use crate::search::share::{Exchange, Share};

/// The disjunctive programs' minimality check, or none.
fn checker(t: &Translation) -> Box<dyn ModelCheck + '_> {
    if t.non_hcf {
        Box::new(MinimalityCheck {
            rules: &t.rules,
            atoms: &t.atom_lits,
            rejected: 0,
        })
    } else {
        Box::new(AcceptAll)
    }
}

/// How the threads divide the work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Division {
    /// Disjoint parts of the search space.
    Split,
    /// Each thread the whole space, configured differently.
    Compete,
}

/// Something a thread does to its solver; false: nothing is left to search.
type SolverHook<'h> = dyn Fn(&mut Solver) -> bool + Sync + 'h;

/// What the threads do besides searching.
struct Hooks<'h> {
    /// Prepares a new solver (constraints every model must meet); false when
    /// nothing can meet them.
    setup: &'h (dyn Fn(&mut Solver) -> bool + Sync),
    /// Takes a model (sends what the caller needs), then excludes it from the
    /// solver's part; false when that part is done.
    found: &'h (dyn Fn(&mut Solver) -> bool + Sync),
    /// Another thread improved the bound: tighten the solver's; false when nothing
    /// better is left.
    tighten: &'h (dyn Fn(&mut Solver) -> bool + Sync),
}

fn accept(_: &mut Solver) -> bool {
    true
}

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

/// How a parallel search ended.
struct Ending {
    stats: Stats,
    /// Every part was searched to the end.
    exhausted: bool,
    /// The deadline or a signal stopped the search.
    interrupted: bool,
}

/// Runs `threads` solvers over `share`'s parts of the search space.
fn run_threads(
    t: &Translation,
    threads: usize,
    division: Division,
    decide_auxiliary: bool,
    deadline: Option<Instant>,
    share: &Share,
    hooks: &Hooks,
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
    pool.broadcast(|ctx| {
        let _guard = StopOnPanic(share);
        let thread = ctx.index();
        let mut solver = Solver::with_auxiliary_decisions(&t.formula, decide_auxiliary);
        if division == Division::Compete {
            solver.configure(thread as u64);
        }
        let mut check = checker(t);
        if !(hooks.setup)(&mut solver) {
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
                        if !(hooks.tighten)(&mut solver) {
                            finish();
                            break 'paths;
                        }
                        continue;
                    }
                    Outcome::Model => {}
                }
                #[cfg(debug_assertions)]
                crate::verify::assert_stable(t, solver.values());
                if !(hooks.found)(&mut solver) {
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
    Ending {
        stats: stats
            .into_inner()
            .expect("no thread panics holding the lock"),
        exhausted,
        interrupted,
    }
}

/// Runs the search on `threads` threads while the calling thread takes what `found`
/// sends through `receiver` (in `consume`), until every thread is done. `hooks` are
/// the setup and tighten hooks ([`Hooks`]).
#[allow(clippy::too_many_arguments)]
fn search_and_receive<'h, M: Send>(
    t: &Translation,
    threads: usize,
    division: Division,
    decide_auxiliary: bool,
    deadline: Option<Instant>,
    share: &Share,
    hooks: (&'h SolverHook<'h>, &'h SolverHook<'h>),
    found: impl Fn(&mut Solver) -> bool + Sync + Send,
    receiver: mpsc::Receiver<M>,
    mut consume: impl FnMut(M),
) -> Ending {
    std::thread::scope(|scope| {
        let searching = scope.spawn(move || {
            let hooks = Hooks {
                setup: hooks.0,
                found: &found,
                tighten: hooks.1,
            };
            let ending = run_threads(
                t,
                threads,
                division,
                decide_auxiliary,
                deadline,
                share,
                &hooks,
            );
            // Dropping the sender ends the receiving loop.
            drop(found);
            ending
        });
        for message in receiver.iter() {
            consume(message);
        }
        searching.join().expect("the solver threads do not panic")
    })
}

/// [`crate::enumerate::enumerate`] on `threads` threads: every model (or projected
/// model) exactly once, passed to `on_model` on the calling thread in the order found.
/// Without `need_values` (nothing printed per model, no projection) the threads only
/// count, and `on_model` gets an empty slice.
pub fn enumerate(
    t: &Translation,
    opts: &EnumerateOptions,
    threads: usize,
    division: Division,
    need_values: bool,
    mut on_model: impl FnMut(&[Value]) -> bool,
) -> Summary {
    let start = Instant::now();
    // One model is a race; more are a division of the space.
    let division = if opts.models == 1 {
        division
    } else {
        Division::Split
    };
    let paths = match division {
        Division::Split => vec![Vec::new()],
        Division::Compete => vec![Vec::new(); threads],
    };
    let share = Share::new(threads, paths);
    let project = opts.project.as_deref();
    let need_values = need_values || project.is_some();
    // Models counted by the threads themselves when nothing is printed.
    let counted = AtomicU64::new(0);
    // The model limit ended the search (so it was not searched to the end).
    let limited = AtomicBool::new(false);
    let limited_ref = &limited;
    let first_model = Mutex::new(None);
    let (sender, receiver) = mpsc::sync_channel::<Vec<Value>>(256);
    let share_ref = &share;
    let counted_ref = &counted;
    let first_ref = &first_model;
    let found = move |solver: &mut Solver| -> bool {
        if need_values {
            let _ = sender.send(solver.values().to_vec());
        } else {
            let limit = opts.models;
            let taken = counted_ref.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
                (limit == 0 || n < limit).then_some(n + 1)
            });
            match taken {
                Ok(0) => {
                    *first_ref.lock().expect("no thread panics holding the lock") =
                        Some(start.elapsed().as_secs_f64());
                }
                Ok(_) => {}
                Err(_) => {
                    limited_ref.store(true, Ordering::Relaxed);
                    share_ref.stop();
                }
            }
            if limit != 0 && taken == Ok(limit - 1) {
                limited_ref.store(true, Ordering::Relaxed);
                share_ref.stop();
            }
        }
        match project {
            Some(lits) => crate::enumerate::exclude_projection(solver, lits),
            None => solver.backtrack_model(),
        }
    };
    let mut summary = Summary::default();
    let decide_auxiliary = opts.models == 1;
    let deadline = opts.deadline;
    // Threads in other parts may find models with the same projection: each
    // projected model is reported once.
    let mut seen: HashSet<Vec<bool>> = HashSet::new();
    let mut stopped = false;
    let ending = search_and_receive(
        t,
        threads,
        division,
        decide_auxiliary,
        deadline,
        share_ref,
        (&accept, &accept),
        found,
        receiver,
        |values| {
            if stopped {
                return;
            }
            if let Some(lits) = project {
                let key: Vec<bool> = lits
                    .iter()
                    .map(|l| values[l.index()] == Value::True)
                    .collect();
                if !seen.insert(key) {
                    return;
                }
            }
            summary.models += 1;
            summary.note_model_time(start);
            let go_on = on_model(&values);
            if !go_on || (opts.models != 0 && summary.models >= opts.models) {
                stopped = true;
                limited_ref.store(true, Ordering::Relaxed);
                share_ref.stop();
            }
        },
    );
    if !need_values {
        summary.models = counted.into_inner();
        summary.first_model = first_model
            .into_inner()
            .expect("no thread panics holding the lock");
        for _ in 0..summary.models {
            if !on_model(&[]) {
                break;
            }
        }
    }
    summary.stats = ending.stats;
    summary.interrupted = ending.interrupted;
    summary.exhausted = ending.exhausted && !limited.into_inner();
    summary
}

/// [`crate::optimize::consequences`] on `threads` threads splitting the space. Each
/// model narrows (cautious) or widens (brave) the shared estimate; a solver then
/// looks only for models that would change it. A part searched to the end under an
/// older estimate holds nothing outside the newer one either, so when every part is
/// done the estimate is exact.
pub fn consequences(
    t: &Translation,
    brave: bool,
    deadline: Option<Instant>,
    threads: usize,
    mut on_step: impl FnMut(&[Value], &[Value]),
) -> Summary {
    let start = Instant::now();
    let share = Share::new(threads, vec![Vec::new()]);
    let mut current: Vec<Value> = vec![Value::Unassigned; 2 * t.formula.num_vars as usize];
    current[Lit::TRUE.index()] = Value::True;
    current[Lit::FALSE.index()] = Value::False;
    // The estimate, and whether a model has set it yet.
    let estimate = Mutex::new((current, false));
    // An estimate and the root-level values of the solver that made it.
    let (sender, receiver) = mpsc::channel::<(Vec<Value>, Vec<Value>)>();
    let estimate_ref = &estimate;
    let found = move |solver: &mut Solver| -> bool {
        let clause: Vec<Lit> = {
            let mut guard = estimate_ref
                .lock()
                .expect("no thread panics holding the lock");
            let (current, set) = &mut *guard;
            update_estimate(t, brave, !*set, current, solver.values());
            *set = true;
            // Sent under the lock: the estimates arrive in the order they were made.
            let _ = sender.send((current.clone(), solver.root_values()));
            estimate_changing_clause(t, brave, current)
        };
        solver.block(clause)
    };
    let share_ref = &share;
    let mut summary = Summary::default();
    let ending = search_and_receive(
        t,
        threads,
        Division::Split,
        false,
        deadline,
        share_ref,
        (&accept, &accept),
        found,
        receiver,
        |(step, root)| {
            summary.models += 1;
            summary.note_model_time(start);
            on_step(&step, &root);
        },
    );
    summary.stats = ending.stats;
    summary.interrupted = ending.interrupted;
    summary.exhausted = ending.exhausted;
    summary
}

/// [`crate::optimize::optimize`] on `threads` threads (objectives that fit one
/// scaled sum): differently configured solvers race, each bounded by the best model
/// any of them found; a solver that learns of a better bound pauses to tighten its
/// own. The thread that finds nothing below the best bound proves it optimal. With
/// `all_optimal`, the optimal models are then enumerated by splitting.
pub fn optimize(
    t: &Translation,
    objective: &Objective,
    opts: &OptimizeOptions,
    threads: usize,
    mut on_model: impl FnMut(&[Value], &[i64], bool),
) -> OptimizeSummary {
    if !objective.one_sum() || opts.enumerate {
        return crate::optimize::optimize(t, objective, opts, on_model);
    }
    let start = Instant::now();
    let mut result = OptimizeSummary::default();
    let initial = if opts.bounds.is_empty() {
        None
    } else {
        match objective.limit(&opts.bounds) {
            Some(limit) => Some(limit),
            None => {
                result.summary.exhausted = true;
                return result;
            }
        }
    };
    let share = Share::new(threads, vec![Vec::new(); threads]);
    // The combined cost of the best model so far.
    let best: Mutex<Option<u64>> = Mutex::new(None);
    let (sender, receiver) = mpsc::channel::<(Vec<Value>, Vec<i64>)>();
    let best_ref = &best;
    let share_ref = &share;
    // The limit a solver must stay within: below the best, else the initial bound.
    let limit = move || -> Option<Option<u64>> {
        match *best_ref.lock().expect("no thread panics holding the lock") {
            Some(b) => Some(b.checked_sub(1)),
            None => initial.map(Some),
        }
    };
    let restrict = move |solver: &mut Solver| -> bool {
        match limit() {
            None => true,
            Some(None) => false,
            Some(Some(l)) => {
                solver.cancel_until(0);
                objective.restrict_solver(solver, l)
            }
        }
    };
    let found = move |solver: &mut Solver| -> bool {
        let sum = objective.combined_cost(solver.values());
        {
            let mut guard = best_ref.lock().expect("no thread panics holding the lock");
            if guard.is_none_or(|b| sum < b) {
                *guard = Some(sum);
                let costs = objective.costs(solver.values());
                // Sent under the lock: models arrive in order of improvement.
                let _ = sender.send((solver.values().to_vec(), costs));
                share_ref.bound_improved();
            }
        }
        solver.mark_bound_seen(share_ref.bound_version());
        restrict(solver)
    };
    // `-n` models were printed: the others stop (not an interruption).
    let mut enough = false;
    let ending = search_and_receive(
        t,
        threads,
        Division::Compete,
        true,
        opts.deadline,
        share_ref,
        (&restrict, &restrict),
        found,
        receiver,
        |(values, costs)| {
            if enough {
                return;
            }
            result.summary.models += 1;
            result.summary.note_model_time(start);
            on_model(&values, &costs, false);
            result.best = Some(costs);
            if opts.enough_models(result.summary.models) {
                enough = true;
                share_ref.stop();
            }
        },
    );
    result.summary.stats = ending.stats;
    result.summary.interrupted = ending.interrupted && !enough;
    result.summary.exhausted = ending.exhausted;
    result.proven = ending.exhausted && result.best.is_some();
    let best_sum = best
        .into_inner()
        .expect("no thread panics holding the lock");
    if !(opts.all_optimal && result.proven) {
        return result;
    }
    // Every model with the optimal cost, each once: split the space.
    let share = Share::new(threads, vec![Vec::new()]);
    let share_ref = &share;
    let optimal_models = AtomicU64::new(0);
    let optimal_ref = &optimal_models;
    let limited = AtomicBool::new(false);
    let limited_ref = &limited;
    let (sender, receiver) = mpsc::sync_channel::<Vec<Value>>(256);
    let fix = move |solver: &mut Solver| -> bool {
        solver.cancel_until(0);
        objective.restrict_solver(solver, best_sum.expect("proven optimum"))
    };
    let found = move |solver: &mut Solver| -> bool {
        let _ = sender.send(solver.values().to_vec());
        solver.backtrack_model()
    };
    let ending = search_and_receive(
        t,
        threads,
        Division::Split,
        false,
        opts.deadline,
        share_ref,
        (&fix, &accept),
        found,
        receiver,
        |values| {
            if opts.models != 0 && optimal_ref.load(Ordering::Relaxed) >= opts.models {
                return;
            }
            let n = optimal_ref.fetch_add(1, Ordering::Relaxed) + 1;
            let costs = objective.costs(&values);
            on_model(&values, &costs, n == 1);
            if opts.models != 0 && n >= opts.models {
                limited_ref.store(true, Ordering::Relaxed);
                share_ref.stop();
            }
        },
    );
    result.optimal_models = optimal_models.into_inner();
    result.limited = limited.into_inner();
    result.summary.models += result.optimal_models;
    result.summary.stats += &ending.stats;
    result.summary.interrupted |= ending.interrupted;
    result
}
