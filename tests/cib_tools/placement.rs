//! What a spec asks of placement, checked against `crm_simulate`'s result: every top-level
//! resource runs, never on a standby or banned node; a clone runs as many instances as it may;
//! a resource that no colocation pulls elsewhere goes to its best-scored nodes, and a promotable
//! clone is promoted on its best `role=Promoted` node.

use super::simulate::Placement;
use hacc::model::{Cluster, Constraint, LocationTarget, Resource, Rule, RuleExpression, Score};
use std::collections::{HashMap, HashSet};

const INFINITY: i64 = 1_000_000;

fn score_value(score: Score) -> i64 {
    match score {
        Score::Value(v) => v,
        Score::Infinity => INFINITY,
        Score::MinusInfinity => -INFINITY,
    }
}

/// Node attributes as rules see them: the spec's, `#uname`, and those set at run time.
fn node_attributes(cluster: &Cluster) -> HashMap<&str, HashMap<String, String>> {
    let runtime = super::simulate::runtime_attributes(cluster);
    cluster
        .nodes
        .iter()
        .map(|n| {
            let mut attrs: HashMap<String, String> = n
                .attributes
                .iter()
                .map(|a| (a.name.value.clone(), a.value.value.clone()))
                .chain(runtime.iter().cloned())
                .collect();
            attrs.insert("#uname".into(), n.name.value.clone());
            (n.name.value.as_str(), attrs)
        })
        .collect()
}

fn expression_holds(e: &RuleExpression, attrs: &HashMap<String, String>) -> bool {
    let actual = attrs.get(&e.attribute.value);
    let expected = e
        .value
        .as_ref()
        .map(|v| v.value.as_str())
        .unwrap_or_default();
    let ordering = actual.map(|a| match (a.parse::<i64>(), expected.parse::<i64>()) {
        (Ok(a), Ok(b)) => a.cmp(&b),
        _ => a.as_str().cmp(expected),
    });
    match e.operation.value.as_str() {
        "defined" => actual.is_some(),
        "not_defined" => actual.is_none(),
        "eq" => ordering.is_some_and(|o| o.is_eq()),
        "ne" => ordering.is_none_or(|o| o.is_ne()),
        "lt" => ordering.is_some_and(|o| o.is_lt()),
        "lte" => ordering.is_some_and(|o| o.is_le()),
        "gt" => ordering.is_some_and(|o| o.is_gt()),
        "gte" => ordering.is_some_and(|o| o.is_ge()),
        other => panic!("unknown rule operation `{other}`"),
    }
}

fn rule_holds(rule: &Rule, attrs: &HashMap<String, String>) -> bool {
    let tests = rule.expressions.iter().map(|e| expression_holds(e, attrs));
    let mut results = tests.chain(rule.rules.iter().map(|r| rule_holds(r, attrs)));
    if rule.boolean.value == "or" {
        results.any(|r| r)
    } else {
        results.all(|r| r)
    }
}

/// The location constraints of one resource, reduced to what placement must show.
#[derive(Default)]
struct Wishes<'a> {
    /// Standby nodes and nodes with a -INFINITY score or rule.
    banned: HashSet<&'a str>,
    /// Positive node scores without a role, best first, banned nodes left out.
    preferred: Vec<(&'a str, i64)>,
    /// The best node for the promoted instance.
    promoted: Option<&'a str>,
}

fn wishes<'a>(cluster: &'a Cluster, id: &str) -> Wishes<'a> {
    let attrs = node_attributes(cluster);
    let mut wishes = Wishes::default();
    wishes.banned.extend(
        cluster
            .nodes
            .iter()
            .filter(|n| n.standby)
            .map(|n| n.name.value.as_str()),
    );
    let mut promoted: Vec<(&str, i64)> = Vec::new();
    for constraint in &cluster.constraints {
        let Constraint::Location(l) = constraint else {
            continue;
        };
        // Locations by pattern or over sets are proven by their own simulations.
        if l.resource.as_ref().is_none_or(|r| r.value != id) {
            continue;
        }
        let role = l.role.as_ref().map(|r| r.value.as_str());
        match &l.target {
            LocationTarget::Node { node, score } => match (score_value(score.value), role) {
                (s, None) if s == -INFINITY => {
                    wishes.banned.insert(&node.value);
                }
                (s, None) if s > 0 => wishes.preferred.push((&node.value, s)),
                (s, Some("Promoted" | "Master")) if s > 0 => promoted.push((&node.value, s)),
                _ => {}
            },
            LocationTarget::Rules(rules) => {
                let bans = rules
                    .iter()
                    .filter(|r| r.score.value == Score::MinusInfinity);
                for rule in bans {
                    let hit = attrs.iter().filter(|(_, a)| rule_holds(rule, a));
                    wishes.banned.extend(hit.map(|(node, _)| *node));
                }
            }
        }
    }
    // A node's base score counts for every resource there.
    for node in &cluster.nodes {
        let Some(base) = node.score.as_ref().map(|s| score_value(s.value)) else {
            continue;
        };
        let name = node.name.value.as_str();
        if base == -INFINITY {
            wishes.banned.insert(name);
        }
        match wishes.preferred.iter_mut().find(|(n, _)| *n == name) {
            Some((_, score)) => *score += base,
            None if base > 0 => wishes.preferred.push((name, base)),
            None => {}
        }
    }
    wishes.preferred.retain(|(_, s)| *s > 0);
    let banned = wishes.banned.clone();
    wishes.preferred.retain(|(n, _)| !banned.contains(n));
    wishes.preferred.sort_by_key(|p| std::cmp::Reverse(p.1));
    promoted.retain(|(n, _)| !banned.contains(n));
    wishes.promoted = promoted.iter().max_by_key(|p| p.1).map(|p| p.0);
    wishes
}

