//! The harder actions of the grammar, as plain functions (kept out of `grammar.lalrpop`).

use crate::ast::*;
use crate::lexer::{LexError, Token};
use lalrpop_util::ParseError;

/// A statement that parsed but is malformed: message and span.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The message (without location).
    pub message: String,
    /// Where.
    pub span: Span,
}

type PResult<'a, T> = Result<T, ParseError<usize, Token<'a>, LexError>>;

/// An integer literal; `None` (too large for 64 bits) is an error.
pub fn number<'a>(n: Option<i64>, start: usize, end: usize) -> PResult<'a, Term> {
    match n {
        Some(n) => Ok(Term::Int(n)),
        None => Err(ParseError::User {
            error: LexError {
                start,
                end,
                message: Some("integer literal out of range"),
            },
        }),
    }
}

/// `-t`: folds numbers, keeps the rest (classical negation on functions).
pub fn negate(t: Term, span: Span) -> Term {
    match t {
        Term::Int(n) => Term::Int(-n),
        other => Term::Unary(UnOp::Neg, Box::new(other), span),
    }
}

/// A literal of a disjunctive head as written, its condition, and the span of the whole.
pub type HeadLit = (Lit, Vec<Lit>, Span);

/// A disjunctive head and the body literals its other literals become. A negated head
/// literal moves into the body with one more negation (strongly equivalent): `not a;
/// h :- B.` is `h :- B, not not a.`, `not not a; h :- B.` is `h :- B, not a.`; so do
/// comparisons and booleans, negated (`1 < X; h :- B.` is `h :- B, not 1 < X.`). A
/// condition stays with the literal (`not a : c` becomes the conditional literal
/// `not not a : c`). With no other head literal the rule is an integrity constraint.
/// A comparison or boolean with a condition is refused: clingo reads it as the
/// conjunction over the condition's instances, which no body literal expresses here.
pub fn disjunction<'a>(lits: Vec<HeadLit>) -> PResult<'a, (Head, Vec<BodyElem>)> {
    // Exactly the room needed: a fact file is mostly one-literal heads, and a grown
    // vector (room for four) cost ~290 bytes a fact (issue 16.6).
    let mut head = Vec::with_capacity(lits.len());
    let mut body = Vec::new();
    for (lit, cond, span) in lits {
        let lit = match lit {
            Lit::Atom(0, atom, _) => {
                head.push((atom, cond, span));
                continue;
            }
            Lit::Atom(sign, atom, atom_span) => Lit::Atom(3 - sign, atom, atom_span),
            // A comparison is classical: `not not c` is `c`.
            Lit::Cmp(_, _, _, _) | Lit::Bool(..) if !cond.is_empty() => {
                return Err(ParseError::User {
                    error: LexError {
                        start: span.start,
                        end: span.end,
                        message: Some(
                            "a comparison or #true/#false with a condition in a head is not \
                             supported by sable",
                        ),
                    },
                })
            }
            Lit::Cmp(sign, first, rest, sp) => Lit::Cmp(u8::from(sign != 1), first, rest, sp),
            Lit::Bool(sign, b) => Lit::Bool(0, (sign == 1) == b),
        };
        body.push(if cond.is_empty() {
            BodyElem::Lit(lit)
        } else {
            BodyElem::Cond(lit, cond, span)
        });
    }
    Ok((Head::Disj(head), body))
}

/// A rule: the body as written, then what the head moved there.
pub fn rule(head: (Head, Vec<BodyElem>), mut body: Vec<BodyElem>, span: Span) -> Stmt {
    body.extend(head.1);
    Stmt::Rule(head.0, body, span)
}

/// `f(args;args...)`.
pub fn function(name: &str, alts: Vec<(Vec<Term>, bool)>) -> Term {
    let mut terms: Vec<Term> = alts
        .into_iter()
        .map(|(args, _)| Term::Fun(name.to_string(), args))
        .collect();
    if terms.len() == 1 {
        terms.pop().expect("one alternative")
    } else {
        Term::Pool(terms)
    }
}

/// `(args;args...)`: a parenthesised term, a tuple or a pool of them.
pub fn tuple(alts: Vec<(Vec<Term>, bool)>) -> Term {
    let mut terms: Vec<Term> = alts
        .into_iter()
        .map(|(mut args, comma)| {
            if args.len() == 1 && !comma {
                args.pop().expect("one argument")
            } else {
                Term::Fun(String::new(), args)
            }
        })
        .collect();
    if terms.len() == 1 {
        terms.pop().expect("one alternative")
    } else {
        Term::Pool(terms)
    }
}

