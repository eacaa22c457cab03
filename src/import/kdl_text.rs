//! KDL v2 spellings of imported values: a string, or a bare value when it reads back as the
//! very same text (`#true` is "true", `100` is "100").

use crate::cib::AttrSet;
use std::fmt::Write as _;

/// A quoted KDL string holding exactly `text`.
pub(super) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // KDL forbids control, direction-override and BOM characters in source text.
            c if c.is_control()
                || matches!(c, '\u{200E}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                    | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{2028}' | '\u{2029}') =>
            {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A value for a `value`-typed entry: `#true`/`#false` and integers bare when their text is
/// exactly what was imported, anything else a string.
pub(super) fn value(text: &str) -> String {
    match text {
        "true" => "#true".into(),
        "false" => "#false".into(),
        _ if is_integer(text) => text.into(),
        _ => string(text),
    }
}

/// Whether the text is an integer KDL and Pacemaker both spell this way (`-5`, `100`).
pub(super) fn is_integer(text: &str) -> bool {
    text.parse::<i64>().is_ok_and(|n| n.to_string() == text)
}

/// A property key: bare when it is a plain identifier, quoted otherwise.
pub(super) fn key(name: &str) -> String {
    let mut chars = name.chars();
    let plain = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !matches!(name, "true" | "false" | "null" | "inf" | "nan");
    if plain { name.into() } else { string(name) }
}

/// `key=value` for a `value`-typed property.
pub(super) fn pair(name: &str, text: &str) -> String {
    format!("{}={}", key(name), value(text))
}

/// A set's pairs as `k=v k=v ...`.
pub(super) fn pairs(set: &AttrSet) -> String {
    let pairs: Vec<String> = set.pairs.iter().map(|p| pair(&p.name, &p.value)).collect();
    pairs.join(" ")
}

/// `keyword k=v ...` for a set that is present.
pub(super) fn set_line(keyword: &str, set: &Option<AttrSet>) -> Option<String> {
    set.as_ref().map(|s| format!("{keyword} {}", pairs(s)))
}

/// `head`, with `children` in a block when there are any.
pub(super) fn with_children(head: String, children: &[String]) -> String {
    if children.is_empty() {
        head
    } else {
        format!("{head} {{\n{}\n}}", children.join("\n"))
    }
}

/// ` name="text"` when there is a text.
pub(super) fn opt(line: &mut String, name: &str, text: &Option<String>) {
    if let Some(text) = text {
        line.push_str(&format!(" {name}={}", string(text)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_as_written() {
        assert_eq!(value("true"), "#true");
        assert_eq!(value("100"), "100");
        assert_eq!(value("0100"), "\"0100\"");
        assert_eq!(value("yes"), "\"yes\"");
        assert_eq!(string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
        assert_eq!(key("OCF_CHECK_LEVEL"), "OCF_CHECK_LEVEL");
        assert_eq!(key("2nd"), "\"2nd\"");
        assert_eq!(key("a b"), "\"a b\"");
    }
}
