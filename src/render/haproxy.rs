//! The front: `haproxy.cfg` and the `front/Dockerfile` of its container.

use super::{Artifact, RenderError, templates};
use crate::model::{Checked, Cluster, Constraint, Location, LocationTarget, Resource, Score};
use crate::spanned::Spanned;
use serde::Serialize;

/// The port haproxy listens on inside its container; compose publishes the spec's port to it.
pub const FRONT_PORT: u16 = 8080;

#[derive(Serialize)]
struct Context<'a> {
    header: &'static str,
    base: &'a str,
    listen_port: u16,
    service: &'a str,
    balance: &'a str,
    health: &'a str,
    servers: Vec<Server<'a>>,
}

#[derive(Serialize)]
struct Server<'a> {
    name: &'a str,
    address: String,
}

/// Renders nothing when the spec has no front.
pub(super) fn render(checked: &Checked) -> Result<Vec<Artifact>, RenderError> {
    let cluster = checked.cluster();
    let Some(front) = &cluster.front else {
        return Ok(Vec::new());
    };
    let context = Context {
        header: super::HEADER,
        base: &cluster.image.base,
        listen_port: FRONT_PORT,
        service: &front.service,
        balance: &front.balance,
        health: &front.health_path,
        servers: eligible_nodes(cluster, &front.service)
            .into_iter()
            .map(|node| Server {
                name: &node.name,
                address: format!("{}:{}", node.addresses[0].value, front.backend_port.value),
            })
            .collect(),
    };
    Ok(vec![
        templates::file("haproxy.cfg", "haproxy.cfg.j2", &context)?,
        templates::file("front/Dockerfile", "front.Dockerfile.j2", &context)?,
    ])
}

/// Whether a node location of `score` bans one of `related` from its node, named alone, by
/// its `rsc-pattern` (matched against `top_level`, as Pacemaker does) or in a set.
fn bans(location: &Location, related: &[&str], top_level: &[&str], score: &Spanned<Score>) -> bool {
    let started = |role: Option<&Spanned<String>>| role.is_none_or(|r| r.value == "Started");
    let named = location
        .resource
        .as_ref()
        .is_some_and(|r| related.contains(&r.value.as_str()))
        || location
            .pattern_matches(top_level)
            .iter()
            .any(|id| related.contains(id));
    let banned = score.value == Score::MinusInfinity;
    let in_set = location.sets.iter().any(|set| {
        set.resources
            .iter()
            .any(|m| related.contains(&m.value.as_str()))
            && started(set.role.as_ref())
            && set
                .score
                .as_ref()
                .map_or(banned, |s| s.value == Score::MinusInfinity)
    });
    (named && banned && started(location.role.as_ref())) || in_set
}

/// Nodes that may run `service`: all but standby nodes and nodes a `-INFINITY` location
/// bans the service (or a resource containing it, or one it contains) from.
fn eligible_nodes<'a>(cluster: &'a Cluster, service: &str) -> Vec<&'a crate::model::Node> {
    let related = related_resources(cluster, service);
    let top_level = cluster.top_level_ids();
    let banned: Vec<&str> = cluster
        .constraints
        .iter()
        .filter_map(|c| match c {
            Constraint::Location(location) => match &location.target {
                LocationTarget::Node { node, score }
                    if bans(location, &related, &top_level, score) =>
                {
                    Some(node.value.as_str())
                }
                _ => None,
            },
            _ => None,
        })
        .collect();
    cluster
        .nodes
        .iter()
        .filter(|n| !n.standby && !banned.contains(&n.name.value.as_str()))
        .collect()
}

/// The service, the groups and clones that contain it, and the resources it contains.
fn related_resources<'a>(cluster: &'a Cluster, service: &'a str) -> Vec<&'a str> {
    let mut related = vec![service];
    let mut index = 0;
    while index < related.len() {
        let id = related[index];
        for resource in &cluster.resources {
            let (container, contained): (&str, Vec<&str>) = match resource {
                Resource::Group(g) => (&g.id, g.members.iter().map(|m| m.value.as_str()).collect()),
                Resource::Clone(c) => (&c.id, vec![c.of.value.as_str()]),
                Resource::Bundle(b) => (
                    &b.id,
                    b.primitive.iter().map(|p| p.value.as_str()).collect(),
                ),
                Resource::Primitive(_) | Resource::Template(_) => continue,
            };
            let linked: Vec<&str> = if container == id {
                contained
            } else if contained.contains(&id) {
                vec![container]
            } else {
                Vec::new()
            };
            for other in linked {
                if !related.contains(&other) {
                    related.push(other);
                }
            }
        }
        index += 1;
    }
    related
}