/// A signature written as the term `p/n` or `-p/n`.
pub fn signature(t: &Term) -> Option<(String, usize, bool)> {
    if let Term::Binary(BinOp::Div, l, r, _) = t {
        let Term::Int(n) = **r else { return None };
        let n = usize::try_from(n).ok()?;
        match &**l {
            Term::Fun(name, args) if args.is_empty() && !name.is_empty() => {
                Some((name.clone(), n, false))
            }
            Term::Unary(UnOp::Neg, inner, _) => match &**inner {
                Term::Fun(name, args) if args.is_empty() && !name.is_empty() => {
                    Some((name.clone(), n, true))
                }
                _ => None,
            },
            _ => None,
        }
    } else {
        None
    }
}

/// `#show t.`: a signature or a term.
pub fn show(t: Term, body: Vec<BodyElem>, span: Span) -> Stmt {
    match signature(&t) {
        Some((name, arity, neg)) => Stmt::ShowSig(name, arity, neg, span),
        None => Stmt::ShowTerm(t, body, span),
    }
}

/// `#project t : body.`: a signature or an atom.
pub fn project(t: Term, body: Vec<BodyElem>, span: Span) -> Stmt {
    match signature(&t) {
        Some((name, arity, neg)) if body.is_empty() => Stmt::ProjectSig(name, arity, neg, span),
        _ => Stmt::Project(t, body, span),
    }
}

/// `#defined p/n.`
pub fn defined(t: Term, span: Span) -> Result<Stmt, Problem> {
    match signature(&t) {
        Some((name, arity, neg)) => Ok(Stmt::Defined(name, arity, neg, span)),
        None => Err(Problem {
            message: "syntax error, expecting a signature".into(),
            span,
        }),
    }
}

/// `#const n = t. [default|override]`.
pub fn constant(
    (name, value, option): (&str, Term, Option<&str>),
    span: Span,
) -> Result<Stmt, Problem> {
    let over = match option {
        None | Some("default") => false,
        Some("override") => true,
        Some(_) => {
            return Err(Problem {
                message: "syntax error, unexpected <IDENTIFIER>, expecting default or override"
                    .into(),
                span,
            })
        }
    };
    Ok(Stmt::Const(name.to_string(), value, over, span))
}

/// A set-aggregate element `l : cond` (counts the literal's atom).
pub fn set_elem(lit: Lit, cond: Vec<Lit>) -> BodyAggElem {
    let term = match &lit {
        Lit::Atom(_, t, _) => t.clone(),
        _ => Term::Fun(String::new(), vec![]),
    };
    let mut all = vec![lit];
    all.extend(cond);
    BodyAggElem {
        terms: vec![term],
        cond: all,
    }
}

/// One item of a `#theory` definition.
#[derive(Clone, Debug, PartialEq)]
pub enum TheoryItem {
    /// A term type with its operators.
    Term(String, Vec<TheoryOpDef>),
    /// An atom definition.
    Atom(TheoryAtomDef),
}

/// `#theory name { items }.`
pub fn theory(
    name: &str,
    items: Vec<Result<TheoryItem, Problem>>,
    span: Span,
) -> Result<Stmt, Problem> {
    let mut def = TheoryDef {
        name: name.to_string(),
        terms: Vec::new(),
        atoms: Vec::new(),
    };
    for item in items {
        match item? {
            TheoryItem::Term(name, ops) => def.terms.push((name, ops)),
            TheoryItem::Atom(atom) => def.atoms.push(atom),
        }
    }
    Ok(Stmt::Theory(def, span))
}

/// `op : priority, unary|binary[, left|right]`.
pub fn theory_op_def(
    op: &str,
    priority: Option<i64>,
    kind: &str,
    assoc: Option<&str>,
    span: Span,
) -> Result<TheoryOpDef, Problem> {
    let problem = |message: &str| Problem {
        message: message.to_string(),
        span,
    };
    let unary = match kind {
        "unary" => true,
        "binary" => false,
        _ => return Err(problem("syntax error, expecting unary or binary")),
    };
    let right = match (unary, assoc) {
        (true, None) => false,
        (false, None | Some("left")) => false,
        (false, Some("right")) => true,
        _ => {
            return Err(problem(
                "syntax error, expecting left or right after binary",
            ))
        }
    };
    Ok(TheoryOpDef {
        op: op.to_string(),
        priority: priority.ok_or_else(|| problem("integer literal out of range"))?,
        unary,
        right,
    })
}

