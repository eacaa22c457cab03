//! `crm_simulate` with every node up, and what its revised cluster status says.

use super::{Scratch, run, text};
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

/// Brings every node online with quorum, runs the transition and returns the placements.
pub fn all_up(scratch: &Scratch, cib_xml: &str, nodes: &[String]) -> (Vec<Placement>, String) {
    let cib = scratch.write("simulate.xml", cib_xml);
    let mut command = Command::new("crm_simulate");
    command.arg("--xml-file").arg(&cib);
    for node in nodes {
        command.arg("--node-up").arg(node);
    }
    // With every node up the partition has quorum; a file CIB has no DC to say so.
    command.args(["--quorum", "1", "--simulate"]);
    let output = run(&mut command);
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
