//! The aspif reader. (Stub: filled in by issue 2.)
use crate::model::Program;
use std::fmt;

/// A malformed-input error: the 1-based line and what was expected there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// The line the error is on (1-based).
    pub line: usize,
    /// What was wrong or expected.
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ReadError {}

/// Reads a whole aspif text.
pub fn read_aspif(_text: &str) -> Result<Program, ReadError> {
    Err(ReadError {
        line: 1,
        message: "aspif reader not yet implemented".into(),
    })
}
