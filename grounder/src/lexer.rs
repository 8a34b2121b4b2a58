//! The lexer: program text to tokens, with logos.
//!
//! Tokens carry byte offsets; [`Lexer`] yields `(start, token, end)` triples as the LALRPOP
//! grammar (declared `extern`) expects. Whitespace and comments (`% ...` to the end of the
//! line and nested block comments `%* ... *%`) are skipped here. A string with an escape
//! other than `\"`, `\\` and `\n`, an unterminated block comment and an unknown character
//! are lexer errors, reported at the offending character as gringo does.

use logos::Logos;
use std::fmt;

/// A lexer error: the byte span of the unexpected text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LexError {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// A message other than `lexer error, unexpected ...`.
    pub message: Option<&'static str>,
}

/// The tokens of the gringo language.
#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(skip r"[ \t\r\n\f]+")]
#[logos(skip r"%([^*\n][^\n]*)?")]
pub enum Token<'a> {
    /// A block comment, skipped by [`Lexer`] (its callback checks nesting).
    #[token("%*", block_comment)]
    BlockComment,
    /// `p`, `foo_1`: starts with a lower-case letter after optional underscores.
    #[regex(r"_*[a-z][A-Za-z0-9_']*")]
    Ident(&'a str),
    /// `X`, `_Y`.
    #[regex(r"_*[A-Z][A-Za-z0-9_']*")]
    Var(&'a str),
    /// `_`.
    #[token("_")]
    Anonymous,
    /// A decimal, hexadecimal, octal or binary integer (`None`: too large).
    #[regex(r"0|[1-9][0-9]*", |lex| lex.slice().parse::<i64>().ok())]
    #[regex(r"0x[0-9A-Fa-f]+", |lex| i64::from_str_radix(&lex.slice()[2..], 16).ok())]
    #[regex(r"0o[0-7]+", |lex| i64::from_str_radix(&lex.slice()[2..], 8).ok())]
    #[regex(r"0b[01]+", |lex| i64::from_str_radix(&lex.slice()[2..], 2).ok())]
    Number(Option<i64>),
    /// A string, unescaped.
    #[regex(r#""([^"\\\n]|\\["\\n])*""#, unescape)]
    Str(String),
    /// `not`.
    #[token("not")]
    Not,
    /// `#count`.
    #[token("#count")]
    Count,
    /// `#sum`.
    #[token("#sum")]
    Sum,
    /// `#sum+`.
    #[token("#sum+")]
    SumPlus,
    /// `#min`.
    #[token("#min")]
    Min,
    /// `#max`.
    #[token("#max")]
    Max,
    /// `#minimize`.
    #[token("#minimize")]
    #[token("#minimise")]
    Minimize,
    /// `#maximize`.
    #[token("#maximize")]
    #[token("#maximise")]
    Maximize,
    /// `#show`.
    #[token("#show")]
    Show,
    /// `#const`.
    #[token("#const")]
    Const,
    /// `#include`.
    #[token("#include")]
    Include,
    /// `#program`.
    #[token("#program")]
    Program,
    /// `#external`.
    #[token("#external")]
    External,
    /// `#project`.
    #[token("#project")]
    Project,
    /// `#heuristic`.
    #[token("#heuristic")]
    Heuristic,
    /// `#defined`.
    #[token("#defined")]
    Defined,
    /// `#edge`.
    #[token("#edge")]
    Edge,
    /// `#theory`.
    #[token("#theory")]
    Theory,
    /// `#script`.
    #[token("#script")]
    Script,
    /// `#true`.
    #[token("#true")]
    True,
    /// `#false`.
    #[token("#false")]
    False,
    /// `#inf`.
    #[token("#inf")]
    #[token("#infimum")]
    Inf,
    /// `#sup`.
    #[token("#sup")]
    #[token("#supremum")]
    Sup,
    /// `:-`.
    #[token(":-")]
    If,
    /// `:~`.
    #[token(":~")]
    WIf,
    /// `:`.
    #[token(":")]
    Colon,
    /// `.`.
    #[token(".")]
    Dot,
    /// `..`.
    #[token("..")]
    DotDot,
    /// `,`.
    #[token(",")]
    Comma,
    /// `;`.
    #[token(";")]
    Semi,
    /// `|`.
    #[token("|")]
    Bar,
    /// `(`.
    #[token("(")]
    LParen,
    /// `)`.
    #[token(")")]
    RParen,
    /// `{`.
    #[token("{")]
    LBrace,
    /// `}`.
    #[token("}")]
    RBrace,
    /// `[`.
    #[token("[")]
    LBracket,
    /// `]`.
    #[token("]")]
    RBracket,
    /// `+`.
    #[token("+")]
    Plus,
    /// `-`.
    #[token("-")]
    Minus,
    /// `*`.
    #[token("*")]
    Star,
    /// `**`.
    #[token("**")]
    Pow,
    /// `/`.
    #[token("/")]
    Slash,
    /// `\`.
    #[token("\\")]
    Backslash,
    /// `&`.
    #[token("&")]
    Amp,
    /// `?`.
    #[token("?")]
    Question,
    /// `^`.
    #[token("^")]
    Caret,
    /// `~`.
    #[token("~")]
    Tilde,
    /// `=`.
    #[token("=")]
    Eq,
    /// `==`.
    #[token("==")]
    EqEq,
    /// `!=`.
    #[token("!=")]
    #[token("<>")]
    Ne,
    /// `<`.
    #[token("<")]
    Lt,
    /// `<=`.
    #[token("<=")]
    Le,
    /// `>`.
    #[token(">")]
    Gt,
    /// `>=`.
    #[token(">=")]
    Ge,
    /// `@`.
    #[token("@")]
    At,
}

fn unescape<'a>(lex: &mut logos::Lexer<'a, Token<'a>>) -> String {
    let s = lex.slice();
    let inner = &s[1..s.len() - 1];
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Skips a (nested) block comment; `false` when it is not closed.
fn block_comment<'a>(lex: &mut logos::Lexer<'a, Token<'a>>) -> logos::Filter<()> {
    let rest = lex.remainder().as_bytes();
    let mut depth = 1usize;
    let mut i = 0;
    while i < rest.len() {
        if rest[i] == b'%' && rest.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if rest[i] == b'*' && rest.get(i + 1) == Some(&b'%') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                lex.bump(i);
                return logos::Filter::Skip;
            }
        } else {
            i += 1;
        }
    }
    lex.bump(rest.len());
    logos::Filter::Emit(())
}

