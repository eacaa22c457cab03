//! [`CibConfig`] -> spec text, one top-level spec node per CIB object, each remembered with
//! the CIB element it came from so a check of the text can point back into the XML.
//!
//! The text is not laid out here: `hacc fmt`'s printer does that afterwards.

use super::corosync::CorosyncInfo;
use super::extras::{Extras, Origin};
use super::infra;
use super::kdl_text::{is_integer, opt, pair, pairs, set_line, string, value, with_children};
use super::options;
use super::write_rules::{plain_then_further, rule, ruled_set, ruled_sets, score};
use crate::cib::*;
use std::fmt::Write as _;
use std::ops::Range;

/// The spec text and, for each top-level node in it, the CIB object it came from.
pub(super) struct Written {
    pub text: String,
    pub origins: Vec<(Range<usize>, Origin)>,
    /// The document itself, for problems outside any object (the infrastructure block).
    pub document: Option<Origin>,
}

struct Writer<'a> {
    out: String,
    origins: Vec<(Range<usize>, Origin)>,
    extras: &'a Extras,
}

impl Writer<'_> {
    /// Writes one top-level node; `key` names its CIB object in the origins.
    fn item(&mut self, key: &str, text: &str) {
        let start = self.out.len();
        self.out.push_str(text);
        self.out.push('\n');
        let origin = self
            .extras
            .origins
            .get(key)
            .or_else(|| self.extras.origins.get("cib"));
        if let Some(origin) = origin {
            self.origins.push((start..self.out.len(), origin.clone()));
        }
    }
}

pub(super) fn spec(
    config: &CibConfig,
    extras: &Extras,
    corosync: Option<&CorosyncInfo>,
) -> Written {
    let mut w = Writer {
        out: String::new(),
        origins: Vec::new(),
        extras,
    };
    let name = infra::cluster_name(extras.cluster_name.as_deref(), corosync);
    let _ = writeln!(w.out, "// Imported by `hacc import` from a CIB.");
    let _ = writeln!(w.out, "cluster {} {{", string(&name));
    let infrastructure = infra::infrastructure(config, corosync);
    w.out.push_str(&infrastructure.header);
    for (node, address_lines) in config.nodes.iter().zip(&infrastructure.nodes) {
        w.item(
            &format!("node:{}", node.uname),
            &self::node(node, address_lines),
        );
    }
    for extra in &infrastructure.extra_nodes {
        w.item("cib", extra);
    }
    w.out.push_str(&infrastructure.footer);
    for node in &config.remote_nodes {
        w.item(
            &format!("node:{}", node.uname),
            &super::write_bundles::remote_node(node),
        );
    }
    for property in &config.properties.pairs {
        if property.name == "cluster-name" && property.value == name {
            continue;
        }
        w.item(
            &format!("property:{}", property.name),
            &self::property(property),
        );
    }
    for set in &config.property_sets {
        w.item("cib", &ruled_set("property-set", set));
    }
    if let Some(set) = &config.rsc_defaults {
        w.item("rsc_defaults", &format!("rsc-defaults {}", pairs(set)));
    }
    for set in &config.rsc_defaults_sets {
        w.item("rsc_defaults", &ruled_set("rsc-defaults-set", set));
    }
    if let Some(set) = &config.op_defaults {
        w.item("op_defaults", &format!("op-defaults {}", pairs(set)));
    }
    for set in &config.op_defaults_sets {
        w.item("op_defaults", &ruled_set("op-defaults-set", set));
    }
    for resource in &config.resources {
        self::resource(&mut w, resource);
    }
    for constraint in &config.constraints {
        let (id, text) = match constraint {
            CibConstraint::Location(l) => (&l.id, location(l)),
            CibConstraint::Colocation(c) => (&c.id, colocation(c)),
            CibConstraint::Order(o) => (&o.id, order(o)),
        };
        w.item(&format!("constraint:{id}"), &text);
    }
    for ticket in &config.tickets {
        w.item(
            &format!("constraint:{}", ticket.id),
            &super::write_tickets::ticket(ticket),
        );
    }
    tags_alerts_acls(&mut w, config);
    for level in &config.fencing_levels {
        let devices: Vec<String> = level.devices.iter().map(|d| string(d)).collect();
        let target = match &level.target {
            FencingTarget::Node(node) => string(node),
            FencingTarget::Pattern(pattern) => format!("target-pattern={}", string(pattern)),
            FencingTarget::Attribute { name, value } => format!(
                "target-attribute={} target-value={}",
                string(name),
                string(value)
            ),
        };
        w.item(
            &format!("fencing:{}:{}", level.target.key(), level.index),
            &format!(
                "fencing-level {target} {} index={}",
                devices.join(" "),
                level.index
            ),
        );
    }
    w.out.push_str("}\n");
    Written {
        text: w.out,
        origins: w.origins,
        document: extras.origins.get("cib").cloned(),
    }
}

