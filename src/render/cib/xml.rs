//! A minimal XML element tree and writer, enough for a CIB document.
//!
//! Attribute values are escaped completely: the five markup characters become entities and every
//! control character becomes a character reference, so a value with a newline or a tab survives
//! a parse unchanged (a literal newline in an attribute would be normalised to a space).

use std::borrow::Cow;
use std::fmt::Write;

/// An element with ordered attributes and children. Attribute values borrow from the model
/// where they can: a large CIB would otherwise copy every id and value once more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element<'a> {
    name: &'static str,
    attrs: Vec<(&'static str, Cow<'a, str>)>,
    children: Vec<Node<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node<'a> {
    Element(Element<'a>),
    Comment(String),
}

impl<'a> Element<'a> {
    pub fn new(name: &'static str) -> Self {
        Element {
            name,
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    pub fn attr(mut self, name: &'static str, value: impl Into<Cow<'a, str>>) -> Self {
        self.attrs.push((name, value.into()));
        self
    }

    pub fn attr_opt(self, name: &'static str, value: Option<impl Into<Cow<'a, str>>>) -> Self {
        match value {
            Some(value) => self.attr(name, value),
            None => self,
        }
    }

    pub fn child(mut self, child: Element<'a>) -> Self {
        self.children.push(Node::Element(child));
        self
    }

    pub fn child_opt(self, child: Option<Element<'a>>) -> Self {
        match child {
            Some(child) => self.child(child),
            None => self,
        }
    }

    pub fn children(mut self, children: impl IntoIterator<Item = Element<'a>>) -> Self {
        self.children
            .extend(children.into_iter().map(Node::Element));
        self
    }

    /// Adds a comment child; the text is made safe for a comment by [`comment_text`].
    pub fn comment(mut self, text: &str) -> Self {
        self.children.push(Node::Comment(comment_text(text)));
        self
    }

    /// Writes the element and its children, two spaces per level, one element per line.
    pub fn write(&self, out: &mut String, depth: usize) {
        indent(out, depth);
        out.push('<');
        out.push_str(self.name);
        for (name, value) in &self.attrs {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            push_escaped_attr(out, value);
            out.push('"');
        }
        if self.children.is_empty() {
            out.push_str("/>\n");
            return;
        }
        out.push_str(">\n");
        for child in &self.children {
            match child {
                Node::Element(element) => element.write(out, depth + 1),
                Node::Comment(text) => {
                    indent(out, depth + 1);
                    out.push_str("<!--");
                    out.push_str(text);
                    out.push_str("-->\n");
                }
            }
        }
        indent(out, depth);
        out.push_str("</");
        out.push_str(self.name);
        out.push_str(">\n");
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Escapes a value for a double-quoted XML attribute.
pub fn escape_attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_escaped_attr(&mut out, value);
    out
}

/// Appends `value` to `out` escaped as [`escape_attr`] does; most values need no escape at
/// all and are copied whole.
fn push_escaped_attr(out: &mut String, value: &str) {
    let plain = |c: char| !matches!(c, '&' | '<' | '>' | '"' | '\'') && !c.is_control();
    if value.chars().all(plain) {
        out.push_str(value);
        return;
    }
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

/// Text that may stand inside `<!-- -->`: no control characters, no `--`, no trailing `-`.
pub fn comment_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_control() { ' ' } else { c };
        if c == '-' && out.ends_with('-') {
            continue;
        }
        out.push(c);
    }
    if out.ends_with('-') {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            escape_attr("a&b<c>\"d'e\nf\tg\rh"),
            "a&amp;b&lt;c&gt;&quot;d&apos;e&#10;f&#9;g&#13;h"
        );
        assert_eq!(escape_attr("héllo 日本"), "héllo 日本");
    }

    #[test]
    fn writes_nested_elements_with_indentation() {
        let mut out = String::new();
        Element::new("a")
            .attr("id", "x")
            .child(Element::new("b").attr("v", "1<2"))
            .comment("note -- here-")
            .write(&mut out, 0);
        assert_eq!(
            out,
            "<a id=\"x\">\n  <b v=\"1&lt;2\"/>\n  <!--note - here- -->\n</a>\n"
        );
    }

    #[test]
    fn comment_text_never_holds_a_double_hyphen() {
        let text = comment_text("a---b\n--");
        assert!(!text.contains("--"), "{text}");
        assert!(!text.ends_with('-'), "{text}");
    }
}
