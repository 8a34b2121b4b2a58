//! Long clauses: one arena of `u32` words addressed by [`ClauseRef`].

pub mod arena;

pub use arena::{ClauseArena, ClauseRef};
