//! `crm_simulate` with every node up, and what its revised cluster status says.

use super::{Scratch, run, text};
use hacc::model::{Cluster, Resource, find_pair};
use std::process::Command;

/// Where one resource (or one member of a group, or some clone instances) ended up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The top-level resource the line belongs to (the group or clone for nested lines).
    pub top: String,
    /// The primitive named on the line, empty for a clone's `State: [ nodes ]` summary.
    pub member: String,
    /// `Started`, `Promoted`, `Unpromoted`, `Stopped`, ...
    pub state: String,
    pub nodes: Vec<String>,
}

impl Placement {
    pub fn running(&self) -> bool {
        matches!(self.state.as_str(), "Started" | "Promoted" | "Unpromoted")
    }
}

/// The nodes the top-level `resource` runs on in `placements`.
pub fn runs_on(placements: &[Placement], resource: &str) -> Vec<String> {
    placements
        .iter()
        .filter(|p| p.top == resource && p.running())
        .flat_map(|p| p.nodes.clone())
        .collect()
}

/// Node attributes that resource agents set at run time and that placement depends on.
///
/// A file CIB has none: `ocf:pacemaker:ping` publishes its `name` attribute (default `pingd`,
/// `multiplier` per reachable host, taken here as all of them) and a promotable agent publishes
/// a promotion score `master-<primitive>` (taken as 1 everywhere, so locations decide).
pub fn runtime_attributes(cluster: &Cluster) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for resource in &cluster.resources {
        match resource {
            Resource::Primitive(p) if p.agent.value.to_string() == "ocf:pacemaker:ping" => {
                let param = |name: &str| find_pair(&p.params, name).map(|v| v.value.value.clone());
                let hosts = param("host_list").map_or(0, |h| h.split_whitespace().count());
                let multiplier: usize = param("multiplier")
                    .and_then(|m| m.parse().ok())
                    .unwrap_or(1);
                let name = param("name").unwrap_or_else(|| "pingd".into());
                out.push((name, (hosts * multiplier).to_string()));
            }
            Resource::Clone(c) if c.promotable => {
                out.push((format!("master-{}", c.of.value), "1".into()))
            }
            _ => {}
        }
    }
    out
}

/// Brings every node online with quorum and every ticket granted, sets the runtime attributes
/// on every node, runs the transition and returns the placements.
pub fn all_up(cluster: &Cluster, cib_xml: &str) -> (Vec<Placement>, String) {
    let nodes: Vec<&str> = cluster.nodes.iter().map(|n| n.name.as_str()).collect();
    let runtime = runtime_attributes(cluster);
    let attributes: Vec<(&str, &str, &str)> = nodes
        .iter()
        .flat_map(|node| {
            runtime
                .iter()
                .map(move |(name, value)| (*node, name.as_str(), value.as_str()))
        })
        .collect();
    // Every ticket granted, so what needs one is placed as the rest of the spec says.
    let mut tickets: Vec<&str> = cluster
        .tickets
        .iter()
        .map(|t| t.ticket.value.as_str())
        .collect();
    tickets.sort_unstable();
    tickets.dedup();
    let state = State {
        nodes: &nodes,
        started: &[],
        attributes: &attributes,
        tickets: &tickets,
    };
    from_state(cib_xml, &state)
}

/// A cluster state to simulate from: the nodes up, resources already started on a node, and
/// transient node attributes (as agents such as `ocf:pacemaker:ping` set them).
pub struct State<'a> {
    pub nodes: &'a [&'a str],
    pub started: &'a [(&'a str, &'a str)],
    pub attributes: &'a [(&'a str, &'a str, &'a str)],
    pub tickets: &'a [&'a str],
}

impl<'a> State<'a> {
    pub const fn up(nodes: &'a [&'a str]) -> Self {
        State {
            nodes,
            started: &[],
            attributes: &[],
            tickets: &[],
        }
    }
}

