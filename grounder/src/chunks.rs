//! Parsing a large source in pieces. The parser builds a list of every statement of its
//! input before it returns, then copies it: for a fact file that was the peak of the
//! whole grounding (360,000 facts: 121 MB of list and an 84 MB copy). A source larger
//! than [`CHUNK_BYTES`] is cut after statement ends into pieces of about that size,
//! parsed one by one; each piece's statements are kept as their own list.
//!
//! A piece is parsed as a copy of the source with every byte before the piece blanked
//! (newlines kept), and the text after it left out: byte offsets, and so every
//! message's line and column, are those of the whole source.

use crate::ast::Stmt;
use crate::diag::Source;
use crate::lexer::{Lexer, Token};

/// The size from which a source is parsed in pieces, and about the size of a piece.
const CHUNK_BYTES: usize = 1 << 20;

/// The statements of `src`, in pieces (in order), or every error found.
pub(crate) fn parse(src: &Source) -> Result<Vec<Vec<Stmt>>, Vec<String>> {
    let ends = piece_ends(&src.text);
    if ends.len() <= 1 {
        return crate::parse::parse(src).map(|list| vec![list]);
    }
    let mut pieces = Vec::with_capacity(ends.len());
    let mut errors = Vec::new();
    let mut start = 0;
    for end in ends {
        let mut text = String::with_capacity(end);
        text.extend(
            src.text[..start]
                .bytes()
                .map(|b| if b == b'\n' { '\n' } else { ' ' }),
        );
        text.push_str(&src.text[start..end]);
        match crate::parse::parse(&Source::new(src.name.clone(), text)) {
            Ok(list) => pieces.push(list),
            Err(mut e) => errors.append(&mut e),
        }
        start = end;
    }
    if errors.is_empty() {
        Ok(pieces)
    } else {
        Err(errors)
    }
}

/// Where the pieces of `text` end: after a statement's `.` (outside brackets), once a
/// piece has [`CHUNK_BYTES`]; the last at the end of the text. One piece when the text is
/// small or does not lex (the parser then reports the error as usual).
fn piece_ends(text: &str) -> Vec<usize> {
    if text.len() <= CHUNK_BYTES {
        return vec![text.len()];
    }
    let mut ends = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for item in Lexer::new(text) {
        let Ok((_, tok, end)) = item else {
            return vec![text.len()];
        };
        match tok {
            Token::LParen | Token::LBracket | Token::LBrace => depth += 1,
            Token::RParen | Token::RBracket | Token::RBrace => depth = depth.saturating_sub(1),
            Token::Dot if depth == 0 && end - start >= CHUNK_BYTES => {
                ends.push(end);
                start = end;
            }
            _ => {}
        }
    }
    if start < text.len() {
        ends.push(text.len());
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::{parse, CHUNK_BYTES};
    use crate::diag::Source;

    fn facts(n: usize) -> String {
        (0..n).map(|i| format!("edge({i},{}).\n", i + 1)).collect()
    }

    #[test]
    fn a_large_source_gives_the_statements_of_one_parse() {
        let text = facts(CHUNK_BYTES / 8);
        assert!(text.len() > 2 * CHUNK_BYTES);
        let src = Source::new("f.lp".into(), text);
        let pieces = parse(&src).expect("parses");
        assert!(pieces.len() > 1);
        let whole = crate::parse::parse(&src).expect("parses");
        let joined: Vec<_> = pieces.into_iter().flatten().collect();
        assert_eq!(format!("{joined:?}"), format!("{whole:?}"));
    }

    #[test]
    fn an_error_in_a_later_piece_has_its_line() {
        let mut text = facts(CHUNK_BYTES / 8);
        let lines = text.lines().count();
        text.push_str("p(.\n");
        let errors = parse(&Source::new("f.lp".into(), text)).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with(&format!("f.lp:{}:3-4: error: syntax error", lines + 1)),
            "{errors:?}"
        );
    }
}
