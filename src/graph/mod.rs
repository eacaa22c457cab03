//! `hacc graph`: a picture of a checked cluster. The spec becomes an abstract [`Graph`]
//! (nodes, resources framed by their groups and clones, constraints, fencing levels, the
//! front), which one writer per format draws: SVG laid out by hacc itself, or DOT. Drawn over
//! a running cluster, each node and resource also shows its state now.

mod build;
mod constraints;
mod dot;
mod from_spec;
mod geometry;
mod layout;
mod model;
mod observed;
mod route;
mod style;
mod svg;
mod text;
mod tickets;

pub use from_spec::build_graph;
pub use model::{End, Graph, State};
pub use observed::{Instance, NodeState, Observed, overlay};

use crate::model::Checked;

/// The formats `hacc graph` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A picture, laid out and drawn by hacc
    Svg,
    /// Graphviz's language, with groups and clones as clusters
    Dot,
}

/// The graph of a checked spec in `format`; the same spec gives the same bytes every time.
pub fn render(checked: &Checked, format: Format) -> String {
    write(&build_graph(checked.cluster()), format)
}

/// The graph of a checked spec with what its running cluster reports drawn over it.
pub fn render_observed(checked: &Checked, observed: &Observed, format: Format) -> String {
    let mut graph = build_graph(checked.cluster());
    overlay(&mut graph, observed);
    write(&graph, format)
}

fn write(graph: &Graph, format: Format) -> String {
    match format {
        Format::Svg => svg::write(graph),
        Format::Dot => dot::write(graph),
    }
}
