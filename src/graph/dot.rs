//! The DOT writer, for Graphviz and the tools that read its language: vertices as boxes,
//! groups and clones as `subgraph cluster_<id>`, an edge to or from a frame drawn to its
//! border with `lhead`/`ltail` (Graphviz connects nodes only, so it names a member).

use super::model::{EdgeKind, End, Graph};
use super::style::{self, BoxStyle};
use super::text::FONT_FAMILY;
use std::fmt::Write as _;

pub(super) fn write(graph: &Graph) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(&graph.name));
    let font = quote(FONT_FAMILY.split(',').next().unwrap_or("monospace"));
    let _ = writeln!(
        out,
        "  graph [compound=true, rankdir=TB, fontname={font}, labelloc=t, label={}];",
        quote(&match &graph.now {
            Some(now) => format!("cluster {} ({now})", graph.name),
            None => format!("cluster {}", graph.name),
        })
    );
    let _ = writeln!(out, "  node [shape=box, fontname={font}, fontsize=11];");
    let _ = writeln!(out, "  edge [fontname={font}, fontsize=10];");
    for (index, frame) in graph.frames.iter().enumerate() {
        if frame.parent.is_none() {
            write_frame(&mut out, graph, index, 1);
        }
    }
    for (index, vertex) in graph.vertices.iter().enumerate() {
        if vertex.parent.is_none() {
            write_vertex(&mut out, graph, index, 1);
        }
    }
    for edge in &graph.edges {
        let (Some(from), Some(to)) = (graph.leaf(edge.from, true), graph.leaf(edge.to, false))
        else {
            continue;
        };
        let line = style::edge(edge.kind);
        let mut attributes = vec![format!("color={}", quote(line.color))];
        match edge.kind {
            EdgeKind::Fencing | EdgeKind::GroupOrder => attributes.push("style=dotted".into()),
            _ if line.dash.is_some() => attributes.push("style=dashed".into()),
            _ => {}
        }
        if !edge.label.is_empty() {
            attributes.push(format!("label={}", quote(&edge.label.join("\n"))));
            attributes.push(format!("fontcolor={}", quote(line.color)));
        }
        if let End::Frame(f) = edge.from {
            attributes.push(format!("ltail={}", quote(&cluster_name(graph, f))));
        }
        if let End::Frame(f) = edge.to {
            attributes.push(format!("lhead={}", quote(&cluster_name(graph, f))));
        }
        let _ = writeln!(
            out,
            "  {} -> {} [{}];",
            quote(&graph.vertices[from].key),
            quote(&graph.vertices[to].key),
            attributes.join(", ")
        );
    }
    out.push_str("}\n");
    out
}

fn write_frame(out: &mut String, graph: &Graph, index: usize, depth: usize) {
    let frame = &graph.frames[index];
    let indent = "  ".repeat(depth);
    let _ = writeln!(
        out,
        "{indent}subgraph {} {{",
        quote(&cluster_name(graph, index))
    );
    let _ = writeln!(
        out,
        "{indent}  label={}; {}",
        quote(&frame.lines.join("\n")),
        box_attributes(&style::painted(style::frame(frame.kind), frame.state)).join("; ") + ";"
    );
    for &member in &frame.members {
        match member {
            End::Frame(f) => write_frame(out, graph, f, depth + 1),
            End::Vertex(v) => write_vertex(out, graph, v, depth + 1),
        }
    }
    let _ = writeln!(out, "{indent}}}");
}

fn write_vertex(out: &mut String, graph: &Graph, index: usize, depth: usize) {
    let vertex = &graph.vertices[index];
    let mut attributes = vec![format!("label={}", quote(&vertex.lines.join("\n")))];
    attributes.extend(box_attributes(&style::painted(
        style::vertex(vertex.kind),
        vertex.state,
    )));
    let _ = writeln!(
        out,
        "{}{} [{}];",
        "  ".repeat(depth),
        quote(&vertex.key),
        attributes.join(", ")
    );
}

fn box_attributes(style: &BoxStyle) -> Vec<String> {
    let mut styles = vec!["filled"];
    if style.rounded {
        styles.push("rounded");
    }
    if style.dash.is_some() {
        styles.push("dashed");
    }
    let mut attributes = vec![
        format!("style={}", quote(&styles.join(","))),
        format!("fillcolor={}", quote(style.fill)),
        format!("color={}", quote(style.stroke)),
    ];
    // Graphviz's default pen is the spec's stroke; only a state's wider one is written.
    if style.width > style::STROKE {
        attributes.push(format!("penwidth={}", style.width));
    }
    attributes
}

/// Graphviz draws a subgraph as a box only when its name starts with `cluster`.
fn cluster_name(graph: &Graph, frame: usize) -> String {
    let key = &graph.frames[frame].key;
    format!("cluster_{}", key.strip_prefix("rsc:").unwrap_or(key))
}

/// A DOT double-quoted string: quotes and backslashes escaped (a lone backslash would start an
/// escape of Graphviz's own, such as `\N`), line breaks as `\n`, other control characters as
/// spaces.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quoting_keeps_graphviz_escapes_out() {
        assert_eq!(quote(r#"a"b\N"#), r#""a\"b\\N""#);
        assert_eq!(quote("one\ntwo\tthree"), r#""one\ntwo three""#);
    }
}
