//! cib.crm: the cluster's Pacemaker configuration as crmsh commands, for
//! `crm configure load update cib.crm`.
//!
//! One command per line (crmsh reads a file line by line and has no way to continue a quoted
//! value onto the next line). Loading the file into a CIB that already holds it changes
//! nothing: every object is named, and crmsh replaces a named object with the same content.
//!
//! One meaning cib.xml has and a crmsh load loses: crmsh stores top-level primitives, then
//! groups, then clones, whatever order it reads them in, while cib.xml keeps the spec's order,
//! which Pacemaker follows to place resources whose scores tie. Nor can crmsh store
//! `sequential="true"` on a resource set: it drops it, and between the sets of an order
//! Pacemaker reads a missing value as false, nor `require-all` on an order of two resources
//! (its order syntax has no place for it). `hacc apply` pushes cib.xml.

use super::Artifact;
use super::cib::crm_quote::push_quoted;
use super::cib::header_line;
use crate::cib::*;
use std::fmt::Write;

// Writing to a `String` cannot fail, so the `fmt::Result`s below are ignored.

pub(super) fn render(config: &CibConfig) -> Artifact {
    let mut out = String::with_capacity(estimated_size(config));
    out.push_str(&header_line());
    out.push('\n');
    // `property` comes first: crmsh stores the header comment in the object that follows it.
    let _ = write!(out, "property {}:", config.properties.id);
    pairs(&mut out, &config.properties);
    out.push('\n');
    cluster_sets(&mut out, "property", &config.property_sets);
    if let Some(set) = &config.rsc_defaults {
        let _ = write!(out, "rsc_defaults {}:", set.id);
        pairs(&mut out, set);
        out.push('\n');
    }
    cluster_sets(&mut out, "rsc_defaults", &config.rsc_defaults_sets);
    if let Some(set) = &config.op_defaults {
        let _ = write!(out, "op_defaults {}:", set.id);
        pairs(&mut out, set);
        out.push('\n');
    }
    cluster_sets(&mut out, "op_defaults", &config.op_defaults_sets);
    for n in config.nodes.iter().chain(&config.remote_nodes) {
        node(&mut out, n);
    }
    for resource in &config.resources {
        resource_lines(&mut out, resource);
    }
    for tag in &config.tags {
        super::cib::tags::crm(&mut out, tag);
    }
    for c in &config.constraints {
        if crm_cannot_write(c) {
            super::cib::xml_line::raw_xml(&mut out, |xml| super::cib_xml::constraint(xml, c));
        } else {
            constraint(&mut out, c);
            out.push('\n');
        }
    }
    for t in &config.tickets {
        super::cib::tickets::crm(&mut out, t);
    }
    if !config.fencing_levels.is_empty() {
        fencing_topology(&mut out, &config.fencing_levels);
        out.push('\n');
    }
    for alert in &config.alerts {
        super::cib::alerts::crm(&mut out, alert);
    }
    super::cib::acls::crm(&mut out, &config.acls);
    Artifact::file("cib.crm", out)
}

/// A guess at the file's size (about 140 bytes per object), so the text is rarely copied.
fn estimated_size(config: &CibConfig) -> usize {
    4096 + 160 * (config.resources.len() * 4 + config.constraints.len())
}

/// ` name=value` with the value quoted when it must be, appended to `out`.
fn pair(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push('=');
    push_quoted(out, value);
}

/// ` k=v ...` for every pair of a set.
fn pairs(out: &mut String, set: &AttrSet) {
    for p in &set.pairs {
        pair(out, &p.name, &p.value);
    }
}

/// ` keyword k=v ...` for a set that exists, nothing otherwise.
fn section(out: &mut String, keyword: &str, set: &Option<AttrSet>) {
    if let Some(set) = set {
        out.push(' ');
        out.push_str(keyword);
        pairs(out, set);
    }
}

/// ` keyword $id=... k=v ...` for a set that exists, nothing otherwise.
fn named_section(out: &mut String, keyword: &str, set: &Option<AttrSet>) {
    if let Some(set) = set {
        let _ = write!(out, " {keyword} $id={}", set.id);
        pairs(out, set);
    }
}

/// `command id: [rule ...] k=v ...` for each further set of the cluster (crmsh takes no
/// score on these; validation refuses one), or the set as XML where crmsh has no syntax for
/// its rule.
fn cluster_sets(out: &mut String, command: &'static str, sets: &[RuledSet]) {
    for s in sets {
        if super::cib::xml_line::needs_xml(s) {
            super::cib::xml_line::crm(out, command, s);
            continue;
        }
        let _ = write!(out, "{command} {}:", s.set.id);
        if let Some(r) = &s.rule {
            rule(out, r);
        }
        pairs(out, &s.set);
        out.push('\n');
    }
}