/// `&name/arity : elemtype[, {ops}, guardtype], kind`.
#[allow(clippy::too_many_arguments)]
pub fn theory_atom_def(
    amp: &str,
    name: &str,
    slash: &str,
    arity: Option<i64>,
    elem_type: &str,
    guard: Option<(Vec<&str>, &str)>,
    kind: &str,
    span: Span,
) -> Result<TheoryItem, Problem> {
    let problem = |message: &str| Problem {
        message: message.to_string(),
        span,
    };
    if amp != "&" || slash != "/" {
        return Err(problem("syntax error, expecting &name/arity"));
    }
    let arity = arity
        .and_then(|a| usize::try_from(a).ok())
        .ok_or_else(|| problem("syntax error, expecting an arity"))?;
    let kind = match kind {
        "head" => TheoryAtomKind::Head,
        "body" => TheoryAtomKind::Body,
        "any" => TheoryAtomKind::Any,
        "directive" => TheoryAtomKind::Directive,
        _ => {
            return Err(problem(
                "syntax error, expecting head, body, any or directive",
            ))
        }
    };
    Ok(TheoryItem::Atom(TheoryAtomDef {
        name: name.to_string(),
        arity,
        elem_type: elem_type.to_string(),
        guard: guard.map(|(ops, t)| (ops.into_iter().map(String::from).collect(), t.to_string())),
        kind,
    }))
}

/// `op* t (op+ t)*` as written; a lone operand stands for itself.
pub fn theory_term(
    ops: Vec<&str>,
    first: TheoryTerm,
    rest: Vec<(Vec<&str>, TheoryTerm)>,
) -> TheoryTerm {
    if ops.is_empty() && rest.is_empty() {
        return first;
    }
    let own = |ops: Vec<&str>| ops.into_iter().map(String::from).collect::<Vec<_>>();
    let mut items = vec![(own(ops), first)];
    items.extend(rest.into_iter().map(|(ops, t)| (own(ops), t)));
    TheoryTerm::Unparsed(items)
}

/// `(t)` is `t`; `(t,)` and `(t1,t2,...)` are tuples.
pub fn theory_tuple(mut terms: Vec<TheoryTerm>, comma: bool) -> TheoryTerm {
    if terms.len() == 1 && !comma {
        terms.pop().expect("one term")
    } else {
        TheoryTerm::Tuple(terms)
    }
}

/// A term type `name { op defs }`.
pub fn theory_term_def(
    name: &str,
    ops: Vec<Result<TheoryOpDef, Problem>>,
) -> Result<TheoryItem, Problem> {
    let ops = ops.into_iter().collect::<Result<Vec<_>, _>>()?;
    Ok(TheoryItem::Term(name.to_string(), ops))
}

#[cfg(test)]
mod tests {
    use crate::ast::{BodyElem, Head, Lit, Stmt};
    use crate::diag::Source;

    fn parse(text: &str) -> Result<Vec<Stmt>, Vec<String>> {
        crate::parse::parse(&Source::new("<test>".into(), text.into()))
    }

    #[test]
    fn head_comparisons_and_booleans_move_into_the_body_negated() {
        let stmts = parse("x ; 1 < X ; not #true ; not not #false :- p(X).").expect("parses");
        let Stmt::Rule(Head::Disj(head), body, _) = &stmts[0] else {
            panic!("a rule");
        };
        assert_eq!(head.len(), 1);
        assert!(matches!(body[1], BodyElem::Lit(Lit::Cmp(1, ..))));
        assert!(matches!(body[2], BodyElem::Lit(Lit::Bool(0, true))));
        assert!(matches!(body[3], BodyElem::Lit(Lit::Bool(0, true))));
    }

    #[test]
    fn a_head_comparison_under_a_condition_is_refused_where_it_is() {
        let errors = parse("w ; 1 < N : n(N).").expect_err("refused");
        assert!(errors[0].starts_with("<test>:1:5-17: error: a comparison"));
    }
}
