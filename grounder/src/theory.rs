//! `#theory` definitions: which theory atoms exist, where they may occur, and the
//! operator tables their terms are parsed with.
//!
//! Theory terms are parsed in two steps because their operators are user-defined: the
//! grammar keeps `op* t (op+ t)*` unparsed ([`ast::TheoryTerm::Unparsed`]), and
//! [`resolve`] builds the tree once the term's operator table is known, by priority
//! (higher binds tighter) and associativity. A unary operator of priority `p` applies to
//! everything joined by binary operators of priority above `p` (gringo's reading: with
//! `-` at 1 and `*` at 2, `- x * y` is `-(x*y)`).

use crate::ast::{self, TheoryAtomDef, TheoryAtomKind, TheoryOpDef, TheoryTerm};
use rustc_hash::FxHashMap;

/// A theory atom definition with its operator tables looked up.
#[derive(Clone, Debug)]
pub struct AtomDef {
    /// Where its atoms may occur.
    pub kind: TheoryAtomKind,
    /// Operators of the element terms.
    pub elem_ops: Vec<TheoryOpDef>,
    /// Guard operators allowed, and the operators of the guard's term.
    pub guard: Option<(Vec<String>, Vec<TheoryOpDef>)>,
}

/// All theory atom definitions of a program, by name and arity.
#[derive(Clone, Debug, Default)]
pub struct Theories {
    atoms: FxHashMap<(String, usize), AtomDef>,
}

impl Theories {
    /// Adds the atoms of one `#theory` definition (term types are local to it).
    pub fn add(&mut self, def: &ast::TheoryDef) {
        let ops = |name: &str| -> Vec<TheoryOpDef> {
            def.terms
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, ops)| ops.clone())
                .unwrap_or_default()
        };
        for a in &def.atoms {
            let TheoryAtomDef {
                name,
                arity,
                elem_type,
                guard,
                kind,
            } = a;
            self.atoms.insert(
                (name.clone(), *arity),
                AtomDef {
                    kind: *kind,
                    elem_ops: ops(elem_type),
                    guard: guard.as_ref().map(|(gops, t)| (gops.clone(), ops(t))),
                },
            );
        }
    }

    /// The definition of `&name/arity`.
    pub fn atom(&self, name: &str, arity: usize) -> Option<&AtomDef> {
        self.atoms.get(&(name.to_string(), arity))
    }
}

/// `t` with its operators resolved against `ops` (no [`TheoryTerm::Unparsed`] left);
/// `Err` names an operator without a definition in the position it is used.
pub fn resolve(t: &TheoryTerm, ops: &[TheoryOpDef]) -> Result<TheoryTerm, String> {
    let all = |ts: &[TheoryTerm]| -> Result<Vec<TheoryTerm>, String> {
        ts.iter().map(|t| resolve(t, ops)).collect()
    };
    Ok(match t {
        TheoryTerm::Fun(name, args) => TheoryTerm::Fun(name.clone(), all(args)?),
        TheoryTerm::Tuple(ts) => TheoryTerm::Tuple(all(ts)?),
        TheoryTerm::Set(ts) => TheoryTerm::Set(all(ts)?),
        TheoryTerm::List(ts) => TheoryTerm::List(all(ts)?),
        TheoryTerm::Unparsed(items) => {
            // Flatten: the first operand's operators are prefixes; after an operand the
            // first operator is binary and the rest are prefixes of the next operand.
            let mut toks = Vec::new();
            for (ops_before, operand) in items {
                toks.extend(ops_before.iter().map(|o| Tok::Op(o.as_str())));
                toks.push(Tok::Operand(resolve(operand, ops)?));
            }
            let mut pos = 0;
            let t = Pratt { toks: &toks, ops }.expr(&mut pos, i64::MIN)?;
            debug_assert_eq!(pos, toks.len());
            t
        }
        other => other.clone(),
    })
}

enum Tok<'a> {
    Op(&'a str),
    Operand(TheoryTerm),
}

struct Pratt<'a> {
    toks: &'a [Tok<'a>],
    ops: &'a [TheoryOpDef],
}

