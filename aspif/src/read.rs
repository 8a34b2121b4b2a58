//! The aspif reader: text in the `asp 1 0 0` format to a [`Program`].
//!
//! The reader walks the bytes once with a cursor that knows its line and column, so every
//! error names where it is and what was expected there. It never panics and never trusts a
//! count in the input to size an allocation beyond what the remaining text can hold.
//!
//! Format (one statement per line): `1` rule, `2` minimize, `3` project, `4` output,
//! `5` external, `6` assume, `7` heuristic, `8` edge, `9` theory, `10` comment; `0` ends a
//! step. The header may carry tags (`incremental`); an incremental program has several steps.

use crate::model::*;
use std::fmt;

/// A malformed-input error: where it is (1-based line and column) and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// The line the error is on (1-based).
    pub line: usize,
    /// The column the error is at (1-based, in bytes).
    pub column: usize,
    /// What was wrong or expected.
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: error: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ReadError {}

/// Reads a whole aspif text.
pub fn read_aspif(text: &str) -> Result<Program, ReadError> {
    Reader::new(text).program()
}

/// A position in the text, for error messages.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Cursor<'a> {
    fn error_at(&self, pos: usize, message: impl Into<String>) -> ReadError {
        ReadError {
            line: self.line,
            column: pos.saturating_sub(self.line_start) + 1,
            message: message.into(),
        }
    }

    fn error(&self, message: impl Into<String>) -> ReadError {
        self.error_at(self.pos, message)
    }

    fn skip_blanks(&mut self) {
        while let Some(b' ' | b'\t' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn at_line_end(&self) -> bool {
        matches!(self.bytes.get(self.pos), None | Some(b'\n'))
    }

    /// What is at the cursor, for "found ..." in messages.
    fn found(&self) -> String {
        match self.bytes.get(self.pos) {
            None => "end of input".into(),
            Some(b'\n') => "end of line".into(),
            Some(_) => {
                let end = self.bytes[self.pos..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace())
                    .map_or(self.bytes.len(), |n| self.pos + n);
                let token = String::from_utf8_lossy(&self.bytes[self.pos..end.min(self.pos + 20)]);
                format!("'{token}'")
            }
        }
    }

    /// Reads a (possibly negative) integer; `what` names it in the error message.
    fn integer(&mut self, what: &str) -> Result<i64, ReadError> {
        self.skip_blanks();
        let start = self.pos;
        let negative = self.bytes.get(self.pos) == Some(&b'-');
        if negative {
            self.pos += 1;
        }
        let digits_start = self.pos;
        let mut value: i64 = 0;
        while let Some(&b) = self.bytes.get(self.pos) {
            if !b.is_ascii_digit() {
                break;
            }
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(i64::from(b - b'0')))
                .ok_or_else(|| self.error_at(start, format!("{what} is out of range")))?;
            self.pos += 1;
        }
        if self.pos == digits_start || !self.at_token_end() {
            self.pos = start;
            return Err(self.error(format!("expected {what}, found {}", self.found())));
        }
        Ok(if negative { -value } else { value })
    }

    fn at_token_end(&self) -> bool {
        matches!(
            self.bytes.get(self.pos),
            None | Some(b' ' | b'\t' | b'\r' | b'\n')
        )
    }

    /// Reads an integer in `min..=max`.
    fn bounded(&mut self, what: &str, min: i64, max: i64) -> Result<i64, ReadError> {
        self.skip_blanks();
        let start = self.pos;
        let value = self.integer(what)?;
        if value < min || value > max {
            return Err(self.error_at(
                start,
                format!("expected {what} in {min}..{max}, found {value}"),
            ));
        }
        Ok(value)
    }

    /// Reads a count of items that each need at least `min_bytes` of text, so a bogus count
    /// cannot make the reader reserve more than the input could hold.
    fn count(&mut self, what: &str, min_bytes: usize) -> Result<usize, ReadError> {
        self.skip_blanks();
        let start = self.pos;
        let n = self.integer(what)?;
        let left = self.bytes.len() - self.pos;
        if n < 0 || (n as u64).saturating_mul(min_bytes as u64) > left as u64 {
            return Err(self.error_at(
                start,
                format!("{what} {n} does not fit the rest of the input"),
            ));
        }
        Ok(n as usize)
    }

    fn atom(&mut self) -> Result<Atom, ReadError> {
        Ok(self.bounded("an atom (a positive integer)", 1, i64::from(u32::MAX >> 2))? as Atom)
    }

    fn lit(&mut self) -> Result<Lit, ReadError> {
        self.skip_blanks();
        let start = self.pos;
        let max = i64::from(u32::MAX >> 2);
        let value = self.integer("a literal (a non-zero integer)")?;
        if value == 0 || value.abs() > max {
            return Err(self.error_at(
                start,
                format!("expected a literal (a non-zero integer), found {value}"),
            ));
        }
        Ok(value as Lit)
    }

    fn lits(&mut self) -> Result<Vec<Lit>, ReadError> {
        let n = self.count("the number of literals", 2)?;
        (0..n).map(|_| self.lit()).collect()
    }

    fn weighted_lits(&mut self) -> Result<Vec<WeightedLit>, ReadError> {
        let n = self.count("the number of weighted literals", 4)?;
        (0..n)
            .map(|_| {
                let lit = self.lit()?;
                let weight = self.integer("a weight")?;
                Ok(WeightedLit { lit, weight })
            })
            .collect()
    }

    fn term_id(&mut self, what: &str) -> Result<u32, ReadError> {
        Ok(self.bounded(what, 0, i64::from(u32::MAX))? as u32)
    }

    /// Reads `len` then exactly `len` bytes after one space: a string that may hold spaces.
    fn sized_string(&mut self) -> Result<String, ReadError> {
        let len = self.count("the length of the string", 1)?;
        if self.bytes.get(self.pos) != Some(&b' ') {
            return Err(self.error(format!(
                "expected a space before the string, found {}",
                self.found()
            )));
        }
        self.pos += 1;
        let end = self.pos + len;
        let slice = self
            .bytes
            .get(self.pos..end)
            .ok_or_else(|| self.error("the string is longer than the rest of the input"))?;
        if slice.contains(&b'\n') {
            return Err(self.error(format!("expected a string of {len} bytes on this line")));
        }
        let text =
            std::str::from_utf8(slice).map_err(|_| self.error("the string is not valid UTF-8"))?;
        self.pos = end;
        if !self.at_token_end() {
            return Err(self.error(format!(
                "expected the string to end after {len} bytes, found {}",
                self.found()
            )));
        }
        Ok(text.to_string())
    }

    /// Ends a statement: nothing but blanks may follow on its line.
    fn end_line(&mut self) -> Result<(), ReadError> {
        self.skip_blanks();
        match self.bytes.get(self.pos) {
            None => Ok(()),
            Some(b'\n') => {
                self.pos += 1;
                self.line += 1;
                self.line_start = self.pos;
                Ok(())
            }
            Some(_) => Err(self.error(format!(
                "expected the end of the line, found {}",
                self.found()
            ))),
        }
    }
}

