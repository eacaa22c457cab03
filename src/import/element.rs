//! Reading XML elements so that nothing is skipped unnoticed: every attribute and child an
//! element has must be one its reader takes, or it is reported.

use super::finding::Finding;
use crate::diagnostic::{self as diag, Code, Diagnostic};
use miette::SourceSpan;
use roxmltree::Node;

/// The findings of one read, against the XML text they point into.
pub(super) struct Context<'x> {
    pub source: &'x str,
    pub findings: Vec<Finding>,
    pub normalised: Vec<String>,
}

impl<'x> Context<'x> {
    pub(super) fn new(source: &'x str) -> Self {
        Context {
            source,
            findings: Vec::new(),
            normalised: Vec::new(),
        }
    }

    pub(super) fn report(
        &mut self,
        code: &'static Code,
        span: SourceSpan,
        node: Node<'_, '_>,
        construct: impl Into<String>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let mut diagnostic = Diagnostic::new(code, span, message);
        if let Some(help) = help {
            diagnostic = diagnostic.help(help);
        }
        self.findings.push(Finding::new(
            self.source,
            diagnostic,
            path(node),
            construct.into(),
        ));
    }

    /// Refuses the element itself (its tag name is the span).
    pub(super) fn refuse_element(&mut self, node: Node<'_, '_>, construct: &str, why: &str) {
        let tag = node.tag_name().name();
        self.report(
            &diag::UNCARRIED_ELEMENT,
            tag_span(node),
            node,
            construct,
            format!("`{tag}` cannot be imported: {why}"),
            None,
        );
    }

    /// Refuses every attribute not in `known` and every child element not in `children`.
    pub(super) fn only(&mut self, node: Node<'_, '_>, known: &[&str], children: &[&str]) {
        let tag = node.tag_name().name();
        for attribute in node.attributes() {
            if !known.contains(&attribute.name()) {
                let name = attribute.name();
                self.report(
                    &diag::UNCARRIED_ATTRIBUTE,
                    attribute_span(node, name),
                    node,
                    format!("{tag}@{name}"),
                    format!("`{name}` on `{tag}` cannot be imported: the spec language has no such option"),
                    None,
                );
            }
        }
        for child in node.children().filter(Node::is_element) {
            if !children.contains(&child.tag_name().name()) {
                let construct = child.tag_name().name().to_string();
                let why = match construct.as_str() {
                    "template" => "a template belongs at the top of `resources`",
                    "tags" => "the spec language has no tags yet",
                    "acl_user" => {
                        "it is the ACL syntax of Pacemaker 1.1 (upgrade the CIB with `cibadmin --upgrade --force`, which turns it into `acl_target`)"
                    }
                    _ => "the spec language has no such element here",
                };
                self.refuse_element(child, &construct, why);
            }
        }
    }
}

/// `/cib/configuration/resources/primitive[@id='ip']`: each step with its id when it has one.
pub(super) fn path(node: Node<'_, '_>) -> String {
    let mut steps: Vec<String> = node
        .ancestors()
        .filter(Node::is_element)
        .map(|n| match n.attribute("id") {
            Some(id) => format!("{}[@id='{id}']", n.tag_name().name()),
            None => n.tag_name().name().to_string(),
        })
        .collect();
    steps.reverse();
    format!("/{}", steps.join("/"))
}

/// The element's tag name in its start tag.
pub(super) fn tag_span(node: Node<'_, '_>) -> SourceSpan {
    let start = node.range().start + 1;
    (start, node.tag_name().name().len()).into()
}

/// The attribute's value when the element has it, else the tag name.
pub(super) fn attribute_span(node: Node<'_, '_>, name: &str) -> SourceSpan {
    match node.attributes().find(|a| a.name() == name) {
        Some(attribute) => {
            let range = attribute.range_value();
            (range.start, range.len()).into()
        }
        None => tag_span(node),
    }
}

/// The element children of a node.
pub(super) fn elements<'a, 'x>(node: Node<'a, 'x>) -> impl Iterator<Item = Node<'a, 'x>> {
    node.children().filter(Node::is_element)
}

/// The first child element with this tag.
pub(super) fn child<'a, 'x>(node: Node<'a, 'x>, tag: &str) -> Option<Node<'a, 'x>> {
    elements(node).find(|n| n.has_tag_name(tag))
}

/// The value of attribute `name`, if the element has it.
pub(super) fn text(node: Node<'_, '_>, name: &str) -> Option<String> {
    node.attribute(name).map(str::to_string)
}

/// The `id`s of `node`'s `tag` children (a tag's `obj_ref`s, an ACL subject's `role`s), in
/// order; a child without one is reported as `construct` with `message`.
pub(super) fn child_ids(
    ctx: &mut Context<'_>,
    node: Node<'_, '_>,
    tag: &str,
    construct: &str,
    message: &str,
) -> Vec<String> {
    let mut ids = Vec::new();
    for child in elements(node).filter(|n| n.has_tag_name(tag)) {
        ctx.only(child, &["id"], &[]);
        match text(child, "id") {
            Some(id) => ids.push(id),
            None => missing(ctx, child, construct, message),
        }
    }
    ids
}

/// Reports that `node` holds `construct`, which cannot be imported without guessing.
pub(super) fn missing(ctx: &mut Context<'_>, node: Node<'_, '_>, construct: &str, message: &str) {
    ctx.report(
        &diag::AMBIGUOUS_CIB,
        tag_span(node),
        node,
        construct,
        message,
        None,
    );
}

/// The members of a `resource_set`, reported when there are none.
pub(super) fn set_members(ctx: &mut Context<'_>, set: Node<'_, '_>) -> Vec<String> {
    let resources: Vec<String> = elements(set)
        .filter(|r| r.has_tag_name("resource_ref"))
        .map(|r| {
            ctx.only(r, &["id"], &[]);
            r.attribute("id").unwrap_or_default().to_string()
        })
        .collect();
    if resources.is_empty() {
        missing(
            ctx,
            set,
            "empty resource_set",
            "a `resource_set` without resources cannot be imported",
        );
    }
    resources
}
