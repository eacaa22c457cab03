//! Places the graph: dagre (Sugiyama layering, as Graphviz's `dot` does) lays out the
//! top-level vertices and frames with the edges between them; inside a frame, hacc stacks the
//! title and the members in a column, in the group's start order.
//!
//! A frame is one box to dagre, sized to hold its column, so edges to it end at its border,
//! their labels are placed outside it, and nothing else can be laid out inside it. A group's
//! members, in the spec's order, are exactly what a column shows.

use super::geometry::{Point, Rect};
use super::model::{EdgeKind, End, Graph, VertexKind};
use super::route;
use super::text::Block;
use dagre::graph::{Graph as Layered, GraphOptions};
use dagre::layout::types::LabelPos;
use dagre::{EdgeLabel, LayoutOptions, NodeLabel, RankDir};

/// Room between a frame's border and what it holds.
const FRAME_PAD: f64 = 12.0;
/// Room between a frame's title and its first member.
const TITLE_GAP: f64 = 6.0;
/// Room between two members of a group, for the arrow of their start order.
const MEMBER_GAP: f64 = 28.0;

/// Where everything goes, in the order of the graph's vectors, with the top-left corner of
/// the whole drawing at (0, 0).
#[derive(Debug, Clone)]
pub(super) struct Placed {
    pub width: f64,
    pub height: f64,
    pub vertices: Vec<Rect>,
    pub frames: Vec<Rect>,
    /// The box of each frame's title lines.
    pub titles: Vec<Rect>,
    pub edges: Vec<Route>,
}

#[derive(Debug, Clone)]
pub(super) struct Route {
    /// Empty for an edge that cannot be drawn (both ends in the same frame).
    pub points: Vec<Point>,
    /// The box of the label, when the edge has one.
    pub label: Option<Rect>,
}

pub(super) fn place(graph: &Graph) -> Placed {
    let sizes = Sizes::of(graph);
    let mut layered: Layered<NodeLabel, EdgeLabel> = Layered::with_options(GraphOptions {
        directed: true,
        multigraph: true,
        compound: false,
    });
    for (i, vertex) in graph.vertices.iter().enumerate() {
        if vertex.parent.is_none() {
            let (width, height) = sizes.vertices[i];
            layered.set_node(vertex.key.clone(), Some(sized(width, height)));
        }
    }
    for (i, frame) in graph.frames.iter().enumerate() {
        if frame.parent.is_none() {
            let (width, height) = sizes.frames[i];
            layered.set_node(frame.key.clone(), Some(sized(width, height)));
        }
    }
    add_ground(graph, &mut layered);
    for (index, edge) in graph.edges.iter().enumerate() {
        let Some((from, to)) = laid_out_ends(graph, index) else {
            continue;
        };
        let (width, height) = Block {
            lines: &edge.label,
            titled: false,
        }
        .extent();
        let label = EdgeLabel {
            width,
            height,
            labelpos: LabelPos::Center,
            ..EdgeLabel::default()
        };
        layered.set_edge(from, to, Some(label), Some(&edge_name(index)));
    }
    dagre::layout(
        &mut layered,
        Some(LayoutOptions {
            rankdir: RankDir::TB,
            nodesep: 36.0,
            edgesep: 16.0,
            ranksep: 64.0,
            ..LayoutOptions::default()
        }),
    );
    let mut placed = Placed {
        width: 0.0,
        height: 0.0,
        vertices: vec![EMPTY; graph.vertices.len()],
        frames: vec![EMPTY; graph.frames.len()],
        titles: vec![EMPTY; graph.frames.len()],
        edges: Vec::new(),
    };
    let rect = |key: &str| layered.node(key).map_or(EMPTY, rect_of);
    for (i, vertex) in graph.vertices.iter().enumerate() {
        if vertex.parent.is_none() {
            placed.vertices[i] = rect(&vertex.key);
        }
    }
    for (i, frame) in graph.frames.iter().enumerate() {
        if frame.parent.is_none() {
            let outer = rect(&frame.key);
            stack(graph, &sizes, i, outer, &mut placed);
        }
    }
    placed.edges = routes(graph, &layered, &placed);
    normalize(&mut placed);
    placed
}

/// The width and height of every vertex and frame.
struct Sizes {
    vertices: Vec<(f64, f64)>,
    frames: Vec<(f64, f64)>,
}

impl Sizes {
    fn of(graph: &Graph) -> Sizes {
        let vertices = graph
            .vertices
            .iter()
            .map(|v| {
                Block {
                    lines: &v.lines,
                    titled: true,
                }
                .extent()
            })
            .collect();
        let mut sizes = Sizes {
            vertices,
            frames: vec![(0.0, 0.0); graph.frames.len()],
        };
        // Innermost frames first: a frame's size follows from its members'.
        let mut order: Vec<usize> = (0..graph.frames.len()).collect();
        order.sort_by_key(|&f| std::cmp::Reverse(graph.depth(End::Frame(f))));
        for f in order {
            sizes.frames[f] = sizes.column(graph, f);
        }
        sizes
    }

