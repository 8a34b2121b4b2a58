//! DIMACS CNF (`p cnf`) and weighted MaxSAT (`p wcnf`, and the newer format without a
//! `p` line: `h` before hard clauses, a weight before soft ones) in the ground-program
//! model, as clasp reads them.
//!
//! Each variable `v` becomes atom `v`, free by one choice rule `{1; ...; n}.` over all
//! `n` variables (four bytes a variable: a declared count costs no more); each hard clause an
//! integrity constraint (`:- not l1, ..., not ln.`, with `not -v` written as `v`);
//! each soft clause of weight `w` a minimize element of weight `w` on an atom that
//! holds exactly when the clause is violated (a unit soft clause `l` needs no atom:
//! the element is on `not l`).

use crate::model::{Body, HeadKind, Program, Rule, Statement, StatementSink, WeightedLit};
use crate::read::ReadError;

/// What [`detect`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `p cnf`.
    Cnf,
    /// `p wcnf`, or the newer weighted format without a `p` line.
    Wcnf,
}

/// Whether `text` is DIMACS: its first line that is not a comment (`c`) is a
/// `p cnf` or `p wcnf` line, or starts a clause of the newer wcnf format (`h` or a
/// weight, then literals, ending in 0).
pub fn detect(text: &str) -> Option<Kind> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('c'))?;
    let mut words = line.split_whitespace();
    match (words.next(), words.next()) {
        (Some("p"), Some("cnf")) => Some(Kind::Cnf),
        (Some("p"), Some("wcnf")) => Some(Kind::Wcnf),
        // A line starting with a number is smodels (a rule type), so the newer
        // format is recognised by a hard clause first, or by a comment first (smodels
        // has none).
        (Some("h"), _) => Some(Kind::Wcnf),
        (Some(_), _) if text.trim_start().starts_with('c') => Some(Kind::Wcnf),
        _ => None,
    }
}

/// The most variables a DIMACS input may declare or use. Each costs memory here and in
/// the solver whether or not a clause mentions it, so a count is bounded rather than
/// trusted: 2^26 (67,108,864) is above the largest SAT competition instances.
pub const MAX_VARIABLES: u32 = 1 << 26;

/// Parses a declared variable count, at most [`MAX_VARIABLES`].
fn variable_count(word: &str, line_no: usize) -> Result<u32, ReadError> {
    let n: u32 = word
        .parse()
        .map_err(|_| error(line_no, "bad variable count"))?;
    if n > MAX_VARIABLES {
        return Err(error(
            line_no,
            format!("variable count {n} is above the limit of {MAX_VARIABLES}"),
        ));
    }
    Ok(n)
}

fn error(line: usize, message: impl Into<String>) -> ReadError {
    ReadError {
        line,
        column: 1,
        message: message.into(),
    }
}

