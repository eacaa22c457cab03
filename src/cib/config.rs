//! The Pacemaker configuration of a cluster, with every CIB id resolved.
//!
//! Built once from the checked model ([`super::build`]) and shared by the cib.xml and cib.crm
//! renderers, so both outputs describe the same objects with the same ids.

pub use crate::model::FencingTarget;

/// The `<configuration>` section of a CIB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibConfig {
    /// `cib-bootstrap-options`; always present because `cluster-name` is always set.
    pub properties: AttrSet,
    pub nodes: Vec<CibNode>,
    /// Pacemaker Remote nodes' entries, written after the cluster nodes.
    pub remote_nodes: Vec<CibNode>,
    /// Top-level resources in spec order; crmsh stores primitives, then groups, then clones.
    pub resources: Vec<CibResource>,
    pub constraints: Vec<CibConstraint>,
    /// `rsc_ticket` constraints, written after the other constraints.
    pub tickets: Vec<CibTicket>,
    /// The `tags` section, after the constraints.
    pub tags: Vec<CibTag>,
    /// The `alerts` section, after the defaults.
    pub alerts: Vec<CibAlert>,
    /// The `acls` section, last.
    pub acls: super::CibAcls,
    /// Levels grouped by target (first appearance), by index within a target.
    pub fencing_levels: Vec<CibFencingLevel>,
    pub rsc_defaults: Option<AttrSet>,
    pub op_defaults: Option<AttrSet>,
    /// Further sets after `cib-bootstrap-options`, `rsc-options` and `op-options`.
    pub property_sets: Vec<RuledSet>,
    pub rsc_defaults_sets: Vec<RuledSet>,
    pub op_defaults_sets: Vec<RuledSet>,
}

/// An `instance_attributes`, `meta_attributes`, `utilization` or property set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrSet {
    pub id: String,
    pub pairs: Vec<Pair>,
}

/// A further attribute set of an element, written after its plain one: a score that orders
/// it among the element's sets and a rule that limits where it applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuledSet {
    pub set: AttrSet,
    pub score: Option<String>,
    pub rule: Option<CibRule>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub id: String,
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibNode {
    /// The corosync node id.
    pub id: u32,
    /// The CIB entry's id when it is not the corosync node id (see [`CibNode::cib_id`]).
    pub cib_id: Option<String>,
    pub uname: String,
    /// A Pacemaker Remote node (`type="remote"`): no corosync member, `id` is unused and the
    /// entry's id is `cib_id` or the name.
    pub remote: bool,
    pub description: Option<String>,
    /// The base score of a cluster node.
    pub score: Option<String>,
    pub attributes: Option<AttrSet>,
    pub utilization: Option<AttrSet>,
    pub attribute_sets: Vec<RuledSet>,
    pub utilization_sets: Vec<RuledSet>,
}

impl CibNode {
    /// The `id` of the `<node>` element: the corosync node id unless the spec names another.
    pub fn cib_id(&self) -> String {
        match (&self.cib_id, self.remote) {
            (Some(id), _) => id.clone(),
            (None, true) => self.uname.clone(),
            (None, false) => self.id.to_string(),
        }
    }
}

