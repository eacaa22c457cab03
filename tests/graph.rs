//! `hacc graph`: the SVG as a reader's tools take it (xmllint, rsvg), its text and geometry,
//! the DOT as Graphviz reads it, and the command line.

use crate::common;

use hacc::graph::{End, Format, build_graph, render};
use hacc::model::{Checked, Constraint};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every example, and a spec with every kind of thing the graph draws.
fn specs() -> Vec<(String, PathBuf)> {
    let mut specs = common::example_specs();
    specs.push((
        "everything".to_string(),
        common::root().join("tests/specs/graph/everything.kdl"),
    ));
    specs
}

fn svg_of(spec: &Path) -> (Checked, String) {
    let checked = common::checked(spec);
    let svg = render(&checked, Format::Svg);
    (checked, svg)
}

/// The names a picture of the spec must show: nodes, resources, constraints and tickets.
fn names(checked: &Checked) -> Vec<String> {
    let cluster = checked.cluster();
    let nodes = cluster.nodes.iter().map(|n| n.name.value.clone());
    let resources = cluster.resources.iter().map(|r| r.id().value.clone());
    let constraints = cluster
        .constraints
        .iter()
        .map(|c: &Constraint| c.id().value.clone());
    let tickets = cluster
        .tickets
        .iter()
        .flat_map(|t| [t.id.value.clone(), format!("ticket {}", t.ticket.value)]);
    nodes
        .chain(resources)
        .chain(constraints)
        .chain(tickets)
        .collect()
}

#[test]
fn every_svg_is_well_formed_for_xmllint() {
    if !common::have_tool("xmllint") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, spec) in specs() {
        let (_, svg) = svg_of(&spec);
        let file = dir.path().join(format!("{name}.svg"));
        std::fs::write(&file, svg).unwrap();
        let out = Command::new("xmllint")
            .arg("--noout")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn every_svg_names_each_node_resource_and_constraint_in_a_text_element() {
    for (name, spec) in specs() {
        let (checked, svg) = svg_of(&spec);
        let document = roxmltree::Document::parse(&svg).unwrap();
        let texts: Vec<String> = document
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect();
        for wanted in names(&checked) {
            // A box's or label's line is the name itself; a frame's title ends with it.
            let shown = texts
                .iter()
                .any(|t| t == &wanted || t.ends_with(&format!(" {wanted}")));
            assert!(shown, "{name}: `{wanted}` is not named in the SVG");
        }
    }
}

/// The rectangle of every element with a `data-key`, as drawn.
fn rects(svg: &str, class: &str) -> BTreeMap<String, [f64; 4]> {
    let document = roxmltree::Document::parse(svg).unwrap();
    document
        .descendants()
        .filter(|n| n.attribute("class") == Some(class))
        .map(|g| {
            let rect = g.children().find(|c| c.has_tag_name("rect")).unwrap();
            let number = |a: &str| rect.attribute(a).unwrap().parse::<f64>().unwrap();
            let key = g.attribute("data-key").unwrap().to_string();
            (
                key,
                [number("x"), number("y"), number("width"), number("height")],
            )
        })
        .collect()
}

fn inside(inner: [f64; 4], outer: [f64; 4]) -> bool {
    inner[0] >= outer[0]
        && inner[1] >= outer[1]
        && inner[0] + inner[2] <= outer[0] + outer[2]
        && inner[1] + inner[3] <= outer[1] + outer[3]
}

fn overlap(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3]
}

#[test]
fn frames_are_drawn_around_their_members_and_nothing_else_overlaps() {
    for (name, spec) in specs() {
        let (checked, svg) = svg_of(&spec);
        let graph = build_graph(checked.cluster());
        let vertices = rects(&svg, "vertex");
        let frames = rects(&svg, "frame");
        assert_eq!(vertices.len(), graph.vertices.len(), "{name}");
        assert_eq!(frames.len(), graph.frames.len(), "{name}");
        let drawn = |end: End| match end {
            End::Vertex(i) => vertices[&graph.vertices[i].key],
            End::Frame(f) => frames[&graph.frames[f].key],
        };
        for frame in &graph.frames {
            assert!(
                !frame.members.is_empty(),
                "{name}: `{}` is empty",
                frame.key
            );
            for &member in &frame.members {
                assert!(
                    inside(drawn(member), frames[&frame.key]),
                    "{name}: `{}` is drawn outside `{}`",
                    graph.key(member),
                    frame.key
                );
            }
        }
        // Boxes that are not inside one another never overlap: members of different frames,
        // top-level boxes, and edge labels against all of them.
        let mut boxes: Vec<(String, [f64; 4])> = (0..graph.vertices.len())
            .map(|i| (graph.vertices[i].key.clone(), drawn(End::Vertex(i))))
            .chain(
                (0..graph.frames.len())
                    .map(|f| (graph.frames[f].key.clone(), drawn(End::Frame(f)))),
            )
            .collect();
        let document = roxmltree::Document::parse(&svg).unwrap();
        for (i, label) in document
            .descendants()
            .filter(|n| n.attribute("class") == Some("label"))
            .enumerate()
        {
            let rect = label.children().find(|c| c.has_tag_name("rect")).unwrap();
            let n = |a: &str| rect.attribute(a).unwrap().parse::<f64>().unwrap();
            boxes.push((
                format!("label {i}"),
                [n("x"), n("y"), n("width"), n("height")],
            ));
        }
        for (a, (key_a, rect_a)) in boxes.iter().enumerate() {
            for (key_b, rect_b) in &boxes[a + 1..] {
                if inside(*rect_a, *rect_b) || inside(*rect_b, *rect_a) {
                    continue;
                }
                assert!(
                    !overlap(*rect_a, *rect_b),
                    "{name}: `{key_a}` and `{key_b}` overlap"
                );
            }
        }
    }
}

