//! Unit tests of the lexer: tokens with their byte spans, and where errors point.

use super::Lexer;

/// The tokens of `text` (Debug form, one per line, with their byte spans), or the
/// first error.
fn lex(text: &str) -> String {
    let mut out = String::new();
    for item in Lexer::new(text) {
        match item {
            Ok((start, tok, end)) => out.push_str(&format!("{start}..{end} {tok:?}\n")),
            Err(e) => {
                out.push_str(&format!("error {}..{} {:?}\n", e.start, e.end, e.message));
                break;
            }
        }
    }
    out
}

#[test]
fn rule_tokens_with_numbers_in_every_base() {
    insta::assert_snapshot!(lex("p(X,_) :- q(0x1F, 0b101, 0o17, \"a\\\"b\")."), @r#"
        0..1 Ident("p")
        1..2 LParen
        2..3 Var("X")
        3..4 Comma
        4..5 Anonymous
        5..6 RParen
        7..9 If
        10..11 Ident("q")
        11..12 LParen
        12..16 Number(Some(31))
        16..17 Comma
        18..23 Number(Some(5))
        23..24 Comma
        25..29 Number(Some(15))
        29..30 Comma
        31..37 Str("a\"b")
        37..38 RParen
        38..39 Dot
    "#);
}

#[test]
fn comments_are_skipped_and_block_comments_nest() {
    insta::assert_snapshot!(lex("a. % line\n%* outer %* inner *% still *% b."), @r#"
        0..1 Ident("a")
        1..2 Dot
        40..41 Ident("b")
        41..42 Dot
    "#);
}

#[test]
fn unterminated_block_comment_is_an_error_at_the_end() {
    insta::assert_snapshot!(lex("a. %* open"), @r#"
        0..1 Ident("a")
        1..2 Dot
        error 10..11 Some("lexer error, unexpected <EOF>")
    "#);
}

#[test]
fn too_large_number_has_no_value() {
    insta::assert_snapshot!(lex("99999999999999999999"), @r"
        0..20 Number(None)
    ");
}

#[test]
fn bad_escape_is_an_error_at_the_quote() {
    insta::assert_snapshot!(lex("p(\"a\\qb\")."), @r#"
        0..1 Ident("p")
        1..2 LParen
        error 2..3 None
    "#);
}

#[test]
fn ampersand_after_a_term_is_bitwise_and_else_a_theory_atom() {
    insta::assert_snapshot!(lex("X = 1 & 2."), @r#"
        0..1 Var("X")
        2..3 Eq
        4..5 Number(Some(1))
        6..7 Amp
        8..9 Number(Some(2))
        9..10 Dot
    "#);
    insta::assert_snapshot!(lex("&sum{ x +* y : p } >= 3."), @r#"
        0..1 TheoryAtom
        1..4 Ident("sum")
        4..5 LBrace
        6..7 Ident("x")
        8..10 TheoryOp("+*")
        11..12 Ident("y")
        13..14 Colon
        15..16 Ident("p")
        17..18 RBrace
        19..21 TheoryOp(">=")
        22..23 Number(Some(3))
        23..24 Dot
    "#);
}

#[test]
fn unknown_directive_is_reported_as_a_whole_word() {
    insta::assert_snapshot!(lex("#foo_bar."), @r"
        error 0..8 None
    ");
}
