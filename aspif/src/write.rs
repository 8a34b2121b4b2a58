//! The aspif writer. (Stub: filled in by issue 2.)
use crate::model::{Statement, StatementSink};
use std::io::Write;

/// Writes statements as aspif text to `W`, the header first.
pub struct AspifWriter<W: Write> {
    out: W,
}

impl<W: Write> AspifWriter<W> {
    /// A writer that has not yet written its header.
    pub fn new(out: W) -> Self {
        AspifWriter { out }
    }
    /// Gives the underlying writer back.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> StatementSink for AspifWriter<W> {
    fn push(&mut self, _stmt: Statement) {
        unimplemented!("aspif writer")
    }
}

impl<W: Write> AspifWriter<W> {
    /// Ends the last step (if open) and flushes.
    pub fn finish(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
