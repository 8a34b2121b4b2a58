//! The lexer: program text to tokens, with logos.
//!
//! Tokens carry byte offsets; [`Lexer`] yields `(start, token, end)` triples as the LALRPOP
//! grammar (declared `extern`) expects. Whitespace and comments (`% ...` to the end of the
//! line and nested block comments `%* ... *%`) are skipped here. A string with an escape
//! other than `\"`, `\\` and `\n`, an unterminated block comment and an unknown character
//! are lexer errors, reported at the offending character as gringo does.

use logos::Logos;
use std::fmt;

mod nesting;
pub use nesting::MAX_DEPTH;

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
    /// A theory operator (a run of `/!<=>+-*\?&@|:;~^.`), only produced inside theory
    /// atoms and `#theory` definitions (see [`Lexer`]).
    TheoryOp(&'a str),
    /// The `&` that opens a theory atom (`&name{...}`), told apart from the bitwise and
    /// by the token before it.
    TheoryAtom,
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
            TheoryOp(_) => "<THEORYOP>",
            TheoryAtom => "&",
        };
        f.write_str(s)
    }
}

/// Where the lexer is: gringo's language is context-sensitive inside theory atoms (their
/// terms use user-defined operators, any run of operator characters) and `#theory`
/// definitions, so the lexer follows the nesting of those constructs.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    /// Ordinary tokens.
    Normal,
    /// After the `&` of a theory atom: its name and arguments (ordinary tokens) up to `{`.
    AtomName { depth: u32 },
    /// Inside the element braces: theory terms.
    Elements { depth: u32 },
    /// An element's condition (after `:`): ordinary literals up to `;` or `}`.
    Condition { depth: u32 },
    /// Right after the closing `}`: an operator starts the guard.
    AfterElements,
    /// The guard's theory term, up to a `.`, `,`, `;`, `:` or `:-` outside brackets.
    Guard { depth: u32 },
    /// A `#theory` definition, up to its final `.`.
    Definition { depth: u32 },
}

/// The characters theory operators are made of.
fn is_op_char(c: u8) -> bool {
    b"/!<=>+-*\\?&@|:;~^.".contains(&c)
}

/// The token stream the parser reads: `(start, token, end)` or a [`LexError`].
pub struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    mode: Mode,
    /// The previous token can end a term (then `&` is the bitwise and).
    after_term: bool,
    /// How deep the current statement nests (bounded: see `nesting.rs`).
    nesting: nesting::Nesting,
}

impl<'a> Lexer<'a> {
    /// Tokens of `text`.
    pub fn new(text: &'a str) -> Self {
        Lexer {
            text,
            pos: 0,
            mode: Mode::Normal,
            after_term: false,
            nesting: nesting::Nesting::default(),
        }
    }

    /// The next ordinary token (logos), from `self.pos`.
    fn normal(&mut self) -> Option<Result<(usize, Token<'a>, usize), LexError>> {
        let base = self.pos;
        let rest = &self.text[base..];
        let mut lex = Token::lexer(rest);
        let tok = lex.next()?;
        let span = lex.span();
        let (start, end) = (base + span.start, base + span.end);
        self.pos = end;
        Some(match tok {
            Ok(Token::BlockComment) => {
                // gringo reports the end of the input the comment swallowed.
                let end = self.text.len();
                Err(LexError {
                    start: end,
                    end: end + 1,
                    message: Some("lexer error, unexpected <EOF>"),
                })
            }
            Ok(tok) => Ok((start, tok, end)),
            Err(()) => {
                // Report one character, as gringo does (for a bad string: its quote).
                let slice = lex.slice();
                let mut len = slice.chars().next().map_or(1, char::len_utf8);
                if slice.starts_with('#') {
                    // An unknown directive: the whole word, as gringo shows it.
                    let rest = &self.text[start + 1..];
                    len += rest
                        .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                        .unwrap_or(rest.len());
                }
                Err(LexError {
                    start,
                    end: start + len,
                    message: None,
                })
            }
        })
    }

