//! Constraints as edges: a location to its node (or to a box of its rules), a colocation from
//! the resource placed to the one it is placed with, an order from first to then. A constraint
//! over resource sets becomes a box of its own with an edge to every member of every set.

use super::build::{Builder, key};
use super::model::{EdgeKind, End, VertexKind};
use crate::model::{Colocation, Constraint, Location, LocationTarget, Order, ResourceSet, Rule};
use crate::spanned::Spanned;

/// `top_level`: the resources a location's `rsc-pattern` is matched against.
pub(super) fn add_constraints(
    builder: &mut Builder,
    constraints: &[Constraint],
    top_level: &[&str],
) {
    for constraint in constraints {
        match constraint {
            Constraint::Location(c) => location(builder, c, top_level),
            Constraint::Colocation(c) => colocation(builder, c),
            Constraint::Order(c) => order(builder, c),
        }
    }
}

/// A location over sets draws one edge per member, with its set's role and score; one by
/// `rsc-pattern` one per top-level resource it places, as Pacemaker matches them.
fn location(builder: &mut Builder, c: &Location, top_level: &[&str]) {
    let mut placed: Vec<(End, Vec<String>)> = Vec::new();
    if let Some(end) = pair_end(builder, &c.resource) {
        placed.push((end, Vec::new()));
    }
    if let Some(pattern) = &c.pattern {
        let by_pattern = vec![format!("rsc-pattern {}", pattern.value)];
        let matched = c.pattern_matches(top_level);
        let ends = matched.iter().filter_map(|id| builder.resource(id));
        placed.extend(ends.map(|end| (end, by_pattern.clone())));
    }
    for set in &c.sets {
        let mut extras = Vec::new();
        push_named(&mut extras, "set role", &set.role);
        if let Some(score) = &set.score {
            extras.push(format!("set score {}", score.value));
        }
        let members = set.resources.iter().filter_map(|m| builder.resource(m));
        placed.extend(members.map(|end| (end, extras.clone())));
    }
    for (resource, set_extras) in placed {
        location_edge(builder, c, resource, set_extras);
    }
}

/// `extras`: the options of the set the resource is placed by, if any.
fn location_edge(builder: &mut Builder, c: &Location, resource: End, mut extras: Vec<String>) {
    push_named(&mut extras, "role", &c.role);
    push_named(&mut extras, "resource-discovery", &c.resource_discovery);
    match &c.target {
        LocationTarget::Node { node, score } => {
            let Some(node) = builder.node(node) else {
                return;
            };
            let label = with_extras(vec![c.id.value.clone(), format!("score {score}")], extras);
            builder.edge(EdgeKind::Location, resource, node, label);
        }
        LocationTarget::Rules(rules) => {
            let lines = rules.iter().flat_map(rule_lines).collect();
            let rules = builder.vertex(VertexKind::Rule, key("rule", &c.id), lines);
            let label = with_extras(
                vec![c.id.value.clone(), "location rule".to_string()],
                extras,
            );
            builder.edge(EdgeKind::Location, resource, rules, label);
        }
    }
}

/// `score S where`, then one line per expression joined by the rule's `and`/`or`.
fn rule_lines(rule: &Rule) -> Vec<String> {
    let score = match &rule.score_attribute {
        Some(attribute) => format!("score from {}", attribute.value),
        None => format!("score {}", rule.score.value),
    };
    let mut lines = vec![format!("{score} where")];
    for (position, e) in rule.expressions.iter().enumerate() {
        let mut line = if position == 0 {
            String::new()
        } else {
            format!("{} ", rule.boolean.value)
        };
        line.push_str(&format!("{} {}", e.attribute.value, e.operation.value));
        if let Some(value) = &e.value {
            line.push_str(&format!(" {}", value.value));
        }
        if let Some(kind) = &e.value_type {
            line.push_str(&format!(" ({})", kind.value));
        }
        lines.push(line);
    }
    lines
}

fn colocation(builder: &mut Builder, c: &Colocation) {
    let head = vec![c.id.value.clone(), format!("colocation {}", c.score.value)];
    if c.sets.is_empty() {
        let (Some(rsc), Some(with)) = (pair_end(builder, &c.rsc), pair_end(builder, &c.with_rsc))
        else {
            return;
        };
        let mut extras = Vec::new();
        push_named(&mut extras, "role", &c.rsc_role);
        push_named(&mut extras, "with-role", &c.with_rsc_role);
        builder.edge(EdgeKind::Colocation, rsc, with, with_extras(head, extras));
    } else {
        sets(builder, EdgeKind::Colocation, &c.id, head, &c.sets);
    }
}

fn order(builder: &mut Builder, c: &Order) {
    let mut head = vec![c.id.value.clone(), format!("order {}", c.kind.value)];
    if let Some(symmetrical) = &c.symmetrical {
        head.push(format!("symmetrical {}", symmetrical.value));
    }
    if let Some(require_all) = &c.require_all {
        head.push(format!("require-all {}", require_all.value));
    }
    if c.sets.is_empty() {
        let (Some(first), Some(then)) = (pair_end(builder, &c.first), pair_end(builder, &c.then))
        else {
            return;
        };
        let mut extras = Vec::new();
        push_named(&mut extras, "first-action", &c.first_action);
        push_named(&mut extras, "then-action", &c.then_action);
        builder.edge(EdgeKind::Order, first, then, with_extras(head, extras));
    } else {
        sets(builder, EdgeKind::Order, &c.id, head, &c.sets);
    }
}

/// A box for the constraint and an edge to each member, labelled with its set's position and
/// options.
fn sets(
    builder: &mut Builder,
    kind: EdgeKind,
    id: &Spanned<String>,
    lines: Vec<String>,
    sets: &[ResourceSet],
) {
    let constraint = builder.vertex(VertexKind::SetConstraint, key("set", id), lines);
    for (position, set) in sets.iter().enumerate() {
        let mut extras = Vec::new();
        push_named(&mut extras, "role", &set.role);
        push_named(&mut extras, "action", &set.action);
        push_named(&mut extras, "ordering", &set.ordering);
        if let Some(score) = &set.score {
            extras.push(format!("score {}", score.value));
        }
        if let Some(sequential) = set.sequential {
            extras.push(format!("sequential {sequential}"));
        }
        if let Some(require_all) = set.require_all {
            extras.push(format!("require-all {require_all}"));
        }
        let label = with_extras(vec![format!("set {}", position + 1)], extras);
        for member in &set.resources {
            if let Some(member) = builder.resource(member) {
                builder.edge(kind, constraint, member, label.clone());
            }
        }
    }
}

fn pair_end(builder: &Builder, id: &Option<Spanned<String>>) -> Option<End> {
    id.as_ref().and_then(|id| builder.resource(id))
}

fn push_named(extras: &mut Vec<String>, name: &str, value: &Option<Spanned<String>>) {
    if let Some(value) = value {
        extras.push(format!("{name} {}", value.value));
    }
}

/// The label's lines, then its options on one more line.
#[allow(
    clippy::needless_pass_by_value,
    reason = "callers build the extras for this call"
)]
fn with_extras(mut lines: Vec<String>, extras: Vec<String>) -> Vec<String> {
    if !extras.is_empty() {
        lines.push(extras.join(", "));
    }
    lines
}