/// ` keyword $id=... [score:] [rule ...] k=v ...` for each further set of an element.
pub(super) fn ruled_sections(out: &mut String, keyword: &str, sets: &[RuledSet]) {
    for s in sets {
        let _ = write!(out, " {keyword} $id={}", s.set.id);
        if let Some(score) = &s.score {
            let _ = write!(out, " {score}:");
        }
        if let Some(r) = &s.rule {
            rule(out, r);
        }
        pairs(out, &s.set);
    }
}

fn node(out: &mut String, node: &CibNode) {
    let sets = [&node.attributes, &node.utilization];
    let further = node
        .attribute_sets
        .iter()
        .chain(&node.utilization_sets)
        .map(|s| &s.set);
    // crmsh 4.4 has no syntax for a node's score.
    if node.score.is_some() || !sets.into_iter().flatten().chain(further).all(crmsh_derives) {
        super::cib::xml_line::raw_xml(out, |xml| super::cib_xml::node(xml, node));
        return;
    }
    let _ = write!(out, "node {}: {}", node.cib_id(), node.uname);
    if node.remote {
        // Named sets: crmsh would name them as the connection resource's.
        out.push_str(":remote");
        description(out, &node.description);
        named_section(out, "attributes", &node.attributes);
        ruled_sections(out, "attributes", &node.attribute_sets);
        named_section(out, "utilization", &node.utilization);
        ruled_sections(out, "utilization", &node.utilization_sets);
        out.push('\n');
        return;
    }
    description(out, &node.description);
    section(out, "attributes", &node.attributes);
    ruled_sections(out, "attributes", &node.attribute_sets);
    section(out, "utilization", &node.utilization);
    ruled_sections(out, "utilization", &node.utilization_sets);
    out.push('\n');
}

/// Whether crmsh derives the ids of the set's pairs as cib.xml has them: `<set>-<name>`,
/// which only holds for names made of characters an id can hold (`cib::ids::nvpair`).
fn crmsh_derives(set: &AttrSet) -> bool {
    set.pairs.iter().all(|p| {
        p.id.strip_prefix(set.id.as_str())
            .and_then(|rest| rest.strip_prefix('-'))
            == Some(p.name.as_str())
    })
}

fn primitive(out: &mut String, p: &CibPrimitive) {
    body(out, "primitive", p);
}

/// `primitive id agent ...`, `primitive id @template ...` or `rsc_template id agent ...`.
fn body(out: &mut String, command: &str, p: &CibPrimitive) {
    out.push_str(command);
    out.push(' ');
    out.push_str(&p.id);
    out.push(' ');
    if let Some(template) = &p.template {
        out.push('@');
        out.push_str(template);
    } else {
        out.push_str(&p.class);
        out.push(':');
        if let Some(provider) = &p.provider {
            out.push_str(provider);
            out.push(':');
        }
        out.push_str(&p.kind);
    }
    description(out, &p.description);
    section(out, "params", &p.params);
    ruled_sections(out, "params", &p.param_sets);
    section(out, "meta", &p.meta);
    ruled_sections(out, "meta", &p.meta_sets);
    section(out, "utilization", &p.utilization);
    ruled_sections(out, "utilization", &p.utilization_sets);
    for op in &p.ops {
        out.push_str(" op ");
        out.push_str(&op.name);
        pair(out, "interval", &op.interval);
        let options = [
            ("timeout", &op.timeout),
            ("role", &op.role),
            ("on-fail", &op.on_fail),
        ];
        for (name, value) in options {
            if let Some(value) = value {
                pair(out, name, value);
            }
        }
        super::cib::op_extra::crm(out, &op.extra);
        ruled_sections(out, "op_params", &op.extra.param_sets);
        ruled_sections(out, "op_meta", &op.extra.meta_sets);
    }
    out.push('\n');
}

/// ` description="..."`: crmsh reads it after the agent, members or child, before the
/// attribute sections.
pub(super) fn description(out: &mut String, text: &Option<String>) {
    if let Some(text) = text {
        out.push_str(" description=");
        push_quoted(out, text);
    }
}

