//! The SVG writer: the laid-out graph under a heading, with a legend of the edge kinds used.
//!
//! Every name is drawn as a `<text>` of its own, so a reader (or a test) finds each node,
//! resource and constraint by its text. Elements carry `data-kind` and `data-key` for tools.

use super::geometry::{Point, Rect};
use super::layout::{Placed, place};
use super::model::{Graph, VertexKind};
use super::style::{self, BoxStyle, EDGE_KINDS};
use super::text::{self, Block, DETAIL_SIZE, FONT_FAMILY, TITLE_SIZE};
use crate::cib::xml::escape_attr;
use std::fmt::Write as _;

/// Room around the drawing.
const MARGIN: f64 = 20.0;
/// Height of the heading line above the drawing.
const HEADING: f64 = 34.0;
/// Height of the legend below the drawing.
const LEGEND: f64 = 34.0;
/// Length of a legend's line sample.
const SAMPLE: f64 = 30.0;

pub(super) fn write(graph: &Graph) -> String {
    let placed = place(graph);
    let heading = match &graph.now {
        Some(now) => format!("cluster {} ({now})", graph.name),
        None => format!("cluster {}", graph.name),
    };
    let legend = legend_items(graph);
    let legend_width: f64 = legend.iter().map(|(_, w)| w).sum();
    let width = placed
        .width
        .max(text::width(&heading, TITLE_SIZE + 2.0))
        .max(legend_width)
        + 2.0 * MARGIN;
    let height = placed.height + HEADING + LEGEND + 2.0 * MARGIN;
    let origin = Point {
        x: MARGIN,
        y: MARGIN + HEADING,
    };
    let mut out = String::new();
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}">"#,
        w = num(width),
        h = num(height),
    );
    let _ = writeln!(out, "<title>{}</title>", escape_attr(&heading));
    markers(&mut out);
    let _ = writeln!(
        out,
        r##"<rect class="background" width="{}" height="{}" fill="#ffffff"/>"##,
        num(width),
        num(height)
    );
    text_line(
        &mut out,
        "heading",
        Point {
            x: MARGIN,
            y: MARGIN + TITLE_SIZE + 2.0,
        },
        &heading,
        TITLE_SIZE + 2.0,
        true,
        "start",
    );
    frames(&mut out, graph, &placed, origin);
    edges(&mut out, graph, &placed, origin);
    vertices(&mut out, graph, &placed, origin);
    labels(&mut out, graph, &placed, origin);
    legend_row(&mut out, &legend, MARGIN, height - MARGIN - LEGEND / 2.0);
    out.push_str("</svg>\n");
    out
}

fn markers(out: &mut String) {
    out.push_str("<defs>\n");
    for kind in EDGE_KINDS {
        let line = style::edge(kind);
        let _ = writeln!(
            out,
            r#"<marker id="arrow-{}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker>"#,
            style::edge_name(kind),
            line.color
        );
    }
    out.push_str("</defs>\n");
}

/// Frames outermost first, so inner ones are painted over their parents.
fn frames(out: &mut String, graph: &Graph, placed: &Placed, origin: Point) {
    let mut order: Vec<usize> = (0..graph.frames.len()).collect();
    order.sort_by_key(|&i| graph.depth(super::model::End::Frame(i)));
    for i in order {
        let frame = &graph.frames[i];
        let _ = writeln!(
            out,
            r#"<g class="frame" data-kind="{}" data-key="{}"{}>"#,
            style::frame_name(frame.kind),
            escape_attr(&frame.key),
            state_attribute(frame.state)
        );
        shape(
            out,
            &moved(placed.frames[i], origin),
            &style::painted(style::frame(frame.kind), frame.state),
            8.0,
        );
        block(
            out,
            &moved(placed.titles[i], origin),
            &frame.lines,
            true,
            "frame-title",
        );
        out.push_str("</g>\n");
    }
}