    /// Skips whitespace and comments from `self.pos` (theory modes lex by hand).
    fn skip_space(&mut self) {
        let bytes = self.text.as_bytes();
        loop {
            while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            if bytes.get(self.pos) == Some(&b'%') {
                if bytes.get(self.pos + 1) == Some(&b'*') {
                    // A (nested) block comment; an unclosed one is left to logos, which
                    // reports it.
                    let mut depth = 0usize;
                    let mut i = self.pos;
                    while i < bytes.len() {
                        if bytes[i] == b'%' && bytes.get(i + 1) == Some(&b'*') {
                            depth += 1;
                            i += 2;
                        } else if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'%') {
                            depth -= 1;
                            i += 2;
                            if depth == 0 {
                                break;
                            }
                        } else {
                            i += 1;
                        }
                    }
                    if depth != 0 {
                        return;
                    }
                    self.pos = i;
                    continue;
                }
                while self.pos < bytes.len() && bytes[self.pos] != b'\n' {
                    self.pos += 1;
                }
                continue;
            }
            return;
        }
    }

    /// The next token inside a theory construct: a run of operator characters is one
    /// operator (a lone `:`, `;` or `.` and `:-` keep their ordinary meaning); anything
    /// else is an ordinary token.
    fn theory(&mut self) -> Option<Result<(usize, Token<'a>, usize), LexError>> {
        self.skip_space();
        let bytes = self.text.as_bytes();
        let start = self.pos;
        if start < bytes.len() && is_op_char(bytes[start]) {
            let mut end = start;
            while end < bytes.len() && is_op_char(bytes[end]) {
                end += 1;
            }
            let run = &self.text[start..end];
            let tok = match run {
                ":" => Token::Colon,
                ";" => Token::Semi,
                "." => Token::Dot,
                ":-" => Token::If,
                op => Token::TheoryOp(op),
            };
            self.pos = end;
            return Some(Ok((start, tok, end)));
        }
        self.normal()
    }

    fn next_token(&mut self) -> Option<Result<(usize, Token<'a>, usize), LexError>> {
        use Token as T;
        match self.mode {
            Mode::Normal => {
                let item = self.normal()?;
                let Ok((start, tok, end)) = item else {
                    return Some(item);
                };
                let tok = match tok {
                    T::Amp if !self.after_term && self.ident_follows() => {
                        self.mode = Mode::AtomName { depth: 0 };
                        T::TheoryAtom
                    }
                    T::Theory => {
                        self.mode = Mode::Definition { depth: 0 };
                        T::Theory
                    }
                    tok => tok,
                };
                self.after_term = matches!(
                    tok,
                    T::Ident(_)
                        | T::Var(_)
                        | T::Anonymous
                        | T::Number(_)
                        | T::Str(_)
                        | T::RParen
                        | T::Inf
                        | T::Sup
                );
                Some(Ok((start, tok, end)))
            }
            Mode::AtomName { depth } => {
                let item = self.normal()?;
                if let Ok((_, tok, _)) = &item {
                    self.mode = match (tok, depth) {
                        (T::LParen, d) => Mode::AtomName { depth: d + 1 },
                        (T::RParen, d) => Mode::AtomName {
                            depth: d.saturating_sub(1),
                        },
                        (T::LBrace, 0) => Mode::Elements { depth: 0 },
                        (T::Dot, 0) => Mode::Normal,
                        _ => self.mode,
                    };
                }
                Some(item)
            }
            Mode::Elements { depth } => {
                let item = self.theory()?;
                if let Ok((_, tok, _)) = &item {
                    self.mode = match (tok, depth) {
                        (T::LParen | T::LBracket | T::LBrace, d) => Mode::Elements { depth: d + 1 },
                        (T::RBrace, 0) => Mode::AfterElements,
                        (T::RParen | T::RBracket | T::RBrace, d) => Mode::Elements {
                            depth: d.saturating_sub(1),
                        },
                        (T::Colon, 0) => Mode::Condition { depth: 0 },
                        (T::Dot | T::If, 0) => Mode::Normal,
                        _ => self.mode,
                    };
                }
                Some(item)
            }
            Mode::Condition { depth } => {
                let item = self.normal()?;
                if let Ok((_, tok, _)) = &item {
                    self.mode = match (tok, depth) {
                        (T::LParen, d) => Mode::Condition { depth: d + 1 },
                        (T::RParen, d) => Mode::Condition {
                            depth: d.saturating_sub(1),
                        },
                        (T::Semi, 0) => Mode::Elements { depth: 0 },
                        (T::RBrace, 0) => Mode::AfterElements,
                        (T::Dot | T::If, 0) => Mode::Normal,
                        _ => self.mode,
                    };
                }
                Some(item)
            }
            Mode::AfterElements => {
                let save = self.pos;
                match self.theory() {
                    Some(Ok((start, T::TheoryOp(op), end))) => {
                        self.mode = Mode::Guard { depth: 0 };
                        Some(Ok((start, T::TheoryOp(op), end)))
                    }
                    _ => {
                        self.pos = save;
                        self.mode = Mode::Normal;
                        self.after_term = false;
                        self.next_token()
                    }
                }
            }
            Mode::Guard { depth } => {
                let save = self.pos;
                let item = self.theory()?;
                if let Ok((_, tok, _)) = &item {
                    match (tok, depth) {
                        (T::LParen | T::LBracket | T::LBrace, d) => {
                            self.mode = Mode::Guard { depth: d + 1 }
                        }
                        (
                            T::Dot | T::If | T::Comma | T::Semi | T::Colon | T::RBrace | T::RParen,
                            0,
                        ) => {
                            // The end of the theory atom: lex this token again as usual.
                            self.pos = save;
                            self.mode = Mode::Normal;
                            self.after_term = false;
                            return self.next_token();
                        }
                        (T::RParen | T::RBracket | T::RBrace, d) => {
                            self.mode = Mode::Guard {
                                depth: d.saturating_sub(1),
                            }
                        }
                        _ => {}
                    }
                }
                Some(item)
            }
            Mode::Definition { depth } => {
                let item = self.theory()?;
                if let Ok((_, tok, _)) = &item {
                    self.mode = match (tok, depth) {
                        (T::LBrace, d) => Mode::Definition { depth: d + 1 },
                        (T::RBrace, d) => Mode::Definition {
                            depth: d.saturating_sub(1),
                        },
                        (T::Dot, 0) => Mode::Normal,
                        _ => self.mode,
                    };
                }
                Some(item)
            }
        }
    }

    /// An identifier follows (after blanks): `&name` opens a theory atom.
    fn ident_follows(&self) -> bool {
        let rest = self.text[self.pos..].trim_start();
        let name = rest.trim_start_matches('_');
        name.starts_with(|c: char| c.is_ascii_lowercase())
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Result<(usize, Token<'a>, usize), LexError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.next_token()?;
        if let Ok((start, tok, end)) = &item {
            if !self.nesting.accept(tok) {
                // The rest is not lexed: the parser stops at this error.
                self.pos = self.text.len();
                return Some(Err(LexError {
                    start: *start,
                    end: *end,
                    message: Some(nesting::TOO_DEEP),
                }));
            }
        }
        Some(item)
    }
}

#[cfg(test)]
mod tests;
