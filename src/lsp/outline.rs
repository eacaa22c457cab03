//! The nodes of a spec as written, read from its tokens without judging them: names, schema
//! paths (`cluster.primitive.params`), arguments and properties with their spans. Hover,
//! completion and go to definition work on this, so they keep working while the file is
//! half typed.

use super::tokens::{Kind, Token, tokens, unquoted};
use std::ops::Range;

/// A name or value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Word {
    /// Without quotes or escapes.
    pub text: String,
    /// As written, quotes included.
    pub span: Range<usize>,
}

#[derive(Debug)]
pub(super) struct Node {
    /// The schema's key for the node: its name after its ancestors', joined by `.`.
    pub path: String,
    pub parent: Option<usize>,
    pub entries: Vec<Entry>,
    /// Commented out with `/-`, itself or an ancestor: it says nothing.
    pub commented: bool,
}

/// An argument or a property.
#[derive(Debug)]
pub(super) struct Entry {
    pub key: Option<Word>,
    /// `None` while only `key=` is typed.
    pub value: Option<Word>,
    /// The entry's place among the node's arguments; `None` for a property.
    pub argument: Option<usize>,
    pub commented: bool,
}

/// What a name or value token is, or a token that ends a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Name(usize),
    /// Node, entry.
    Key(usize, usize),
    Equals(usize, usize),
    Value(usize, usize),
    Argument(usize, usize),
    /// A line break, `;`, `{` or `}`: what follows starts a node.
    Break,
}

#[derive(Debug)]
pub(super) struct Mark {
    pub span: Range<usize>,
    pub role: Role,
    /// A string whose closing quote is written: typing after it starts something else.
    pub closed_string: bool,
}

#[derive(Debug, Default)]
pub(super) struct Outline {
    pub nodes: Vec<Node>,
    /// Every token that matters for a cursor, in source order.
    pub marks: Vec<Mark>,
    /// The inside of each `{ ... }` and the node it belongs to; an unclosed block runs to
    /// the end of the text.
    pub blocks: Vec<(Option<usize>, Range<usize>)>,
    pub comments: Vec<Range<usize>>,
}

impl Node {
    /// The value of property `key`, the last one written when repeated.
    pub(super) fn prop(&self, key: &str) -> Option<&Word> {
        self.live()
            .filter(|e| e.key.as_ref().is_some_and(|k| k.text == key))
            .filter_map(|e| e.value.as_ref())
            .last()
    }

    /// The arguments in order.
    pub(super) fn args(&self) -> impl Iterator<Item = &Word> {
        self.live()
            .filter(|e| e.argument.is_some())
            .filter_map(|e| e.value.as_ref())
    }

    fn live(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.commented)
    }
}

impl Outline {
    pub(super) fn read(text: &str) -> Outline {
        let mut reader = Reader {
            text,
            outline: Outline::default(),
            current: None,
            open: Vec::new(),
            slashdash: false,
            parens: 0,
            continued: false,
        };
        for token in tokens(text) {
            reader.token(&token);
        }
        reader.outline
    }

    /// The node whose block holds `offset`, the innermost one; `None` at the top level.
    pub(super) fn block_owner(&self, offset: usize) -> Option<usize> {
        self.blocks
            .iter()
            .filter(|(_, inside)| inside.start <= offset && offset <= inside.end)
            .max_by_key(|(_, inside)| inside.start)
            .and_then(|(owner, _)| *owner)
    }

    pub(super) fn in_comment(&self, text: &str, offset: usize) -> bool {
        self.comments.iter().any(|c| {
            let line_comment = text[c.clone()].starts_with("//");
            c.start < offset && (offset < c.end || (line_comment && offset == c.end))
        })
    }
}

struct Reader<'a> {
    text: &'a str,
    outline: Outline,
    /// The node whose entries are being read.
    current: Option<usize>,
    /// Open blocks: the index of each in `outline.blocks`, and whether it is commented out.
    open: Vec<(usize, bool)>,
    slashdash: bool,
    /// Depth inside a `(type)` annotation, which is skipped.
    parens: usize,
    /// After `\`: the next line break does not end the node.
    continued: bool,
}