/// The sections of named objects outside resources and constraints.
fn tags_alerts_acls(w: &mut Writer<'_>, config: &CibConfig) {
    for tag in &config.tags {
        w.item(&format!("tag:{}", tag.id), &self::tag(tag));
    }
    for alert in super::write_alerts::alerts(&config.alerts) {
        w.item("alerts", &alert);
    }
    for node in super::write_acls::acls(&config.acls) {
        w.item("acls", &node);
    }
}

/// `tag "id" "member" ...`.
fn tag(t: &CibTag) -> String {
    let members: Vec<String> = t.members.iter().map(|m| string(m)).collect();
    format!("tag {} {}", string(&t.id), members.join(" "))
}

/// `{ name k=v ... }` lines for the sets that are present.
fn blocks(sets: &[(&str, &Option<AttrSet>)]) -> Vec<String> {
    sets.iter()
        .filter_map(|(name, set)| set_line(name, set))
        .collect()
}

fn node(node: &CibNode, infrastructure: &infra::NodeLines) -> String {
    let mut children = infrastructure.children.clone();
    children.extend(blocks(&[
        ("attribute", &node.attributes),
        ("utilization", &node.utilization),
    ]));
    children.extend(ruled_sets("attribute-set", &node.attribute_sets));
    children.extend(ruled_sets("utilization-set", &node.utilization_sets));
    let mut head = format!(
        "node {} {} id={}",
        string(&node.uname),
        infrastructure.address,
        node.id
    );
    if let Some(cib_id) = &node.cib_id {
        let _ = write!(head, " cib-id={}", string(cib_id));
    }
    opt(&mut head, "description", &node.description);
    if let Some(s) = &node.score {
        let _ = write!(head, " score={}", score(s));
    }
    with_children(head, &children)
}

fn property(p: &Pair) -> String {
    let head = format!("property {} {}", string(&p.name), value(&p.value));
    match options::risk(&p.name, &p.value) {
        Some(risk) => format!(
            "{head} {{\nunsafe-acknowledged {}\n}}",
            string(&options::acknowledgement(risk))
        ),
        None => head,
    }
}

fn resource(w: &mut Writer<'_>, resource: &CibResource) {
    match resource {
        CibResource::Primitive(p) => w.item(&format!("resource:{}", p.id), &primitive(p)),
        CibResource::Template(t) => w.item(&format!("resource:{}", t.id), &template(t)),
        CibResource::Group(g) => {
            for member in &g.members {
                w.item(&format!("resource:{}", member.id), &primitive(member));
            }
            let members: Vec<String> = g.members.iter().map(|m| string(&m.id)).collect();
            let mut head = format!("group {} {}", string(&g.id), members.join(" "));
            opt(&mut head, "description", &g.description);
            w.item(
                &format!("resource:{}", g.id),
                &with_children(
                    head,
                    &plain_then_further(&g.params, &g.meta, &g.param_sets, &g.meta_sets),
                ),
            );
        }
        CibResource::Clone(c) => {
            self::resource(w, &c.child);
            w.item(&format!("resource:{}", c.id), &clone(c));
        }
        CibResource::Bundle(b) => {
            if let Some(p) = &b.primitive {
                w.item(&format!("resource:{}", p.id), &primitive(p));
            }
            w.item(
                &format!("resource:{}", b.id),
                &super::write_bundles::bundle(b),
            );
        }
    }
}