/// Runs the transition from `state` over cib.xml and returns the placements and the output.
pub fn from_state(xml: &str, state: &State<'_>) -> (Vec<Placement>, String) {
    let scratch = Scratch::new("from-state");
    let cib = scratch.write("cib.xml", xml);
    let saved = scratch.join("state.xml");
    let mut command = Command::new("crm_simulate");
    command.arg("--xml-file").arg(&cib);
    for node in state.nodes {
        command.args(["--node-up", node]);
    }
    for (resource, node) in state.started {
        command.args(["--op-inject", &format!("{resource}_start_0@{node}=0")]);
    }
    for ticket in state.tickets {
        command.args(["--ticket-grant", ticket]);
    }
    // With every node up the partition has quorum; a file CIB has no DC to say so.
    let output = run(command.args(["--quorum", "1", "--save-output"]).arg(&saved));
    assert!(output.status.success(), "crm_simulate: {}", text(&output));
    for (node, name, value) in state.attributes {
        let output = run(Command::new("crm_attribute")
            .args(["--node", node, "--name", name, "--update", value])
            .args(["--lifetime", "reboot"])
            .env("CIB_file", &saved));
        assert!(output.status.success(), "crm_attribute: {}", text(&output));
    }
    let output = run(Command::new("crm_simulate")
        .arg("--xml-file")
        .arg(&saved)
        .args(["--quorum", "1", "--simulate"]));
    assert!(output.status.success(), "crm_simulate: {}", text(&output));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    (parse_revised(&stdout), stdout)
}

/// Parses the resource list after "Revised Cluster Status".
pub fn parse_revised(output: &str) -> Vec<Placement> {
    let Some(revised) = output.split("Revised Cluster Status:").nth(1) else {
        return Vec::new();
    };
    let Some(resources) = revised.split("Full List of Resources:").nth(1) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut top = String::new();
    for line in resources.lines() {
        let indent = line.len() - line.trim_start().len();
        let Some(item) = line.trim().strip_prefix("* ") else {
            continue;
        };
        let nested = indent > 4;
        if let Some(group) = item.strip_prefix("Resource Group: ") {
            top = group.trim_end_matches(':').to_string();
        } else if let Some(bundle) = item
            .strip_prefix("Container bundle set: ")
            .or_else(|| item.strip_prefix("Container bundle: "))
        {
            // A bundle's replica lines name guest nodes and addresses; they are its own.
            top = bundle
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
        } else if let Some(clone) = item.strip_prefix("Clone Set: ") {
            top = clone
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
        } else if let Some((state, nodes)) = summary(item) {
            out.push(Placement {
                top: top.clone(),
                member: String::new(),
                state,
                nodes,
            });
        } else if let Some((id, state, node)) = primitive(item) {
            if !nested {
                top = id.clone();
            }
            out.push(Placement {
                top: top.clone(),
                member: id,
                state,
                nodes: node.into_iter().collect(),
            });
        }
    }
    out
}

/// `Started: [ node1 node2 ]`
fn summary(item: &str) -> Option<(String, Vec<String>)> {
    let (state, rest) = item.split_once(": [")?;
    let nodes = rest.trim_end_matches(']').split_whitespace();
    Some((state.to_string(), nodes.map(str::to_string).collect()))
}

/// `web\t(ocf:heartbeat:anything):\t Started alpha`
fn primitive(item: &str) -> Option<(String, String, Option<String>)> {
    let (id, rest) = item.split_once(char::is_whitespace)?;
    let (_, status) = rest.split_once("):")?;
    let mut words = status.split_whitespace();
    let state = words.next()?.to_string();
    Some((id.to_string(), state, words.next().map(str::to_string)))
}

#[test]
fn parses_groups_clones_and_primitives() {
    let sample = "Revised Cluster Status:\n  * Node List:\n    * Online: [ a b ]\n\n  \
                  * Full List of Resources:\n    * f\t(stonith:fence_watchdog):\t Started b\n    \
                  * Resource Group: g:\n      * v\t(ocf:heartbeat:IPaddr2):\t Started a\n    \
                  * Clone Set: c [p] (promotable):\n      * Promoted: [ a ]\n      \
                  * Stopped: [ b ]\n";
    let placements = parse_revised(sample);
    let brief: Vec<(&str, &str, &str, usize)> = placements
        .iter()
        .map(|p| {
            (
                p.top.as_str(),
                p.member.as_str(),
                p.state.as_str(),
                p.nodes.len(),
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            ("f", "f", "Started", 1),
            ("g", "v", "Started", 1),
            ("c", "", "Promoted", 1),
            ("c", "", "Stopped", 1)
        ]
    );
}
