//! Colours and strokes, shared by the SVG and DOT writers so both pictures read alike.

use super::model::{EdgeKind, FrameKind, State, VertexKind};

/// How a box is painted.
#[derive(Clone, Copy)]
pub(super) struct BoxStyle {
    pub fill: &'static str,
    pub stroke: &'static str,
    /// An SVG `stroke-dasharray`; `None` for a solid line.
    pub dash: Option<&'static str>,
    pub rounded: bool,
    /// The stroke's width; wider when it shows a running cluster's state.
    pub width: f64,
}

/// The width of every stroke drawn from the spec alone.
pub(super) const STROKE: f64 = 1.2;

/// How an edge is painted.
pub(super) struct LineStyle {
    pub color: &'static str,
    pub dash: Option<&'static str>,
    pub width: f64,
    /// The legend's word for it; `None` keeps it out of the legend.
    pub legend: Option<&'static str>,
}

pub(super) fn vertex(kind: VertexKind) -> BoxStyle {
    let (fill, stroke, dash, rounded) = match kind {
        VertexKind::Node => ("#e6eef8", "#3b5f8f", None, false),
        VertexKind::Primitive => ("#ffffff", "#333333", None, true),
        VertexKind::FencingDevice => ("#fbe9e7", "#b71c1c", None, true),
        VertexKind::Rule => ("#fffbe6", "#8d7b2b", None, false),
        VertexKind::SetConstraint => ("#f5f5f5", "#555555", Some("4 3"), true),
        VertexKind::Front => ("#eaf6ea", "#2e7d32", None, false),
        VertexKind::Ticket => ("#fff3e0", "#ad5700", Some("2 2"), false),
    };
    BoxStyle {
        fill,
        stroke,
        dash,
        rounded,
        width: STROKE,
    }
}

pub(super) fn frame(kind: FrameKind) -> BoxStyle {
    let (fill, stroke, dash) = match kind {
        FrameKind::Group => ("#f3f6fb", "#5b7db1", None),
        FrameKind::Clone => ("#f6f1fb", "#7e57c2", Some("6 3")),
    };
    BoxStyle {
        fill,
        stroke,
        dash,
        rounded: true,
        width: STROKE,
    }
}

/// A box painted in its observed state: green when running or online, grey and dashed when
/// stopped or offline, red when failed, amber in standby. Its shape stays its kind's.
pub(super) fn observed(base: BoxStyle, state: State) -> BoxStyle {
    let (fill, stroke, dash) = match state {
        State::Running | State::Online => ("#e8f5e9", "#2e7d32", base.dash),
        State::Stopped | State::Offline => ("#eeeeee", "#8a8a8a", Some("4 3")),
        State::Failed => ("#ffebee", "#c62828", None),
        State::Standby => ("#fff3e0", "#ad5700", Some("4 3")),
    };
    BoxStyle {
        fill,
        stroke,
        dash,
        rounded: base.rounded,
        width: 2.4,
    }
}

/// A box's style: its kind's, or its observed state's when it has one.
pub(super) fn painted(base: BoxStyle, state: Option<State>) -> BoxStyle {
    match state {
        Some(state) => observed(base, state),
        None => base,
    }
}

/// Every edge kind, in the legend's order.
pub(super) const EDGE_KINDS: [EdgeKind; 7] = [
    EdgeKind::Location,
    EdgeKind::Colocation,
    EdgeKind::Order,
    EdgeKind::Fencing,
    EdgeKind::GroupOrder,
    EdgeKind::Front,
    EdgeKind::Ticket,
];

pub(super) fn edge(kind: EdgeKind) -> LineStyle {
    let (color, dash, width, legend) = match kind {
        EdgeKind::Location => ("#1565c0", Some("6 4"), 1.4, Some("location")),
        EdgeKind::Colocation => ("#2e7d32", None, 1.6, Some("colocation")),
        EdgeKind::Order => ("#e65100", None, 1.6, Some("order")),
        EdgeKind::Fencing => ("#b71c1c", Some("2 3"), 1.6, Some("fencing")),
        EdgeKind::GroupOrder => ("#8a8a8a", Some("3 3"), 1.0, Some("group order")),
        EdgeKind::Front => ("#555555", None, 1.2, Some("traffic")),
        EdgeKind::Ticket => ("#ad5700", Some("1 3"), 1.6, Some("ticket")),
    };
    LineStyle {
        color,
        dash,
        width,
        legend,
    }
}

/// The name writers use for a kind (SVG `data-kind`, DOT comments).
pub(super) fn edge_name(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Location => "location",
        EdgeKind::Colocation => "colocation",
        EdgeKind::Order => "order",
        EdgeKind::Fencing => "fencing",
        EdgeKind::GroupOrder => "group-order",
        EdgeKind::Front => "front",
        EdgeKind::Ticket => "ticket",
    }
}

pub(super) fn vertex_name(kind: VertexKind) -> &'static str {
    match kind {
        VertexKind::Node => "node",
        VertexKind::Primitive => "primitive",
        VertexKind::FencingDevice => "fencing-device",
        VertexKind::Rule => "rule",
        VertexKind::SetConstraint => "set-constraint",
        VertexKind::Front => "front",
        VertexKind::Ticket => "ticket",
    }
}

pub(super) fn frame_name(kind: FrameKind) -> &'static str {
    match kind {
        FrameKind::Group => "group",
        FrameKind::Clone => "clone",
    }
}