fn primitive(p: &CibPrimitive) -> String {
    let mut head = match &p.template {
        Some(template) => format!("primitive {} template={}", string(&p.id), string(template)),
        None => format!("primitive {} agent={}", string(&p.id), string(&agent(p))),
    };
    opt(&mut head, "description", &p.description);
    with_children(head, &body(p))
}

fn template(t: &CibPrimitive) -> String {
    let mut head = format!("template {} agent={}", string(&t.id), string(&agent(t)));
    opt(&mut head, "description", &t.description);
    with_children(head, &body(t))
}

fn agent(p: &CibPrimitive) -> String {
    match &p.provider {
        Some(provider) => format!("{}:{provider}:{}", p.class, p.kind),
        None => format!("{}:{}", p.class, p.kind),
    }
}

/// The lines of a primitive's or a template's block: sets, then operations.
fn body(p: &CibPrimitive) -> Vec<String> {
    let mut children = blocks(&[
        ("params", &p.params),
        ("meta", &p.meta),
        ("utilization", &p.utilization),
    ]);
    children.extend(ruled_sets("params-set", &p.param_sets));
    children.extend(ruled_sets("meta-set", &p.meta_sets));
    children.extend(ruled_sets("utilization-set", &p.utilization_sets));
    for op in &p.ops {
        let mut line = format!("op {} interval={}", string(&op.name), string(&op.interval));
        for (name, text) in [
            ("timeout", &op.timeout),
            ("role", &op.role),
            ("on-fail", &op.on_fail),
        ] {
            if let Some(text) = text {
                let _ = write!(line, " {name}={}", string(text));
            }
        }
        for (name, text) in op.extra.attributes() {
            let _ = match name {
                "enabled" | "record-pending" => write!(line, " {name}=#{text}"),
                _ => write!(line, " {name}={}", string(text)),
            };
        }
        let extra = &op.extra;
        let mut sets: Vec<String> = extra
            .params
            .iter()
            .map(|set| format!("params {}", pairs(set)))
            .collect();
        sets.extend(ruled_sets("params-set", &extra.param_sets));
        sets.extend(extra.meta.iter().map(|set| format!("meta {}", pairs(set))));
        sets.extend(ruled_sets("meta-set", &extra.meta_sets));
        if !sets.is_empty() {
            line = with_children(line, &sets);
        }
        children.push(line);
    }
    children
}

/// Clone options the spec takes as typed properties of `clone`, in the order `hacc build`
/// writes them (so importing a built CIB writes them in the same order again).
const CLONE_OPTIONS: &[(&str, bool)] = &[
    ("clone-max", true),
    ("clone-node-max", true),
    ("clone-min", true),
    ("notify", false),
    ("interleave", false),
    ("globally-unique", false),
    ("ordered", false),
    ("promoted-max", true),
    ("promoted-node-max", true),
];

/// Whether a clone meta attribute can be written as the typed property of the same name.
fn as_option(name: &str, value: &str) -> bool {
    match CLONE_OPTIONS.iter().find(|(n, _)| *n == name) {
        Some((_, true)) => is_integer(value) && !value.starts_with('-'),
        Some((_, false)) => matches!(value, "true" | "false"),
        None => name == "promotable" && value == "true",
    }
}

