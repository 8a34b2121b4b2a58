//! The smodels format reader: what `gringo -o smodels` prints, and what clasp reads when the
//! input does not start with `asp`.
//!
//! An smodels program is, in order: rules (one a line, each led by its type number) ended by
//! a line `0`; the symbol table (`atom name` lines) ended by `0`; the compute statement
//! `B+`, atoms that must be true, `0`, `B-`, atoms that must be false, `0`; and a line with
//! the number of models wanted (which we read and ignore: the command line decides that).
//!
//! Rule types (the numbers of lparse's format, with clasp's extensions):
//!
//! | line | meaning | model |
//! |---|---|---|
//! | `1 h n m neg.. pos..` | `h :- body.` | disjunctive rule, normal body |
//! | `2 h n m k neg.. pos..` | `h :- k { body }.` | sum body, every weight 1 |
//! | `3 c h.. n m neg.. pos..` | `{h..} :- body.` | choice rule |
//! | `5 h k n m neg.. pos.. w..` | `h :- k [body = w].` | sum body |
//! | `6 0 n m neg.. pos.. w..` | `#minimize [..]` | minimize at the statement's index |
//! | `8 c h.. n m neg.. pos..` | `h1 \| .. :- body.` | disjunctive rule |
//! | `90 0` | incremental step | marks the program incremental |
//! | `91 a v` | external `a`, v 0 false, 1 true, 2 free | external |
//! | `92 a` | release external `a` | external, released |
//!
//! In a body, `n` is the number of literals and `m` that of the negative ones, which come
//! first. The symbol table becomes [`Statement::Output`] statements, each conditioned on its
//! atom. `B+` atom `a` becomes `:- not a.`, `B-` atom `a` becomes `:- a.`.
//!
//! smodels has no priorities: gringo writes minimize statements from the lowest priority to
//! the highest, and clasp gives the i-th statement priority i, so we do too.
//!
//! An incremental program (its steps each opened by `90 0`) may hold several whole programs
//! one after another; each becomes a step of the [`Program`].
//!
//! Invariant: malformed input never panics the reader; it gives a [`ReadError`] naming the
//! 1-based line and what was expected there. Counts are never trusted for allocation.

use crate::model::{
    Atom, Body, ExternalValue, HeadKind, Lit, Program, Rule, Statement, Weight, WeightedLit,
};
use crate::read::ReadError;
use std::str::SplitWhitespace;

/// Reads a whole smodels text.
pub fn read_smodels(text: &str) -> Result<Program, ReadError> {
    let mut lines = Lines::new(text);
    let mut program = Program {
        incremental: false,
        steps: Vec::new(),
    };
    loop {
        let step = read_step(&mut lines, &mut program.incremental)?;
        program.steps.push(step);
        if lines.at_end() {
            break;
        }
        if !program.incremental {
            let (line, rest) = lines.next("the end of the input")?;
            return Err(error(
                line,
                format!("expected the end of the input after the number of models, found '{rest}'"),
            ));
        }
    }
    Ok(program)
}