fn edges(out: &mut String, graph: &Graph, placed: &Placed, origin: Point) {
    for (edge, route) in graph.edges.iter().zip(&placed.edges) {
        if route.points.len() < 2 {
            continue;
        }
        let name = style::edge_name(edge.kind);
        let line = style::edge(edge.kind);
        let points: Vec<Point> = route.points.iter().map(|&p| shifted(p, origin)).collect();
        let dash = line
            .dash
            .map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            r#"<g class="edge" data-kind="{name}" data-from="{}" data-to="{}"><path d="{}" fill="none" stroke="{}" stroke-width="{}"{dash} marker-end="url(#arrow-{name})"/></g>"#,
            escape_attr(graph.key(edge.from)),
            escape_attr(graph.key(edge.to)),
            path_data(&points),
            line.color,
            num(line.width),
        );
    }
}

fn vertices(out: &mut String, graph: &Graph, placed: &Placed, origin: Point) {
    for (vertex, rect) in graph.vertices.iter().zip(&placed.vertices) {
        let _ = writeln!(
            out,
            r#"<g class="vertex" data-kind="{}" data-key="{}"{}>"#,
            style::vertex_name(vertex.kind),
            escape_attr(&vertex.key),
            state_attribute(vertex.state)
        );
        let rect = moved(*rect, origin);
        let radius = if vertex.kind == VertexKind::Node {
            2.0
        } else {
            6.0
        };
        shape(
            out,
            &rect,
            &style::painted(style::vertex(vertex.kind), vertex.state),
            radius,
        );
        block(out, &rect, &vertex.lines, true, "vertex-text");
        out.push_str("</g>\n");
    }
}

/// Edge labels last, on a light background, so lines and boxes never hide them.
fn labels(out: &mut String, graph: &Graph, placed: &Placed, origin: Point) {
    for (edge, route) in graph.edges.iter().zip(&placed.edges) {
        let Some(rect) = route.label else {
            continue;
        };
        let rect = moved(rect, origin);
        let _ = writeln!(
            out,
            r#"<g class="label" data-kind="{}">"#,
            style::edge_name(edge.kind)
        );
        let _ = writeln!(
            out,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="#ffffff" fill-opacity="0.9" stroke="{}" stroke-width="0.6"/>"##,
            num(rect.x),
            num(rect.y),
            num(rect.width),
            num(rect.height),
            style::edge(edge.kind).color,
        );
        block(out, &rect, &edge.label, false, "label-text");
        out.push_str("</g>\n");
    }
}

/// The legend's entries, each with the width it takes: only the kinds the graph has.
fn legend_items(graph: &Graph) -> Vec<(super::model::EdgeKind, f64)> {
    EDGE_KINDS
        .into_iter()
        .filter(|&kind| graph.edges.iter().any(|e| e.kind == kind))
        .filter_map(|kind| {
            let word = style::edge(kind).legend?;
            Some((kind, SAMPLE + 6.0 + text::width(word, DETAIL_SIZE) + 18.0))
        })
        .collect()
}

fn legend_row(out: &mut String, items: &[(super::model::EdgeKind, f64)], x: f64, y: f64) {
    if items.is_empty() {
        return;
    }
    out.push_str("<g class=\"legend\">\n");
    let mut left = x;
    for &(kind, width) in items {
        let line = style::edge(kind);
        let dash = line
            .dash
            .map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default();
        let name = style::edge_name(kind);
        let _ = writeln!(
            out,
            r#"<path d="M{} {} L{} {}" stroke="{}" stroke-width="{}"{dash} marker-end="url(#arrow-{name})"/>"#,
            num(left),
            num(y),
            num(left + SAMPLE),
            num(y),
            line.color,
            num(line.width),
        );
        text_line(
            out,
            "legend-text",
            Point {
                x: left + SAMPLE + 6.0,
                y: y + DETAIL_SIZE * 0.35,
            },
            line.legend.unwrap_or(name),
            DETAIL_SIZE,
            false,
            "start",
        );
        left += width;
    }
    out.push_str("</g>\n");
}

