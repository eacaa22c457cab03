//! A forgiving tokenizer for specs being edited: every token with its byte span, never a
//! failure. An editor asks about text that is half typed (an open string, a missing brace),
//! so this cannot wait for the kdl crate to accept the file.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A bare identifier, number or keyword (`#true`).
    Word,
    /// A quoted or raw string; `closed` is false while its closing quote is not typed yet.
    Quoted {
        closed: bool,
    },
    Open,
    Close,
    OpenParen,
    CloseParen,
    Equals,
    Semicolon,
    /// `/-`: what follows is commented out.
    Slashdash,
    /// `\`: the next line break does not end the node.
    Continuation,
    Newline,
    Comment,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: Kind,
    pub span: Range<usize>,
}

const NEWLINES: [char; 7] = [
    '\n', '\r', '\u{0085}', '\u{000B}', '\u{000C}', '\u{2028}', '\u{2029}',
];

fn is_newline(c: char) -> bool {
    NEWLINES.contains(&c)
}

/// KDL's spaces are Unicode's horizontal white space; the BOM is skipped like one.
fn is_space(c: char) -> bool {
    c == '\u{FEFF}' || (c.is_whitespace() && !is_newline(c))
}

fn ends_word(c: char) -> bool {
    is_space(c) || is_newline(c) || "(){}[]/\\\"#;=".contains(c)
}

/// Every token of `text`, in order.
pub(super) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        if is_space(c) {
            at += c.len_utf8();
            continue;
        }
        let rest = &text[at..];
        let (kind, len) = token_at(rest, c);
        out.push(Token {
            kind,
            span: at..at + len,
        });
        at += len;
    }
    out
}

fn token_at(rest: &str, c: char) -> (Kind, usize) {
    if rest.starts_with("\r\n") {
        return (Kind::Newline, 2);
    }
    if is_newline(c) {
        return (Kind::Newline, c.len_utf8());
    }
    if rest.starts_with("//") {
        return (Kind::Comment, rest.find(is_newline).unwrap_or(rest.len()));
    }
    if rest.starts_with("/*") {
        return (Kind::Comment, block_comment_len(rest));
    }
    if rest.starts_with("/-") {
        return (Kind::Slashdash, 2);
    }
    let punctuation = match c {
        '{' => Some(Kind::Open),
        '}' => Some(Kind::Close),
        '(' => Some(Kind::OpenParen),
        ')' => Some(Kind::CloseParen),
        '=' => Some(Kind::Equals),
        ';' => Some(Kind::Semicolon),
        '\\' => Some(Kind::Continuation),
        _ => None,
    };
    if let Some(kind) = punctuation {
        return (kind, 1);
    }
    if c == '"' {
        let (len, closed) = quoted_len(rest);
        return (Kind::Quoted { closed }, len);
    }
    if c == '#' && rest[1..].starts_with(['#', '"']) {
        let (len, closed) = raw_len(rest);
        return (Kind::Quoted { closed }, len);
    }
    let body = &rest[c.len_utf8()..];
    let len = c.len_utf8() + body.find(ends_word).unwrap_or(body.len());
    (Kind::Word, len)
}

fn block_comment_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        if bytes[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if bytes[i..].starts_with(b"*/") {
            depth = depth.saturating_sub(1);
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    text.len()
}

/// A `"..."` string ends at its closing quote, or unclosed at the end of its line (it cannot
/// span lines); a `"""` one at its closing `"""` or the end of the text.
fn quoted_len(text: &str) -> (usize, bool) {
    let multi_line = text.starts_with("\"\"\"");
    let (delimiter, mut i) = if multi_line { ("\"\"\"", 3) } else { ("\"", 1) };
    while let Some(c) = text[i..].chars().next() {
        if text[i..].starts_with(delimiter) {
            return (i + delimiter.len(), true);
        }
        if !multi_line && is_newline(c) {
            return (i, false);
        }
        i += c.len_utf8();
        if c == '\\' {
            // The escaped character, unless it is a line break the string cannot hold.
            match text[i..].chars().next() {
                Some(next) if multi_line || !is_newline(next) => i += next.len_utf8(),
                _ => {}
            }
        }
    }
    (text.len(), false)
}

/// A raw string `#"..."#`, `##"""..."""##`, ...: no escapes, closed by its quotes and hashes.
fn raw_len(text: &str) -> (usize, bool) {
    let hashes = text.bytes().take_while(|&b| b == b'#').count();
    let after = &text[hashes..];
    if !after.starts_with('"') {
        return (hashes, false);
    }
    let quotes = if after.starts_with("\"\"\"") { 3 } else { 1 };
    let closing = format!("{}{}", "\"".repeat(quotes), "#".repeat(hashes));
    let body_start = hashes + quotes;
    match text[body_start..].find(&closing) {
        Some(end) => (body_start + end + closing.len(), true),
        None => (text.len(), false),
    }
}

/// The text a string or word stands for: quotes and simple escapes removed. Good enough for
/// names and ids, which is all the server looks up.
pub(super) fn unquoted(written: &str) -> String {
    if let Some(rest) = written.strip_prefix('#')
        && let Some(start) = rest.find('"')
    {
        let hashes = start + 1;
        let body = &written[hashes..];
        let body = body.trim_start_matches('"');
        let body = body.trim_end_matches('#').trim_end_matches('"');
        return body.to_string();
    }
    let Some(body) = written.strip_prefix('"') else {
        return written.to_string();
    };
    let body = body.strip_suffix('"').unwrap_or(body);
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Kind::*;
    use super::{Kind, tokens, unquoted};

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        tokens(text)
            .into_iter()
            .map(|t| (t.kind, &text[t.span]))
            .collect()
    }

    #[test]
    fn tokens_keep_their_spans() {
        assert_eq!(
            kinds("clone \"c\" of=x { /* a */ meta k=#true; }// z\n"),
            vec![
                (Word, "clone"),
                (Quoted { closed: true }, "\"c\""),
                (Word, "of"),
                (Equals, "="),
                (Word, "x"),
                (Open, "{"),
                (Comment, "/* a */"),
                (Word, "meta"),
                (Word, "k"),
                (Equals, "="),
                (Word, "#true"),
                (Semicolon, ";"),
                (Close, "}"),
                (Comment, "// z"),
                (Newline, "\n"),
            ]
        );
    }

    #[test]
    fn half_typed_text_still_tokenizes() {
        assert_eq!(
            kinds("of=\"fla\nnode ##"),
            vec![
                (Word, "of"),
                (Equals, "="),
                (Quoted { closed: false }, "\"fla"),
                (Newline, "\n"),
                (Word, "node"),
                (Quoted { closed: false }, "##"),
            ]
        );
        assert_eq!(
            kinds("a \"x\\"),
            vec![(Word, "a"), (Quoted { closed: false }, "\"x\\")]
        );
        assert_eq!(kinds("/* open"), vec![(Comment, "/* open")]);
    }

    #[test]
    fn strings_lose_their_quotes() {
        assert_eq!(unquoted("\"a\\\"b\""), "a\"b");
        assert_eq!(unquoted("#\"raw\\\"#"), "raw\\");
        assert_eq!(unquoted("\"open"), "open");
        assert_eq!(unquoted("bare"), "bare");
    }
}
