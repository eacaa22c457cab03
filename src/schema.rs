//! The spec language's grammar, read from `schemas/spec.json`.
//!
//! The checker validates structure (known nodes, properties, argument counts, value types)
//! against this description, so the published schema and what hacc accepts cannot drift apart.

use indexmap::IndexMap;
use serde::Deserialize;
use std::sync::OnceLock;

const SCHEMA_JSON: &str = include_str!("../schemas/spec.json");

#[derive(Debug, Deserialize)]
pub struct Schema {
    pub types: IndexMap<String, String>,
    /// Keyed by path: `cluster`, `cluster.node`, `cluster.node.publish`, ...
    pub nodes: IndexMap<String, NodeSchema>,
}

#[derive(Debug, Deserialize)]
pub struct NodeSchema {
    pub doc: String,
    pub args: Vec<ArgSchema>,
    /// Any number of trailing arguments of one type.
    pub variadic: Option<ArgSchema>,
    /// `*` stands for any property name.
    pub props: IndexMap<String, PropSchema>,
    pub children: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct ArgSchema {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: ValueType,
    pub doc: String,
    pub required: bool,
}

#[derive(Debug, Deserialize)]
pub struct PropSchema {
    #[serde(rename = "type")]
    pub ty: ValueType,
    pub doc: String,
    #[serde(default)]
    pub required: bool,
    /// The only values accepted, when the option is an enumeration.
    pub values: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueType {
    String,
    Integer,
    Bool,
    Value,
    Port,
    Address,
    Subnet,
    Path,
    Duration,
    Score,
    Id,
    Reference,
    Agent,
}

/// The path the schema describes a node under: the rules inside a nested rule are described
/// once, so `….rule.rule.rule` is `….rule.rule`.
pub fn canonical_path(path: &str) -> std::borrow::Cow<'_, str> {
    const DEEPER: &str = ".rule.rule.rule";
    if !path.contains(DEEPER) {
        return std::borrow::Cow::Borrowed(path);
    }
    let mut path = path.to_string();
    while let Some(at) = path.find(DEEPER) {
        path.replace_range(at..at + DEEPER.len(), ".rule.rule");
    }
    std::borrow::Cow::Owned(path)
}

impl Schema {
    pub fn get() -> &'static Schema {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        SCHEMA
            .get_or_init(|| serde_json::from_str(SCHEMA_JSON).expect("schemas/spec.json is valid"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_parses_and_children_exist() {
        let schema = Schema::get();
        for (path, node) in &schema.nodes {
            for child in &node.children {
                let child_path = format!("{path}.{child}");
                assert!(
                    schema.nodes.contains_key(&*canonical_path(&child_path)),
                    "{child_path} is listed but not described"
                );
            }
        }
    }

    #[test]
    fn rules_in_nested_rules_are_the_nested_rule() {
        assert_eq!(
            canonical_path("cluster.location.rule.rule.rule.rule.expression"),
            "cluster.location.rule.rule.expression"
        );
        assert_eq!(
            canonical_path("cluster.location.rule"),
            "cluster.location.rule"
        );
    }
}