struct Reader<'a> {
    cur: Cursor<'a>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader {
            cur: Cursor {
                bytes: text.as_bytes(),
                pos: 0,
                line: 1,
                line_start: 0,
            },
        }
    }

    fn program(mut self) -> Result<Program, ReadError> {
        let incremental = self.header()?;
        let mut program = Program {
            incremental,
            steps: Vec::new(),
        };
        let mut step = Vec::new();
        let mut step_open = false;
        loop {
            self.cur.skip_blanks();
            if self.cur.pos >= self.cur.bytes.len() {
                break;
            }
            if self.cur.bytes[self.cur.pos] == b'\n' {
                // Blank lines are tolerated between statements.
                self.cur.end_line()?;
                continue;
            }
            if !incremental && !program.steps.is_empty() {
                return Err(self.cur.error(format!(
                    "expected the end of input after the step's '0' (the header has no 'incremental' tag), found {}",
                    self.cur.found()
                )));
            }
            let kind = self.cur.bounded("a statement type (0 to 10)", 0, 10)?;
            step_open = true;
            if kind == 0 {
                self.cur.end_line()?;
                program.steps.push(std::mem::take(&mut step));
                step_open = false;
                continue;
            }
            step.push(self.statement(kind)?);
            self.cur.end_line()?;
        }
        if step_open || program.steps.is_empty() {
            return Err(self
                .cur
                .error("expected '0' ending the step, found end of input"));
        }
        Ok(program)
    }

    /// Reads `asp 1 0 0 [tags]`; returns whether the `incremental` tag is there.
    fn header(&mut self) -> Result<bool, ReadError> {
        let cur = &mut self.cur;
        if !cur.bytes.starts_with(b"asp") || !matches!(cur.bytes.get(3), Some(b' ' | b'\t')) {
            return Err(cur.error(format!(
                "expected the aspif header 'asp 1 0 0', found {}",
                cur.found()
            )));
        }
        cur.pos = 3;
        let major = cur.integer("the major version")?;
        let minor = cur.integer("the minor version")?;
        let _revision = cur.integer("the revision")?;
        if major != 1 || minor != 0 {
            return Err(cur.error_at(
                0,
                format!("unsupported aspif version {major}.{minor} (sable reads 1.0)"),
            ));
        }
        let mut incremental = false;
        loop {
            cur.skip_blanks();
            if cur.at_line_end() {
                break;
            }
            let start = cur.pos;
            while !cur.at_token_end() {
                cur.pos += 1;
            }
            match &cur.bytes[start..cur.pos] {
                b"incremental" => incremental = true,
                _ => {
                    return Err(
                        cur.error_at(start, "unknown header tag (sable knows 'incremental')")
                    )
                }
            }
        }
        cur.end_line()?;
        Ok(incremental)
    }

    fn statement(&mut self, kind: i64) -> Result<Statement, ReadError> {
        let cur = &mut self.cur;
        Ok(match kind {
            1 => {
                let head_kind = match cur.bounded("a head type (0 disjunction, 1 choice)", 0, 1)? {
                    0 => HeadKind::Disjunctive,
                    _ => HeadKind::Choice,
                };
                let n = cur.count("the number of head atoms", 2)?;
                let head = (0..n).map(|_| cur.atom()).collect::<Result<_, _>>()?;
                let body = match cur.bounded("a body type (0 normal, 1 weight)", 0, 1)? {
                    0 => Body::Normal(cur.lits()?),
                    _ => {
                        let lower = cur.integer("the lower bound")?;
                        Body::Sum {
                            lower,
                            lits: cur.weighted_lits()?,
                        }
                    }
                };
                Statement::Rule(Rule {
                    head_kind,
                    head,
                    body,
                })
            }
            2 => {
                let priority = cur.integer("a priority")?;
                Statement::Minimize {
                    priority,
                    lits: cur.weighted_lits()?,
                }
            }
            3 => {
                let n = cur.count("the number of atoms", 2)?;
                Statement::Project((0..n).map(|_| cur.atom()).collect::<Result<_, _>>()?)
            }
            4 => {
                let name = cur.sized_string()?;
                Statement::Output {
                    name,
                    cond: cur.lits()?,
                }
            }
            5 => {
                let atom = cur.atom()?;
                let value = match cur.bounded(
                    "an external value (0 free, 1 true, 2 false, 3 release)",
                    0,
                    3,
                )? {
                    0 => ExternalValue::Free,
                    1 => ExternalValue::True,
                    2 => ExternalValue::False,
                    _ => ExternalValue::Release,
                };
                Statement::External { atom, value }
            }
            6 => Statement::Assume(cur.lits()?),
            7 => {
                let modifier = match cur.bounded("a heuristic modifier (0 to 5)", 0, 5)? {
                    0 => HeuristicModifier::Level,
                    1 => HeuristicModifier::Sign,
                    2 => HeuristicModifier::Factor,
                    3 => HeuristicModifier::Init,
                    4 => HeuristicModifier::True,
                    _ => HeuristicModifier::False,
                };
                let atom = cur.atom()?;
                let value = cur.integer("a heuristic value")?;
                let priority =
                    cur.bounded("a priority (non-negative)", 0, i64::from(u32::MAX))? as u32;
                Statement::Heuristic {
                    modifier,
                    atom,
                    value,
                    priority,
                    cond: cur.lits()?,
                }
            }
            8 => {
                let from = cur.integer("a node")?;
                let to = cur.integer("a node")?;
                Statement::Edge {
                    from,
                    to,
                    cond: cur.lits()?,
                }
            }
            9 => Statement::Theory(self.theory()?),
            10 => {
                cur.skip_blanks();
                let start = cur.pos;
                while !cur.at_line_end() {
                    cur.pos += 1;
                }
                let text = String::from_utf8_lossy(&cur.bytes[start..cur.pos]);
                Statement::Comment(text.trim_end_matches('\r').to_string())
            }
            _ => unreachable!("statement types are bounded to 1..=10 by the caller"),
        })
    }

    fn theory(&mut self) -> Result<TheoryStatement, ReadError> {
        let cur = &mut self.cur;
        let kind_pos = {
            cur.skip_blanks();
            cur.pos
        };
        let kind = cur.integer("a theory statement type (0, 1, 2, 4, 5 or 6)")?;
        Ok(match kind {
            0 => TheoryStatement::Number {
                id: cur.term_id("a term id")?,
                value: cur.integer("a number")?,
            },
            1 => TheoryStatement::Symbol {
                id: cur.term_id("a term id")?,
                name: cur.sized_string()?,
            },
            2 => {
                let id = cur.term_id("a term id")?;
                let kind =
                    cur.bounded("a function term id or -1, -2, -3", -3, i64::from(i32::MAX))?
                        as i32;
                let n = cur.count("the number of arguments", 2)?;
                let args = (0..n)
                    .map(|_| cur.term_id("a term id"))
                    .collect::<Result<_, _>>()?;
                TheoryStatement::Compound { id, kind, args }
            }
            4 => {
                let id = cur.term_id("an element id")?;
                let n = cur.count("the number of terms", 2)?;
                let terms = (0..n)
                    .map(|_| cur.term_id("a term id"))
                    .collect::<Result<_, _>>()?;
                TheoryStatement::Element {
                    id,
                    terms,
                    cond: cur.lits()?,
                }
            }
            5 | 6 => {
                let atom =
                    cur.bounded("an atom (0 for a directive)", 0, i64::from(u32::MAX >> 2))?
                        as Atom;
                let name = cur.term_id("a term id")?;
                let n = cur.count("the number of elements", 2)?;
                let elements = (0..n)
                    .map(|_| cur.term_id("an element id"))
                    .collect::<Result<_, _>>()?;
                let guard = if kind == 6 {
                    Some((
                        cur.term_id("a guard operator term id")?,
                        cur.term_id("a guard term id")?,
                    ))
                } else {
                    None
                };
                TheoryStatement::Atom {
                    atom,
                    name,
                    elements,
                    guard,
                }
            }
            other => {
                return Err(cur.error_at(
                    kind_pos,
                    format!("expected a theory statement type (0, 1, 2, 4, 5 or 6), found {other}"),
                ))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_statement_type() {
        let text = "asp 1 0 0\n1 1 2 1 2 0 0\n1 0 1 3 1 2 2 1 1 -2 3\n2 -1 2 1 4 -2 -5\n3 1 1\n\
                    4 8 p(\"a b\") 1 -3\n5 4 0\n6 1 -1\n7 1 2 -1 3 1 1\n8 0 1 0\n\
                    9 0 1 3\n9 1 0 1 a\n9 2 2 0 1 1\n9 4 0 1 2 1 1\n9 6 5 0 1 0 0 1\n10 hello world\n0\n";
        let program = read_aspif(text).unwrap();
        assert!(!program.incremental);
        let stmts = &program.steps[0];
        assert_eq!(stmts.len(), 15);
        assert_eq!(
            stmts[1],
            Statement::Rule(Rule {
                head_kind: HeadKind::Disjunctive,
                head: vec![3],
                body: Body::Sum {
                    lower: 2,
                    lits: vec![
                        WeightedLit { lit: 1, weight: 1 },
                        WeightedLit { lit: -2, weight: 3 }
                    ]
                }
            })
        );
        assert_eq!(
            stmts[4],
            Statement::Output {
                name: "p(\"a b\")".into(),
                cond: vec![-3]
            }
        );
        assert_eq!(stmts[14], Statement::Comment("hello world".into()));
    }

    #[test]
    fn incremental_steps() {
        let program = read_aspif("asp 1 0 0 incremental\n1 0 1 1 0 0\n0\n5 2 0\n0\n").unwrap();
        assert!(program.incremental);
        assert_eq!(program.steps.len(), 2);
    }

    fn error(text: &str) -> ReadError {
        read_aspif(text).unwrap_err()
    }

    #[test]
    fn malformed_inputs_name_line_and_expectation() {
        let e = error("asp 2 0 0\n0\n");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("version"));
        let e = error("asp 1 0 0\n1 0 1 -3 0 0\n0\n");
        assert_eq!((e.line, e.column), (2, 7));
        assert!(e.message.contains("atom"), "{e}");
        let e = error("asp 1 0 0\n11 0\n0\n");
        assert_eq!(e.line, 2);
        let e = error("asp 1 0 0\n1 0 1 1 0 0\n");
        assert!(e.message.contains("'0' ending the step"), "{e}");
        let e = error("asp 1 0 0\n1 0 1 1 0 0 7\n0\n");
        assert!(e.message.contains("end of the line"), "{e}");
        let e = error("asp 1 0 0\n1 0 1\n0\n");
        assert_eq!(e.line, 2);
        let e = error("asp 1 0 0\n4 10 ab 0\n0\n");
        assert_eq!(e.line, 2);
        let e = error("hello\n");
        assert!(e.message.contains("header"));
        let e = error("asp 1 0 0\n0\n1 0 0 0 0\n0\n");
        assert_eq!(e.line, 3);
        let e = error("asp 1 0 0\n1 0 99999999999 1 0 0\n0\n");
        assert!(e.message.contains("does not fit"), "{e}");
    }
}
