//! The nesting limit, checked in one pass over the source before either parser runs.
//!
//! Both parsers descend recursively: the fast path into child blocks, the kdl crate into child
//! blocks, nested `/* */` comments and chains of `/-` slashdashes. Unbounded, a few thousand
//! levels overflow the stack and abort the process. This pass follows KDL v2's strings and
//! comments so braces inside them do not count, and finds the first opener deeper than
//! [`MAX_DEPTH`] without recursing itself.

use miette::SourceSpan;

/// Levels of blocks, block comments and slashdashes open at once that a spec may have. A valid
/// spec needs three blocks at most (`cluster { location { rule { expression } } }`). The kdl
/// crate's parser takes about 6 KiB of stack a level in a release build (a 2 MiB test thread
/// overflows between 300 and 400 levels), several times that in a debug build.
pub(super) const MAX_DEPTH: usize = 32;

/// What opens the level that goes past the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Opener {
    Block,
    Comment,
    Slashdash,
}

/// The first opener past [`MAX_DEPTH`], with its span, or `None` when the source stays within.
pub(super) fn too_deep(source: &str) -> Option<(Opener, SourceSpan)> {
    Scanner::new(source).run()
}

/// Slashdashes still open when a child block starts, restored when it ends.
struct Frame {
    node_dashes: usize,
    pending: usize,
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// One frame per open child block.
    frames: Vec<Frame>,
    /// Slashdashes of the enclosing blocks, summed over `frames`.
    outer_dashes: usize,
    /// Slashdashes before the node being read at this level: open until the node ends.
    node_dashes: usize,
    /// Slashdashes not yet followed by what they comment out.
    pending: usize,
    /// Whether the next token starts a node (rather than an entry of one).
    at_node_start: bool,
    /// A `\` continues the node onto the next line.
    continued: bool,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            frames: Vec::new(),
            outer_dashes: 0,
            node_dashes: 0,
            pending: 0,
            at_node_start: true,
            continued: false,
        }
    }

    fn depth(&self) -> usize {
        self.frames.len() + self.outer_dashes + self.node_dashes + self.pending
    }

    fn run(mut self) -> Option<(Opener, SourceSpan)> {
        while let Some(byte) = self.bytes.get(self.pos).copied() {
            let start = self.pos;
            match byte {
                b'{' => {
                    if self.depth() + 1 > MAX_DEPTH {
                        return Some((Opener::Block, SourceSpan::new(start.into(), 1)));
                    }
                    self.frames.push(Frame {
                        node_dashes: self.node_dashes,
                        pending: self.pending,
                    });
                    self.outer_dashes += self.node_dashes + self.pending;
                    (self.node_dashes, self.pending) = (0, 0);
                    self.at_node_start = true;
                    self.pos += 1;
                }
                b'}' => {
                    if let Some(frame) = self.frames.pop() {
                        self.outer_dashes -= frame.node_dashes + frame.pending;
                        self.node_dashes = frame.node_dashes;
                    }
                    self.pending = 0;
                    self.at_node_start = false;
                    self.pos += 1;
                }
                b'/' if self.bytes.get(start + 1) == Some(&b'-') => {
                    if self.depth() + 1 > MAX_DEPTH {
                        return Some((Opener::Slashdash, SourceSpan::new(start.into(), 2)));
                    }
                    self.pending += 1;
                    self.pos += 2;
                }
                b'/' if self.bytes.get(start + 1) == Some(&b'/') => self.line_comment(),
                b'/' if self.bytes.get(start + 1) == Some(&b'*') => {
                    if let Some(span) = self.block_comment() {
                        return Some((Opener::Comment, span));
                    }
                }
                b'\\' => {
                    self.continued = true;
                    self.pos += 1;
                }
                b';' => {
                    self.end_node();
                    self.pos += 1;
                }
                _ => {
                    if let Some((length, newline)) = self.space_at(start) {
                        if newline {
                            self.newline();
                        }
                        self.pos += length;
                    } else {
                        self.token_starts();
                        self.token();
                    }
                }
            }
        }
        None
    }

    /// A node ends: the slashdashes before it close.
    fn end_node(&mut self) {
        self.node_dashes = 0;
        self.pending = 0;
        self.at_node_start = true;
    }

    /// A newline ends the node, unless a `\` continues it or a slashdash still waits for
    /// what it comments out (KDL v2 lets newlines follow `/-`).
    fn newline(&mut self) {
        if self.continued {
            self.continued = false;
        } else if self.pending == 0 {
            self.end_node();
        }
    }

    /// A node name or an entry starts: slashdashes before a name stay open for the whole
    /// node, those before an entry close with it.
    fn token_starts(&mut self) {
        if self.at_node_start {
            self.node_dashes += self.pending;
            self.at_node_start = false;
        }
        self.pending = 0;
    }

    /// Whitespace at `at`: its length in bytes and whether it ends a line.
    fn space_at(&self, at: usize) -> Option<(usize, bool)> {
        let c = self.text[at..].chars().next()?;
        let space = matches!(
            c,
            '\t' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
                ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}'
        );
        (space || is_newline(c)).then_some((c.len_utf8(), is_newline(c)))
    }

    /// The offset of the next newline character from `from`, or the end of the source.
    fn line_end(&self, from: usize) -> usize {
        self.text[from..]
            .find(is_newline)
            .map_or(self.text.len(), |at| from + at)
    }

    /// Up to (not past) the newline that ends a `//` comment.
    fn line_comment(&mut self) {
        self.pos = self.line_end(self.pos);
    }

    /// A `/* */` comment with the comments nested in it; the span of the first `/*` past the
    /// limit, if one is.
    fn block_comment(&mut self) -> Option<SourceSpan> {
        let mut nested = 0;
        while self.pos < self.bytes.len() {
            match (self.bytes[self.pos], self.bytes.get(self.pos + 1)) {
                (b'/', Some(b'*')) => {
                    nested += 1;
                    if self.depth() + nested > MAX_DEPTH {
                        return Some(SourceSpan::new(self.pos.into(), 2));
                    }
                    self.pos += 2;
                }
                (b'*', Some(b'/')) => {
                    nested -= 1;
                    self.pos += 2;
                    if nested == 0 {
                        return None;
                    }
                }
                _ => self.pos += 1,
            }
        }
        None
    }

    /// One token: a quoted or raw string, or a run of other characters.
    fn token(&mut self) {
        match self.bytes[self.pos] {
            b'"' => self.quoted(),
            b'#' => self.raw_or_keyword(),
            _ => self.bare(),
        }
    }

    /// A word (name, number, keyword, `key=`...): its first character, then anything up to a
    /// character with a meaning of its own.
    fn bare(&mut self) {
        let mut chars = self.text[self.pos..].char_indices();
        let first = chars.next().map_or(1, |(_, c)| c.len_utf8());
        let length = chars
            .find(|(at, c)| "{};/\\\"".contains(*c) || self.space_at(self.pos + at).is_some())
            .map_or(self.text.len() - self.pos, |(at, _)| at);
        self.pos += length.max(first);
    }

    /// A `"` string: multi-line up to `"""`, single-line up to its closing quote or the end
    /// of the line (where the parser reports it unclosed). An escape skips the character after
    /// the backslash.
    fn quoted(&mut self) {
        let multi_line = self.text[self.pos..].starts_with("\"\"\"");
        self.pos += if multi_line { 3 } else { 1 };
        let mut chars = self.text[self.pos..].char_indices();
        while let Some((at, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' if !multi_line => {
                    self.pos += at + 1;
                    return;
                }
                '"' if self.text[self.pos + at..].starts_with("\"\"\"") => {
                    self.pos += at + 3;
                    return;
                }
                c if !multi_line && is_newline(c) => {
                    self.pos += at;
                    return;
                }
                _ => {}
            }
        }
        self.pos = self.text.len();
    }

    /// `#"raw"#`, `##"raw"##`, `#"""raw"""#`, ... without escapes; or a keyword (`#true`).
    fn raw_or_keyword(&mut self) {
        let hashes = self.bytes[self.pos..]
            .iter()
            .take_while(|b| **b == b'#')
            .count();
        let open = self.pos + hashes;
        if self.bytes.get(open) != Some(&b'"') {
            // A keyword: the word after the `#` is read as a token of its own.
            self.pos = open;
            return;
        }
        let multi_line = self.text[open..].starts_with("\"\"\"");
        let quotes = if multi_line { "\"\"\"" } else { "\"" };
        let close = format!("{quotes}{}", "#".repeat(hashes));
        let body = open + quotes.len();
        // A single-line string cannot hold a newline: unclosed, it ends there.
        let limit = if multi_line {
            self.text.len()
        } else {
            self.line_end(body)
        };
        self.pos = self.text[body..limit]
            .find(&close)
            .map_or(limit, |at| body + at + close.len());
    }
}

fn is_newline(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

#[cfg(test)]
mod tests;
