//! The picture of a cluster before it is laid out: boxes for things, frames for groups and
//! clones, arrows for constraints. Every writer draws this one graph, so SVG and DOT agree.

pub(super) use super::observed::State;

/// A cluster as vertices, frames around some of them, and edges between both.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    /// The cluster's name.
    pub name: String,
    /// What the running cluster says of itself, when drawn over one (`DC n1, quorate`).
    pub now: Option<String>,
    pub vertices: Vec<Vertex>,
    pub frames: Vec<Frame>,
    pub edges: Vec<Edge>,
}

/// One drawn box: a node, a primitive, a location rule, a set constraint or the front.
#[derive(Debug, Clone, PartialEq)]
pub struct Vertex {
    pub kind: VertexKind,
    /// Unique among vertices and frames (a kind prefix keeps a node and a resource of the same
    /// name apart).
    pub key: String,
    /// The first line is the title; the others are details.
    pub lines: Vec<String>,
    /// The frame drawn around this vertex.
    pub parent: Option<usize>,
    /// What a running cluster says of it; `None` when drawn from the spec alone.
    pub state: Option<State>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VertexKind {
    Node,
    Primitive,
    /// A `stonith:` primitive.
    FencingDevice,
    /// The rules of a location constraint without a node.
    Rule,
    /// A colocation or order over resource sets: its edges go to the sets' members.
    SetConstraint,
    Front,
    /// A ticket that resources need (`rsc-ticket`).
    Ticket,
}

/// A group or clone: a frame around its members, which are vertices or other frames.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub kind: FrameKind,
    pub key: String,
    /// Title, then details.
    pub lines: Vec<String>,
    pub parent: Option<usize>,
    /// What it holds, in the spec's order (a group's start order).
    pub members: Vec<End>,
    /// What a running cluster says of its members; `None` when drawn from the spec alone.
    pub state: Option<State>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameKind {
    Group,
    Clone,
}

/// Where an edge starts or ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Vertex(usize),
    Frame(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub kind: EdgeKind,
    pub from: End,
    pub to: End,
    /// Lines of the label; empty for none.
    pub label: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    Location,
    Colocation,
    Order,
    Fencing,
    /// A group's start order, from one member to the next.
    GroupOrder,
    /// The front's traffic to its service.
    Front,
    /// A ticket to a resource that needs it.
    Ticket,
}

impl Graph {
    /// The key of an edge's end.
    pub fn key(&self, end: End) -> &str {
        match end {
            End::Vertex(i) => &self.vertices[i].key,
            End::Frame(i) => &self.frames[i].key,
        }
    }

    /// A vertex inside `end` standing for it where only vertices can be connected: the first
    /// (`last` false) or last vertex met going down into its members. `None` for an empty frame.
    pub fn leaf(&self, end: End, last: bool) -> Option<usize> {
        match end {
            End::Vertex(i) => Some(i),
            End::Frame(i) => {
                let members = &self.frames[i].members;
                let next = if last {
                    members.last()
                } else {
                    members.first()
                };
                next.and_then(|&m| self.leaf(m, last))
            }
        }
    }

    /// The frames around `end`, innermost first. Validation refuses a resource wrapped twice,
    /// so frames nest as a tree; the bound only keeps a malformed graph from looping.
    pub fn ancestors(&self, end: End) -> Vec<usize> {
        let mut parent = match end {
            End::Vertex(i) => self.vertices[i].parent,
            End::Frame(f) => self.frames[f].parent,
        };
        let mut found = Vec::new();
        while let Some(p) = parent.filter(|_| found.len() <= self.frames.len()) {
            found.push(p);
            parent = self.frames[p].parent;
        }
        found
    }

    /// How many frames are around `end`.
    pub fn depth(&self, end: End) -> usize {
        self.ancestors(end).len()
    }
}