/// The elements of a CIB that are resources, at the top of `<resources>` or inside a group,
/// clone or bundle: `master` is Pacemaker's older spelling of a promotable clone, and a
/// template is an object like the others though nothing runs it.
pub const RESOURCE_ELEMENTS: &[&str] = &[
    "primitive",
    "template",
    "group",
    "clone",
    "master",
    "bundle",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CibResource {
    Primitive(CibPrimitive),
    Group(CibGroup),
    Clone(CibClone),
    Bundle(Box<super::CibBundle>),
    /// A `<template>`: top-level only, with a primitive's body (its `template` is `None`).
    Template(CibPrimitive),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibPrimitive {
    pub id: String,
    pub description: Option<String>,
    /// The template a primitive is made from (`template="..."`): it then has no agent of its
    /// own, and `class`, `provider` and `kind` are empty.
    pub template: Option<String>,
    pub class: String,
    pub provider: Option<String>,
    pub kind: String,
    pub params: Option<AttrSet>,
    pub meta: Option<AttrSet>,
    pub utilization: Option<AttrSet>,
    pub ops: Vec<CibOp>,
    pub param_sets: Vec<RuledSet>,
    pub meta_sets: Vec<RuledSet>,
    pub utilization_sets: Vec<RuledSet>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibOp {
    pub id: String,
    pub name: String,
    pub interval: String,
    pub timeout: Option<String>,
    pub role: Option<String>,
    pub on_fail: Option<String>,
    pub extra: CibOpExtra,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibGroup {
    pub id: String,
    pub description: Option<String>,
    pub params: Option<AttrSet>,
    pub meta: Option<AttrSet>,
    pub param_sets: Vec<RuledSet>,
    pub meta_sets: Vec<RuledSet>,
    pub members: Vec<CibPrimitive>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibClone {
    pub id: String,
    pub description: Option<String>,
    pub params: Option<AttrSet>,
    /// Includes `promotable=true` for a promotable clone.
    pub meta: Option<AttrSet>,
    pub param_sets: Vec<RuledSet>,
    pub meta_sets: Vec<RuledSet>,
    pub child: Box<CibResource>,
}

impl CibResource {
    pub fn id(&self) -> &str {
        match self {
            CibResource::Primitive(p) => &p.id,
            CibResource::Group(g) => &g.id,
            CibResource::Clone(c) => &c.id,
            CibResource::Bundle(b) => &b.id,
            CibResource::Template(t) => &t.id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CibConstraint {
    Location(CibLocation),
    Colocation(CibColocation),
    Order(CibOrder),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibLocation {
    pub id: String,
    /// One of `rsc`, `rsc_pattern` and `sets`.
    pub rsc: Option<String>,
    pub rsc_pattern: Option<String>,
    pub sets: Vec<CibSet>,
    pub role: Option<String>,
    pub resource_discovery: Option<String>,
    pub target: CibLocationTarget,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CibLocationTarget {
    Node { node: String, score: String },
    Rules(Vec<CibRule>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibRule {
    pub id: String,
    pub score: String,
    /// Written instead of `score` when given.
    pub score_attribute: Option<String>,
    /// `boolean-op="or"`; `and` is Pacemaker's default and is not written.
    pub or: bool,
    /// Pacemaker 2.1 reads a location's role from its rules, never from the `rsc_location` of
    /// a rule-based location.
    pub role: Option<String>,
    pub expressions: Vec<CibExpression>,
    /// Date tests, after the attribute tests and numbered with them.
    pub dates: Vec<CibDateExpression>,
    /// `rsc_expression`s (rules of defaults sets), after the date tests, numbered on.
    pub agents: Vec<CibRscExpression>,
    /// `op_expression`s (rules of `op_defaults` sets), after the agent tests, numbered on.
    pub operations: Vec<CibOpExpression>,
    /// Rules inside this one, after every other test; numbered `<id>-rule`, `<id>-rule-1`, ...
    pub rules: Vec<CibRule>,
}

/// An `rsc_expression`: the agent fields a resource must have for the rule to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibRscExpression {
    pub id: String,
    pub class: Option<String>,
    pub provider: Option<String>,
    pub kind: Option<String>,
}

/// An `op_expression`: the name (and interval) an operation must have for the rule to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibOpExpression {
    pub id: String,
    pub name: String,
    pub interval: Option<String>,
}

/// A `date_expression`: `in_range`, `gt`, `lt`, or `date_spec` with its `date_spec` child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibDateExpression {
    pub id: String,
    pub operation: String,
    pub start: Option<String>,
    pub end: Option<String>,
    /// `<duration>` of an `in_range` without `end`.
    pub duration: Option<CibDateFields>,
    /// `<date_spec>` of a `date_spec` test.
    pub spec: Option<CibDateFields>,
}

/// The attributes of a `duration` or `date_spec` element, in the order written, and its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibDateFields {
    pub id: String,
    pub fields: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibExpression {
    pub id: String,
    pub attribute: String,
    pub operation: String,
    pub value: Option<String>,
    pub value_type: Option<String>,
    /// `param` or `meta` (location rules); absent is `literal`.
    pub value_source: Option<String>,
}

/// A `resource_set`. `require-all` is written only when false (the default is true), which is
/// also how crmsh stores it. `sequential` is written as the spec gives it: Pacemaker orders the
/// sets of an order one after the other member by member unless each says `sequential="true"`
/// (an absent value is not the same as `true` there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibSet {
    pub id: String,
    pub resources: Vec<String>,
    pub sequential: Option<bool>,
    pub require_all: bool,
    pub role: Option<String>,
    pub action: Option<String>,
    /// A location set's own score for the location's node.
    pub score: Option<String>,
    /// A colocation set's `ordering` (`group` or `listed`).
    pub ordering: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibColocation {
    pub id: String,
    pub score: String,
    pub influence: Option<bool>,
    pub pair: Option<CibColocationPair>,
    pub sets: Vec<CibSet>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibColocationPair {
    pub rsc: String,
    pub rsc_role: Option<String>,
    pub with_rsc: String,
    pub with_rsc_role: Option<String>,
    pub node_attribute: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibOrder {
    pub id: String,
    pub kind: String,
    pub symmetrical: Option<bool>,
    pub require_all: Option<bool>,
    pub pair: Option<CibOrderPair>,
    pub sets: Vec<CibSet>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibOrderPair {
    pub first: String,
    pub first_action: Option<String>,
    pub then: String,
    pub then_action: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibFencingLevel {
    pub id: String,
    pub target: FencingTarget,
    pub index: u32,
    pub devices: Vec<String>,
}

/// A `rsc_ticket`: one resource (in a role) or resource sets (with roles) need `ticket`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibTicket {
    pub id: String,
    pub ticket: String,
    pub loss_policy: Option<String>,
    /// `rsc` and `rsc-role`, when the ticket is not over sets.
    pub rsc: Option<(String, Option<String>)>,
    pub sets: Vec<CibSet>,
}

/// A `tag`: an id constraints may name, and the resources (`obj_ref`s) it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibTag {
    pub id: String,
    pub members: Vec<String>,
}

/// An `alert`: its agent, options, the events it selects and its recipients.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibAlert {
    pub id: String,
    pub path: String,
    pub params: Option<AttrSet>,
    pub meta: Option<AttrSet>,
    pub param_sets: Vec<RuledSet>,
    pub meta_sets: Vec<RuledSet>,
    pub select: Option<CibAlertSelect>,
    pub recipients: Vec<CibRecipient>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibAlertSelect {
    pub nodes: bool,
    pub fencing: bool,
    pub resources: bool,
    /// `select_attributes` with the `(id, name)` of each `attribute` (none: every attribute).
    pub attributes: Option<Vec<(String, String)>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibRecipient {
    pub id: String,
    pub value: String,
    pub params: Option<AttrSet>,
    pub meta: Option<AttrSet>,
    pub param_sets: Vec<RuledSet>,
    pub meta_sets: Vec<RuledSet>,
}

/// An operation's less common attributes, in the order crmsh writes them, and its instance
/// attributes (`<op-id>-instance_attributes`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CibOpExtra {
    pub start_delay: Option<String>,
    pub interval_origin: Option<String>,
    pub enabled: Option<String>,
    pub record_pending: Option<String>,
    pub description: Option<String>,
    pub params: Option<AttrSet>,
    pub param_sets: Vec<RuledSet>,
    pub meta: Option<AttrSet>,
    pub meta_sets: Vec<RuledSet>,
}

impl CibOpExtra {
    /// `(attribute, value)` for each attribute given.
    pub fn attributes(&self) -> Vec<(&'static str, &str)> {
        [
            ("start-delay", &self.start_delay),
            ("interval-origin", &self.interval_origin),
            ("enabled", &self.enabled),
            ("record-pending", &self.record_pending),
            ("description", &self.description),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name, value.as_deref()?)))
        .collect()
    }
}
