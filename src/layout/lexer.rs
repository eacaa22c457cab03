//! The tokens of a KDL v2 document that layout keeps: values and names verbatim, punctuation,
//! comments and line breaks. Whitespace is dropped; the printer decides it.
//!
//! The source has already been parsed by the kdl crate, so the lexer only finds where each
//! token ends; it never judges whether the document is valid.

/// One token, borrowing its text from the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// A name, string, number or keyword, exactly as written.
    Atom(&'a str),
    Open,
    Close,
    OpenParen,
    CloseParen,
    Equals,
    Semicolon,
    /// `/-`: comments out the node, entry or children block that follows.
    Slashdash,
    /// `// ...` without its line break.
    LineComment(&'a str),
    /// `/* ... */`, nesting included.
    BlockComment(&'a str),
    /// `\` joining the next line to this one.
    Continuation,
    Newline,
}

const SPACES: [char; 18] = [
    '\u{0009}', '\u{0020}', '\u{00A0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}',
    '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200A}', '\u{202F}',
    '\u{205F}', '\u{3000}',
];
const NEWLINES: [char; 7] = [
    '\u{000A}', '\u{000D}', '\u{0085}', '\u{000B}', '\u{000C}', '\u{2028}', '\u{2029}',
];

fn is_space(c: char) -> bool {
    SPACES.contains(&c)
}

fn is_newline(c: char) -> bool {
    NEWLINES.contains(&c)
}

/// Characters that end a bare word (identifier, number or keyword).
fn ends_word(c: char) -> bool {
    is_space(c) || is_newline(c) || "(){}[]/\\\"#;=".contains(c)
}

/// Splits `source` into tokens.
pub(super) fn tokens(source: &str) -> Vec<Token<'_>> {
    let source = source.strip_prefix('\u{FEFF}').unwrap_or(source);
    let mut lexer = Lexer { source, at: 0 };
    let mut out = Vec::new();
    while let Some(token) = lexer.next_token() {
        out.push(token);
    }
    out
}

struct Lexer<'a> {
    source: &'a str,
    at: usize,
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        &self.source[self.at..]
    }

    fn take(&mut self, len: usize) -> &'a str {
        let text = &self.source[self.at..self.at + len];
        self.at += len;
        text
    }

    fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            let c = self.rest().chars().next()?;
            if is_space(c) {
                self.at += c.len_utf8();
                continue;
            }
            if is_newline(c) {
                let len = if self.rest().starts_with("\r\n") {
                    2
                } else {
                    c.len_utf8()
                };
                self.at += len;
                return Some(Token::Newline);
            }
            return Some(self.token_at(c));
        }
    }

    fn token_at(&mut self, c: char) -> Token<'a> {
        let rest = self.rest();
        if rest.starts_with("//") {
            let len = rest.find(is_newline).unwrap_or(rest.len());
            return Token::LineComment(self.take(len).trim_end_matches(is_space));
        }
        if rest.starts_with("/*") {
            let len = block_comment_len(rest);
            return Token::BlockComment(self.take(len));
        }
        if rest.starts_with("/-") {
            self.at += 2;
            return Token::Slashdash;
        }
        let punct = match c {
            '{' => Some(Token::Open),
            '}' => Some(Token::Close),
            '(' => Some(Token::OpenParen),
            ')' => Some(Token::CloseParen),
            '=' => Some(Token::Equals),
            ';' => Some(Token::Semicolon),
            '\\' => Some(Token::Continuation),
            _ => None,
        };
        if let Some(token) = punct {
            self.at += 1;
            return token;
        }
        let len = if c == '"' {
            quoted_len(rest)
        } else if c == '#' && rest[1..].starts_with(['#', '"']) {
            raw_len(rest)
        } else {
            // A word; `#true`, `#nan`, `#-inf` are words that start with their `#`.
            let body = &rest[c.len_utf8()..];
            c.len_utf8() + body.find(ends_word).unwrap_or(body.len())
        };
        Token::Atom(self.take(len))
    }
}

/// Length of a `/* ... */` comment at the start of `text`, nested comments included.
fn block_comment_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        if bytes[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if bytes[i..].starts_with(b"*/") {
            depth -= 1;
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

/// Length of a quoted string (`"..."` or `"""..."""`) at the start of `text`.
fn quoted_len(text: &str) -> usize {
    let (delimiter, start) = if text.starts_with("\"\"\"") {
        ("\"\"\"", 3)
    } else {
        ("\"", 1)
    };
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            _ if bytes[i..].starts_with(delimiter.as_bytes()) => return i + delimiter.len(),
            _ => i += 1,
        }
    }
    text.len()
}

/// Length of a raw string (`#"..."#`, `##"""..."""##`, ...) at the start of `text`.
fn raw_len(text: &str) -> usize {
    let hashes = text.bytes().take_while(|&b| b == b'#').count();
    let after = &text[hashes..];
    let quotes = if after.starts_with("\"\"\"") { 3 } else { 1 };
    let closing = format!("{}{}", "\"".repeat(quotes), "#".repeat(hashes));
    let body_start = (hashes + quotes).min(text.len());
    text[body_start..]
        .find(&closing)
        .map_or(text.len(), |end| body_start + end + closing.len())
}

#[cfg(test)]
mod tests {
    use super::Token::{self, *};
    use super::tokens;

    #[test]
    fn every_kind_of_token_is_found_whole() {
        let source = "(t)n \"a \\\" b\" #\"raw \"quoted\"\"# k=#true /-x /* a /* b */ c */ \\ // why\n{ m; }";
        let expected: Vec<Token<'_>> = vec![
            OpenParen,
            Atom("t"),
            CloseParen,
            Atom("n"),
            Atom("\"a \\\" b\""),
            Atom("#\"raw \"quoted\"\"#"),
            Atom("k"),
            Equals,
            Atom("#true"),
            Slashdash,
            Atom("x"),
            BlockComment("/* a /* b */ c */"),
            Continuation,
            LineComment("// why"),
            Newline,
            Open,
            Atom("m"),
            Semicolon,
            Close,
        ];
        assert_eq!(tokens(source), expected);
    }

    #[test]
    fn text_that_is_not_kdl_ends_without_a_panic() {
        for text in ["##", "#", "\"", "\"\"\"", "/*", "#\"", "##\"\"\"", "a\\"] {
            let _ = tokens(text);
        }
    }

    #[test]
    fn multi_line_strings_and_crlf() {
        let source = "a \"\"\"\n  x \"q\"\n  \"\"\"\r\nb ##\"\"\"\n\"\"\"#\n\"\"\"##";
        assert_eq!(
            tokens(source),
            vec![
                Atom("a"),
                Atom("\"\"\"\n  x \"q\"\n  \"\"\""),
                Newline,
                Atom("b"),
                Atom("##\"\"\"\n\"\"\"#\n\"\"\"##"),
            ]
        );
    }
}
