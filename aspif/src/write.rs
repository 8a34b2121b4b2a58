//! The aspif writer: statements to `asp 1 0 0` text, streamed.
//!
//! [`AspifWriter`] implements [`StatementSink`], so the grounder writes through it as it
//! grounds. The header goes out before the first statement; each step ends with `0`.
//! [`StatementSink::push`] cannot fail, so the first I/O error is kept and returned by
//! [`AspifWriter::finish`], after which nothing more is written.

use crate::model::*;
use std::io::{self, Write};

/// Writes statements as aspif text to `W`, the header first.
pub struct AspifWriter<W: Write> {
    out: W,
    incremental: bool,
    header_written: bool,
    /// Statements were pushed since the last step end.
    step_open: bool,
    /// A step was ended (so `finish` need not end an empty one).
    any_step_ended: bool,
    error: Option<io::Error>,
    line: Vec<u8>,
}

impl<W: Write> AspifWriter<W> {
    /// A writer that has not yet written its header.
    pub fn new(out: W) -> Self {
        AspifWriter {
            out,
            incremental: false,
            header_written: false,
            step_open: false,
            any_step_ended: false,
            error: None,
            line: Vec::with_capacity(256),
        }
    }

    /// Marks the header with the `incremental` tag (before the first statement).
    pub fn set_incremental(&mut self, incremental: bool) {
        debug_assert!(!self.header_written, "the header is already written");
        self.incremental = incremental;
    }

    /// Writes a whole program, its header tags and every step.
    pub fn write_program(mut self, program: &Program) -> io::Result<W> {
        self.set_incremental(program.incremental);
        for step in &program.steps {
            for stmt in step {
                self.push_ref(stmt);
            }
            self.end_step();
        }
        self.finish()?;
        Ok(self.out)
    }

    /// Ends the last step (if one is open, or none was written) and flushes. Returns the
    /// first error met while writing.
    pub fn finish(&mut self) -> io::Result<()> {
        if self.step_open || !self.any_step_ended {
            self.end_step();
        }
        if let Some(err) = self.error.take() {
            return Err(err);
        }
        self.out.flush()
    }

    /// Gives the underlying writer back.
    pub fn into_inner(self) -> W {
        self.out
    }

    fn emit_line(&mut self) {
        if self.error.is_none() {
            if !self.header_written {
                self.header_written = true;
                let header: &[u8] = if self.incremental {
                    b"asp 1 0 0 incremental\n"
                } else {
                    b"asp 1 0 0\n"
                };
                if let Err(err) = self.out.write_all(header) {
                    self.error = Some(err);
                    return;
                }
            }
            self.line.push(b'\n');
            if let Err(err) = self.out.write_all(&self.line) {
                self.error = Some(err);
            }
        }
        self.line.clear();
    }

    fn num(&mut self, n: impl itoa_like::Integer) {
        self.line.push(b' ');
        n.append_to(&mut self.line);
    }

    fn lits(&mut self, lits: &[Lit]) {
        self.num(lits.len() as i64);
        for &lit in lits {
            self.num(lit);
        }
    }

    fn weighted(&mut self, lits: &[WeightedLit]) {
        self.num(lits.len() as i64);
        for wl in lits {
            self.num(wl.lit);
            self.num(wl.weight);
        }
    }

    fn string(&mut self, text: &str) {
        self.num(text.len() as i64);
        self.line.push(b' ');
        self.line.extend_from_slice(text.as_bytes());
    }

    /// Writes one statement given by reference.
    pub fn push_ref(&mut self, stmt: &Statement) {
        self.step_open = true;
        match stmt {
            Statement::Rule(rule) => {
                self.line.push(b'1');
                self.num(match rule.head_kind {
                    HeadKind::Disjunctive => 0,
                    HeadKind::Choice => 1,
                });
                self.num(rule.head.len() as i64);
                for &atom in &rule.head {
                    self.num(atom);
                }
                match &rule.body {
                    Body::Normal(lits) => {
                        self.num(0);
                        self.lits(lits);
                    }
                    Body::Sum { lower, lits } => {
                        self.num(1);
                        self.num(*lower);
                        self.weighted(lits);
                    }
                }
            }
            Statement::Minimize { priority, lits } => {
                self.line.push(b'2');
                self.num(*priority);
                self.weighted(lits);
            }
            Statement::Project(atoms) => {
                self.line.push(b'3');
                self.num(atoms.len() as i64);
                for &atom in atoms {
                    self.num(atom);
                }
            }
            Statement::Output { name, cond } => {
                self.line.push(b'4');
                self.string(name);
                self.lits(cond);
            }
            Statement::External { atom, value } => {
                self.line.push(b'5');
                self.num(*atom);
                self.num(match value {
                    ExternalValue::Free => 0,
                    ExternalValue::True => 1,
                    ExternalValue::False => 2,
                    ExternalValue::Release => 3,
                });
            }
            Statement::Assume(lits) => {
                self.line.push(b'6');
                self.lits(lits);
            }
            Statement::Heuristic {
                modifier,
                atom,
                value,
                priority,
                cond,
            } => {
                self.line.push(b'7');
                self.num(match modifier {
                    HeuristicModifier::Level => 0,
                    HeuristicModifier::Sign => 1,
                    HeuristicModifier::Factor => 2,
                    HeuristicModifier::Init => 3,
                    HeuristicModifier::True => 4,
                    HeuristicModifier::False => 5,
                });
                self.num(*atom);
                self.num(*value);
                self.num(*priority);
                self.lits(cond);
            }
            Statement::Edge { from, to, cond } => {
                self.line.push(b'8');
                self.num(*from);
                self.num(*to);
                self.lits(cond);
            }
            Statement::Theory(theory) => {
                self.line.push(b'9');
                self.theory(theory);
            }
            Statement::Comment(text) => {
                self.line.extend_from_slice(b"10 ");
                self.line.extend_from_slice(text.as_bytes());
            }
        }
        self.emit_line();
    }