impl Reader<'_> {
    fn token(&mut self, token: &Token) {
        let span = token.span.clone();
        match token.kind {
            Kind::Comment => self.outline.comments.push(span),
            Kind::OpenParen => self.parens += 1,
            Kind::CloseParen => self.parens = self.parens.saturating_sub(1),
            _ if self.parens > 0 => {}
            Kind::Continuation => self.continued = true,
            Kind::Newline if std::mem::take(&mut self.continued) => {}
            Kind::Newline | Kind::Semicolon => self.end_node(span),
            Kind::Open => self.open_block(span),
            Kind::Close => self.close_block(span),
            Kind::Slashdash => self.slashdash = true,
            Kind::Equals => self.equals(span),
            Kind::Word => self.word(span, false),
            Kind::Quoted { closed } => self.word(span, closed),
        }
    }

    fn end_node(&mut self, span: Range<usize>) {
        self.current = None;
        self.slashdash = false;
        self.mark(span, Role::Break);
    }

    fn open_block(&mut self, span: Range<usize>) {
        let owner = self.current;
        let commented = std::mem::take(&mut self.slashdash)
            || owner.is_some_and(|n| self.outline.nodes[n].commented);
        self.outline.blocks.push((owner, span.end..self.text.len()));
        self.open.push((self.outline.blocks.len() - 1, commented));
        self.end_node(span);
    }

    fn close_block(&mut self, span: Range<usize>) {
        if let Some((block, _)) = self.open.pop() {
            self.outline.blocks[block].1.end = span.start;
        }
        self.end_node(span);
    }

    /// `=` after a word makes that word the key of a property.
    fn equals(&mut self, span: Range<usize>) {
        let Some(last) = self.outline.marks.last_mut() else {
            return;
        };
        let Role::Argument(node, entry) = last.role else {
            return;
        };
        last.role = Role::Key(node, entry);
        let entry_data = &mut self.outline.nodes[node].entries[entry];
        entry_data.key = entry_data.value.take();
        entry_data.argument = None;
        self.mark(span, Role::Equals(node, entry));
    }

    fn word(&mut self, span: Range<usize>, closed_string: bool) {
        let word = Word {
            text: unquoted(&self.text[span.clone()]),
            span: span.clone(),
        };
        let commented = std::mem::take(&mut self.slashdash);
        let role = match self.current {
            None => self.start_node(word, commented),
            Some(node) => self.entry(node, word, commented),
        };
        self.outline.marks.push(Mark {
            span,
            role,
            closed_string,
        });
    }

    /// A value after `key=`, or an argument.
    fn entry(&mut self, node: usize, word: Word, commented: bool) -> Role {
        if let Some(Mark {
            role: Role::Equals(_, entry),
            ..
        }) = self.outline.marks.last()
        {
            let entry = *entry;
            self.outline.nodes[node].entries[entry].value = Some(word);
            return Role::Value(node, entry);
        }
        let entries = &mut self.outline.nodes[node].entries;
        let argument = entries
            .iter()
            .filter(|e| e.argument.is_some() && !e.commented)
            .count();
        entries.push(Entry {
            key: None,
            value: Some(word),
            argument: Some(argument),
            commented,
        });
        Role::Argument(node, entries.len() - 1)
    }

    fn start_node(&mut self, name: Word, commented: bool) -> Role {
        let parent = self
            .open
            .last()
            .and_then(|&(block, _)| self.outline.blocks[block].0);
        let inherited = self.open.last().is_some_and(|&(_, c)| c);
        let path = match parent {
            Some(p) => format!("{}.{}", self.outline.nodes[p].path, name.text),
            None => name.text,
        };
        self.outline.nodes.push(Node {
            path,
            parent,
            entries: Vec::new(),
            commented: commented || inherited,
        });
        let node = self.outline.nodes.len() - 1;
        self.current = Some(node);
        Role::Name(node)
    }

    fn mark(&mut self, span: Range<usize>, role: Role) {
        self.outline.marks.push(Mark {
            span,
            role,
            closed_string: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::{Outline, Role};

    const SPEC: &str = "cluster \"c\" {\n    primitive \"web\" agent=\"ocf:heartbeat:IPaddr2\" {\n        params ip=\"10.0.0.5\"\n    }\n    /-clone \"x\" of=\"web\"\n    location \"l\" web node=(n)\"node1\" score=10; order \"o\" first=\n}\n";

    #[test]
    fn nodes_have_schema_paths_and_entries() {
        let outline = Outline::read(SPEC);
        let paths: Vec<_> = outline.nodes.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "cluster",
                "cluster.primitive",
                "cluster.primitive.params",
                "cluster.clone",
                "cluster.location",
                "cluster.order"
            ]
        );
        let primitive = &outline.nodes[1];
        assert_eq!(
            primitive.prop("agent").unwrap().text,
            "ocf:heartbeat:IPaddr2"
        );
        assert_eq!(outline.nodes[2].parent, Some(1));
        assert!(outline.nodes[3].commented);
        let location = &outline.nodes[4];
        let args: Vec<_> = location.args().map(|w| w.text.as_str()).collect();
        assert_eq!(args, ["l", "web"]);
        // The type annotation is not the value.
        let node = location.prop("node").unwrap();
        assert_eq!(
            (node.text.as_str(), &SPEC[node.span.clone()]),
            ("node1", "\"node1\"")
        );
        let order = &outline.nodes[5];
        assert_eq!(order.entries[1].key.as_ref().unwrap().text, "first");
        assert!(order.entries[1].value.is_none());
    }

    #[test]
    fn blocks_know_their_owner() {
        let outline = Outline::read(SPEC);
        let inside_params_block = SPEC.find("params").unwrap();
        assert_eq!(outline.block_owner(inside_params_block), Some(1));
        assert_eq!(outline.block_owner(SPEC.len()), None);
        assert_eq!(outline.block_owner(SPEC.find("location").unwrap()), Some(0));
        let last = outline.marks.iter().rev().find(|m| m.role != Role::Break);
        assert!(matches!(last.unwrap().role, Role::Equals(5, 1)));
    }
}
