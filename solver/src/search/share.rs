//! What the threads of one parallel search share: the work queue of guiding paths,
//! the log of short learnt clauses, the best bound's version and the stop flag. Each
//! solver holds an [`Exchange`], its link to the others. This module sits below the
//! search and knows nothing of it: the search exports and imports clauses through the
//! link, the parallel driver (`parallel.rs`) creates the [`Share`] and runs the threads.

use crate::lit::Lit;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// Learnt clauses longer than this are not shared unless their LBD is small.
pub(crate) const SHARED_CLAUSE_LIMIT: usize = 3;

/// What the threads of one parallel search share.
pub struct Share {
    threads: usize,
    /// Set to end the search (a limit was reached, or a thread answered for all).
    stop: AtomicBool,
    /// An idle thread waits for work: the next decision point should split.
    split_wanted: AtomicBool,
    work: Mutex<Work>,
    wake: Condvar,
    clauses: Mutex<ClauseLog>,
    /// Entries ever added to `clauses` (read without the lock to skip empty imports).
    clauses_added: AtomicUsize,
    /// Counts the improvements of the best bound of optimisation: a solver that sees
    /// it change pauses its search to tighten its own bound.
    bound_version: AtomicU64,
}

struct Work {
    paths: Vec<Vec<Lit>>,
    idle: usize,
    finished: bool,
}

/// Clauses learnt by some thread, kept until every thread has read them.
struct ClauseLog {
    /// The number of entries dropped from the front.
    start: usize,
    entries: VecDeque<(usize, Box<[Lit]>)>,
    /// Per thread, the number of entries it has read.
    cursors: Vec<usize>,
}

impl Share {
    /// A search over `threads` threads starting from `paths` (each a part of the
    /// search space; `vec![vec![]]` is the whole space).
    pub fn new(threads: usize, paths: Vec<Vec<Lit>>) -> Share {
        Share {
            threads,
            stop: AtomicBool::new(false),
            split_wanted: AtomicBool::new(false),
            work: Mutex::new(Work {
                paths,
                idle: 0,
                finished: false,
            }),
            wake: Condvar::new(),
            clauses: Mutex::new(ClauseLog {
                start: 0,
                entries: VecDeque::new(),
                cursors: vec![0; threads],
            }),
            clauses_added: AtomicUsize::new(0),
            bound_version: AtomicU64::new(0),
        }
    }

    /// Ends the search: every thread stops at its next check.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
        let mut work = self.work.lock().expect("no thread panics holding the lock");
        work.finished = true;
        self.wake.notify_all();
    }

    /// Whether [`Share::stop`] was called.
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// The next part of the search space for an idle thread; None when every part is
    /// done (all threads idle with nothing queued) or the search was stopped.
    pub fn next_path(&self) -> Option<Vec<Lit>> {
        let mut work = self.work.lock().expect("no thread panics holding the lock");
        loop {
            if work.finished {
                return None;
            }
            if let Some(path) = work.paths.pop() {
                return Some(path);
            }
            work.idle += 1;
            if work.idle == self.threads {
                work.finished = true;
                self.wake.notify_all();
                return None;
            }
            self.split_wanted.store(true, Ordering::Relaxed);
            work = self
                .wake
                .wait(work)
                .expect("no thread panics holding the lock");
            work.idle -= 1;
        }
    }

    fn give(&self, path: Vec<Lit>) {
        let mut work = self.work.lock().expect("no thread panics holding the lock");
        work.paths.push(path);
        if work.paths.len() >= work.idle {
            self.split_wanted.store(false, Ordering::Relaxed);
        }
        self.wake.notify_one();
    }

    /// Whether every part was handed out and searched (the queue ran dry with all
    /// threads idle) or the search was stopped with nothing queued.
    pub fn all_done(&self) -> bool {
        let work = self.work.lock().expect("no thread panics holding the lock");
        work.finished && work.paths.is_empty()
    }

    /// The number of improvements of the best bound so far.
    pub fn bound_version(&self) -> u64 {
        self.bound_version.load(Ordering::Relaxed)
    }

    /// Records an improvement of the best bound: the other threads pause to tighten
    /// their own.
    pub fn bound_improved(&self) {
        self.bound_version.fetch_add(1, Ordering::Relaxed);
    }

    /// The link of thread `thread` (in `0..threads`) to the others.
    pub fn exchange(&self, thread: usize, splitting: bool) -> Exchange<'_> {
        Exchange {
            share: self,
            thread,
            splitting,
            bound_seen: 0,
            incoming: Vec::new(),
        }
    }
}

/// One thread's link to the others, held by its solver.
pub struct Exchange<'a> {
    share: &'a Share,
    thread: usize,
    splitting: bool,
    /// The bound version this solver's bound reflects.
    pub(crate) bound_seen: u64,
    /// Scratch space of the solver's imports (kept to reuse its allocation).
    pub(crate) incoming: Vec<Vec<Lit>>,
}

impl Exchange<'_> {
    /// Whether the search should end, or pause because another thread found a
    /// better bound.
    pub fn stopped(&self) -> bool {
        self.share.stopped() || self.share.bound_version.load(Ordering::Relaxed) != self.bound_seen
    }

    /// Whether this solver should give away part of its space now.
    pub fn split_wanted(&self) -> bool {
        self.splitting && self.share.split_wanted.load(Ordering::Relaxed)
    }

    /// Hands a part of the search space to an idle thread.
    pub fn give(&self, path: Vec<Lit>) {
        self.share.give(path);
    }

    /// Offers a learnt clause to the other threads.
    pub fn export(&mut self, clause: &[Lit]) {
        if self.share.threads < 2 {
            return;
        }
        let mut log = self
            .share
            .clauses
            .lock()
            .expect("no thread panics holding the lock");
        log.entries.push_back((self.thread, clause.into()));
        self.share.clauses_added.fetch_add(1, Ordering::Release);
        // Drop what every thread has read.
        let read_by_all = log.cursors.iter().copied().min().unwrap_or(0);
        while log.start < read_by_all {
            log.entries.pop_front();
            log.start += 1;
        }
    }

    /// Appends to `out` the clauses the other threads learnt since the last call.
    pub fn receive(&mut self, out: &mut Vec<Vec<Lit>>) {
        let added = self.share.clauses_added.load(Ordering::Acquire);
        let mut log = self
            .share
            .clauses
            .lock()
            .expect("no thread panics holding the lock");
        let from = log.cursors[self.thread];
        if from >= added {
            return;
        }
        let start = log.start;
        for (owner, clause) in log.entries.iter().skip(from - start) {
            if *owner != self.thread {
                out.push(clause.to_vec());
            }
        }
        log.cursors[self.thread] = start + log.entries.len();
    }
}