/// A container's primitives come before the container, which then claims them.
fn resource_lines(out: &mut String, resource: &CibResource) {
    match resource {
        CibResource::Primitive(p) => primitive(out, p),
        CibResource::Template(t) => body(out, "rsc_template", t),
        CibResource::Group(g) => {
            for member in &g.members {
                primitive(out, member);
            }
            out.push_str("group ");
            out.push_str(&g.id);
            for member in &g.members {
                out.push(' ');
                out.push_str(&member.id);
            }
            if g.members.is_empty() {
                out.push(' ');
            }
            description(out, &g.description);
            section(out, "params", &g.params);
            ruled_sections(out, "params", &g.param_sets);
            section(out, "meta", &g.meta);
            ruled_sections(out, "meta", &g.meta_sets);
            out.push('\n');
        }
        CibResource::Clone(c) => {
            resource_lines(out, &c.child);
            let _ = write!(out, "clone {} {}", c.id, c.child.id());
            description(out, &c.description);
            section(out, "params", &c.params);
            ruled_sections(out, "params", &c.param_sets);
            section(out, "meta", &c.meta);
            ruled_sections(out, "meta", &c.meta_sets);
            out.push('\n');
        }
        // crmsh 4.4 takes neither params nor a score or rule on a bundle's meta, in its
        // syntax or in an `xml` line (it turns that into its syntax): such a bundle, its
        // primitive inside, is written as XML, exactly as cib.xml holds it, for a crmsh that
        // can read it.
        CibResource::Bundle(b)
            if b.params.is_some() || !b.param_sets.is_empty() || !b.meta_sets.is_empty() =>
        {
            super::cib::xml_line::raw_xml(out, |xml| super::cib::bundle::xml(xml, b));
        }
        CibResource::Bundle(b) => {
            if let Some(p) = &b.primitive {
                primitive(out, p);
            }
            super::cib::bundle::crm(out, b);
            section(out, "meta", &b.meta);
            out.push('\n');
        }
    }
}

fn with_suffix(out: &mut String, rsc: &str, suffix: &Option<String>) {
    out.push_str(rsc);
    if let Some(suffix) = suffix {
        out.push(':');
        out.push_str(suffix);
    }
}

/// crmsh 4.4 has no syntax for a colocation's `influence` or its sets' `ordering`, a location
/// set's score, a rule's `value-source`, a rule inside a rule or a location over several sets;
/// it lowercases `node-attribute`, reads some rule score attributes as scores and splits some
/// patterns.
/// Such a constraint is written in crmsh's `xml` form.
fn crm_cannot_write(constraint: &CibConstraint) -> bool {
    match constraint {
        CibConstraint::Location(l) => {
            let subject = l
                .rsc_pattern
                .as_deref()
                .is_some_and(|p| !crate::limits::crm::pattern_readable(p))
                || l.sets.iter().any(|s| s.score.is_some())
                || l.sets.len() > 1;
            let rules = match &l.target {
                CibLocationTarget::Rules(rules) => rules.as_slice(),
                CibLocationTarget::Node { .. } => &[],
            };
            subject
                || rules.iter().any(|r| {
                    r.score_attribute
                        .as_deref()
                        .is_some_and(|a| !crate::limits::crm::score_attribute_readable(a))
                        || r.expressions.iter().any(|e| e.value_source.is_some())
                        || !r.rules.is_empty()
                })
        }
        CibConstraint::Colocation(c) => {
            c.influence.is_some()
                || c.sets.iter().any(|s| s.ordering.is_some())
                || c.pair
                    .as_ref()
                    .and_then(|p| p.node_attribute.as_deref())
                    .is_some_and(|a| !crate::limits::crm::node_attribute_kept(a))
        }
        CibConstraint::Order(_) => false,
    }
}

fn constraint(out: &mut String, constraint: &CibConstraint) {
    match constraint {
        CibConstraint::Location(l) => location(out, l),
        CibConstraint::Colocation(c) => {
            let _ = write!(out, "colocation {} {}: ", c.id, c.score);
            match &c.pair {
                Some(p) => {
                    with_suffix(out, &p.rsc, &p.rsc_role);
                    out.push(' ');
                    with_suffix(out, &p.with_rsc, &p.with_rsc_role);
                    if let Some(attribute) = &p.node_attribute {
                        let _ = write!(out, " node-attribute={attribute}");
                    }
                }
                None => sets(out, &c.sets, |s| &s.role),
            }
        }
        CibConstraint::Order(o) => {
            let _ = write!(out, "order {} {}: ", o.id, o.kind);
            match &o.pair {
                Some(p) => {
                    with_suffix(out, &p.first, &p.first_action);
                    out.push(' ');
                    with_suffix(out, &p.then, &p.then_action);
                }
                None => sets(out, &o.sets, |s| &s.action),
            }
            if let Some(s) = o.symmetrical {
                let _ = write!(out, " symmetrical={s}");
            }
        }
    }
}