/// Reads one whole smodels program (rules, symbols, compute statement, models line).
fn read_step(lines: &mut Lines<'_>, incremental: &mut bool) -> Result<Vec<Statement>, ReadError> {
    let mut stmts = Vec::new();
    let mut minimize_count: Weight = 0;
    let mut first = true;
    // Rules, up to the line `0`.
    loop {
        let (line, text) = lines.next("a rule or '0' ending the rules")?;
        let mut fields = Fields::new(line, text);
        let kind = fields.int("a rule type")?;
        match kind {
            0 => {
                fields.end()?;
                break;
            }
            1 => {
                let head = fields.atom("the head atom")?;
                let body = fields.body()?;
                stmts.push(rule(HeadKind::Disjunctive, vec![head], Body::Normal(body)));
            }
            2 => {
                let head = fields.atom("the head atom")?;
                let (count, negative) = fields.counts()?;
                let lower = fields.int("the lower bound")?;
                let lits = fields.lits(count, negative)?;
                let lits = lits
                    .into_iter()
                    .map(|lit| WeightedLit { lit, weight: 1 })
                    .collect();
                stmts.push(rule(
                    HeadKind::Disjunctive,
                    vec![head],
                    Body::Sum { lower, lits },
                ));
            }
            3 | 8 => {
                let head = fields.head()?;
                let body = fields.body()?;
                let head_kind = if kind == 3 {
                    HeadKind::Choice
                } else {
                    HeadKind::Disjunctive
                };
                stmts.push(rule(head_kind, head, Body::Normal(body)));
            }
            5 => {
                let head = fields.atom("the head atom")?;
                let lower = fields.int("the lower bound")?;
                let lits = fields.weighted_lits(true)?;
                stmts.push(rule(
                    HeadKind::Disjunctive,
                    vec![head],
                    Body::Sum { lower, lits },
                ));
            }
            6 => {
                let zero = fields.int("'0' after the minimize type")?;
                if zero != 0 {
                    return Err(fields.error(format!(
                        "expected '0' after the minimize type, found '{zero}'"
                    )));
                }
                let lits = fields.weighted_lits(false)?;
                stmts.push(Statement::Minimize {
                    priority: minimize_count,
                    lits,
                });
                minimize_count += 1;
            }
            90 => {
                let zero = fields.int("'0' after the incremental type")?;
                if zero != 0 {
                    return Err(fields.error(format!(
                        "expected '0' after the incremental type 90, found '{zero}'"
                    )));
                }
                if !first {
                    return Err(
                        fields.error("an incremental step marker '90 0' must open its step")
                    );
                }
                *incremental = true;
            }
            91 => {
                let atom = fields.atom("the external atom")?;
                let value = match fields.int("the external value (0, 1 or 2)")? {
                    0 => ExternalValue::False,
                    1 => ExternalValue::True,
                    2 => ExternalValue::Free,
                    other => {
                        return Err(fields.error(format!(
                            "expected the external value 0 (false), 1 (true) or 2 (free), \
                                 found '{other}'"
                        )))
                    }
                };
                stmts.push(Statement::External { atom, value });
            }
            92 => {
                let atom = fields.atom("the external atom")?;
                stmts.push(Statement::External {
                    atom,
                    value: ExternalValue::Release,
                });
            }
            other => {
                return Err(fields.error(format!(
                    "unknown rule type '{other}' (expected 0, 1, 2, 3, 5, 6, 8, 90, 91 or 92)"
                )))
            }
        }
        fields.end()?;
        first = false;
    }
    // The symbol table, up to the line `0`.
    loop {
        let (line, text) = lines.next("a symbol table entry or '0' ending the symbol table")?;
        let text = text.trim_start();
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let (number, rest) = text.split_at(digits);
        if number.is_empty() {
            return Err(error(
                line,
                format!("expected a symbol table entry 'atom name' or '0', found '{text}'"),
            ));
        }
        if number == "0" && rest.trim().is_empty() {
            break;
        }
        let what = "the atom of a symbol table entry";
        let atom = number
            .parse::<i64>()
            .map_err(|_| format!("expected {what}, found '{number}'"))
            .and_then(|n| check_atom(n, what))
            .map_err(|message| error(line, message))?;
        let name = rest.strip_prefix([' ', '\t']).unwrap_or(rest).trim_end();
        if name.is_empty() || !rest.starts_with([' ', '\t']) {
            return Err(error(
                line,
                format!("expected a name after atom {atom} in the symbol table"),
            ));
        }
        stmts.push(Statement::Output {
            name: name.to_string(),
            cond: vec![atom as Lit],
        });
    }
    // The compute statement.
    for (label, must_be_true) in [("B+", true), ("B-", false)] {
        let (line, text) = lines.next(&format!("'{label}'"))?;
        if text.trim() != label {
            return Err(error(
                line,
                format!(
                    "expected '{label}' of the compute statement, found '{}'",
                    text.trim()
                ),
            ));
        }
        loop {
            let (line, text) = lines.next(&format!("an atom of {label} or '0'"))?;
            let mut fields = Fields::new(line, text);
            let number = fields.int(&format!("an atom of {label} or '0'"))?;
            fields.end()?;
            if number == 0 {
                break;
            }
            let atom =
                check_atom(number, &format!("an atom of {label}")).map_err(|m| error(line, m))?;
            let lit = if must_be_true {
                -(atom as Lit)
            } else {
                atom as Lit
            };
            stmts.push(rule(
                HeadKind::Disjunctive,
                Vec::new(),
                Body::Normal(vec![lit]),
            ));
        }
    }
    // The number of models.
    let (line, text) = lines.next("the number of models")?;
    let mut fields = Fields::new(line, text);
    let models = fields.int("the number of models")?;
    if models < 0 {
        return Err(fields.error(format!(
            "expected a non-negative number of models, found '{models}'"
        )));
    }
    fields.end()?;
    Ok(stmts)
}