/// Reads DIMACS CNF or wcnf text into a program and the number of variables.
pub fn read_dimacs(text: &str) -> Result<(Program, u32), ReadError> {
    let mut program = Program::new();
    let mut variables: u32 = 0;
    let mut declared: Option<u32> = None;
    let mut weighted = false;
    let mut top: Option<u64> = None;
    let mut soft: Vec<(Vec<i64>, i64)> = Vec::new();
    let mut hard: Vec<Vec<i64>> = Vec::new();
    // Clauses may span lines: collect numbers until the closing 0.
    let mut pending: Vec<i64> = Vec::new();
    let mut pending_weight: Option<Option<i64>> = None;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('c') || line.starts_with('%') {
            continue;
        }
        if line.starts_with('p') {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["p", "cnf", vars, _clauses] => {
                    declared = Some(variable_count(vars, line_no)?);
                }
                ["p", "wcnf", vars, _clauses, rest @ ..] if rest.len() <= 1 => {
                    declared = Some(variable_count(vars, line_no)?);
                    weighted = true;
                    if let Some(t) = rest.first() {
                        top = Some(t.parse().map_err(|_| error(line_no, "bad top weight"))?);
                    }
                }
                _ => {
                    return Err(error(
                        line_no,
                        "expected 'p cnf VARS CLAUSES' or 'p wcnf ...'",
                    ))
                }
            }
            continue;
        }
        for word in line.split_whitespace() {
            if pending_weight.is_none() && (weighted || declared.is_none()) {
                // The clause's weight: `h` (hard) or a number.
                if word == "h" {
                    pending_weight = Some(None);
                } else {
                    let w: i64 = word
                        .parse()
                        .ok()
                        .filter(|&w| w > 0)
                        .ok_or_else(|| error(line_no, format!("bad clause weight '{word}'")))?;
                    let is_hard = top.is_some_and(|t| w as u64 >= t);
                    pending_weight = Some(if is_hard { None } else { Some(w) });
                }
                continue;
            }
            let lit: i64 = word
                .parse()
                .map_err(|_| error(line_no, format!("bad literal '{word}'")))?;
            if lit == 0 {
                let clause = std::mem::take(&mut pending);
                match pending_weight.take().flatten() {
                    Some(w) => soft.push((clause, w)),
                    None => hard.push(clause),
                }
                continue;
            }
            let var = u32::try_from(lit.unsigned_abs())
                .ok()
                .filter(|&v| v <= MAX_VARIABLES)
                .ok_or_else(|| {
                    error(
                        line_no,
                        format!(
                            "literal '{word}' out of range: variables are at most {MAX_VARIABLES}"
                        ),
                    )
                })?;
            // As clasp: a variable above the declared count is an error (a wrong
            // clause count is not).
            if declared.is_some_and(|n| var > n) {
                return Err(error(
                    line_no,
                    format!(
                        "invalid variable in clause: {var} is above the {} declared",
                        declared.unwrap_or(0)
                    ),
                ));
            }
            variables = variables.max(var);
            if pending_weight.is_none() {
                pending_weight = Some(None);
            }
            pending.push(lit);
        }
    }
    if !pending.is_empty() {
        return Err(error(text.lines().count(), "clause without the closing 0"));
    }
    let variables = declared.unwrap_or(0).max(variables);
    let mut next_aux = variables + 1;
    if variables > 0 {
        program.push(Statement::Rule(Rule {
            head_kind: HeadKind::Choice,
            head: (1..=variables).collect(),
            body: Body::Normal(vec![]),
        }));
    }
    // `:- not l1, ..., not ln`: the clause is violated.
    let violated = |clause: &[i64]| -> Vec<i32> { clause.iter().map(|&l| -(l as i32)).collect() };
    for clause in &hard {
        program.push(Statement::Rule(Rule {
            head_kind: HeadKind::Disjunctive,
            head: vec![],
            body: Body::Normal(violated(clause)),
        }));
    }
    if !soft.is_empty() || weighted {
        let mut lits = Vec::new();
        for (clause, weight) in &soft {
            let lit = if clause.len() == 1 {
                -(clause[0] as i32)
            } else {
                let aux = next_aux;
                next_aux += 1;
                program.push(Statement::Rule(Rule {
                    head_kind: HeadKind::Disjunctive,
                    head: vec![aux],
                    body: Body::Normal(violated(clause)),
                }));
                aux as i32
            };
            lits.push(WeightedLit {
                lit,
                weight: *weight,
            });
        }
        program.push(Statement::Minimize { priority: 0, lits });
    }
    Ok((program, variables))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_formats() {
        assert_eq!(detect("c hi\np cnf 2 1\n1 2 0\n"), Some(Kind::Cnf));
        assert_eq!(detect("p wcnf 2 1 5\n5 1 2 0\n"), Some(Kind::Wcnf));
        assert_eq!(detect("c new\nh 1 2 0\n4 -1 0\n"), Some(Kind::Wcnf));
        assert_eq!(detect("c new\n4 -1 0\nh 1 2 0\n"), Some(Kind::Wcnf));
        assert_eq!(detect("asp 1 0 0\n0\n"), None);
        // smodels: a basic rule `1 head 0 0` is not wcnf.
        assert_eq!(detect("1 2 0 0\n0\n2 a\n0\nB+\n0\nB-\n0\n1\n"), None);
    }

    #[test]
    fn clauses_become_constraints_and_soft_clauses_minimize() {
        let (p, vars) = read_dimacs("p wcnf 2 3 9\n9 1 2\n 0\n3 -1 0\n2 1 2 0\n").unwrap();
        assert_eq!(vars, 2);
        let stmts: Vec<&Statement> = p.statements().collect();
        // One choice over both variables, one hard constraint, the aux atom of the
        // soft binary clause, the minimize statement.
        assert_eq!(stmts.len(), 4);
        assert_eq!(
            stmts[0],
            &Statement::Rule(Rule {
                head_kind: HeadKind::Choice,
                head: vec![1, 2],
                body: Body::Normal(vec![]),
            })
        );
        assert_eq!(
            stmts[1],
            &Statement::Rule(Rule {
                head_kind: HeadKind::Disjunctive,
                head: vec![],
                body: Body::Normal(vec![-1, -2]),
            })
        );
        match stmts[3] {
            Statement::Minimize { lits, .. } => {
                assert_eq!(lits[0], WeightedLit { lit: 1, weight: 3 });
                assert_eq!(lits[1], WeightedLit { lit: 3, weight: 2 });
            }
            other => panic!("expected minimize, got {other:?}"),
        }
        assert!(read_dimacs("p cnf 1 1\n1 x 0\n").is_err());
        assert!(read_dimacs("p cnf 1 1\n1\n").is_err());
    }

    #[test]
    fn a_variable_above_the_declared_count_is_refused() {
        let err = read_dimacs("p cnf 2 1\n1 -2 0\n1 3 0\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("invalid variable in clause"));
        assert!(read_dimacs("p wcnf 2 1 9\n9 1 -3 0\n").is_err());
        // A wrong clause count is accepted, as by clasp.
        assert!(read_dimacs("p cnf 2 5\n1 2 0\n").is_ok());
    }
}
