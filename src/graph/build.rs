//! The graph being built from a spec: vertices, frames and edges, with lookups by spec name.

use super::model::{Edge, EdgeKind, End, Frame, FrameKind, Graph, Vertex, VertexKind};
use crate::model::{FencingLevel, Front, Node, NvPair, NvSet, Resource, find_pair};
use std::collections::BTreeMap;

/// The graph being built, with its lookups by spec name.
pub(super) struct Builder {
    pub graph: Graph,
    nodes: BTreeMap<String, usize>,
    resources: BTreeMap<String, End>,
}

impl Builder {
    /// An empty graph named after the cluster.
    pub(super) fn new(name: &str) -> Builder {
        Builder {
            graph: Graph {
                name: name.to_string(),
                now: None,
                vertices: Vec::new(),
                frames: Vec::new(),
                edges: Vec::new(),
            },
            nodes: BTreeMap::new(),
            resources: BTreeMap::new(),
        }
    }

    pub(super) fn node(&self, name: &str) -> Option<End> {
        self.nodes.get(name).map(|&i| End::Vertex(i))
    }

    pub(super) fn resource(&self, id: &str) -> Option<End> {
        self.resources.get(id).copied()
    }

    pub(super) fn vertex(&mut self, kind: VertexKind, key: String, lines: Vec<String>) -> End {
        End::Vertex(self.push_vertex(kind, key, lines))
    }

    fn push_vertex(&mut self, kind: VertexKind, key: String, lines: Vec<String>) -> usize {
        self.graph.vertices.push(Vertex {
            kind,
            key,
            lines,
            parent: None,
            state: None,
        });
        self.graph.vertices.len() - 1
    }

    pub(super) fn edge(&mut self, kind: EdgeKind, from: End, to: End, label: Vec<String>) {
        self.graph.edges.push(Edge {
            kind,
            from,
            to,
            label,
        });
    }

    pub(super) fn add_node(&mut self, node: &Node) {
        let addresses: Vec<String> = node.addresses.iter().map(ToString::to_string).collect();
        let mut lines = vec![node.name.value.clone(), addresses.join(", ")];
        if node.standby {
            lines.push("standby".to_string());
        }
        lines.extend(utilization(
            "capacity",
            &node.utilization,
            &node.utilization_sets,
        ));
        let index = self.push_vertex(VertexKind::Node, key("node", &node.name), lines);
        self.nodes.insert(node.name.value.clone(), index);
    }

    pub(super) fn add_resource(&mut self, resource: &Resource) {
        let id = resource.id().value.clone();
        let end = match resource {
            Resource::Primitive(p) => {
                let kind = if p.agent.class == "stonith" {
                    VertexKind::FencingDevice
                } else {
                    VertexKind::Primitive
                };
                let mut lines = vec![id.clone(), p.agent.to_string()];
                lines.extend(utilization("uses", &p.utilization, &p.utilization_sets));
                self.vertex(kind, key("rsc", &id), lines)
            }
            Resource::Group(_) => self.frame(FrameKind::Group, &id, vec![format!("group {id}")]),
            Resource::Clone(c) => {
                let title = if c.promotable {
                    format!("promotable clone {id}")
                } else {
                    format!("clone {id}")
                };
                let details: Vec<String> = ["clone-max", "promoted-max"]
                    .iter()
                    .filter_map(|name| find_pair(&c.meta, name))
                    .map(|pair| format!("{} {}", pair.name.value, pair.value.value))
                    .collect();
                let mut lines = vec![title];
                if !details.is_empty() {
                    lines.push(details.join(", "));
                }
                self.frame(FrameKind::Clone, &id, lines)
            }
            // A template never runs: the primitives made from it are drawn, not it.
            Resource::Template(_) => return,
            Resource::Bundle(b) => {
                let engine = &b.container.engine.value;
                let lines = vec![
                    format!("bundle {id}"),
                    format!("{engine}, {} replicas", b.replicas()),
                ];
                self.frame(FrameKind::Clone, &id, lines)
            }
        };
        self.resources.insert(id, end);
    }

    fn frame(&mut self, kind: FrameKind, id: &str, lines: Vec<String>) -> End {
        self.graph.frames.push(Frame {
            kind,
            key: key("rsc", id),
            lines,
            parent: None,
            members: Vec::new(),
            state: None,
        });
        End::Frame(self.graph.frames.len() - 1)
    }

    /// Puts a group's or clone's members inside its frame; a group's members also get arrows
    /// in their start order.
    pub(super) fn frame_members(&mut self, resource: &Resource) {
        let (frame, names, ordered) = match resource {
            Resource::Primitive(_) | Resource::Template(_) => return,
            Resource::Group(g) => (&g.id, g.members.iter().collect::<Vec<_>>(), true),
            Resource::Clone(c) => (&c.id, vec![&c.of], false),
            Resource::Bundle(b) => (&b.id, b.primitive.iter().collect(), false),
        };
        let Some(End::Frame(frame)) = self.resource(frame) else {
            return;
        };
        let members: Vec<End> = names.iter().filter_map(|n| self.resource(n)).collect();
        for &member in &members {
            match member {
                End::Vertex(i) => self.graph.vertices[i].parent = Some(frame),
                End::Frame(i) => self.graph.frames[i].parent = Some(frame),
            }
        }
        if ordered {
            for pair in members.windows(2) {
                self.edge(EdgeKind::GroupOrder, pair[0], pair[1], Vec::new());
            }
        }
        self.graph.frames[frame].members = members;
    }

    pub(super) fn add_fencing_level(&mut self, level: &FencingLevel) {
        let Some(target) = self.node(&level.target) else {
            return;
        };
        let count = level.devices.len();
        for (position, device) in level.devices.iter().enumerate() {
            let Some(device) = self.resource(device) else {
                continue;
            };
            let mut label = vec![format!("fencing level {}", level.index.value)];
            if count > 1 {
                label.push(format!("device {} of {count}", position + 1));
            }
            self.edge(EdgeKind::Fencing, target, device, label);
        }
    }

    pub(super) fn add_front(&mut self, front: &Front) {
        let lines = vec![
            format!("front {}", front.name.value),
            format!("{}:{}", front.address.value, front.port.value),
            format!("balance {}", front.balance.value),
        ];
        let vertex = self.vertex(VertexKind::Front, key("front", &front.name), lines);
        if let Some(service) = self.resource(&front.service) {
            let label = vec![
                format!("backend port {}", front.backend_port.value),
                format!("health {}", front.health_path.value),
            ];
            self.edge(EdgeKind::Front, vertex, service, label);
        }
    }
}

/// What a node offers or a resource takes, for placement by utilization: `capacity cpu 4,
/// memory 4096`, then each further set by id (its values hold under a rule).
fn utilization(word: &str, plain: &[NvPair], sets: &[NvSet]) -> Vec<String> {
    let mut lines = Vec::new();
    if !plain.is_empty() {
        let values: Vec<String> = plain
            .iter()
            .map(|pair| format!("{} {}", pair.name.value, pair.value.value))
            .collect();
        lines.push(format!("{word} {}", values.join(", ")));
    }
    if !sets.is_empty() {
        let ids: Vec<&str> = sets.iter().map(|set| set.id.value.as_str()).collect();
        lines.push(format!("{word} by rule: {}", ids.join(", ")));
    }
    lines
}

/// A key unique across the graph: names of different kinds may be equal.
pub(super) fn key(kind: &str, name: &str) -> String {
    format!("{kind}:{name}")
}
