//! A fast path for the plain KDL v2 that specs are written in: ASCII text, bare or quoted names
//! without escapes, decimal integers, `#true`/`#false`/`#null`, properties, child blocks, `;`
//! and `//` comments. The kdl crate's parser spends tens of microseconds per node on building
//! and dropping error contexts while it backtracks, which made parsing most of the time of a
//! large build.
//!
//! [`parse`] gives up (returns `None`) on anything else, valid or not, and the kdl parser then
//! parses the source and reports any error as before. On what it accepts, it builds the
//! document that kdl's converts to: the same names, values and spans of nodes, names, entries
//! and values. Names and strings borrow from the source: nothing is copied.

use super::tree::{Document, Entry, Name, Node, Value};
use miette::SourceSpan;
use std::borrow::Cow;

pub(super) fn parse(source: &str) -> Option<Document<'_>> {
    if !source.is_ascii() {
        return None;
    }
    let mut parser = Parser {
        text: source,
        bytes: source.as_bytes(),
        pos: 0,
    };
    parser.nodes(false).map(|nodes| Document { nodes })
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

/// What a bare identifier may not contain in KDL v2 (besides whitespace and control characters).
const NOT_IN_IDENTIFIER: &[u8] = b"\\/(){};[]\"#=";
/// Bytes a bare identifier may hold, indexed by byte: looked up once per byte of the source.
const IDENTIFIER_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0x21;
    while byte < 0x7f {
        table[byte] = true;
        byte += 1;
    }
    let mut i = 0;
    while i < NOT_IN_IDENTIFIER.len() {
        table[NOT_IN_IDENTIFIER[i] as usize] = false;
        i += 1;
    }
    table
};
/// Bytes that end the contents of a plain quoted string: its closing quote, or what the
/// fast path leaves to kdl (escapes, control characters other than tab).
const ENDS_QUOTED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = byte != b'\t' as usize;
        byte += 1;
    }
    table[0x7f] = true;
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};
/// Bare words KDL v2 reserves for keywords.
const RESERVED: &[&str] = &["true", "false", "null", "inf", "-inf", "nan"];

