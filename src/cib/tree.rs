//! An owned XML element tree read with roxmltree and written back: enough to take a CIB apart
//! (a live one, or the cib.xml hacc wrote), swap its configuration and hand it to Pacemaker's
//! tools. Attribute values and text are written with the escaping of the cib.xml writer.

use super::xml::escape_attr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Element(Element),
    Comment(String),
    /// Text other than whitespace between elements (Pacemaker ignores that whitespace).
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    /// In document order: Pacemaker's diff reports reordered attributes too.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Item>,
}

/// Parses a document and returns its root element.
pub fn parse(text: &str) -> Result<Element, roxmltree::Error> {
    let document = roxmltree::Document::parse(text)?;
    Ok(Element::from_node(document.root_element()))
}

impl Element {
    pub fn new(name: &str) -> Element {
        Element {
            name: name.to_string(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    fn from_node(node: roxmltree::Node) -> Element {
        let mut element = Element::new(node.tag_name().name());
        element.attrs = node
            .attributes()
            .map(|a| (a.name().to_string(), a.value().to_string()))
            .collect();
        for child in node.children() {
            if child.is_element() {
                element
                    .children
                    .push(Item::Element(Element::from_node(child)));
            } else if child.is_comment() {
                element
                    .children
                    .push(Item::Comment(child.text().unwrap_or_default().to_string()));
            } else if let Some(text) = child.text().filter(|t| !t.trim().is_empty()) {
                element.children.push(Item::Text(text.to_string()));
            }
        }
        element
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn id(&self) -> Option<&str> {
        self.attr("id")
    }

    /// Sets an attribute, keeping its place when it exists.
    pub fn set_attr(&mut self, name: &str, value: &str) {
        match self.attrs.iter_mut().find(|(n, _)| n == name) {
            Some((_, v)) => *v = value.to_string(),
            None => self.attrs.push((name.to_string(), value.to_string())),
        }
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Item::Element(e) => Some(e),
            _ => None,
        })
    }

    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|c| match c {
            Item::Element(e) => Some(e),
            _ => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    pub fn child_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|e| e.name == name)
    }

    /// The child named `name`, created at the end when missing.
    pub fn child_or_insert(&mut self, name: &str) -> &mut Element {
        if self.child(name).is_none() {
            self.children.push(Item::Element(Element::new(name)));
        }
        self.child_mut(name).expect("just ensured")
    }

    pub fn push(&mut self, child: Element) {
        self.children.push(Item::Element(child));
    }

    /// The whole element as text, two spaces per level.
    pub fn to_xml(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        let indent = "  ".repeat(depth);
        out.push_str(&indent);
        out.push('<');
        out.push_str(&self.name);
        for (name, value) in &self.attrs {
            out.push_str(&format!(" {name}=\"{}\"", escape_attr(value)));
        }
        if self.children.is_empty() {
            out.push_str("/>\n");
            return;
        }
        out.push_str(">\n");
        for child in &self.children {
            match child {
                Item::Element(element) => element.write(out, depth + 1),
                Item::Comment(text) => out.push_str(&format!("{indent}  <!--{text}-->\n")),
                Item::Text(text) => {
                    out.push_str(&format!("{indent}  {}\n", escape_attr(text)));
                }
            }
        }
        out.push_str(&format!("{indent}</{}>\n", self.name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_round_trips_with_comments_and_escapes() {
        let text = "<a x=\"1 &amp; &lt;2&gt;\" y=\"b\">\n  <!--note-->\n  <b id=\"i\"/>\n</a>\n";
        let element = parse(text).unwrap();
        assert_eq!(element.attr("x"), Some("1 & <2>"));
        assert_eq!(element.child("b").unwrap().id(), Some("i"));
        assert_eq!(element.to_xml(), text);
        assert_eq!(parse(&element.to_xml()).unwrap(), element);
    }
}
