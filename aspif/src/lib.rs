//! The ground-program model that sable's grounder produces and its solver consumes, and
//! its text forms: aspif (read and written) and the older smodels format (read).
//!
//! The model follows the aspif format statement by statement (Kaminski et al., "A tale of
//! two formats", the `asp 1 0 0` intermediate format of clingo 5): a [`Program`] is a list
//! of steps, each a list of [`Statement`]s. Atoms are positive integers; a literal is a
//! signed atom ([`Lit`]), negative meaning default negation.
//!
//! The grounder emits through the [`StatementSink`] trait, which both the [`Program`]
//! collector and the aspif writer implement, so `sable FILE` hands the ground program to the
//! solver with no text round trip.
#![deny(missing_docs)]

pub mod dimacs;
pub mod model;
pub mod read;
pub mod smodels;
pub mod write;

pub use model::*;
pub use read::{read_aspif, ReadError};
pub use write::AspifWriter;

/// Reads a ground program in whichever format the text is in (aspif or smodels), detected
/// from its first line as clasp does.
pub fn read_any(text: &str) -> Result<Program, ReadError> {
    if text.trim_start().starts_with("asp ") {
        read_aspif(text)
    } else {
        smodels::read_smodels(text)
    }
}
