//! A bound on how deep a statement's terms can nest, checked while lexing: the parser,
//! the rewriting and the grounder recurse once per level of a term, so a term nested
//! without bound (`p(f(f(...)))` 100,000 deep, `1+1+...+1` with a million operators)
//! would overflow the stack. Past [`MAX_DEPTH`] the lexer reports an error at the token
//! that goes too deep, with its file:line:col, instead.
//!
//! The depth counted bounds the depth of any term from above: every bracket still open
//! counts one, and so does every operator since the last separator (`,` `;` `:` `:-`
//! `|` `.`) at each open bracket (`1+1+1` is a chain of two operations, however long the
//! statement's list of such terms is).

use super::Token;

/// The deepest nesting accepted: brackets open plus operators chained. gringo reads
/// 10,000 levels and crashes at 100,000; sable refuses past this.
pub const MAX_DEPTH: u32 = 20_000;

/// The message of the lexer error past [`MAX_DEPTH`].
pub const TOO_DEEP: &str = "term nested too deeply (more than 20000 brackets and operators)";

/// The nesting so far in the statement being lexed.
#[derive(Clone, Debug, Default)]
pub(super) struct Nesting {
    /// For each bracket open, the operators chained at its level before it.
    outer_chains: Vec<u32>,
    /// Operators chained at the current level since its last separator.
    chain: u32,
    /// `chain` plus the sum of `outer_chains`.
    chained: u32,
}

impl Nesting {
    /// Takes `tok` into account; `false` when it nests deeper than [`MAX_DEPTH`].
    pub(super) fn accept(&mut self, tok: &Token<'_>) -> bool {
        use Token as T;
        match tok {
            T::LParen | T::LBracket | T::LBrace => {
                self.outer_chains.push(self.chain);
                self.chain = 0;
            }
            T::RParen | T::RBracket | T::RBrace => {
                self.chained -= self.chain;
                // A closing bracket without an opening one is the parser's to report.
                self.chain = self.outer_chains.pop().unwrap_or(0);
            }
            T::Comma | T::Semi | T::Colon | T::If | T::WIf | T::Bar => {
                self.chained -= self.chain;
                self.chain = 0;
            }
            T::Dot if self.outer_chains.is_empty() => *self = Nesting::default(),
            T::Plus
            | T::Minus
            | T::Star
            | T::Pow
            | T::Slash
            | T::Backslash
            | T::Amp
            | T::Question
            | T::Caret
            | T::Tilde
            | T::DotDot
            | T::TheoryOp(_) => {
                self.chain += 1;
                self.chained += 1;
            }
            _ => {}
        }
        self.outer_chains.len() as u32 + self.chained <= MAX_DEPTH
    }
}

#[cfg(test)]
mod tests {
    use super::{Nesting, MAX_DEPTH, TOO_DEEP};
    use crate::lexer::Lexer;

    /// Whether every token of `text` is accepted.
    fn accepted(text: &str) -> bool {
        let mut nesting = Nesting::default();
        Lexer::new(text).all(|item| item.is_ok_and(|(_, tok, _)| nesting.accept(&tok)))
    }

    #[test]
    fn the_message_names_the_limit() {
        assert!(TOO_DEEP.contains(&MAX_DEPTH.to_string()));
    }

    #[test]
    fn brackets_and_chained_operators_count_separators_do_not() {
        let depth = MAX_DEPTH as usize;
        // `p(` plus depth - 1 `f(`: exactly the limit.
        let at = format!("p({}1{}).", "f(".repeat(depth - 1), ")".repeat(depth));
        assert!(accepted(&at));
        let past = format!("p({}1{}).", "f(".repeat(depth), ")".repeat(depth + 1));
        assert!(!accepted(&past));
        // A chain of operators inside one bracket.
        assert!(accepted(&format!("p({}).", vec!["1"; depth].join("+"))));
        assert!(!accepted(&format!(
            "p({}).",
            vec!["1"; depth + 1].join("+")
        )));
        // Many short terms: each separator ends a chain, each statement starts afresh.
        let terms = vec!["1+1"; 2 * depth].join(",");
        assert!(accepted(&format!("p({terms}). p({terms}).")));
    }
}
