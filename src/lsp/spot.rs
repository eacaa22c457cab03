//! What the cursor is on or about to type: a node name, a property key or value, or an
//! argument. Hover and definition ask about the token under the cursor; completion about
//! the token being typed, or the gap where the next one goes.

use super::outline::{Mark, Outline, Role};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Spot {
    /// A node's name, or where one goes (`node` is `None`), in the block of `parent`.
    NodeName {
        parent: Option<usize>,
        node: Option<usize>,
    },
    Key {
        node: usize,
        entry: usize,
    },
    /// A property's value, or the gap right after its `=`.
    Value {
        node: usize,
        entry: usize,
    },
    /// An argument, or the gap where the node's next entry goes (`entry` is `None`).
    Argument {
        node: usize,
        entry: Option<usize>,
    },
}

/// The spot of the name or value under the cursor, and that token's span: the one that
/// holds `offset`, else the one that ends there (a cursor right after a word).
pub(super) fn pointed(outline: &Outline, offset: usize) -> Option<(Spot, Range<usize>)> {
    let words = || {
        outline
            .marks
            .iter()
            .filter_map(|m| Some((spot_of(outline, m)?, m.span.clone())))
    };
    words()
        .find(|(_, span)| span.start <= offset && offset < span.end)
        .or_else(|| words().find(|(_, span)| span.end == offset))
}

/// Where typing at `offset` goes, and the text a completion replaces: the word being typed,
/// or nothing at the cursor. `None` inside a comment, or right after a closed string.
pub(super) fn typing(outline: &Outline, text: &str, offset: usize) -> Option<(Spot, Range<usize>)> {
    if outline.in_comment(text, offset) {
        return None;
    }
    let gap = offset..offset;
    let Some(mark) = outline.marks.iter().rev().find(|m| m.span.start < offset) else {
        return Some((gap_in_block(outline, offset), gap));
    };
    if offset <= mark.span.end
        && let Some(spot) = spot_of(outline, mark)
    {
        if mark.closed_string && offset == mark.span.end {
            return None;
        }
        return Some((spot, mark.span.clone()));
    }
    let spot = match mark.role {
        Role::Break => gap_in_block(outline, offset),
        Role::Equals(node, entry) => Spot::Value { node, entry },
        Role::Name(node) | Role::Key(node, _) | Role::Value(node, _) | Role::Argument(node, _) => {
            Spot::Argument { node, entry: None }
        }
    };
    Some((spot, gap))
}

fn gap_in_block(outline: &Outline, offset: usize) -> Spot {
    Spot::NodeName {
        parent: outline.block_owner(offset),
        node: None,
    }
}

fn spot_of(outline: &Outline, mark: &Mark) -> Option<Spot> {
    match mark.role {
        Role::Name(node) => Some(Spot::NodeName {
            parent: outline.nodes[node].parent,
            node: Some(node),
        }),
        Role::Key(node, entry) => Some(Spot::Key { node, entry }),
        Role::Value(node, entry) => Some(Spot::Value { node, entry }),
        Role::Argument(node, entry) => Some(Spot::Argument {
            node,
            entry: Some(entry),
        }),
        Role::Equals(..) | Role::Break => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Outline, Spot, pointed, typing};

    /// The spot and replaced text at the `|` of `marked`.
    fn typing_at(marked: &str) -> Option<(Spot, String)> {
        let offset = marked.find('|').unwrap();
        let text = marked.replacen('|', "", 1);
        let outline = Outline::read(&text);
        typing(&outline, &text, offset).map(|(spot, span)| (spot, text[span].to_string()))
    }

    #[test]
    fn typing_finds_names_keys_values_and_gaps() {
        let top = Spot::NodeName {
            parent: None,
            node: None,
        };
        assert_eq!(typing_at("|"), Some((top, String::new())));
        let in_cluster = Spot::NodeName {
            parent: Some(0),
            node: None,
        };
        assert_eq!(
            typing_at("cluster \"c\" {\n  |\n}"),
            Some((in_cluster, String::new()))
        );
        let name = Spot::NodeName {
            parent: Some(0),
            node: Some(1),
        };
        assert_eq!(
            typing_at("cluster \"c\" {\n  prim|\n}"),
            Some((name, "prim".into()))
        );
        let after_equals = Spot::Value { node: 1, entry: 1 };
        assert_eq!(
            typing_at("cluster {\n  clone \"x\" of=|\n}"),
            Some((after_equals, String::new()))
        );
        assert_eq!(
            typing_at("cluster {\n  clone \"x\" of=\"fl|\n}"),
            Some((after_equals, "\"fl".into()))
        );
        let next_entry = Spot::Argument {
            node: 1,
            entry: None,
        };
        assert_eq!(
            typing_at("cluster {\n  location \"l\" |\n}"),
            Some((next_entry, String::new()))
        );
        assert_eq!(typing_at("cluster {\n  location \"l\"|\n}"), None);
        assert_eq!(typing_at("cluster { // a |\n}"), None);
    }

    #[test]
    fn pointed_finds_the_token_under_or_before_the_cursor() {
        let text = "clone \"x\" of=\"web\"";
        let outline = Outline::read(text);
        let key = Spot::Key { node: 0, entry: 1 };
        assert_eq!(pointed(&outline, 10), Some((key, 10..12)));
        assert_eq!(pointed(&outline, 12), Some((key, 10..12)));
        let value = Spot::Value { node: 0, entry: 1 };
        assert_eq!(pointed(&outline, 17), Some((value, 13..18)));
        assert_eq!(
            pointed(&outline, 5),
            Some((
                Spot::NodeName {
                    parent: None,
                    node: Some(0)
                },
                0..5
            ))
        );
    }
}
