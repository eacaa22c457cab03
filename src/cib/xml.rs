//! A minimal streaming XML writer, enough for a CIB document.
//!
//! Attribute values are escaped completely: the five markup characters become entities and every
//! control character becomes a character reference, so a value with a newline or a tab survives
//! a parse unchanged (a literal newline in an attribute would be normalised to a space).

use std::fmt::Write;

/// Writes elements straight into one string, two spaces per level, one element per line: an
/// element without children is written `<name .../>`. Nothing is built in between, so a CIB of
/// tens of thousands of elements costs no allocation per element.
///
/// An element's start tag stays open (`<name a="1"`) until its first child or its end decides
/// whether it is empty.
pub struct XmlWriter {
    out: String,
    open: Vec<&'static str>,
    tag_open: bool,
    /// Everything on one line (see [`XmlWriter::one_line`]).
    one_line: bool,
}

impl XmlWriter {
    /// Appends to `out`, starting at the outermost level.
    pub fn new(out: String) -> Self {
        XmlWriter {
            out,
            open: Vec::new(),
            tag_open: false,
            one_line: false,
        }
    }

    /// Appends to `out` with no indentation and no line break, for crmsh's `xml` command: crmsh
    /// splits that line at whitespace and joins the words with one space, so a space that
    /// follows another in an attribute value is written `&#32;` and survives.
    pub fn one_line(out: String) -> Self {
        XmlWriter {
            one_line: true,
            ..XmlWriter::new(out)
        }
    }

    /// Starts an element, a child of the element open now if any.
    pub fn start(&mut self, name: &'static str) -> &mut Self {
        self.close_tag();
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        self.open.push(name);
        self.tag_open = true;
        self
    }

    /// Adds an attribute to the element just started (before any child).
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        debug_assert!(self.tag_open, "attribute `{name}` after a child");
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        push_escaped(&mut self.out, value, self.one_line);
        self.out.push('"');
        self
    }

    pub fn attr_opt(&mut self, name: &'static str, value: Option<&str>) -> &mut Self {
        match value {
            Some(value) => self.attr(name, value),
            None => self,
        }
    }

    /// Adds a comment child; the text is made safe for a comment by [`comment_text`].
    pub fn comment(&mut self, text: &str) -> &mut Self {
        self.close_tag();
        self.indent();
        self.out.push_str("<!--");
        self.out.push_str(&comment_text(text));
        self.out.push_str("-->");
        self.line_end();
        self
    }

    /// Ends the element started last.
    pub fn end(&mut self) -> &mut Self {
        let name = self.open.pop().expect("an element to end");
        if self.tag_open {
            self.out.push_str("/>");
            self.tag_open = false;
        } else {
            self.indent();
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
        self.line_end();
        self
    }

    /// The text written, every element ended.
    pub fn finish(self) -> String {
        assert!(self.open.is_empty(), "unended elements: {:?}", self.open);
        self.out
    }

    /// Ends the start tag of the open element, which is getting a child.
    fn close_tag(&mut self) {
        if self.tag_open {
            self.out.push('>');
            self.tag_open = false;
            self.line_end();
        }
    }

    /// Two spaces per open element at the start of a line.
    fn indent(&mut self) {
        if !self.one_line {
            for _ in 0..self.open.len() {
                self.out.push_str("  ");
            }
        }
    }

    fn line_end(&mut self) {
        if !self.one_line {
            self.out.push('\n');
        }
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
    push_escaped(out, value, false);
}

/// [`push_escaped_attr`], and with `space_runs` every space that follows a space written as a
/// character reference.
fn push_escaped(out: &mut String, value: &str, space_runs: bool) {
    let plain = |c: char| !matches!(c, '&' | '<' | '>' | '"' | '\'') && !c.is_control();
    if value.chars().all(plain) && !(space_runs && value.contains("  ")) {
        out.push_str(value);
        return;
    }
    let mut previous = None;
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            ' ' if space_runs && previous == Some(' ') => out.push_str("&#32;"),
            c if c.is_control() => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            c => out.push(c),
        }
        previous = Some(c);
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
        let mut xml = XmlWriter::new(String::from("<!-- top -->\n"));
        xml.start("a").attr("id", "x");
        xml.start("b").attr("v", "1<2").attr_opt("w", None).end();
        xml.comment("note -- here-");
        xml.start("c")
            .start("d")
            .attr_opt("e", Some("f"))
            .end()
            .end();
        xml.end();
        assert_eq!(
            xml.finish(),
            "<!-- top -->\n<a id=\"x\">\n  <b v=\"1&lt;2\"/>\n  <!--note - here- -->\n  <c>\n    <d e=\"f\"/>\n  </c>\n</a>\n"
        );
    }

    #[test]
    fn one_line_for_crmsh_keeps_runs_of_spaces() {
        let mut xml = XmlWriter::one_line(String::from("xml "));
        xml.start("a").attr("id", "x");
        xml.start("b").attr("v", " a  b   c&").end();
        xml.end();
        assert_eq!(
            xml.finish(),
            "xml <a id=\"x\"><b v=\" a &#32;b &#32;&#32;c&amp;\"/></a>"
        );
    }

    #[test]
    fn comment_text_never_holds_a_double_hyphen() {
        let text = comment_text("a---b\n--");
        assert!(!text.contains("--"), "{text}");
        assert!(!text.ends_with('-'), "{text}");
    }
}
