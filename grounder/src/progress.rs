//! What the grounder is doing, for a message when the process must stop in the middle
//! of it (out of memory): the rule being instantiated and how many instances it has
//! made so far. Kept per thread (grounding runs on one), read by [`describe`].

use crate::ast::Span;
use crate::diag::Source;
use std::cell::{Cell, RefCell};

thread_local! {
    /// The sources being ground (moved here for the time of the instantiation).
    static SOURCES: RefCell<Vec<Source>> = const { RefCell::new(Vec::new()) };
    /// The rule being instantiated: its source and span.
    static RULE: Cell<Option<(usize, Span)>> = const { Cell::new(None) };
    /// Its instances so far.
    static INSTANCES: Cell<u64> = const { Cell::new(0) };
}

/// Instantiation starts over `sources`; [`leave`] gives them back.
pub(crate) fn enter(sources: Vec<Source>) {
    SOURCES.with(|s| *s.borrow_mut() = sources);
}

/// Instantiation is over: no rule is being instantiated; the sources, back.
pub(crate) fn leave() -> Vec<Source> {
    RULE.with(|r| r.set(None));
    SOURCES.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

/// The rule at `span` in source `file` is instantiated from now on.
pub(crate) fn rule(file: usize, span: Span) {
    // The same rule again (the next round of a recursive component) counts on.
    if RULE.with(|r| r.replace(Some((file, span)))) != Some((file, span)) {
        INSTANCES.with(|n| n.set(0));
    }
}

/// The current rule made one more instance.
#[inline]
pub(crate) fn instance() {
    INSTANCES.with(|n| n.set(n.get() + 1));
}

/// `rule FILE:L:C-C (N instances so far)` while a rule is instantiated on this thread.
pub fn describe() -> Option<String> {
    let (file, span) = RULE.try_with(Cell::get).ok().flatten()?;
    let instances = INSTANCES.try_with(Cell::get).unwrap_or(0);
    SOURCES
        .try_with(|s| {
            let sources = s.try_borrow().ok()?;
            let src = sources.get(file)?;
            Some(format!(
                "the rule at {}:{} ({instances} instances so far)",
                src.name,
                src.lines.range(span)
            ))
        })
        .ok()
        .flatten()
}