fn shape(out: &mut String, rect: &Rect, style: &BoxStyle, radius: f64) {
    let rx = if style.rounded { radius } else { 0.0 };
    let dash = style
        .dash
        .map(|d| format!(r#" stroke-dasharray="{d}""#))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="{}" stroke-width="{}"{dash}/>"#,
        num(rect.x),
        num(rect.y),
        num(rect.width),
        num(rect.height),
        num(rx),
        style.fill,
        style.stroke,
        num(style.width),
    );
}

/// ` data-state="running"` for a box drawn over a running cluster, nothing otherwise.
fn state_attribute(state: Option<super::model::State>) -> String {
    state
        .map(|s| format!(r#" data-state="{}""#, s.name()))
        .unwrap_or_default()
}

/// Lines centred in `rect`, the first as a title when `titled`.
fn block(out: &mut String, rect: &Rect, lines: &[String], titled: bool, class: &str) {
    let block = Block { lines, titled };
    let (_, height) = block.extent();
    // The block is centred vertically when its box is taller than it.
    let top = rect.y + (rect.height - height) / 2.0;
    let centre = rect.x + rect.width / 2.0;
    for (i, (line, baseline)) in lines.iter().zip(block.baselines()).enumerate() {
        let at = Point {
            x: centre,
            y: top + baseline,
        };
        text_line(
            out,
            class,
            at,
            line,
            block.size(i),
            titled && i == 0,
            "middle",
        );
    }
}

fn text_line(
    out: &mut String,
    class: &str,
    at: Point,
    line: &str,
    size: f64,
    bold: bool,
    anchor: &str,
) {
    let weight = if bold { r#" font-weight="bold""# } else { "" };
    let _ = writeln!(
        out,
        r##"<text class="{class}" x="{}" y="{}" font-size="{}"{weight} text-anchor="{anchor}" fill="#1a1a1a">{}</text>"##,
        num(at.x),
        num(at.y),
        num(size),
        escape_attr(line)
    );
}

/// A path through `points` with rounded corners; its last stretch is straight, so the arrow
/// head points along it.
fn path_data(points: &[Point]) -> String {
    let mut d = format!("M{} {}", num(points[0].x), num(points[0].y));
    for i in 1..points.len() - 1 {
        let (before, corner, after) = (points[i - 1], points[i], points[i + 1]);
        let radius = 14.0_f64
            .min(distance(before, corner) / 2.0)
            .min(distance(corner, after) / 2.0);
        let start = toward(corner, before, radius);
        let end = toward(corner, after, radius);
        let _ = write!(
            d,
            " L{} {} Q{} {} {} {}",
            num(start.x),
            num(start.y),
            num(corner.x),
            num(corner.y),
            num(end.x),
            num(end.y)
        );
    }
    let last = points[points.len() - 1];
    let _ = write!(d, " L{} {}", num(last.x), num(last.y));
    d
}

fn distance(a: Point, b: Point) -> f64 {
    (b.x - a.x).hypot(b.y - a.y)
}

/// The point `length` from `from` on the way to `to`.
fn toward(from: Point, to: Point, length: f64) -> Point {
    let d = distance(from, to);
    if d == 0.0 {
        return from;
    }
    Point {
        x: from.x + (to.x - from.x) * length / d,
        y: from.y + (to.y - from.y) * length / d,
    }
}

fn moved(rect: Rect, origin: Point) -> Rect {
    Rect {
        x: rect.x + origin.x,
        y: rect.y + origin.y,
        ..rect
    }
}

fn shifted(p: Point, origin: Point) -> Point {
    Point {
        x: p.x + origin.x,
        y: p.y + origin.y,
    }
}

/// A coordinate with one decimal, the same on every machine (no `-0.0`).
fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    format!("{rounded:.1}")
}