fn rule(head_kind: HeadKind, head: Vec<Atom>, body: Body) -> Statement {
    Statement::Rule(Rule {
        head_kind,
        head,
        body,
    })
}

fn error(line: usize, message: impl Into<String>) -> ReadError {
    error_at(line, 1, message)
}

fn error_at(line: usize, column: usize, message: impl Into<String>) -> ReadError {
    ReadError {
        line,
        column,
        message: message.into(),
    }
}

/// The largest atom, as the aspif reader bounds it (solver literals keep two bits).
const MAX_ATOM: u32 = u32::MAX >> 2;

/// Atoms are positive and at most [`MAX_ATOM`]; the error is the message.
fn check_atom(number: i64, what: &str) -> Result<Atom, String> {
    if number >= 1 && number <= i64::from(MAX_ATOM) {
        Ok(number as Atom)
    } else {
        Err(format!(
            "expected {what} (an integer from 1 to {}), found '{number}'",
            MAX_ATOM
        ))
    }
}

/// The non-blank lines of the input, numbered from 1.
struct Lines<'a> {
    iter: std::iter::Peekable<std::iter::Enumerate<std::str::Lines<'a>>>,
    /// The number of the last line seen, for errors at the end of the input.
    last: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            iter: text.lines().enumerate().peekable(),
            last: 0,
        }
    }

    fn skip_blank(&mut self) {
        while let Some((index, text)) = self.iter.peek() {
            if !text.trim().is_empty() {
                break;
            }
            self.last = index + 1;
            self.iter.next();
        }
    }

    fn at_end(&mut self) -> bool {
        self.skip_blank();
        self.iter.peek().is_none()
    }

    /// The next non-blank line, or an error saying the input ended where `what` was expected.
    fn next(&mut self, what: &str) -> Result<(usize, &'a str), ReadError> {
        self.skip_blank();
        match self.iter.next() {
            Some((index, text)) => {
                self.last = index + 1;
                Ok((index + 1, text))
            }
            None => Err(error(
                self.last.max(1),
                format!("unexpected end of input: expected {what}"),
            )),
        }
    }
}

/// The whitespace-separated numbers of one line.
struct Fields<'a> {
    line: usize,
    text: &'a str,
    tokens: SplitWhitespace<'a>,
    /// The 1-based column of the last token read (of the line's end once all are read).
    column: usize,
}

impl<'a> Fields<'a> {
    fn new(line: usize, text: &'a str) -> Self {
        Fields {
            line,
            text,
            tokens: text.split_whitespace(),
            column: 1,
        }
    }