fn span(start: usize, end: usize) -> SourceSpan {
    SourceSpan::new(start.into(), end - start)
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    /// Moves past the bytes `keep` accepts, in one pass over the slice.
    fn skip(&mut self, keep: impl Fn(u8) -> bool) {
        let rest = &self.bytes[self.pos..];
        self.pos += rest.iter().position(|b| !keep(*b)).unwrap_or(rest.len());
    }

    /// Spaces and tabs.
    fn inline_space(&mut self) {
        self.skip(|b| matches!(b, b' ' | b'\t'));
    }

    /// A `//` comment up to and including its newline (or the end).
    fn line_comment(&mut self) -> Option<()> {
        if self.peek_at(1) != Some(b'/') {
            return None;
        }
        while let Some(byte) = self.peek() {
            self.pos += 1;
            match byte {
                b'\n' => return Some(()),
                b'\t' => {}
                byte if byte < 0x20 || byte == 0x7f => return None,
                _ => {}
            }
        }
        Some(())
    }

    /// Blank space between nodes: spaces, tabs, newlines and line comments.
    fn line_space(&mut self) -> Option<()> {
        loop {
            self.skip(|b| matches!(b, b' ' | b'\t' | b'\n'));
            match self.peek() {
                Some(b'/') => self.line_comment()?,
                _ => return Some(()),
            }
        }
    }

    /// Nodes up to the end of the source, or up to the `}` closing a child block.
    fn nodes(&mut self, in_block: bool) -> Option<Vec<Node<'a>>> {
        let mut nodes = Vec::new();
        loop {
            self.line_space()?;
            match (self.peek(), in_block) {
                (None, false) | (Some(b'}'), true) => return Some(nodes),
                (None, true) | (Some(b'}'), false) => return None,
                _ => {}
            }
            nodes.push(self.node()?);
            // What may follow a node: `;`, a newline, a comment, or the end of its block.
            match self.peek() {
                Some(b';' | b'\n') => self.pos += 1,
                Some(b'/') => self.line_comment()?,
                None | Some(b'}') => {}
                _ => return None,
            }
        }
    }

    /// A node without its terminator. Its span runs from the name to the spaces after its
    /// last entry or child block, as kdl's does.
    fn node(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        let name = self.identifier()?;
        let mut entries = Vec::new();
        let mut children = None;
        loop {
            let before_space = self.pos;
            self.inline_space();
            match self.peek() {
                Some(b'{') => {
                    self.pos += 1;
                    children = Some(self.nodes(true)?);
                    self.pos += 1;
                    self.inline_space();
                    break;
                }
                None | Some(b';' | b'\n' | b'}' | b'/') => break,
                _ if self.pos == before_space => return None,
                _ => entries.push(self.entry()?),
            }
        }
        Some(Node {
            name,
            span: span(start, self.pos),
            entries,
            children,
        })
    }

    /// An argument, or a property `key=value`.
    fn entry(&mut self) -> Option<Entry<'a>> {
        let start = self.pos;
        let is_key = {
            let rest = &self.bytes[start..];
            let end = rest
                .iter()
                .position(|b| !is_identifier_byte(*b) || *b == b'=')
                .unwrap_or(rest.len());
            rest.get(end) == Some(&b'=')
                || (rest.first() == Some(&b'"')
                    && rest[1..]
                        .iter()
                        .position(|b| *b == b'"')
                        .is_some_and(|close| rest.get(close + 2) == Some(&b'=')))
        };
        let name = if is_key {
            let key = self.identifier()?;
            self.pos += 1;
            Some(key)
        } else {
            None
        };
        let value_start = self.pos;
        let value = self.value()?;
        Some(Entry {
            name,
            value,
            span: span(start, self.pos),
            value_span: span(value_start, self.pos),
        })
    }

    /// A value followed by a space, a terminator or the end of a block.
    fn value(&mut self) -> Option<Value<'a>> {
        let value = match self.peek()? {
            b'"' => Value::String(Cow::Borrowed(self.quoted()?)),
            b'#' => self.keyword()?,
            b'-' | b'0'..=b'9' => self.integer()?,
            _ => Value::String(Cow::Borrowed(self.bare()?)),
        };
        match self.peek() {
            None | Some(b' ' | b'\t' | b'\n' | b';' | b'}') => Some(value),
            _ => None,
        }
    }

    /// A node name or property key, with the span of its text (quotes included).
    fn identifier(&mut self) -> Option<Name<'a>> {
        let start = self.pos;
        let value = match self.peek()? {
            b'"' => self.quoted()?,
            b'-' | b'0'..=b'9' => return None,
            _ => self.bare()?,
        };
        Some(Name {
            value: Cow::Borrowed(value),
            span: span(start, self.pos),
        })
    }

    /// A one-line quoted string without escapes; returns its contents.
    fn quoted(&mut self) -> Option<&'a str> {
        let start = self.pos + 1;
        // `"""` opens a multi-line string.
        if self.bytes.get(start..start + 2) == Some(b"\"\"") {
            return None;
        }
        let length = self.bytes[start..]
            .iter()
            .position(|b| ENDS_QUOTED[usize::from(*b)])?;
        if self.bytes[start + length] != b'"' {
            return None;
        }
        let contents = &self.text[start..start + length];
        self.pos = start + length + 1;
        Some(contents)
    }

    /// An identifier-string: not a number, not a reserved word.
    fn bare(&mut self) -> Option<&'a str> {
        let start = self.pos;
        if matches!(self.peek()?, b'+' | b'.' | b'-' | b'0'..=b'9') {
            return None;
        }
        self.skip(is_identifier_byte);
        let word = &self.text[start..self.pos];
        (!word.is_empty() && !RESERVED.contains(&word)).then_some(word)
    }

    fn keyword(&mut self) -> Option<Value<'a>> {
        let rest = &self.text[self.pos..];
        let (value, length) = [
            ("#true", Value::Bool(true)),
            ("#false", Value::Bool(false)),
            ("#null", Value::Null),
        ]
        .into_iter()
        .find(|(word, _)| rest.starts_with(word))
        .map(|(word, value)| (value, word.len()))?;
        self.pos += length;
        Some(value)
    }

    /// A decimal integer without underscores or leading zeros.
    fn integer(&mut self) -> Option<Value<'a>> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let digits = self.pos;
        self.skip(|b| b.is_ascii_digit());
        let count = self.pos - digits;
        if count == 0 || (count > 1 && self.bytes[digits] == b'0') {
            return None;
        }
        self.text[start..self.pos].parse().ok().map(Value::Integer)
    }
}

fn is_identifier_byte(byte: u8) -> bool {
    IDENTIFIER_BYTE[usize::from(byte)]
}

#[cfg(test)]
mod tests;
