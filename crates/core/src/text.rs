//! Text as the ledger keeps it (SPEC A1, §11): whatever a person types or a file carries is
//! trimmed, normalised to Unicode NFC (so `e` + a combining acute and the precomposed `é` are
//! one and the same) and refused when it holds a control character. One function,
//! [`clean`], does this for every stored text: names, emails, references, keys, bank names,
//! brands, holiday names and the text fields of CSV files.

use unicode_normalization::UnicodeNormalization;

/// Why a text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Nothing but spaces.
    #[error("is empty")]
    Empty,
    /// More characters than allowed.
    #[error("is longer than {0} characters")]
    TooLong(usize),
    /// A control character (a line break, a tab, NUL, DEL, a C1 control or a bidirectional
    /// override that could make the text display as something else).
    #[error("contains a control character")]
    Control,
}

impl TextError {
    /// What a valid text looks like, for messages: `1 to 100 characters without control
    /// characters`.
    pub fn expected(max: usize) -> String {
        format!("1 to {max} characters without control characters")
    }
}

/// Whether `c` is a control character no stored text may hold: the C0 and C1 controls and
/// DEL, the line and paragraph separators, and the bidirectional embeddings, overrides and
/// isolates.
pub fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `value` trimmed and in NFC, without any check.
pub fn nfc(value: &str) -> String {
    value.trim().nfc().collect()
}

/// The one text check: `value` trimmed and in NFC, 1 to `max` characters (counted after
/// normalisation), without control characters.
pub fn clean(value: &str, max: usize) -> Result<String, TextError> {
    let v = nfc(value);
    if v.chars().any(is_control) {
        Err(TextError::Control)
    } else if v.is_empty() {
        Err(TextError::Empty)
    } else if v.chars().count() > max {
        Err(TextError::TooLong(max))
    } else {
        Ok(v)
    }
}

/// `value` as it can be quoted in a one-line message: control characters escaped (`\n`,
/// `\u{202e}`), everything else as typed.
pub fn printable(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if is_control(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Like [`clean`], for a text that may be left out: `None` stays `None`.
pub fn clean_optional(value: Option<&str>, max: usize) -> Result<Option<String>, TextError> {
    value.map(|v| clean(v, max)).transpose()
}

/// `1 day`, `2 days`: a count with the right form of its noun.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case::plain("New Year", "New Year")]
    #[case::trimmed("  Chuseok ", "Chuseok")]
    #[case::decomposed("Rene\u{301}", "Ren\u{e9}")]
    #[case::precomposed("Ren\u{e9}", "Ren\u{e9}")]
    #[case::hangul_jamo("\u{1100}\u{1161}", "\u{ac00}")]
    #[case::inner_spaces_kept("a  b", "a  b")]
    fn clean_accepts_and_normalises(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(clean(input, 20), Ok(expected.to_string()));
    }

    #[rstest]
    #[case::empty("", TextError::Empty)]
    #[case::spaces("   ", TextError::Empty)]
    #[case::newline("a\nb", TextError::Control)]
    #[case::tab("a\tb", TextError::Control)]
    #[case::nul("a\0b", TextError::Control)]
    #[case::escape("a\u{1b}[31mb", TextError::Control)]
    #[case::del("a\u{7f}", TextError::Control)]
    #[case::c1("a\u{85}b", TextError::Control)]
    #[case::bidi_override("a\u{202e}b", TextError::Control)]
    #[case::bidi_isolate("a\u{2066}b", TextError::Control)]
    #[case::line_separator("a\u{2028}b", TextError::Control)]
    #[case::too_long("abcdef", TextError::TooLong(5))]
    fn clean_refuses(#[case] input: &str, #[case] error: TextError) {
        assert_eq!(clean(input, 5), Err(error));
    }

    #[test]
    fn the_limit_counts_characters_after_normalisation() {
        // Five letters typed as ten code points.
        assert_eq!(
            clean("e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}", 5).map(|s| s.chars().count()),
            Ok(5)
        );
    }
}