/// Resources inside a group or clone, and resources a colocation may pull elsewhere.
fn nested_and_colocated(cluster: &Cluster) -> (HashSet<&str>, HashSet<&str>) {
    let mut nested = HashSet::new();
    for resource in &cluster.resources {
        match resource {
            Resource::Group(g) => nested.extend(g.members.iter().map(|m| m.value.as_str())),
            Resource::Clone(c) => {
                nested.insert(c.of.value.as_str());
            }
            // A bundle's replicas are not nodes of the spec: neither it nor its primitive is
            // judged here (tests/bundles.rs simulates them).
            Resource::Bundle(b) => {
                nested.insert(b.id.value.as_str());
                nested.extend(b.primitive.iter().map(|p| p.value.as_str()));
            }
            // A template never runs.
            Resource::Template(t) => {
                nested.insert(t.id.value.as_str());
            }
            Resource::Primitive(_) => {}
        }
    }
    let mut colocated = HashSet::new();
    for constraint in &cluster.constraints {
        if let Constraint::Colocation(c) = constraint {
            colocated.extend(c.rsc.iter().chain(&c.with_rsc).map(|r| r.value.as_str()));
            for set in &c.sets {
                colocated.extend(set.resources.iter().map(|r| r.value.as_str()));
            }
        }
    }
    (nested, colocated)
}

pub fn problems(cluster: &Cluster, placements: &[Placement]) -> Vec<String> {
    let (nested, colocated) = nested_and_colocated(cluster);
    let mut problems = Vec::new();
    for resource in &cluster.resources {
        let id = resource.id().value.as_str();
        if nested.contains(id) {
            continue;
        }
        let mine: Vec<&Placement> = placements.iter().filter(|p| p.top == id).collect();
        let running: HashSet<&str> = mine
            .iter()
            .filter(|p| p.running())
            .flat_map(|p| p.nodes.iter().map(String::as_str))
            .collect();
        if running.is_empty() {
            problems.push(format!("`{id}` does not run anywhere"));
            continue;
        }
        let wishes = wishes(cluster, id);
        for node in running.intersection(&wishes.banned) {
            problems.push(format!("`{id}` runs on `{node}`, a standby or banned node"));
        }
        let free = !colocated.contains(id);
        match resource {
            Resource::Clone(c) => {
                let max = hacc::model::find_pair(&c.meta, "clone-max")
                    .and_then(|m| m.value.value.parse().ok())
                    .unwrap_or(cluster.nodes.len());
                let eligible = cluster.nodes.len().saturating_sub(wishes.banned.len());
                let expected = max.min(eligible);
                if running.len() != expected {
                    problems.push(format!(
                        "`{id}` runs {} instances, expected {expected}",
                        running.len()
                    ));
                }
                let wanted = expected.min(wishes.preferred.len());
                if wanted > 0 && free {
                    let threshold = wishes.preferred[wanted - 1].1;
                    for (node, score) in &wishes.preferred {
                        if *score > threshold && !running.contains(node) {
                            problems.push(format!(
                                "`{id}` prefers `{node}` ({score}) but has no instance there"
                            ));
                        }
                    }
                }
                if let Some(best) = wishes.promoted {
                    let promoted = mine
                        .iter()
                        .any(|p| p.state == "Promoted" && p.nodes.iter().any(|n| n == best));
                    if !promoted {
                        problems.push(format!("`{id}` should be promoted on `{best}`"));
                    }
                }
            }
            _ => {
                for p in mine.iter().filter(|p| !p.running()) {
                    problems.push(format!("`{}` of `{id}` is {}", p.member, p.state));
                }
                if running.len() != 1 {
                    problems.push(format!("`{id}` runs on {running:?}, expected one node"));
                }
                match wishes.preferred.first() {
                    Some((best, score)) if free && !running.contains(best) => problems.push(
                        format!("`{id}` prefers `{best}` ({score}) but runs on {running:?}"),
                    ),
                    _ => {}
                }
            }
        }
    }
    problems
}
