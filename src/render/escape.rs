//! Quoting for the formats hacc writes, so a value from the spec always reads back literally.
//!
//! Each function either returns text that the target tool parses back to exactly the input,
//! or says why the format cannot carry the value at all.

use std::fmt::Write;

/// Why a value cannot be written in a format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unrepresentable(pub String);

/// A YAML double-quoted scalar.
///
/// `"` and `\` are escaped; line breaks (including NEL, LS and PS, which YAML also folds),
/// tabs and characters YAML cannot print are written as escapes; everything else is kept.
pub(super) fn yaml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if yaml_needs_escape(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn yaml_needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
        )
}

/// A docker-compose value: YAML quoting after doubling `$`, which compose would otherwise
/// read as variable interpolation.
pub(super) fn compose(text: &str) -> Result<String, Unrepresentable> {
    if text.contains('\0') {
        return Err(Unrepresentable(
            "a NUL character cannot be passed to a container".into(),
        ));
    }
    Ok(yaml(&text.replace('$', "$$")))
}

/// One POSIX shell word: single-quoted, each `'` written as `'\''`.
pub(super) fn shell(text: &str) -> Result<String, Unrepresentable> {
    if text.contains('\0') {
        return Err(Unrepresentable(
            "a NUL character cannot be part of a command argument".into(),
        ));
    }
    Ok(format!("'{}'", text.replace('\'', "'\\''")))
}

/// One haproxy.cfg word: single-quoted (nothing inside is interpreted, not even `$` or `#`),
/// each `'` written as `'\''`. A configuration line cannot hold line breaks or control
/// characters.
pub(super) fn haproxy(text: &str) -> Result<String, Unrepresentable> {
    if text.chars().any(char::is_control) {
        return Err(Unrepresentable(
            "haproxy.cfg cannot hold line breaks or control characters".into(),
        ));
    }
    Ok(format!("'{}'", text.replace('\'', "'\\''")))
}

/// Longest comment text hacc writes, in bytes: corosync reads lines of at most 511 bytes and
/// would parse the rest of a longer comment line as configuration.
const COMMENT_MAX_BYTES: usize = 240;

/// Text for a one-line `#` comment: line breaks and control characters become visible escapes,
/// and long text is cut short.
pub(super) fn comment(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let piece = if yaml_needs_escape(c) {
            c.escape_default().to_string()
        } else {
            c.to_string()
        };
        if out.len() + piece.len() > COMMENT_MAX_BYTES {
            out.push_str("...");
            break;
        }
        out.push_str(&piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_escapes_quotes_breaks_and_controls() {
        assert_eq!(yaml("plain"), r#""plain""#);
        assert_eq!(yaml(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(yaml("l1\nl2\r\t"), r#""l1\nl2\r\t""#);
        assert_eq!(yaml("\u{85}\u{2028}\u{7}"), r#""\u0085\u2028\u0007""#);
        assert_eq!(yaml("é: #x"), "\"é: #x\"");
    }

    #[test]
    fn compose_doubles_dollars_and_refuses_nul() {
        assert_eq!(compose("$HOME ${X}").unwrap(), r#""$$HOME $${X}""#);
        assert!(compose("a\0b").is_err());
    }

    #[test]
    fn shell_single_quotes() {
        assert_eq!(shell("it's $(x)").unwrap(), r"'it'\''s $(x)'");
        assert_eq!(shell("").unwrap(), "''");
        assert!(shell("\0").is_err());
    }

    #[test]
    fn haproxy_quotes_and_refuses_breaks() {
        assert_eq!(haproxy("/a'b#c").unwrap(), r"'/a'\''b#c'");
        assert!(haproxy("a\nb").is_err());
    }

    #[test]
    fn comment_stays_on_one_line() {
        assert_eq!(comment("a\nb\u{2029}c"), r"a\nb\u{2029}c");
        assert!(comment(&"x".repeat(10_000)).len() < 256);
    }
}
