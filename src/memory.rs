//! Memory: a limit (`--memory-limit=MB`) and running out of memory without an abort.
//!
//! sable's global allocator is the system's, counting the bytes in use. An allocation
//! that would pass the limit, or that the system refuses (`ulimit -v`), does not abort
//! the process (Rust's default: "memory allocation failed", SIGABRT): it calls the
//! action set with [`on_out_of_memory`], which prints what clingo prints on
//! `std::bad_alloc` (the error, UNKNOWN and the summary) and ends the process with
//! clingo's exit code 33.
//!
//! The action runs inside the allocation that failed, so everything it allocates
//! passes the limit unchecked from then on, and a reserve put aside at the start is
//! given back to the system first, leaving room for the message under `ulimit -v`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicPtr, AtomicUsize, Ordering};
use std::sync::Mutex;

/// clingo's exit code when memory runs out.
pub const EXIT_MEMORY: i32 = 33;

/// The bytes put aside for the message and summary.
const RESERVE_BYTES: usize = 4 << 20;

/// The allocator: the system's, counted and limited.
pub struct Counting;

/// The bytes allocated minus those freed since the limit was set (counted only under a
/// limit: counting costs an atomic operation per allocation). What was allocated before
/// and freed after makes it low, never wrong by more than the arguments' few bytes.
static IN_USE: AtomicIsize = AtomicIsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
/// Set once memory ran out: allocations are no longer checked.
static EXHAUSTED: AtomicBool = AtomicBool::new(false);
static RESERVE: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());

type Action = Box<dyn Fn(&str) + Send>;
static ACTION: Mutex<Option<Action>> = Mutex::new(None);

/// Sets the limit in bytes (none: only the system's) and puts the reserve aside.
pub fn set_limit(bytes: Option<usize>) {
    LIMIT.store(bytes.unwrap_or(usize::MAX), Ordering::SeqCst);
    let layout = reserve_layout();
    // SAFETY: a non-zero size; freed once, in `give_back_reserve`, with this layout.
    let block = unsafe { System.alloc(layout) };
    if let Some(old) = std::ptr::NonNull::new(RESERVE.swap(block, Ordering::SeqCst)) {
        // SAFETY: the previous reserve, allocated above with the same layout.
        unsafe { System.dealloc(old.as_ptr(), layout) };
    }
}

/// Sets what running out of memory prints (the message is the error's text); the
/// process then ends with [`EXIT_MEMORY`].
pub fn on_out_of_memory(action: impl Fn(&str) + Send + 'static) {
    *ACTION.lock().unwrap_or_else(|p| p.into_inner()) = Some(Box::new(action));
}

fn reserve_layout() -> Layout {
    Layout::from_size_align(RESERVE_BYTES, 16).expect("a valid layout")
}

fn give_back_reserve() {
    let block = RESERVE.swap(std::ptr::null_mut(), Ordering::SeqCst);
    if !block.is_null() {
        // SAFETY: allocated in `set_limit` with this layout, swapped out exactly once.
        unsafe { System.dealloc(block, reserve_layout()) };
    }
}

/// Memory ran out asking for `size` more bytes: report and end the process.
#[cold]
fn exhausted(size: usize) -> ! {
    if EXHAUSTED.swap(true, Ordering::SeqCst) {
        // Running out again while reporting: end at once.
        std::process::exit(EXIT_MEMORY);
    }
    give_back_reserve();
    let limit = LIMIT.load(Ordering::SeqCst);
    let in_use = IN_USE.load(Ordering::SeqCst).max(0) >> 20;
    let mut message = if limit == usize::MAX {
        format!("out of memory: the system refused {size} more bytes")
    } else {
        format!(
            "out of memory: {in_use} MB in use and {size} more bytes asked for, past \
             --memory-limit={}",
            limit >> 20
        )
    };
    if let Some(place) = grounder::progress::describe() {
        message.push_str(&format!(", while grounding {place}"));
    }
    // (A poisoned lock still holds the action.)
    let action = ACTION.lock().unwrap_or_else(|p| p.into_inner());
    match action.as_ref() {
        Some(action) => action(&message),
        None => eprintln!("*** ERROR: (sable): {message}"),
    }
    std::process::exit(EXIT_MEMORY);
}

/// Counts `size` more bytes in use; `false` past the limit.
#[inline]
fn take(size: usize) -> bool {
    let limit = LIMIT.load(Ordering::Relaxed);
    if limit == usize::MAX {
        return true;
    }
    let size = size as isize;
    let now = IN_USE.fetch_add(size, Ordering::Relaxed) + size;
    if now > limit as isize && !EXHAUSTED.load(Ordering::Relaxed) {
        IN_USE.fetch_sub(size, Ordering::Relaxed);
        return false;
    }
    true
}

#[inline]
fn give(size: usize) {
    if LIMIT.load(Ordering::Relaxed) != usize::MAX {
        IN_USE.fetch_sub(size as isize, Ordering::Relaxed);
    }
}

// SAFETY: every call is passed on to `System` with the same layout; the counting only
// observes sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !take(layout.size()) {
            exhausted(layout.size());
        }
        // SAFETY: the caller's layout, as GlobalAlloc::alloc requires.
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            give(layout.size());
            exhausted(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !take(layout.size()) {
            exhausted(layout.size());
        }
        // SAFETY: as in `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            give(layout.size());
            exhausted(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        give(layout.size());
        // SAFETY: the caller's pointer and layout, as GlobalAlloc::dealloc requires.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old = layout.size();
        if new_size > old && !take(new_size - old) {
            exhausted(new_size - old);
        }
        // SAFETY: the caller's pointer, layout and size, as GlobalAlloc::realloc requires.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            if new_size > old {
                give(new_size - old);
            }
            exhausted(new_size.saturating_sub(old));
        }
        if new_size < old {
            give(old - new_size);
        }
        p
    }
}
