//! cib.crm: the cluster's Pacemaker configuration as crmsh commands, for
//! `crm configure load update cib.crm`.
//!
//! One command per line (crmsh reads a file line by line and has no way to continue a quoted
//! value onto the next line). Loading the file into a CIB that already holds it changes
//! nothing: every object is named, and crmsh replaces a named object with the same content.

use super::Artifact;
use super::cib::crm_quote::{pair, quote};
use super::cib::*;
use crate::model::Checked;

pub fn render(checked: &Checked) -> Artifact {
    let config = build(checked.cluster());
    let mut lines = vec![header_line(checked)];
    // `property` comes first: crmsh stores the header comment in the object that follows it.
    lines.push(format!(
        "property {}: {}",
        config.properties.id,
        pairs(&config.properties)
    ));
    if let Some(set) = &config.rsc_defaults {
        lines.push(format!("rsc_defaults {}: {}", set.id, pairs(set)));
    }
    if let Some(set) = &config.op_defaults {
        lines.push(format!("op_defaults {}: {}", set.id, pairs(set)));
    }
    lines.extend(config.nodes.iter().map(node));
    for resource in &config.resources {
        resource_lines(resource, &mut lines);
    }
    lines.extend(config.constraints.iter().map(constraint));
    if !config.fencing_levels.is_empty() {
        lines.push(fencing_topology(&config.fencing_levels));
    }
    let mut out = lines.join("\n");
    out.push('\n');
    Artifact::file("cib.crm", out)
}

fn pairs(set: &AttrSet) -> String {
    let pairs: Vec<String> = set.pairs.iter().map(|p| pair(&p.name, &p.value)).collect();
    pairs.join(" ")
}

/// ` keyword k=v ...` for a set that exists, nothing otherwise.
fn section(keyword: &str, set: &Option<AttrSet>) -> String {
    match set {
        Some(set) => format!(" {keyword} {}", pairs(set)),
        None => String::new(),
    }
}

fn node(node: &CibNode) -> String {
    format!(
        "node {}: {}{}{}",
        node.id,
        node.uname,
        section("attributes", &node.attributes),
        section("utilization", &node.utilization)
    )
}

fn primitive(p: &CibPrimitive) -> String {
    let agent = match &p.provider {
        Some(provider) => format!("{}:{provider}:{}", p.class, p.kind),
        None => format!("{}:{}", p.class, p.kind),
    };
    let mut line = format!(
        "primitive {} {agent}{}{}{}",
        p.id,
        section("params", &p.params),
        section("meta", &p.meta),
        section("utilization", &p.utilization)
    );
    for op in &p.ops {
        line.push_str(&format!(
            " op {} {}",
            op.name,
            pair("interval", &op.interval)
        ));
        let options = [
            ("timeout", &op.timeout),
            ("role", &op.role),
            ("on-fail", &op.on_fail),
        ];
        for (name, value) in options {
            if let Some(value) = value {
                line.push(' ');
                line.push_str(&pair(name, value));
            }
        }
    }
    line
}

/// A container's primitives come before the container, which then claims them.
fn resource_lines(resource: &CibResource, lines: &mut Vec<String>) {
    match resource {
        CibResource::Primitive(p) => lines.push(primitive(p)),
        CibResource::Group(g) => {
            lines.extend(g.members.iter().map(primitive));
            let members: Vec<&str> = g.members.iter().map(|m| m.id.as_str()).collect();
            lines.push(format!(
                "group {} {}{}",
                g.id,
                members.join(" "),
                section("meta", &g.meta)
            ));
        }
        CibResource::Clone(c) => {
            resource_lines(&c.child, lines);
            lines.push(format!(
                "clone {} {}{}",
                c.id,
                c.child.id(),
                section("meta", &c.meta)
            ));
        }
    }
}

fn with_suffix(rsc: &str, suffix: &Option<String>) -> String {
    match suffix {
        Some(suffix) => format!("{rsc}:{suffix}"),
        None => rsc.to_string(),
    }
}

fn constraint(constraint: &CibConstraint) -> String {
    match constraint {
        CibConstraint::Location(l) => location(l),
        CibConstraint::Colocation(c) => {
            let body = match &c.pair {
                Some(p) => format!(
                    "{} {}",
                    with_suffix(&p.rsc, &p.rsc_role),
                    with_suffix(&p.with_rsc, &p.with_rsc_role)
                ),
                None => sets(&c.sets, |s| &s.role),
            };
            format!("colocation {} {}: {body}", c.id, c.score)
        }
        CibConstraint::Order(o) => {
            let body = match &o.pair {
                Some(p) => format!(
                    "{} {}",
                    with_suffix(&p.first, &p.first_action),
                    with_suffix(&p.then, &p.then_action)
                ),
                None => sets(&o.sets, |s| &s.action),
            };
            let symmetrical = match o.symmetrical {
                Some(s) => format!(" symmetrical={s}"),
                None => String::new(),
            };
            format!("order {} {}: {body}{symmetrical}", o.id, o.kind)
        }
    }
}

/// Every set is bracketed so adjacent sets never merge; crmsh reads a role (colocation) or an
/// action (order) as a `:suffix` on each member, and the set options as `name=value` inside.
fn sets(sets: &[CibSet], suffix: impl Fn(&CibSet) -> &Option<String>) -> String {
    let rendered: Vec<String> = sets
        .iter()
        .map(|set| {
            let mut tokens = vec!["(".to_string()];
            tokens.extend(set.resources.iter().map(|r| with_suffix(r, suffix(set))));
            if set.sequential {
                tokens.push("sequential=true".into());
            }
            if !set.require_all {
                tokens.push("require-all=false".into());
            }
            tokens.push(")".into());
            tokens.join(" ")
        })
        .collect();
    rendered.join(" ")
}

fn location(l: &CibLocation) -> String {
    let mut line = format!("location {} {}", l.id, l.rsc);
    if let Some(role) = &l.role {
        line.push_str(&format!(" role={role}"));
    }
    if let Some(discovery) = &l.resource_discovery {
        line.push_str(&format!(" resource-discovery={discovery}"));
    }
    match &l.target {
        CibLocationTarget::Node { node, score } => line.push_str(&format!(" {score}: {node}")),
        CibLocationTarget::Rules(rules) => {
            for rule in rules {
                line.push_str(&format!(" rule {}:", rule.score));
                let joiner = if rule.or { " or" } else { " and" };
                for (i, e) in rule.expressions.iter().enumerate() {
                    if i > 0 {
                        line.push_str(joiner);
                    }
                    line.push(' ');
                    line.push_str(&expression(e));
                }
            }
        }
    }
    line
}

fn expression(e: &CibExpression) -> String {
    match e.operation.as_str() {
        "defined" | "not_defined" => format!("{} {}", e.operation, e.attribute),
        op => {
            let op = match &e.value_type {
                Some(ty) => format!("{ty}:{op}"),
                None => op.to_string(),
            };
            let value = quote(e.value.as_deref().unwrap_or_default());
            format!("{} {op} {value}", e.attribute)
        }
    }
}

fn fencing_topology(levels: &[CibFencingLevel]) -> String {
    let mut line = String::from("fencing_topology");
    let mut target: Option<&str> = None;
    for level in levels {
        if target != Some(level.target.as_str()) {
            line.push_str(&format!(" {}:", level.target));
            target = Some(&level.target);
        }
        line.push(' ');
        line.push_str(&level.devices.join(","));
    }
    line
}