    fn of_end(&self, end: End) -> (f64, f64) {
        match end {
            End::Vertex(i) => self.vertices[i],
            End::Frame(f) => self.frames[f],
        }
    }

    /// The title, then the members one under the other.
    fn column(&self, graph: &Graph, frame: usize) -> (f64, f64) {
        let frame = &graph.frames[frame];
        let (title_width, title_height) = title_extent(&frame.lines);
        let members: Vec<(f64, f64)> = frame.members.iter().map(|&m| self.of_end(m)).collect();
        let width = members.iter().map(|m| m.0).fold(title_width, f64::max);
        let heights: f64 = members.iter().map(|m| m.1).sum();
        let gaps = MEMBER_GAP * members.len().saturating_sub(1) as f64;
        (
            width + 2.0 * FRAME_PAD,
            title_height + TITLE_GAP + heights + gaps + 2.0 * FRAME_PAD,
        )
    }
}

fn title_extent(lines: &[String]) -> (f64, f64) {
    Block {
        lines,
        titled: true,
    }
    .extent()
}

/// Places a frame at `outer`, its title at the top and its members centred below it.
fn stack(graph: &Graph, sizes: &Sizes, frame: usize, outer: Rect, placed: &mut Placed) {
    placed.frames[frame] = outer;
    let centre = outer.x + outer.width / 2.0;
    let (title_width, title_height) = title_extent(&graph.frames[frame].lines);
    placed.titles[frame] = Rect {
        x: centre - title_width / 2.0,
        y: outer.y + FRAME_PAD,
        width: title_width,
        height: title_height,
    };
    let mut top = outer.y + FRAME_PAD + title_height + TITLE_GAP;
    for &member in &graph.frames[frame].members {
        let (width, height) = sizes.of_end(member);
        let rect = Rect {
            x: centre - width / 2.0,
            y: top,
            width,
            height,
        };
        match member {
            End::Vertex(i) => placed.vertices[i] = rect,
            End::Frame(f) => stack(graph, sizes, f, rect, placed),
        }
        top += height + MEMBER_GAP;
    }
}

/// Puts the nodes on one row under the resources, whether constraints name them or not: a
/// vertex the picture does not draw, below every top-level resource and above every node,
/// location rule and fencing device. Its edges from resources weigh nothing, so resources stay
/// free to sit where their constraints pull them.
fn add_ground(graph: &Graph, layered: &mut Layered<NodeLabel, EdgeLabel>) {
    let ground = "ground:".to_string();
    layered.set_node(ground.clone(), Some(sized(0.0, 0.0)));
    let weightless = EdgeLabel {
        weight: 0,
        ..EdgeLabel::default()
    };
    let vertices = graph
        .vertices
        .iter()
        .filter(|v| v.parent.is_none())
        .map(|v| (&v.key, v.kind));
    let frames = graph
        .frames
        .iter()
        .filter(|f| f.parent.is_none())
        .map(|f| (&f.key, VertexKind::Primitive));
    for (index, (key, kind)) in vertices.chain(frames).enumerate() {
        let name = format!("ground-{index}");
        match kind {
            VertexKind::Node | VertexKind::Rule | VertexKind::FencingDevice => {
                layered.set_edge(&ground, key, Some(EdgeLabel::default()), Some(&name));
            }
            VertexKind::Primitive
            | VertexKind::SetConstraint
            | VertexKind::Front
            | VertexKind::Ticket => {
                layered.set_edge(key, &ground, Some(weightless.clone()), Some(&name));
            }
        }
    }
}

/// The top-level boxes an edge runs between: an end inside a frame is drawn at its outermost
/// frame. `None` for a group's start order, drawn inside its frame, and for an edge whose ends
/// share a frame.
fn laid_out_ends(graph: &Graph, index: usize) -> Option<(String, String)> {
    let edge = &graph.edges[index];
    if edge.kind == EdgeKind::GroupOrder {
        return None;
    }
    let (mut from, mut to) = (outermost(graph, edge.from), outermost(graph, edge.to));
    if upward(graph, index) {
        std::mem::swap(&mut from, &mut to);
    }
    (from != to).then(|| (graph.key(from).to_string(), graph.key(to).to_string()))
}

/// Whether an edge is laid out from its end to its start. A colocation points from the
/// resource placed to the one it is placed with, which an order then usually starts first:
/// laid out the other way round, both put what is depended on above what depends on it, and
/// the pair of them forms no cycle for the layout to break.
fn upward(graph: &Graph, index: usize) -> bool {
    let edge = &graph.edges[index];
    let from_set = matches!(
        edge.from,
        End::Vertex(i) if graph.vertices[i].kind == VertexKind::SetConstraint
    );
    edge.kind == EdgeKind::Colocation && !from_set
}

fn outermost(graph: &Graph, end: End) -> End {
    graph.ancestors(end).last().map_or(end, |&f| End::Frame(f))
}

