//! Program text from bytes. gringo reads bytes: a byte that is not UTF-8 (a Latin-1
//! `é` in a comment or a string) is read like any other. sable's lexer reads `str`, so
//! such a byte is taken as the Latin-1 character of the same value (U+0080 to U+00FF):
//! in a comment it is skipped, in a string it is kept (and printed as UTF-8), elsewhere
//! the lexer names its place as it does for any unexpected character.

/// `bytes` as text: valid UTF-8 as it is, every other byte as its Latin-1 character.
pub fn decode(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let bytes = err.into_bytes();
            let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                text.extend(chunk.invalid().iter().map(|&b| char::from(b)));
            }
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn utf8_is_kept_and_other_bytes_are_latin1() {
        assert_eq!(decode("p(\"é\").".as_bytes().to_vec()), "p(\"é\").");
        assert_eq!(
            decode(b"% caf\xe9\np(\"\xe9\xff\").".to_vec()),
            "% café\np(\"éÿ\")."
        );
        // A cut-off UTF-8 sequence is two Latin-1 characters.
        assert_eq!(decode(b"a\xc3".to_vec()), "aÃ");
    }
}
