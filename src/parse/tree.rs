//! The parsed document that decoding reads: nodes, their arguments and properties, values and
//! byte spans, and nothing else (no comments, spacing or number formats).
//!
//! Text borrows from the source where it is written as is, which is every name and value on
//! the fast path; the kdl crate's documents (escapes, raw strings) convert into owned text.

use miette::SourceSpan;
use std::borrow::Cow;

/// The top-level nodes of a spec.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document<'a> {
    pub nodes: Vec<Node<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub name: Name<'a>,
    /// From the name to the spaces after the last entry or child block, as the kdl crate has it.
    pub span: SourceSpan,
    /// Arguments and properties in source order.
    pub entries: Vec<Entry<'a>>,
    /// `None` without a `{ ... }` block, `Some` (maybe empty) with one.
    pub children: Option<Vec<Node<'a>>>,
}

/// A node name or property key, with the span of its text (quotes included).
#[derive(Debug, Clone, PartialEq)]
pub struct Name<'a> {
    pub value: Cow<'a, str>,
    pub span: SourceSpan,
}

/// An argument (no name) or a property.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    pub name: Option<Name<'a>>,
    pub value: Value<'a>,
    /// The whole entry: `key=value`, or the argument.
    pub span: SourceSpan,
    /// The value alone (`100` in `score=100`), the narrowest place to point at.
    pub value_span: SourceSpan,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    String(Cow<'a, str>),
    Integer(i128),
    Float(f64),
    Bool(bool),
    Null,
}

impl Node<'_> {
    pub fn name(&self) -> &str {
        &self.name.value
    }

    /// The child nodes, empty without a block.
    pub fn children(&self) -> &[Node<'_>] {
        self.children.as_deref().unwrap_or_default()
    }
}

impl Entry<'_> {
    pub fn key(&self) -> Option<&str> {
        self.name.as_ref().map(|n| &*n.value)
    }
}

impl Value<'_> {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_integer(&self) -> Option<i128> {
        match self {
            Value::Integer(i) => Some(*i),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A scalar as Pacemaker stores it: strings as written, numbers in decimal, `true`/`false`.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Value::String(s) => Cow::Borrowed(s),
            Value::Integer(i) => Cow::Owned(i.to_string()),
            Value::Float(f) => Cow::Owned(f.to_string()),
            Value::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            Value::Null => Cow::Borrowed(""),
        }
    }
}