/// The path and label box of every edge: a group's start order straight down between
/// members, every other edge through dagre's waypoints by [`route::route`].
fn routes(graph: &Graph, layered: &Layered<NodeLabel, EdgeLabel>, placed: &Placed) -> Vec<Route> {
    let rect = |end| match end {
        End::Vertex(i) => placed.vertices[i],
        End::Frame(f) => placed.frames[f],
    };
    let mut legs = Vec::new();
    let mut routes: Vec<Route> = graph
        .edges
        .iter()
        .enumerate()
        .map(|(index, edge)| {
            if edge.kind == EdgeKind::GroupOrder {
                let (above, below) = (rect(edge.from), rect(edge.to));
                let points = vec![
                    Point {
                        x: above.x + above.width / 2.0,
                        y: above.bottom(),
                    },
                    Point {
                        x: below.x + below.width / 2.0,
                        y: below.y,
                    },
                ];
                return Route {
                    points,
                    label: None,
                };
            }
            let ends = laid_out_ends(graph, index);
            let laid = ends
                .as_ref()
                .and_then(|(from, to)| layered.edge(from, to, Some(&edge_name(index))));
            let (Some(laid), Some((from, to))) = (laid, ends) else {
                return Route {
                    points: Vec::new(),
                    label: None,
                };
            };
            let top = |key: &str| layered.node(key).map_or(EMPTY, rect_of);
            // The first and last points are where dagre met the boxes' borders.
            let inner = match laid.points.len() {
                0..=2 => &[][..],
                n => &laid.points[1..n - 1],
            };
            let via = inner.iter().map(|p| Point { x: p.x, y: p.y }).collect();
            legs.push((
                index,
                route::Leg {
                    from: top(&from),
                    to: top(&to),
                    via,
                },
            ));
            let label = match (edge.label.is_empty(), laid.x, laid.y) {
                (false, Some(x), Some(y)) => Some(Rect::centered(x, y, laid.width, laid.height)),
                _ => None,
            };
            Route {
                points: Vec::new(),
                label,
            }
        })
        .collect();
    let vertices =
        (graph.vertices.iter().zip(&placed.vertices)).filter(|(v, _)| v.parent.is_none());
    let frames = (graph.frames.iter().zip(&placed.frames)).filter(|(f, _)| f.parent.is_none());
    let boxes: Vec<Rect> = vertices
        .map(|(_, r)| *r)
        .chain(frames.map(|(_, r)| *r))
        .chain(routes.iter().filter_map(|r| r.label))
        .collect();
    let (indices, legs): (Vec<usize>, Vec<route::Leg>) = legs.into_iter().unzip();
    for (index, mut points) in indices.into_iter().zip(route::route(&legs, &boxes)) {
        if upward(graph, index) {
            points.reverse();
        }
        routes[index].points = points;
    }
    routes
}

const EMPTY: Rect = Rect {
    x: 0.0,
    y: 0.0,
    width: 0.0,
    height: 0.0,
};

/// Moves everything so the drawing's top-left corner is at (0, 0) and records its size.
fn normalize(placed: &mut Placed) {
    let mut corners: Vec<Point> = Vec::new();
    let rects = placed
        .vertices
        .iter()
        .chain(&placed.frames)
        .chain(placed.edges.iter().filter_map(|e| e.label.as_ref()));
    for r in rects {
        corners.push(Point { x: r.x, y: r.y });
        corners.push(Point {
            x: r.right(),
            y: r.bottom(),
        });
    }
    corners.extend(placed.edges.iter().flat_map(|e| e.points.iter().copied()));
    let min_x = corners.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
    let min_y = corners.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
    let max_x = corners
        .iter()
        .map(|p| p.x)
        .fold(f64::NEG_INFINITY, f64::max);
    let max_y = corners
        .iter()
        .map(|p| p.y)
        .fold(f64::NEG_INFINITY, f64::max);
    if !min_x.is_finite() || !min_y.is_finite() {
        return;
    }
    let shift = |r: &mut Rect| {
        r.x -= min_x;
        r.y -= min_y;
    };
    placed.vertices.iter_mut().for_each(shift);
    placed.frames.iter_mut().for_each(shift);
    placed.titles.iter_mut().for_each(shift);
    for edge in &mut placed.edges {
        edge.label.iter_mut().for_each(shift);
        for p in &mut edge.points {
            p.x -= min_x;
            p.y -= min_y;
        }
    }
    placed.width = max_x - min_x;
    placed.height = max_y - min_y;
}

fn sized(width: f64, height: f64) -> NodeLabel {
    NodeLabel {
        width,
        height,
        ..NodeLabel::default()
    }
}

fn rect_of(node: &NodeLabel) -> Rect {
    Rect::centered(
        node.x.unwrap_or(0.0),
        node.y.unwrap_or(0.0),
        node.width,
        node.height,
    )
}

fn edge_name(index: usize) -> String {
    format!("edge-{index}")
}