#[test]
fn every_svg_renders_to_a_png_with_rsvg() {
    if !common::have_tool("rsvg-convert") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, spec) in specs() {
        let (_, svg) = svg_of(&spec);
        let input = dir.path().join(format!("{name}.svg"));
        let output = dir.path().join(format!("{name}.png"));
        std::fs::write(&input, &svg).unwrap();
        let run = Command::new("rsvg-convert")
            .arg(&input)
            .arg("-o")
            .arg(&output)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let png = std::fs::read(&output).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{name}: not a PNG");
        // The IHDR chunk holds the width and height; they are the SVG's, rounded.
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let document = roxmltree::Document::parse(&svg).unwrap();
        let svg_width: f64 = document
            .root_element()
            .attribute("width")
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(f64::from(width), svg_width.ceil(), "{name}: PNG width");
    }
}

#[test]
fn graphviz_reads_the_dot_with_groups_and_clones_as_clusters_around_their_members() {
    if !common::have_tool("dot") {
        return;
    }
    for (name, spec) in specs() {
        let checked = common::checked(&spec);
        let graph = build_graph(checked.cluster());
        let dot = render(&checked, Format::Dot);
        let mut child = Command::new("dot")
            .arg("-Tjson")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write as _;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(dot.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{name}: dot refused the DOT: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let objects = json["objects"].as_array().unwrap();
        let object_name = |i: &serde_json::Value| {
            objects[i.as_u64().unwrap() as usize]["name"]
                .as_str()
                .unwrap()
                .to_string()
        };
        for frame in &graph.frames {
            let id = frame.key.strip_prefix("rsc:").unwrap();
            let cluster = objects
                .iter()
                .find(|o| o["name"] == format!("cluster_{id}"))
                .unwrap_or_else(|| panic!("{name}: no cluster for `{id}`"));
            let held: Vec<String> = cluster["nodes"]
                .as_array()
                .map(|nodes| nodes.iter().map(object_name).collect())
                .unwrap_or_default();
            for i in 0..graph.vertices.len() {
                let within = graph.ancestors(End::Vertex(i)).contains(
                    &graph
                        .frames
                        .iter()
                        .position(|f| f.key == frame.key)
                        .unwrap(),
                );
                assert_eq!(
                    held.contains(&graph.vertices[i].key),
                    within,
                    "{name}: `{}` in cluster_{id}",
                    graph.vertices[i].key
                );
            }
        }
        let edges = json["edges"].as_array().map_or(0, |e| e.len());
        assert_eq!(
            edges,
            graph.edges.len(),
            "{name}: every edge reaches Graphviz"
        );
    }
}

fn hacc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hacc"))
        .args(args)
        .current_dir(common::root())
        .output()
        .unwrap()
}

#[test]
fn the_command_prints_svg_by_default_and_writes_dot_to_a_file() {
    let spec = "examples/web/cluster.kdl";
    let checked = common::checked(&common::root().join(spec));
    let out = hacc(&["graph", spec]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        render(&checked, Format::Svg)
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("web.dot");
    let out = hacc(&[
        "graph",
        spec,
        "--format",
        "dot",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "nothing on stdout with -o");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        render(&checked, Format::Dot)
    );
}

#[test]
fn an_invalid_spec_gets_its_diagnostics_and_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("graph.svg");
    let out = hacc(&[
        "graph",
        "examples/errors/E0203-unknown-reference.kdl",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("E0203"), "{stderr}");
    assert!(!file.exists());
    assert_eq!(hacc(&["graph", "no/such/spec.kdl"]).status.code(), Some(1));
}

#[test]
fn utilization_set_options_and_pattern_matches_are_drawn() {
    let (_, svg) = svg_of(&common::root().join("tests/specs/graph/everything.kdl"));
    let dot = render(
        &common::checked(&common::root().join("tests/specs/graph/everything.kdl")),
        Format::Dot,
    );
    for text in [
        "capacity cpu 4, memory 4096",
        "capacity by rule: n1-upgraded",
        "uses cpu 1",
        "ordering listed",
        "set score -50",
    ] {
        assert!(svg.contains(text), "{text} not in the SVG");
        assert!(dot.contains(text), "{text} not in the DOT:\n{dot}");
    }
    // The pattern places the two top-level clones, not `ping-group` inside one of them.
    let by_pattern: Vec<&str> = dot
        .lines()
        .filter(|l| l.contains("rsc-pattern -clone$"))
        .collect();
    assert_eq!(by_pattern.len(), 2, "{by_pattern:#?}");
    for clone in ["ping-clone", "stateful-clone"] {
        assert!(
            by_pattern.iter().any(|l| l.contains(clone)),
            "no edge to {clone}: {by_pattern:#?}"
        );
    }
}
