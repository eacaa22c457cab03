//! Pacemaker resources: primitives, groups, clones, bundles and fencing levels.

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
}

impl Resource {
    pub fn id(&self) -> &Spanned<String> {
        match self {
            Resource::Primitive(p) => &p.id,
            Resource::Group(g) => &g.id,
            Resource::Clone(c) => &c.id,
            Resource::Bundle(b) => &b.id,
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
    pub agent: Spanned<Agent>,
    pub params: Vec<NvPair>,
    pub meta: Vec<NvPair>,
    pub utilization: Vec<NvPair>,
    pub ops: Vec<Op>,
    /// `params-set`s and `meta-set`s, written after the plain `params` and `meta`.
    pub param_sets: Vec<super::NvSet>,
    pub meta_sets: Vec<super::NvSet>,
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
    pub members: Vec<Spanned<String>>,
    pub meta: Vec<NvPair>,
    pub meta_sets: Vec<super::NvSet>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Clone {
    pub id: Spanned<String>,
    /// The primitive or group the clone wraps.
    pub of: Spanned<String>,
    pub promotable: bool,
    /// Clone options (`clone-max`, `promoted-max`, `interleave`, ...) and other meta attributes.
    pub meta: Vec<NvPair>,
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
    /// The target as crmsh's `fencing_topology` writes it (`n1`, `pattern:n[0-9]`,
    /// `attr:rack=1`): levels of one key are numbered together.
    pub fn target_key(&self) -> String {
        fencing_target_key(
            &self.target,
            self.target_pattern.as_ref().map(|p| p.as_str()),
            self.target_attribute.as_ref().map(|a| {
                (
                    a.as_str(),
                    self.target_value.as_ref().map_or("", |v| v.as_str()),
                )
            }),
        )
    }
}

/// See [`FencingLevel::target_key`].
pub fn fencing_target_key(
    node: &str,
    pattern: Option<&str>,
    attribute: Option<(&str, &str)>,
) -> String {
    match (pattern, attribute) {
        (Some(pattern), _) => format!("pattern:{pattern}"),
        (None, Some((name, value))) => format!("attr:{name}={value}"),
        (None, None) => node.to_string(),
    }
}
