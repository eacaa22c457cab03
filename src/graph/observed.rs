//! A running cluster drawn over its spec's graph (`hacc graph --dir`): every node says whether
//! it is online, every resource where it runs now, or that it is stopped or failed. The caller
//! fills [`Observed`] from what the cluster reports (`crm_mon`), so the graph needs no cluster.

use super::model::{End, Graph, State, VertexKind};
use std::collections::{BTreeMap, BTreeSet};

/// What a running cluster reports, in the graph's terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observed {
    /// The designated controller, once one is elected.
    pub dc: Option<String>,
    /// Whether the DC's partition has quorum.
    pub quorum: bool,
    pub nodes: BTreeMap<String, NodeState>,
    /// Every resource instance the cluster lists; clone instances share their resource's id.
    pub instances: Vec<Instance>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeState {
    Online,
    Standby,
    Offline,
}

/// One instance of a primitive, as the cluster lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// The primitive's id; a unique clone's `:N` suffix is dropped when read.
    pub id: String,
    /// Pacemaker's role word: `Started`, `Stopped`, `Promoted` (or 2.0's `Master`), ...
    pub role: String,
    pub nodes: Vec<String>,
    pub failed: bool,
}

impl Instance {
    /// The id a clone instance of `id` is listed under: `web:0` is `web`.
    pub fn resource_id(id: &str) -> &str {
        match id.rsplit_once(':') {
            Some((base, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => base,
            _ => id,
        }
    }
}

/// Where a resource (or every primitive inside a frame) is now.
#[derive(Debug, Default)]
struct Placement {
    running: BTreeSet<String>,
    promoted: BTreeSet<String>,
    failed: BTreeSet<String>,
    any_failed: bool,
    /// Whether the cluster lists it at all.
    known: bool,
}

impl Placement {
    fn of_primitive(observed: &Observed, id: &str) -> Placement {
        let mut placement = Placement::default();
        for instance in observed.instances.iter().filter(|i| i.id == id) {
            placement.known = true;
            let nodes = instance.nodes.iter().cloned();
            if instance.failed {
                placement.any_failed = true;
                placement.failed.extend(nodes);
            } else if matches!(instance.role.as_str(), "Promoted" | "Master") {
                placement.promoted.extend(nodes);
            } else if instance.role != "Stopped" {
                placement.running.extend(nodes);
            }
        }
        placement
    }

    fn merge(&mut self, other: Placement) {
        self.running.extend(other.running);
        self.promoted.extend(other.promoted);
        self.failed.extend(other.failed);
        self.any_failed |= other.any_failed;
        self.known |= other.known;
    }

    fn state(&self) -> State {
        if self.any_failed {
            State::Failed
        } else if self.running.is_empty() && self.promoted.is_empty() {
            State::Stopped
        } else {
            State::Running
        }
    }

    /// The line the box gains: `now: running on n1, n2`.
    fn line(&self) -> String {
        let list = |nodes: &BTreeSet<String>| nodes.iter().cloned().collect::<Vec<_>>().join(", ");
        let mut parts = Vec::new();
        if !self.promoted.is_empty() {
            parts.push(format!("promoted on {}", list(&self.promoted)));
        }
        if !self.running.is_empty() {
            parts.push(format!("running on {}", list(&self.running)));
        }
        if self.any_failed {
            if self.failed.is_empty() {
                parts.push("failed".to_string());
            } else {
                parts.push(format!("failed on {}", list(&self.failed)));
            }
        }
        if parts.is_empty() {
            parts.push(
                if self.known {
                    "stopped"
                } else {
                    "not in the cluster"
                }
                .to_string(),
            );
        }
        format!("now: {}", parts.join("; "))
    }
}

/// Marks every node and resource of `graph` with its observed state and a `now:` line.
pub fn overlay(graph: &mut Graph, observed: &Observed) {
    graph.now = Some(match &observed.dc {
        Some(dc) if observed.quorum => format!("now: DC {dc}, quorate"),
        Some(dc) => format!("now: DC {dc}, without quorum"),
        None => "now: no DC elected".to_string(),
    });
    let frame_placements: Vec<Placement> = (0..graph.frames.len())
        .map(|i| placement(graph, observed, End::Frame(i)))
        .collect();
    for (frame, placement) in graph.frames.iter_mut().zip(frame_placements) {
        frame.lines.push(placement.line());
        frame.state = Some(placement.state());
    }
    for vertex in &mut graph.vertices {
        let Some((_, name)) = vertex.key.split_once(':') else {
            continue;
        };
        match vertex.kind {
            VertexKind::Node => {
                let state = match observed.nodes.get(name) {
                    Some(NodeState::Online) => State::Online,
                    Some(NodeState::Standby) => State::Standby,
                    Some(NodeState::Offline) | None => State::Offline,
                };
                let mut line = format!("now: {}", state.name());
                if observed.dc.as_deref() == Some(name) {
                    line.push_str(", DC");
                }
                vertex.lines.push(line);
                vertex.state = Some(state);
            }
            VertexKind::Primitive | VertexKind::FencingDevice => {
                let placement = Placement::of_primitive(observed, name);
                vertex.lines.push(placement.line());
                vertex.state = Some(placement.state());
            }
            _ => {}
        }
    }
}

/// The placement of a vertex, or of every primitive inside a frame.
fn placement(graph: &Graph, observed: &Observed, end: End) -> Placement {
    match end {
        End::Vertex(i) => {
            let vertex = &graph.vertices[i];
            match vertex.key.split_once(':') {
                Some((_, id)) => Placement::of_primitive(observed, id),
                None => Placement::default(),
            }
        }
        End::Frame(f) => {
            let mut merged = Placement::default();
            for &member in &graph.frames[f].members {
                merged.merge(placement(graph, observed, member));
            }
            merged
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Format, build_graph, render_observed};

    /// A group, a clone of a group inside, and a fencing device, on three nodes.
    const SPEC: &str = r#"cluster "c" {
    network "net" subnet="10.0.0.0/24"
    node "n1" address="10.0.0.11"
    node "n2" address="10.0.0.12"
    node "n3" address="10.0.0.13"
    primitive "ip" agent="ocf:heartbeat:IPaddr2" {
        params ip="10.0.0.100"
    }
    primitive "web" agent="ocf:pacemaker:Dummy"
    group "site" "ip" "web"
    primitive "mark" agent="ocf:pacemaker:Dummy"
    clone "mark-clone" of="mark"
    primitive "fence" agent="stonith:fence_dummy"
}
"#;

    fn instance(id: &str, role: &str, nodes: &[&str], failed: bool) -> Instance {
        Instance {
            id: id.to_string(),
            role: role.to_string(),
            nodes: nodes.iter().map(std::string::ToString::to_string).collect(),
            failed,
        }
    }

    fn observed() -> Observed {
        Observed {
            dc: Some("n2".into()),
            quorum: true,
            nodes: [
                ("n1".to_string(), NodeState::Online),
                ("n2".to_string(), NodeState::Online),
                ("n3".to_string(), NodeState::Standby),
            ]
            .into(),
            instances: vec![
                instance("ip", "Started", &["n1"], false),
                instance("web", "Started", &["n2"], true),
                instance("mark", "Started", &["n1"], false),
                instance("mark", "Started", &["n2"], false),
                instance("mark", "Stopped", &[], false),
            ],
        }
    }

    /// The state and last line of every box, by key.
    fn drawn(observed: &Observed) -> Vec<(String, Option<State>, String)> {
        let outcome = crate::pipeline::check_source(SPEC);
        let checked = outcome.checked.expect("the spec is valid");
        let mut graph = build_graph(checked.cluster());
        overlay(&mut graph, observed);
        let frames = graph
            .frames
            .iter()
            .map(|f| (f.key.clone(), f.state, f.lines.last().cloned().unwrap()));
        let vertices = graph
            .vertices
            .iter()
            .map(|v| (v.key.clone(), v.state, v.lines.last().cloned().unwrap()));
        frames.chain(vertices).collect()
    }

    fn find(drawn: &[(String, Option<State>, String)], key: &str) -> (Option<State>, String) {
        let (_, state, line) = drawn.iter().find(|(k, _, _)| k == key).unwrap();
        (*state, line.clone())
    }

    #[test]
    fn each_box_says_where_it_runs_now() {
        let drawn = drawn(&observed());
        let expect = |key: &str, state, line: &str| {
            assert_eq!(find(&drawn, key), (Some(state), line.to_string()), "{key}");
        };
        expect("node:n1", State::Online, "now: online");
        expect("node:n2", State::Online, "now: online, DC");
        expect("node:n3", State::Standby, "now: standby");
        expect("rsc:ip", State::Running, "now: running on n1");
        expect("rsc:web", State::Failed, "now: failed on n2");
        // A group with a failed member is failed, and says where the rest runs.
        expect(
            "rsc:site",
            State::Failed,
            "now: running on n1; failed on n2",
        );
        expect("rsc:mark", State::Running, "now: running on n1, n2");
        expect("rsc:mark-clone", State::Running, "now: running on n1, n2");
        // Not listed by the cluster: not pushed yet, or removed by hand.
        expect("rsc:fence", State::Stopped, "now: not in the cluster");
    }

    #[test]
    fn a_listed_resource_with_no_active_instance_is_stopped_and_a_missing_node_offline() {
        let mut observed = observed();
        observed.nodes.remove("n3");
        observed.instances = vec![instance("ip", "Stopped", &[], false)];
        observed.dc = None;
        let drawn = drawn(&observed);
        assert_eq!(
            find(&drawn, "rsc:ip"),
            (Some(State::Stopped), "now: stopped".into())
        );
        assert_eq!(
            find(&drawn, "rsc:site"),
            (Some(State::Stopped), "now: stopped".into())
        );
        assert_eq!(
            find(&drawn, "node:n3"),
            (Some(State::Offline), "now: offline".into())
        );
    }

    #[test]
    fn promoted_instances_are_named_apart() {
        let mut observed = observed();
        observed.instances = vec![
            instance("mark", "Promoted", &["n1"], false),
            instance("mark", "Unpromoted", &["n2"], false),
        ];
        assert_eq!(
            find(&drawn(&observed), "rsc:mark-clone").1,
            "now: promoted on n1; running on n2"
        );
    }

    #[test]
    fn unique_clone_instances_count_as_their_resource() {
        assert_eq!(Instance::resource_id("mark:0"), "mark");
        assert_eq!(Instance::resource_id("mark:12"), "mark");
        assert_eq!(Instance::resource_id("mark"), "mark");
        assert_eq!(Instance::resource_id("a:b"), "a:b");
        assert_eq!(Instance::resource_id("a:"), "a:");
    }

    #[test]
    fn svg_and_dot_carry_the_states() {
        let checked = crate::pipeline::check_source(SPEC).checked.unwrap();
        let svg = render_observed(&checked, &observed(), Format::Svg);
        assert!(
            svg.contains(r#"data-key="rsc:web" data-state="failed""#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"data-key="node:n3" data-state="standby""#),
            "{svg}"
        );
        assert!(svg.contains("cluster c (now: DC n2, quorate)"), "{svg}");
        assert!(svg.contains("now: running on n1, n2"), "{svg}");
        let dot = render_observed(&checked, &observed(), Format::Dot);
        assert!(dot.contains(r##"color="#c62828", penwidth=2.4"##), "{dot}");
        // Without a cluster, no state is drawn.
        let plain = crate::graph::render(&checked, Format::Svg);
        assert!(!plain.contains("data-state"), "{plain}");
        assert!(!plain.contains("now:"), "{plain}");
    }
}
