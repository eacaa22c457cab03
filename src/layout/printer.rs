//! Prints a [`Block`] in the canonical layout: four spaces per level, one node per line, one
//! space between entries, at most one empty line in a row, comments where they were.

use super::tree::{Block, Children, Item, Node};

const INDENT: &str = "    ";
/// A block written on one line stays on one line when the whole line fits in this width.
const ONE_LINE_WIDTH: usize = 100;

pub(super) fn document(block: &Block<'_>) -> String {
    let mut out = String::new();
    items(&block.items, 0, &mut out);
    out
}

fn items(items: &[Item<'_>], depth: usize, out: &mut String) {
    // Empty lines separate; they never open or close a block.
    let last = items.iter().rposition(|i| !matches!(i, Item::Blank));
    for item in &items[..last.map_or(0, |l| l + 1)] {
        match item {
            Item::Blank => out.push('\n'),
            Item::Comment(text) => {
                indent(depth, out);
                out.push_str(text);
                out.push('\n');
            }
            Item::Node(n) => node(n, depth, out),
        }
    }
}

fn indent(depth: usize, out: &mut String) {
    for _ in 0..depth {
        out.push_str(INDENT);
    }
}

fn node(node: &Node<'_>, depth: usize, out: &mut String) {
    for comment in &node.moved {
        indent(depth, out);
        out.push_str(comment);
        out.push('\n');
    }
    let line_start = out.len();
    indent(depth, out);
    head(node, out);
    for children in &node.children {
        let width = out[line_start..].chars().count();
        match one_line(children, width) {
            Some(text) => out.push_str(&text),
            None => expanded(children, depth, out),
        }
    }
    if let Some(comment) = node.trailing {
        out.push(' ');
        out.push_str(comment);
    }
    out.push('\n');
}

/// The name and entries: `/-name arg key=value`.
fn head(node: &Node<'_>, out: &mut String) {
    if node.slashdash {
        out.push_str("/-");
    }
    out.push_str(&node.parts.join(" "));
}

/// ` { a 1; b 2 }` when the block was written on one line, holds only childless nodes and the
/// line stays within [`ONE_LINE_WIDTH`].
fn one_line(children: &Children<'_>, width: usize) -> Option<String> {
    let block = &children.block;
    if !block.one_line {
        return None;
    }
    let mut text = String::from(if children.slashdash { " /-{" } else { " {" });
    let nodes: Vec<String> = block
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Node(n) => Some(n),
            _ => None,
        })
        .map(|n| {
            let mut line = String::new();
            head(n, &mut line);
            line
        })
        .collect();
    if nodes.is_empty() {
        text.push('}');
    } else {
        text.push(' ');
        text.push_str(&nodes.join("; "));
        text.push_str(" }");
    }
    (width + text.chars().count() <= ONE_LINE_WIDTH).then_some(text)
}

fn expanded(children: &Children<'_>, depth: usize, out: &mut String) {
    out.push_str(if children.slashdash { " /-{" } else { " {" });
    if children.block.items.is_empty() && children.block.opening_comment.is_none() {
        out.push('}');
        return;
    }
    if let Some(comment) = children.block.opening_comment {
        out.push(' ');
        out.push_str(comment);
    }
    out.push('\n');
    items(&children.block.items, depth + 1, out);
    indent(depth, out);
    out.push('}');
}