    fn theory(&mut self, theory: &TheoryStatement) {
        match theory {
            TheoryStatement::Number { id, value } => {
                self.num(0);
                self.num(*id);
                self.num(*value);
            }
            TheoryStatement::Symbol { id, name } => {
                self.num(1);
                self.num(*id);
                self.string(name);
            }
            TheoryStatement::Compound { id, kind, args } => {
                self.num(2);
                self.num(*id);
                self.num(*kind);
                self.num(args.len() as i64);
                for &arg in args {
                    self.num(arg);
                }
            }
            TheoryStatement::Element { id, terms, cond } => {
                self.num(4);
                self.num(*id);
                self.num(terms.len() as i64);
                for &term in terms {
                    self.num(term);
                }
                self.lits(cond);
            }
            TheoryStatement::Atom {
                atom,
                name,
                elements,
                guard,
            } => {
                self.num(if guard.is_some() { 6 } else { 5 });
                self.num(*atom);
                self.num(*name);
                self.num(elements.len() as i64);
                for &element in elements {
                    self.num(element);
                }
                if let Some((op, rhs)) = guard {
                    self.num(*op);
                    self.num(*rhs);
                }
            }
        }
    }
}

impl<W: Write> StatementSink for AspifWriter<W> {
    fn push(&mut self, stmt: Statement) {
        self.push_ref(&stmt);
    }

    fn end_step(&mut self) {
        self.line.push(b'0');
        self.emit_line();
        self.step_open = false;
        self.any_step_ended = true;
    }
}

/// Integer formatting into a byte buffer without going through `fmt` machinery.
mod itoa_like {
    /// An integer the writer can append in decimal.
    pub trait Integer: Copy {
        /// Appends the decimal form.
        fn append_to(self, buf: &mut Vec<u8>);
    }

    fn append_i128(value: i128, buf: &mut Vec<u8>) {
        if value < 0 {
            buf.push(b'-');
        }
        let mut magnitude = value.unsigned_abs();
        let mut digits = [0u8; 40];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (magnitude % 10) as u8;
            magnitude /= 10;
            if magnitude == 0 {
                break;
            }
        }
        buf.extend_from_slice(&digits[i..]);
    }

    macro_rules! impl_integer {
        ($($t:ty),*) => {$(
            impl Integer for $t {
                #[inline]
                fn append_to(self, buf: &mut Vec<u8>) {
                    append_i128(self as i128, buf)
                }
            }
        )*};
    }
    impl_integer!(i32, i64, u32, u64, usize);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_aspif;

    #[test]
    fn writes_what_the_reader_reads() {
        let text = "asp 1 0 0\n1 1 2 1 2 0 0\n1 0 1 3 1 2 2 1 1 -2 3\n2 -1 2 1 4 -2 -5\n3 1 1\n\
                    4 8 p(\"a b\") 1 -3\n5 4 0\n6 1 -1\n7 1 2 -1 3 1 1\n8 0 1 0\n\
                    9 0 1 3\n9 1 0 1 a\n9 2 2 0 1 1\n9 4 0 1 2 1 1\n9 6 5 0 1 0 0 1\n10 hello world\n0\n";
        let program = read_aspif(text).unwrap();
        let written = AspifWriter::new(Vec::new())
            .write_program(&program)
            .unwrap();
        assert_eq!(String::from_utf8(written).unwrap(), text);
    }

    #[test]
    fn streaming_writes_header_and_step_end() {
        let mut writer = AspifWriter::new(Vec::new());
        writer.push(Statement::Project(vec![1, 2]));
        writer.finish().unwrap();
        assert_eq!(
            String::from_utf8(writer.into_inner()).unwrap(),
            "asp 1 0 0\n3 2 1 2\n0\n"
        );
        let mut writer = AspifWriter::new(Vec::new());
        writer.finish().unwrap();
        assert_eq!(
            String::from_utf8(writer.into_inner()).unwrap(),
            "asp 1 0 0\n0\n"
        );
    }
}