/// Every set is bracketed so adjacent sets never merge; crmsh reads a role (colocation) or an
/// action (order) as a `:suffix` on each member, and the set options as `name=value` inside.
pub(super) fn sets(out: &mut String, sets: &[CibSet], suffix: impl Fn(&CibSet) -> &Option<String>) {
    for (i, set) in sets.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push('(');
        for r in &set.resources {
            out.push(' ');
            with_suffix(out, r, suffix(set));
        }
        // A bracketed set is not sequential to crmsh unless it says so; crmsh stores
        // `sequential=true` as no value at all (see the module comment).
        if set.sequential != Some(false) {
            out.push_str(" sequential=true");
        }
        if !set.require_all {
            out.push_str(" require-all=false");
        }
        out.push_str(" )");
    }
}

fn location(out: &mut String, l: &CibLocation) {
    let _ = write!(out, "location {} ", l.id);
    match (&l.rsc, &l.rsc_pattern) {
        (Some(rsc), _) => out.push_str(rsc),
        (None, Some(pattern)) => {
            let _ = write!(out, "/{pattern}/");
        }
        // One set without a score (crm_cannot_write): its role is each member's suffix.
        (None, None) => {
            out.push('{');
            for set in &l.sets {
                for r in &set.resources {
                    out.push(' ');
                    with_suffix(out, r, &set.role);
                }
            }
            out.push_str(" }");
        }
    }
    if let Some(role) = &l.role {
        let _ = write!(out, " role={role}");
    }
    if let Some(discovery) = &l.resource_discovery {
        let _ = write!(out, " resource-discovery={discovery}");
    }
    match &l.target {
        CibLocationTarget::Node { node, score } => {
            let _ = write!(out, " {score}: {node}");
        }
        CibLocationTarget::Rules(rules) => {
            for r in rules {
                rule(out, r);
            }
        }
    }
}

/// ` rule [$role=...] score: test and|or test ...`.
fn rule(out: &mut String, rule: &CibRule) {
    out.push_str(" rule");
    if let Some(role) = &rule.role {
        let _ = write!(out, " $role={role}");
    }
    let score = rule.score_attribute.as_ref().unwrap_or(&rule.score);
    let _ = write!(out, " {score}:");
    let joiner = if rule.or { " or" } else { " and" };
    for (i, e) in rule.expressions.iter().enumerate() {
        if i > 0 {
            out.push_str(joiner);
        }
        out.push(' ');
        expression(out, e);
    }
    for (i, d) in rule.dates.iter().enumerate() {
        if i > 0 || !rule.expressions.is_empty() {
            out.push_str(joiner);
        }
        out.push(' ');
        date(out, d);
    }
}

/// `date gt START`, `date lt END`, `date in_range start=... end=...|<duration>`,
/// `date date_spec <fields>`.
fn date(out: &mut String, d: &CibDateExpression) {
    let _ = write!(out, "date {}", d.operation);
    match d.operation.as_str() {
        "gt" => pushed_value(out, d.start.as_deref()),
        "lt" => pushed_value(out, d.end.as_deref()),
        _ => {
            for (name, value) in [("start", &d.start), ("end", &d.end)] {
                if let Some(value) = value {
                    pair(out, name, value);
                }
            }
        }
    }
    for fields in [&d.duration, &d.spec].into_iter().flatten() {
        for (name, value) in &fields.fields {
            pair(out, name, value);
        }
    }
}

fn pushed_value(out: &mut String, value: Option<&str>) {
    out.push(' ');
    push_quoted(out, value.unwrap_or_default());
}

fn expression(out: &mut String, e: &CibExpression) {
    match e.operation.as_str() {
        "defined" | "not_defined" => {
            let _ = write!(out, "{} {}", e.operation, e.attribute);
        }
        op => {
            out.push_str(&e.attribute);
            out.push(' ');
            if let Some(ty) = &e.value_type {
                out.push_str(ty);
                out.push(':');
            }
            out.push_str(op);
            out.push(' ');
            push_quoted(out, e.value.as_deref().unwrap_or_default());
        }
    }
}

fn fencing_topology(out: &mut String, levels: &[CibFencingLevel]) {
    out.push_str("fencing_topology");
    let mut target: Option<String> = None;
    for level in levels {
        let key = level.target.key();
        if target.as_ref() != Some(&key) {
            // crmsh ends a node target with `:`; `pattern:` and `attr:` targets end at the space.
            let by_node = matches!(level.target, FencingTarget::Node(_));
            let _ = write!(out, " {key}{}", if by_node { ":" } else { "" });
            target = Some(key);
        }
        out.push(' ');
        for (i, device) in level.devices.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(device);
        }
    }
}
