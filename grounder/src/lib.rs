//! sable's gringo-compatible grounder: program text to a ground program.
#![deny(missing_docs)]

use aspif::StatementSink;
use std::fmt;

/// One input: its name (as shown in messages) and its text.
#[derive(Clone, Debug)]
pub struct Input {
    /// The file name, or `<stdin>`.
    pub name: String,
    /// The program text.
    pub text: String,
}

/// Grounding settings.
#[derive(Clone, Debug, Default)]
pub struct GroundOptions {
    /// `-c name=value`, overriding `#const`.
    pub consts: Vec<(String, String)>,
}

/// Grounding failed: the messages (already formatted `file:line:col-col: error: ...`).
#[derive(Clone, Debug)]
pub struct GroundError {
    /// Every message, in order.
    pub messages: Vec<String>,
}

impl fmt::Display for GroundError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for m in &self.messages {
            writeln!(f, "{m}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GroundError {}

/// Grounds `inputs` into `sink`. Warnings and infos go to `warnings`.
pub fn ground(
    _inputs: &[Input],
    _opts: &GroundOptions,
    _sink: &mut dyn StatementSink,
    _warnings: &mut Vec<String>,
) -> Result<(), GroundError> {
    Err(GroundError {
        messages: vec!["error: the grounder is not yet implemented".into()],
    })
}

/// Grounds `inputs` and writes the ground program as text rules for people (`--text`).
pub fn ground_text(
    _inputs: &[Input],
    _opts: &GroundOptions,
    _out: &mut dyn std::io::Write,
    _warnings: &mut Vec<String>,
) -> Result<(), GroundError> {
    Err(GroundError {
        messages: vec!["error: the grounder is not yet implemented".into()],
    })
}