fn clone(c: &CibClone) -> String {
    let mut head = format!("clone {} of={}", string(&c.id), string(c.child.id()));
    opt(&mut head, "description", &c.description);
    let pairs: Vec<&Pair> = c.meta.iter().flat_map(|m| &m.pairs).collect();
    let options = std::iter::once("promotable").chain(CLONE_OPTIONS.iter().map(|(n, _)| *n));
    for name in options {
        if let Some(p) = pairs
            .iter()
            .find(|p| p.name == name && as_option(name, &p.value))
        {
            let _ = write!(head, " {}", pair(name, &p.value));
        }
    }
    let rest: Vec<String> = pairs
        .iter()
        .filter(|p| !as_option(&p.name, &p.value))
        .map(|p| pair(&p.name, &p.value))
        .collect();
    let mut children = blocks(&[("params", &c.params)]);
    if !rest.is_empty() {
        children.push(format!("meta {}", rest.join(" ")));
    }
    children.extend(ruled_sets("params-set", &c.param_sets));
    children.extend(ruled_sets("meta-set", &c.meta_sets));
    with_children(head, &children)
}

fn location(l: &CibLocation) -> String {
    let mut head = format!("location {}", string(&l.id));
    if let Some(rsc) = &l.rsc {
        let _ = write!(head, " {}", string(rsc));
    }
    opt(&mut head, "rsc-pattern", &l.rsc_pattern);
    let mut children: Vec<String> = l.sets.iter().map(set).collect();
    match &l.target {
        CibLocationTarget::Node { node, score: s } => {
            let _ = write!(head, " node={} score={}", string(node), score(s));
        }
        CibLocationTarget::Rules(rules) => children.extend(rules.iter().map(|r| rule(r, true))),
    }
    opt(&mut head, "role", &l.role);
    opt(&mut head, "resource-discovery", &l.resource_discovery);
    with_children(head, &children)
}

fn set(s: &CibSet) -> String {
    let members: Vec<String> = s.resources.iter().map(|r| string(r)).collect();
    let mut line = format!("set {}", members.join(" "));
    if let Some(sequential) = s.sequential {
        let _ = write!(line, " sequential=#{sequential}");
    }
    if !s.require_all {
        line.push_str(" require-all=#false");
    }
    opt(&mut line, "role", &s.role);
    opt(&mut line, "action", &s.action);
    opt(&mut line, "ordering", &s.ordering);
    if let Some(s) = &s.score {
        let _ = write!(line, " score={}", score(s));
    }
    line
}

fn colocation(c: &CibColocation) -> String {
    let mut head = format!("colocation {}", string(&c.id));
    if let Some(p) = &c.pair {
        let _ = write!(head, " {} with={}", string(&p.rsc), string(&p.with_rsc));
    }
    let _ = write!(head, " score={}", score(&c.score));
    if let Some(p) = &c.pair {
        opt(&mut head, "role", &p.rsc_role);
        opt(&mut head, "with-role", &p.with_rsc_role);
        opt(&mut head, "node-attribute", &p.node_attribute);
    }
    if let Some(influence) = c.influence {
        let _ = write!(head, " influence=#{influence}");
    }
    let sets: Vec<String> = c.sets.iter().map(set).collect();
    with_children(head, &sets)
}

fn order(o: &CibOrder) -> String {
    let mut head = format!("order {}", string(&o.id));
    if let Some(p) = &o.pair {
        let _ = write!(head, " first={} then={}", string(&p.first), string(&p.then));
    }
    if o.kind != "Mandatory" {
        let _ = write!(head, " kind={}", string(&o.kind));
    }
    if let Some(p) = &o.pair {
        opt(&mut head, "first-action", &p.first_action);
        opt(&mut head, "then-action", &p.then_action);
    }
    if let Some(symmetrical) = o.symmetrical {
        let _ = write!(head, " symmetrical=#{symmetrical}");
    }
    if let Some(require_all) = o.require_all {
        let _ = write!(head, " require-all=#{require_all}");
    }
    let sets: Vec<String> = o.sets.iter().map(set).collect();
    with_children(head, &sets)
}
