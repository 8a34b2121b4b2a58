//! Diagnostics: byte spans to gringo's `FILE:LINE:COL-COL` locations and messages.

use crate::ast::Span;

/// The line starts of one text, to turn byte offsets into 1-based lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line and column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        (line, offset - self.starts[line - 1] + 1)
    }

    /// `LINE:COL-COL` (one line) or `LINE:COL-LINE:COL`.
    pub fn range(&self, span: Span) -> String {
        let (l1, c1) = self.position(span.start);
        let (l2, c2) = self.position(span.end.max(span.start));
        if l1 == l2 {
            format!("{l1}:{c1}-{c2}")
        } else {
            format!("{l1}:{c1}-{l2}:{c2}")
        }
    }
}

/// One input's name, text and line index, for messages.
#[derive(Clone, Debug)]
pub struct Source {
    /// The name shown in messages.
    pub name: String,
    /// The text.
    pub text: String,
    /// Its lines.
    pub lines: LineIndex,
}

impl Source {
    /// A source for `name` with `text`.
    pub fn new(name: String, text: String) -> Self {
        let lines = LineIndex::new(&text);
        Source { name, text, lines }
    }

    /// `FILE:LINE:COL-COL: error: message`.
    pub fn error(&self, span: Span, message: &str) -> String {
        format!("{}:{}: error: {message}", self.name, self.lines.range(span))
    }

    /// `FILE:LINE:COL-COL: kind: message` for another kind (`info`, `note`).
    pub fn message(&self, span: Span, kind: &str, message: &str) -> String {
        format!(
            "{}:{}: {kind}: {message}",
            self.name,
            self.lines.range(span)
        )
    }

    /// The text of a span, on one line (for `unsafe variables in:`).
    pub fn excerpt(&self, span: Span) -> String {
        let end = span.end.min(self.text.len());
        let start = span.start.min(end);
        self.text[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}
