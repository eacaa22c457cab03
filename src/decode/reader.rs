//! Typed, lenient access to a KDL node that the structure check has already vetted.
//!
//! Getters return `None` for absent or ill-typed values (already reported), and, when given a
//! log, record which properties were read so a test can prove the decoder uses every schema
//! entry. Ordinary runs pass no log: recording allocates on every read.

use crate::model::NvPair;
use crate::parse::{Entry, Node};
use crate::spanned::Spanned;
use miette::SourceSpan;
use std::cell::RefCell;
use std::collections::BTreeSet;

/// Which `(node path, property)` pairs the decoder looked at.
pub type ReadLog = RefCell<BTreeSet<(String, String)>>;

#[derive(Clone, Copy)]
pub(super) struct NodeView<'a> {
    pub node: &'a Node<'a>,
    path: &'a str,
    log: Option<&'a ReadLog>,
}

impl<'a> NodeView<'a> {
    pub(super) fn new(node: &'a Node<'a>, path: &'a str, log: Option<&'a ReadLog>) -> Self {
        NodeView { node, path, log }
    }

    pub(super) fn name_span(&self) -> SourceSpan {
        self.node.name.span
    }

    fn note(&self, key: &str) {
        if let Some(log) = self.log {
            log.borrow_mut()
                .insert((self.path.to_string(), key.to_string()));
        }
    }

    fn args(&self) -> impl Iterator<Item = &'a Entry<'a>> {
        self.node.entries.iter().filter(|e| e.name.is_none())
    }

    fn arg(&self, index: usize) -> Option<&'a Entry<'a>> {
        if self.log.is_some() {
            self.note(&format!("#{index}"));
        }
        self.args().nth(index)
    }

    /// The last occurrence wins, as in KDL; duplicates are reported by the structure check.
    fn prop(&self, key: &str) -> Option<&'a Entry<'a>> {
        self.note(key);
        self.node
            .entries
            .iter()
            .rev()
            .find(|e| e.key() == Some(key))
    }

    pub(super) fn arg_str(&self, index: usize) -> Option<Spanned<String>> {
        self.arg(index).and_then(string_of)
    }

    /// A required string argument; the placeholder (empty, at the node name) keeps decoding
    /// going after the structure check reported it missing.
    pub(super) fn arg_or_empty(&self, index: usize) -> Spanned<String> {
        self.arg_str(index)
            .unwrap_or_else(|| Spanned::new(String::new(), self.name_span()))
    }

    pub(super) fn arg_text(&self, index: usize) -> Option<Spanned<String>> {
        self.arg(index).map(text_of)
    }

    pub(super) fn arg_int(&self, index: usize) -> Option<Spanned<i128>> {
        self.arg(index).and_then(int_of)
    }

    /// Arguments from `index` on, as text.
    pub(super) fn rest_args(&self, index: usize) -> Vec<Spanned<String>> {
        self.note("#*");
        self.args().skip(index).map(text_of).collect()
    }

    pub(super) fn str(&self, key: &str) -> Option<Spanned<String>> {
        self.prop(key).and_then(string_of)
    }

    pub(super) fn str_or_empty(&self, key: &str) -> Spanned<String> {
        self.str(key)
            .unwrap_or_else(|| Spanned::new(String::new(), self.name_span()))
    }

    pub(super) fn text(&self, key: &str) -> Option<Spanned<String>> {
        self.prop(key).map(text_of)
    }

    pub(super) fn bool(&self, key: &str) -> Option<Spanned<bool>> {
        let entry = self.prop(key)?;
        entry
            .value
            .as_bool()
            .map(|b| Spanned::new(b, entry.value_span))
    }

    pub(super) fn int(&self, key: &str) -> Option<Spanned<i128>> {
        self.prop(key).and_then(int_of)
    }

    /// One property as a name/value pair, spans on both.
    pub(super) fn pair(&self, key: &str) -> Option<NvPair> {
        let entry = self.prop(key)?;
        let name = entry.name.as_ref()?;
        Some(NvPair {
            name: Spanned::new(key.to_string(), name.span),
            value: text_of(entry),
        })
    }

    /// Every property as a name/value pair, in order (for params, meta, env, ...).
    pub(super) fn pairs(&self) -> Vec<NvPair> {
        self.note("*");
        self.node
            .entries
            .iter()
            .filter_map(|e| {
                let name = e.name.as_ref()?;
                Some(NvPair {
                    name: Spanned::new(name.value.to_string(), name.span),
                    value: text_of(e),
                })
            })
            .collect()
    }

    /// A child node of this one, read under `path` with the same log.
    pub(super) fn child(&self, node: &'a Node<'a>, path: &'a str) -> NodeView<'a> {
        NodeView::new(node, path, self.log)
    }

    pub(super) fn children(
        &self,
        name: &'a str,
        path: &'a str,
    ) -> impl Iterator<Item = NodeView<'a>> + 'a {
        let log = self.log;
        self.node
            .children()
            .iter()
            .filter(move |n| n.name() == name)
            .map(move |n| NodeView::new(n, path, log))
    }

    /// The children named like one of `paths`' names, in document order, each read under its
    /// path (for entries whose order matters across names, as ACL permissions').
    pub(super) fn children_in_order(
        &self,
        paths: &'a [(&'a str, &'a str)],
    ) -> impl Iterator<Item = NodeView<'a>> + 'a {
        let log = self.log;
        self.node.children().iter().filter_map(move |n| {
            let (_, path) = paths.iter().find(|(name, _)| n.name() == *name)?;
            Some(NodeView::new(n, path, log))
        })
    }

    /// The node's name with its span.
    pub(super) fn name(&self) -> Spanned<String> {
        Spanned::new(self.node.name().to_string(), self.name_span())
    }

    /// Pairs from every child block of that name, merged in order (`meta a=1` + `meta b=2`).
    pub(super) fn child_pairs(&self, name: &'a str, path: &'a str) -> Vec<NvPair> {
        self.children(name, path).flat_map(|c| c.pairs()).collect()
    }
}

fn string_of(entry: &Entry<'_>) -> Option<Spanned<String>> {
    entry
        .value
        .as_str()
        .map(|s| Spanned::new(s.to_string(), entry.value_span))
}

fn text_of(entry: &Entry<'_>) -> Spanned<String> {
    Spanned::new(entry.value.text().into_owned(), entry.value_span)
}

fn int_of(entry: &Entry<'_>) -> Option<Spanned<i128>> {
    entry
        .value
        .as_integer()
        .map(|i| Spanned::new(i, entry.value_span))
}