    /// The next token, remembering its column.
    fn token(&mut self) -> Option<&'a str> {
        let token = self.tokens.next();
        self.column = match token {
            // `token` is a slice of `text`, so the difference of addresses is its offset.
            Some(token) => token.as_ptr() as usize - self.text.as_ptr() as usize + 1,
            None => self.text.trim_end().len() + 1,
        };
        token
    }

    /// An error at the last token read.
    fn error(&self, message: impl Into<String>) -> ReadError {
        error_at(self.line, self.column, message)
    }

    fn int(&mut self, what: &str) -> Result<i64, ReadError> {
        match self.token() {
            Some(token) => token
                .parse()
                .map_err(|_| self.error(format!("expected {what} (an integer), found '{token}'"))),
            None => Err(self.error(format!("unexpected end of line: expected {what}"))),
        }
    }

    fn atom(&mut self, what: &str) -> Result<Atom, ReadError> {
        let number = self.int(what)?;
        check_atom(number, what).map_err(|message| self.error(message))
    }

    fn count(&mut self, what: &str) -> Result<usize, ReadError> {
        let number = self.int(what)?;
        usize::try_from(number).map_err(|_| {
            self.error(format!(
                "expected {what} (a non-negative integer), found '{number}'"
            ))
        })
    }

    /// `c h1 .. hc`: the head of a choice or disjunctive rule.
    fn head(&mut self) -> Result<Vec<Atom>, ReadError> {
        let count = self.count("the number of head atoms")?;
        if count == 0 {
            return Err(self.error("expected at least one head atom, found 0"));
        }
        let mut head = Vec::new();
        for _ in 0..count {
            head.push(self.atom("a head atom")?);
        }
        Ok(head)
    }

    /// `n m`: the number of literals and of negative ones.
    fn counts(&mut self) -> Result<(usize, usize), ReadError> {
        let count = self.count("the number of body literals")?;
        let negative = self.count("the number of negative body literals")?;
        if negative > count {
            return Err(self.error(format!(
                "expected at most {count} negative body literals (the number of literals), \
                     found {negative}"
            )));
        }
        Ok((count, negative))
    }

    /// `neg.. pos..`: `count` atoms, the first `negative` of them negated.
    fn lits(&mut self, count: usize, negative: usize) -> Result<Vec<Lit>, ReadError> {
        let mut lits = Vec::new();
        for i in 0..count {
            let atom = self.atom("a body atom")? as Lit;
            lits.push(if i < negative { -atom } else { atom });
        }
        Ok(lits)
    }

    /// `n m neg.. pos..`: a normal body.
    fn body(&mut self) -> Result<Vec<Lit>, ReadError> {
        let (count, negative) = self.counts()?;
        self.lits(count, negative)
    }

    /// `n m neg.. pos.. w..`: weighted literals (weights of rule bodies must not be negative).
    fn weighted_lits(&mut self, rule_body: bool) -> Result<Vec<WeightedLit>, ReadError> {
        let (count, negative) = self.counts()?;
        let lits = self.lits(count, negative)?;
        let mut weighted = Vec::new();
        for lit in lits {
            let weight = self.int("a weight")?;
            if rule_body && weight < 0 {
                return Err(self.error(format!("expected a non-negative weight, found '{weight}'")));
            }
            weighted.push(WeightedLit { lit, weight });
        }
        Ok(weighted)
    }

    /// Checks nothing follows on the line.
    fn end(mut self) -> Result<(), ReadError> {
        match self.token() {
            None => Ok(()),
            Some(token) => {
                Err(self.error(format!("expected the end of the line, found '{token}'")))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Statement> {
        let program = read_smodels(text).expect("reads");
        program.steps.into_iter().flatten().collect()
    }

    fn normal(head: Vec<Atom>, body: Vec<Lit>) -> Statement {
        rule(HeadKind::Disjunctive, head, Body::Normal(body))
    }

    #[test]
    fn every_rule_type() {
        let text = "1 2 2 1 3 4\n2 5 3 1 2 3 4 6\n3 2 7 8 1 0 2\n5 9 3 2 1 3 4 1 2\n\
                    6 0 2 1 3 4 5 6\n8 2 10 11 0 0\n0\n2 a\n4 b(1, \"x y\")\n0\nB+\n2\n0\nB-\n1\n0\n1\n";
        let stmts = read(text);
        let weighted = |pairs: &[(Lit, Weight)]| {
            pairs
                .iter()
                .map(|&(lit, weight)| WeightedLit { lit, weight })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            stmts,
            vec![
                normal(vec![2], vec![-3, 4]),
                rule(
                    HeadKind::Disjunctive,
                    vec![5],
                    Body::Sum {
                        lower: 2,
                        lits: weighted(&[(-3, 1), (4, 1), (6, 1)])
                    }
                ),
                rule(HeadKind::Choice, vec![7, 8], Body::Normal(vec![2])),
                rule(
                    HeadKind::Disjunctive,
                    vec![9],
                    Body::Sum {
                        lower: 3,
                        lits: weighted(&[(-3, 1), (4, 2)])
                    }
                ),
                Statement::Minimize {
                    priority: 0,
                    lits: weighted(&[(-3, 5), (4, 6)])
                },
                normal(vec![10, 11], vec![]),
                Statement::Output {
                    name: "a".into(),
                    cond: vec![2]
                },
                Statement::Output {
                    name: "b(1, \"x y\")".into(),
                    cond: vec![4]
                },
                normal(vec![], vec![-2]),
                normal(vec![], vec![1]),
            ]
        );
    }

    #[test]
    fn clasp_extensions() {
        let text = "90 0\n91 3 0\n91 4 1\n91 5 2\n92 6\n0\n0\nB+\n0\nB-\n0\n1\n\
                    90 0\n92 3\n0\n0\nB+\n0\nB-\n0\n1\n";
        let program = read_smodels(text).unwrap();
        assert!(program.incremental);
        let ext = |atom, value| Statement::External { atom, value };
        assert_eq!(
            program.steps,
            vec![
                vec![
                    ext(3, ExternalValue::False),
                    ext(4, ExternalValue::True),
                    ext(5, ExternalValue::Free),
                    ext(6, ExternalValue::Release),
                ],
                vec![ext(3, ExternalValue::Release)],
            ]
        );
    }

    #[test]
    fn minimize_priorities_follow_the_order() {
        let stmts = read("6 0 1 0 2 1\n6 0 1 0 3 1\n0\n0\nB+\n0\nB-\n0\n1\n");
        let priorities: Vec<_> = stmts
            .iter()
            .map(|s| match s {
                Statement::Minimize { priority, .. } => *priority,
                other => panic!("not a minimize: {other:?}"),
            })
            .collect();
        assert_eq!(priorities, vec![0, 1]);
    }

    /// Each malformed input, the line of the error and a word the message must contain.
    #[test]
    fn malformed_inputs_name_the_line() {
        let cases: &[(&str, usize, &str)] = &[
            ("", 1, "end of input"),
            ("1 2 0 0\n", 1, "end of input"),
            ("1 2 0 0\n7 1 0 0\n", 2, "unknown rule type"),
            ("1 2 1 0\n", 1, "end of line"),
            ("1 2 1 2 3\n", 1, "at most 1 negative"),
            ("1 0 0 0\n", 1, "from 1"),
            ("1 -2 0 0\n", 1, "from 1"),
            ("1 x 0 0\n", 1, "found 'x'"),
            ("1 2 0 0 9\n", 1, "end of the line"),
            ("3 0 0 0\n", 1, "at least one head atom"),
            ("5 2 1 1 0 3 -1\n", 1, "non-negative weight"),
            ("6 1 0 0\n", 1, "'0' after the minimize"),
            ("91 2 5\n", 1, "external value"),
            ("1 2 0 0\n\n0\nfoo\n", 4, "symbol table"),
            ("0\n2\n", 2, "a name"),
            ("0\n0\nB-\n", 3, "'B+'"),
            ("0\n0\nB+\n0\nB-\n0\n", 6, "number of models"),
            ("0\n0\nB+\n0\nB-\n0\n1\n1 2 0 0\n", 8, "end of the input"),
            ("0\n0\nB+\n-3\n", 4, "B+"),
            ("1 2 0 0\n90 0\n", 2, "must open"),
            ("1 99999999999999999999 0 0\n", 1, "integer"),
        ];
        for &(text, line, word) in cases {
            let err = read_smodels(text).expect_err(text);
            assert_eq!(err.line, line, "{text:?}: {err}");
            assert!(err.message.contains(word), "{text:?}: {err}");
        }
    }

    #[test]
    fn errors_point_at_the_column() {
        let err = read_smodels("1 2 0 0 9\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 9));
        let err = read_smodels("1 2 1 0\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 8));
        let err = read_smodels("0\n0\nB+\n0\nB-\n0\n  x\n").unwrap_err();
        assert_eq!((err.line, err.column), (7, 3));
    }
}