impl fmt::Display for Token<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Token::*;
        let s = match self {
            BlockComment => "<EOF>",
            Ident(_) => "<IDENTIFIER>",
            Var(_) => "<VARIABLE>",
            Anonymous => "_",
            Number(_) => "<NUMBER>",
            Str(_) => "<STRING>",
            Not => "not",
            Count => "#count",
            Sum => "#sum",
            SumPlus => "#sum+",
            Min => "#min",
            Max => "#max",
            Minimize => "#minimize",
            Maximize => "#maximize",
            Show => "#show",
            Const => "#const",
            Include => "#include",
            Program => "#program",
            External => "#external",
            Project => "#project",
            Heuristic => "#heuristic",
            Defined => "#defined",
            Edge => "#edge",
            Theory => "#theory",
            Script => "#script",
            True => "#true",
            False => "#false",
            Inf => "#inf",
            Sup => "#sup",
            If => ":-",
            WIf => ":~",
            Colon => ":",
            Dot => ".",
            DotDot => "..",
            Comma => ",",
            Semi => ";",
            Bar => "|",
            LParen => "(",
            RParen => ")",
            LBrace => "{",
            RBrace => "}",
            LBracket => "[",
            RBracket => "]",
            Plus => "+",
            Minus => "-",
            Star => "*",
            Pow => "**",
            Slash => "/",
            Backslash => "\\",
            Amp => "&",
            Question => "?",
            Caret => "^",
            Tilde => "~",
            Eq => "=",
            EqEq => "==",
            Ne => "!=",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            At => "@",
        };
        f.write_str(s)
    }
}

/// The token stream the parser reads: `(start, token, end)` or a [`LexError`].
pub struct Lexer<'a> {
    inner: logos::SpannedIter<'a, Token<'a>>,
}

impl<'a> Lexer<'a> {
    /// Tokens of `text`.
    pub fn new(text: &'a str) -> Self {
        Lexer {
            inner: Token::lexer(text).spanned(),
        }
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Result<(usize, Token<'a>, usize), LexError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (tok, span) = self.inner.next()?;
        Some(match tok {
            Ok(Token::BlockComment) => {
                // gringo reports the end of the input the comment swallowed.
                let end = self.inner.source().len();
                Err(LexError {
                    start: end,
                    end: end + 1,
                    message: Some("lexer error, unexpected <EOF>"),
                })
            }
            Ok(tok) => Ok((span.start, tok, span.end)),
            Err(()) => {
                // Report one character, as gringo does (for a bad string: its quote).
                let slice = self.inner.slice();
                let mut len = slice.chars().next().map_or(1, char::len_utf8);
                if slice.starts_with('#') {
                    // An unknown directive: the whole word, as gringo shows it.
                    let rest = &self.inner.source()[span.start + 1..];
                    len += rest
                        .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                        .unwrap_or(rest.len());
                }
                Err(LexError {
                    start: span.start,
                    end: span.start + len,
                    message: None,
                })
            }
        })
    }
}
