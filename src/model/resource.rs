//! Pacemaker resources: primitives, resource templates, groups, clones, bundles and fencing
//! levels.

use super::NvPair;
use crate::spanned::Spanned;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Resource {
    Primitive(Primitive),
    Group(Group),
    Clone(Clone),
    Bundle(super::Bundle),
    /// A resource template (`<template>`): a primitive's agent, attributes and operations
    /// that primitives made from it (`template="..."`) take. Top-level only; it never runs.
    Template(Primitive),
}

impl Resource {
    pub fn id(&self) -> &Spanned<String> {
        match self {
            Resource::Primitive(p) => &p.id,
            Resource::Group(g) => &g.id,
            Resource::Clone(c) => &c.id,
            Resource::Bundle(b) => &b.id,
            Resource::Template(t) => &t.id,
        }
    }

    pub fn meta(&self) -> &[NvPair] {
        match self {
            Resource::Primitive(p) | Resource::Template(p) => &p.meta,
            Resource::Group(g) => &g.meta,
            Resource::Clone(c) => &c.meta,
            Resource::Bundle(b) => &b.meta,
        }
    }

    pub fn description(&self) -> Option<&Spanned<String>> {
        match self {
            Resource::Primitive(p) | Resource::Template(p) => p.description.as_ref(),
            Resource::Group(g) => g.description.as_ref(),
            Resource::Clone(c) => c.description.as_ref(),
            Resource::Bundle(b) => b.description.as_ref(),
        }
    }
}

/// `class:provider:type`, e.g. `ocf:heartbeat:IPaddr2`, `systemd:nginx`, `stonith:fence_xvm`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agent {
    pub class: String,
    pub provider: Option<String>,
    pub kind: String,
}

impl Agent {
    /// `ocf:pacemaker:remote`: the connection to a Pacemaker Remote node named as the resource.
    pub fn is_remote_connection(&self) -> bool {
        self.class == "ocf"
            && self.provider.as_deref() == Some("pacemaker")
            && self.kind == "remote"
    }
}

impl std::fmt::Display for Agent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.provider {
            Some(provider) => write!(f, "{}:{}:{}", self.class, provider, self.kind),
            None => write!(f, "{}:{}", self.class, self.kind),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Primitive {
    pub id: Spanned<String>,
    /// Free text for people (`description=`), kept in the CIB.
    pub description: Option<Spanned<String>>,
    /// For a primitive made from a template: the template's agent (spanned at `template=`),
    /// or the empty placeholder when the template is unknown.
    pub agent: Spanned<Agent>,
    /// The template the primitive is made from; its attributes and operations add to or win
    /// over the template's. Never set on a template.
    pub template: Option<Spanned<String>>,
    /// Whether the spec wrote `agent=` (a primitive from a template must not).
    pub agent_written: bool,
    pub params: Vec<NvPair>,
    pub meta: Vec<NvPair>,
    pub utilization: Vec<NvPair>,
    pub ops: Vec<Op>,
    /// `params-set`s, `meta-set`s and `utilization-set`s, written after the plain `params`,
    /// `meta` and `utilization`.
    pub param_sets: Vec<super::NvSet>,
    pub meta_sets: Vec<super::NvSet>,
    pub utilization_sets: Vec<super::NvSet>,
}

/// A resource operation (`monitor`, `start`, `promote`, ...).
#[derive(Debug, Clone, Serialize)]
pub struct Op {
    pub name: Spanned<String>,
    /// As written in the spec (`10s`, `1min`); checked to parse as a duration.
    pub interval: Spanned<String>,
    pub timeout: Option<Spanned<String>>,
    pub role: Option<Spanned<String>>,
    pub on_fail: Option<Spanned<String>>,
    pub extra: super::OpExtra,
}

impl Op {
    /// The CIB id crmsh derives when it loads the operation: `<rsc>-<op>-<interval>`, with the
    /// interval as written and without the role, so two ops differing only in role clash.
    pub fn id(&self, resource: &str) -> String {
        format!("{resource}-{}-{}", self.name.value, self.interval.value)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: Spanned<String>,
    /// Free text for people (`description=`), kept in the CIB.
    pub description: Option<Spanned<String>>,
    pub members: Vec<Spanned<String>>,
    /// Instance attributes every member inherits (Pacemaker passes a parent's to its children).
    pub params: Vec<NvPair>,
    pub meta: Vec<NvPair>,
    pub param_sets: Vec<super::NvSet>,
    pub meta_sets: Vec<super::NvSet>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Clone {
    pub id: Spanned<String>,
    /// Free text for people (`description=`), kept in the CIB.
    pub description: Option<Spanned<String>>,
    /// The primitive or group the clone wraps.
    pub of: Spanned<String>,
    pub promotable: bool,
    /// Instance attributes the wrapped resource inherits.
    pub params: Vec<NvPair>,
    /// Clone options (`clone-max`, `promoted-max`, `interleave`, ...) and other meta attributes.
    pub meta: Vec<NvPair>,
    pub param_sets: Vec<super::NvSet>,
    pub meta_sets: Vec<super::NvSet>,
}

/// A fencing topology level: devices tried in order for a node, or for every node whose
/// name matches a pattern or whose attribute has a value.
#[derive(Debug, Clone, Serialize)]
pub struct FencingLevel {
    /// The node's name; empty when the level is by pattern or attribute.
    pub target: Spanned<String>,
    pub target_pattern: Option<Spanned<String>>,
    /// `target-attribute` and `target-value`.
    pub target_attribute: Option<Spanned<String>>,
    pub target_value: Option<Spanned<String>>,
    pub index: Spanned<u32>,
    pub devices: Vec<Spanned<String>>,
}

impl FencingLevel {
    /// Whom the level is for. A pattern wins over an attribute and an attribute over the
    /// node: check reports a level that has more than one.
    pub fn target(&self) -> FencingTarget {
        match (&self.target_pattern, &self.target_attribute) {
            (Some(pattern), _) => FencingTarget::Pattern(pattern.value.clone()),
            (None, Some(name)) => FencingTarget::Attribute {
                name: name.value.clone(),
                value: self
                    .target_value
                    .as_ref()
                    .map(|v| v.value.clone())
                    .unwrap_or_default(),
            },
            (None, None) => FencingTarget::Node(self.target.value.clone()),
        }
    }

    /// Whether the level names a target at all (a missing one was reported).
    pub fn has_target(&self) -> bool {
        self.target_pattern.is_some() || self.target_attribute.is_some() || !self.target.is_empty()
    }
}

/// The nodes a fencing level is for, as the CIB says it (`target`, `target-pattern`, or
/// `target-attribute` with `target-value`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum FencingTarget {
    Node(String),
    Pattern(String),
    Attribute { name: String, value: String },
}

impl FencingTarget {
    /// The target as crmsh's `fencing_topology` writes it (`n1`, `pattern:n[0-9]`,
    /// `attr:rack=1`): levels of one key are numbered together.
    pub fn key(&self) -> String {
        match self {
            FencingTarget::Node(node) => node.clone(),
            FencingTarget::Pattern(pattern) => format!("pattern:{pattern}"),
            FencingTarget::Attribute { name, value } => format!("attr:{name}={value}"),
        }
    }
}
