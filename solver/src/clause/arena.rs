//! The clause arena: every clause of three or more literals lives in one `Vec<u32>`,
//! as a three-word header (length; flags and LBD; where the search for a new watch
//! resumes) followed by its literals.
//!
//! Invariant: the first two literals of a clause are the watched ones. Deleted
//! clauses stay in place, marked, until [`ClauseArena::compact`] copies the live
//! ones into a fresh arena.

use crate::lit::Lit;

/// The position of a clause's header in the arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct ClauseRef(pub u32);

const HEADER: usize = 3;
const LEARNT: u32 = 1;
const DELETED: u32 = 2;
const LBD_SHIFT: u32 = 2;

/// All long clauses of one solver.
#[derive(Clone, Debug, Default)]
pub struct ClauseArena {
    words: Vec<u32>,
    garbage: usize,
}

impl ClauseArena {
    /// Stores a clause and returns its reference.
    pub fn alloc(&mut self, lits: &[Lit], learnt: bool, lbd: u32) -> ClauseRef {
        debug_assert!(lits.len() >= 3);
        let cref = ClauseRef(self.words.len() as u32);
        self.words.push(lits.len() as u32);
        self.words
            .push((learnt as u32) | (lbd.min(1 << 20) << LBD_SHIFT));
        self.words.push(2);
        self.words.extend(lits.iter().map(|l| l.0));
        cref
    }

    /// The literals of a clause.
    #[inline]
    pub fn lits(&self, cref: ClauseRef) -> &[Lit] {
        let start = cref.0 as usize;
        let len = self.words[start] as usize;
        let words = &self.words[start + HEADER..start + HEADER + len];
        // SAFETY: `Lit` is `repr(transparent)` over `u32`.
        unsafe { std::slice::from_raw_parts(words.as_ptr() as *const Lit, len) }
    }

    /// The literals of a clause, mutable (to move watches).
    #[inline]
    pub fn lits_mut(&mut self, cref: ClauseRef) -> &mut [Lit] {
        let start = cref.0 as usize;
        let len = self.words[start] as usize;
        let words = &mut self.words[start + HEADER..start + HEADER + len];
        // SAFETY: `Lit` is `repr(transparent)` over `u32`.
        unsafe { std::slice::from_raw_parts_mut(words.as_mut_ptr() as *mut Lit, len) }
    }

    /// The literals and the position where the last search for a new watch stopped
    /// (always at least 2: the watched literals come first). Resuming there instead
    /// of at 2 avoids rescanning the false literals of long clauses again and again
    /// (Gent, "Optimal implementation of watched literals and more general
    /// techniques", JAIR 2013; CaDiCaL does the same).
    #[inline]
    pub fn lits_and_search_pos_mut(&mut self, cref: ClauseRef) -> (&mut [Lit], &mut u32) {
        let start = cref.0 as usize;
        let words = &mut self.words[start..];
        let len = words[0] as usize;
        let (header, rest) = words.split_at_mut(HEADER);
        let rest = &mut rest[..len];
        // SAFETY: `Lit` is `repr(transparent)` over `u32`.
        let lits = unsafe { std::slice::from_raw_parts_mut(rest.as_mut_ptr() as *mut Lit, len) };
        (lits, &mut header[2])
    }

    /// Whether it was learnt.
    pub fn is_learnt(&self, cref: ClauseRef) -> bool {
        self.words[cref.0 as usize + 1] & LEARNT != 0
    }

    /// Whether it was deleted.
    #[inline]
    pub fn is_deleted(&self, cref: ClauseRef) -> bool {
        self.words[cref.0 as usize + 1] & DELETED != 0
    }

    /// Its literal block distance.
    pub fn lbd(&self, cref: ClauseRef) -> u32 {
        self.words[cref.0 as usize + 1] >> LBD_SHIFT
    }

    /// Lowers its literal block distance.
    pub fn set_lbd(&mut self, cref: ClauseRef, lbd: u32) {
        let w = &mut self.words[cref.0 as usize + 1];
        *w = (*w & (LEARNT | DELETED)) | (lbd << LBD_SHIFT);
    }

    /// Marks it deleted.
    pub fn delete(&mut self, cref: ClauseRef) {
        let start = cref.0 as usize;
        self.words[start + 1] |= DELETED;
        self.garbage += HEADER + self.words[start] as usize;
    }

    /// Whether enough is deleted to make compaction worthwhile.
    pub fn wants_compaction(&self) -> bool {
        self.garbage * 2 > self.words.len()
    }

    /// Copies the live clauses into a fresh arena; `relocate` receives every
    /// (old, new) pair, in order.
    pub fn compact(&mut self, mut relocate: impl FnMut(ClauseRef, ClauseRef)) {
        let mut words = Vec::with_capacity(self.words.len() - self.garbage);
        let mut pos = 0;
        while pos < self.words.len() {
            let len = self.words[pos] as usize;
            let end = pos + HEADER + len;
            if self.words[pos + 1] & DELETED == 0 {
                relocate(ClauseRef(pos as u32), ClauseRef(words.len() as u32));
                words.extend_from_slice(&self.words[pos..end]);
            }
            pos = end;
        }
        self.words = words;
        self.garbage = 0;
    }

    /// Size in words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when no clause was ever stored.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lit::Var;

    #[test]
    fn compaction_keeps_live_clauses_in_order() {
        let mut arena = ClauseArena::default();
        let a: Vec<Lit> = (1..4).map(|v| Var(v).positive()).collect();
        let b: Vec<Lit> = (4..8).map(|v| Var(v).negative()).collect();
        let ca = arena.alloc(&a, false, 0);
        let cb = arena.alloc(&b, true, 3);
        arena.delete(ca);
        let mut moves = Vec::new();
        arena.compact(|old, new| moves.push((old, new)));
        assert_eq!(moves, vec![(cb, ClauseRef(0))]);
        assert_eq!(arena.lits(ClauseRef(0)), &b[..]);
        assert!(arena.is_learnt(ClauseRef(0)));
        assert_eq!(arena.lbd(ClauseRef(0)), 3);
    }
}
