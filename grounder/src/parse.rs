//! Parsing behind one function: [`parse`] never panics; it returns the statements or the
//! first syntax error as a gringo-style message.

use crate::ast::{Span, Stmt};
use crate::diag::Source;
use crate::lexer::{LexError, Lexer, Token};
use lalrpop_util::ParseError;

#[allow(clippy::all, missing_docs, unused)]
mod grammar {
    include!(concat!(env!("OUT_DIR"), "/grammar.rs"));
}

/// Parses one source into statements; errors are formatted messages.
pub fn parse(source: &Source) -> Result<Vec<Stmt>, Vec<String>> {
    let lexer = Lexer::new(&source.text);
    match grammar::ProgramParser::new().parse(lexer) {
        Ok(items) => {
            let mut stmts = Vec::with_capacity(items.len());
            let mut errors = Vec::new();
            for item in items {
                match item {
                    Ok(Stmt::Unsupported(what, span)) => {
                        errors.push(source.error(span, &format!("{what} is not supported")))
                    }
                    Ok(stmt) => stmts.push(stmt),
                    Err(problem) => errors.push(source.error(problem.span, &problem.message)),
                }
            }
            if errors.is_empty() {
                Ok(stmts)
            } else {
                Err(errors)
            }
        }
        Err(err) => Err(vec![describe(source, err)]),
    }
}

fn expecting(expected: &[String]) -> String {
    if expected.is_empty() {
        return String::new();
    }
    let names: Vec<String> = expected
        .iter()
        .map(|e| e.trim_matches('"').to_string())
        .collect();
    format!(", expecting {}", names.join(" or "))
}

fn describe(source: &Source, err: ParseError<usize, Token<'_>, LexError>) -> String {
    match err {
        ParseError::InvalidToken { location } => source.error(
            Span {
                start: location,
                end: location + 1,
            },
            "lexer error",
        ),
        ParseError::UnrecognizedEof { location, expected } => {
            // Located at the very end of the input, as gringo does.
            let end = source.text.len().max(location);
            source.error(
                Span {
                    start: end,
                    end: end + 1,
                },
                &format!("syntax error, unexpected <EOF>{}", expecting(&expected)),
            )
        }
        ParseError::UnrecognizedToken {
            token: (start, tok, end),
            expected,
        } => {
            let span = Span { start, end };
            match tok {
                Token::Script => {
                    source.error(span, "#script is not supported by sable (no scripting)")
                }
                Token::At => source.error(
                    span,
                    &format!(
                        "syntax error, unexpected @{} (sable has no @-functions)",
                        expecting(&expected)
                    ),
                ),
                tok => source.error(
                    span,
                    &format!("syntax error, unexpected {tok}{}", expecting(&expected)),
                ),
            }
        }
        ParseError::ExtraToken {
            token: (start, tok, end),
        } => source.error(
            Span { start, end },
            &format!("syntax error, unexpected {tok}"),
        ),
        ParseError::User { error } => {
            let span = Span {
                start: error.start,
                end: error.end,
            };
            match error.message {
                Some(message) => source.error(span, message),
                None => {
                    let ch = source
                        .text
                        .get(error.start..error.end)
                        .map(String::from)
                        .unwrap_or_default();
                    source.error(span, &format!("lexer error, unexpected {ch}"))
                }
            }
        }
    }
}

/// Parses a term alone (the value of `-c name=value`).
pub fn parse_term(source: &Source) -> Result<crate::ast::Term, Vec<String>> {
    grammar::TermParser::new()
        .parse(Lexer::new(&source.text))
        .map_err(|e| vec![describe(source, e)])
}