impl Pratt<'_> {
    fn def(&self, op: &str, unary: bool) -> Result<&TheoryOpDef, String> {
        self.ops
            .iter()
            .find(|d| d.op == op && d.unary == unary)
            .ok_or_else(|| op.to_string())
    }

    /// An operand with its prefix operators.
    fn prefix(&self, pos: &mut usize) -> Result<TheoryTerm, String> {
        match &self.toks[*pos] {
            Tok::Op(op) => {
                let d = self.def(op, true)?;
                *pos += 1;
                let arg = self.expr(pos, d.priority.saturating_add(1))?;
                Ok(TheoryTerm::Fun(op.to_string(), vec![arg]))
            }
            Tok::Operand(t) => {
                *pos += 1;
                Ok(t.clone())
            }
        }
    }

    /// Operands joined by binary operators of priority at least `min`.
    fn expr(&self, pos: &mut usize, min: i64) -> Result<TheoryTerm, String> {
        let mut lhs = self.prefix(pos)?;
        while let Some(Tok::Op(op)) = self.toks.get(*pos) {
            let d = self.def(op, false)?;
            if d.priority < min {
                break;
            }
            *pos += 1;
            let next = if d.right {
                d.priority
            } else {
                d.priority.saturating_add(1)
            };
            let rhs = self.expr(pos, next)?;
            lhs = TheoryTerm::Fun(op.to_string(), vec![lhs, rhs]);
        }
        Ok(lhs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(op: &str, priority: i64, unary: bool, right: bool) -> TheoryOpDef {
        TheoryOpDef {
            op: op.into(),
            priority,
            unary,
            right,
        }
    }

    fn c(name: &str) -> TheoryTerm {
        TheoryTerm::Fun(name.into(), vec![])
    }

    fn show(t: &TheoryTerm) -> String {
        match t {
            TheoryTerm::Fun(n, args) if args.is_empty() => n.clone(),
            TheoryTerm::Fun(n, args) if args.len() == 1 => format!("({n}{})", show(&args[0])),
            TheoryTerm::Fun(n, args) => format!("({}{n}{})", show(&args[0]), show(&args[1])),
            other => format!("{other:?}"),
        }
    }

    /// `- x * y`, `x ^ y ^ z`, `- - x + y`, `x + - y * z` as gringo 5.8 groups them
    /// (checked with `clingo --mode=gringo --text`), for unary `-` at priority 1 and 2.
    #[test]
    fn priorities_and_associativity_follow_gringo() {
        for (unary_prio, expected) in [
            (1, ["(-(x*y))", "(x^(y^z))", "((-(-x))+y)", "(x+(-(y*z)))"]),
            (2, ["((-x)*y)", "(x^(y^z))", "((-(-x))+y)", "(x+((-y)*z))"]),
        ] {
            let ops = vec![
                op("*", 2, false, false),
                op("^", 2, false, true),
                op("+", 1, false, false),
                op("-", unary_prio, true, false),
            ];
            let term = |items: Vec<(Vec<&str>, &str)>| {
                TheoryTerm::Unparsed(
                    items
                        .into_iter()
                        .map(|(o, t)| (o.into_iter().map(String::from).collect(), c(t)))
                        .collect(),
                )
            };
            let cases = [
                term(vec![(vec!["-"], "x"), (vec!["*"], "y")]),
                term(vec![(vec![], "x"), (vec!["^"], "y"), (vec!["^"], "z")]),
                term(vec![(vec!["-", "-"], "x"), (vec!["+"], "y")]),
                term(vec![(vec![], "x"), (vec!["+", "-"], "y"), (vec!["*"], "z")]),
            ];
            for (t, want) in cases.iter().zip(expected) {
                assert_eq!(show(&resolve(t, &ops).unwrap()), want);
            }
        }
    }

    #[test]
    fn an_operator_without_definition_is_named() {
        let ops = vec![op("+", 1, false, false)];
        let t = TheoryTerm::Unparsed(vec![(vec!["+-".into()], c("x"))]);
        assert_eq!(resolve(&t, &ops).unwrap_err(), "+-");
    }
}
