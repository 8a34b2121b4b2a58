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
pub fn negate(t: Term) -> Term {
    match t {
        Term::Int(n) => Term::Int(-n),
        other => Term::Unary(UnOp::Neg, Box::new(other)),
    }
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
    if let Term::Binary(BinOp::Div, l, r) = t {
        let Term::Int(n) = **r else { return None };
        let n = usize::try_from(n).ok()?;
        match &**l {
            Term::Fun(name, args) if args.is_empty() && !name.is_empty() => {
                Some((name.clone(), n, false))
            }
            Term::Unary(UnOp::Neg, inner) => match &**inner {
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
