//! Valid cluster specs of any size, for benchmarks. The same shape always gives the same bytes.
//!
//! Resources come in blocks of ten `ocf:pacemaker:Dummy` primitives: the first three form a
//! group, the fourth is cloned, the other six stand alone. Every primitive has a location
//! constraint on its outermost wrapper, and the groups are linked five at a time by order and
//! colocation chains.

use std::fmt::Write;

/// Addresses run from `.11` in a /24, and corosync is not meant for more.
pub const MAX_NODES: usize = 32;
/// Ids carry five digits.
pub const MAX_RESOURCES: usize = 99_999;
const BLOCK: usize = 10;
const GROUP_SIZE: usize = 3;
const CLONED_SLOT: usize = 3;
const CHAIN: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub resources: usize,
    pub nodes: usize,
    /// Gives one primitive ([`changed_resource`]) another `fake` parameter: the spec after a
    /// one-resource edit, for planning.
    pub changed: bool,
}

impl Shape {
    /// Why the shape cannot be generated, if it cannot.
    pub fn problem(&self) -> Option<String> {
        if !(2..=MAX_NODES).contains(&self.nodes) {
            return Some(format!(
                "nodes must be 2 to {MAX_NODES}, not {}",
                self.nodes
            ));
        }
        if !(1..=MAX_RESOURCES).contains(&self.resources) {
            return Some(format!(
                "resources must be 1 to {MAX_RESOURCES}, not {}",
                self.resources
            ));
        }
        None
    }
}

pub fn resource_id(index: usize) -> String {
    format!("rsc-{index:05}")
}

/// The primitive whose parameter differs when [`Shape::changed`] is set.
pub fn changed_resource(shape: &Shape) -> String {
    resource_id(shape.resources / 2)
}

fn node_name(index: usize) -> String {
    format!("node{:02}", index + 1)
}

fn group_id(block: usize) -> String {
    format!("grp-{block:05}")
}

fn clone_id(block: usize) -> String {
    format!("cln-{block:05}")
}

/// Whether the primitive at `index` belongs to its block's group.
fn grouped(index: usize) -> bool {
    index % BLOCK < GROUP_SIZE
}

/// What constraints on the primitive at `index` must name: its group, its clone or itself.
fn outermost(index: usize) -> String {
    let block = index / BLOCK;
    match index % BLOCK {
        slot if slot < GROUP_SIZE => group_id(block),
        CLONED_SLOT => clone_id(block),
        _ => resource_id(index),
    }
}

/// The spec text. Panics on a shape [`Shape::problem`] refuses.
pub fn generate(shape: &Shape) -> String {
    if let Some(problem) = shape.problem() {
        panic!("{problem}");
    }
    let mut out = String::with_capacity(shape.resources * 400);
    let _ = writeln!(
        out,
        "// Benchmark input: {} primitives on {} nodes.",
        shape.resources, shape.nodes
    );
    out.push_str("cluster \"bench\" {\n    network \"bench_net\" subnet=\"10.60.0.0/24\"\n\n");
    nodes(shape, &mut out);
    out.push_str(concat!(
        "    property \"stonith-enabled\" #false {\n",
        "        unsafe-acknowledged \"benchmark input: never deployed\"\n",
        "    }\n",
        "    rsc-defaults resource-stickiness=10\n\n",
    ));
    for index in 0..shape.resources {
        primitive(shape, index, &mut out);
    }
    wrappers(shape, &mut out);
    for index in 0..shape.resources {
        let _ = writeln!(
            out,
            "    location \"loc-{index:05}\" \"{}\" node=\"{}\" score={}",
            outermost(index),
            node_name(index % shape.nodes),
            10 + index % 90
        );
    }
    chains(shape, &mut out);
    out.push_str("}\n");
    out
}

fn nodes(shape: &Shape, out: &mut String) {
    for index in 0..shape.nodes {
        let _ = writeln!(
            out,
            "    node \"{}\" address=\"10.60.0.{}\"",
            node_name(index),
            11 + index
        );
    }
    // An even count needs a tie-breaker; two nodes need votequorum's two-node mode.
    let quorum = match shape.nodes {
        2 => Some("two-node=#true"),
        n if n % 2 == 0 => Some("auto-tie-breaker=#true"),
        _ => None,
    };
    if let Some(quorum) = quorum {
        let _ = writeln!(out, "    corosync {{\n        quorum {quorum}\n    }}");
    }
    out.push('\n');
}

fn primitive(shape: &Shape, index: usize, out: &mut String) {
    let id = resource_id(index);
    let fake = if shape.changed && index == shape.resources / 2 {
        "changed"
    } else {
        "initial"
    };
    let _ = writeln!(
        out,
        concat!(
            "    primitive \"{id}\" agent=\"ocf:pacemaker:Dummy\" {{\n",
            "        params state=\"/run/bench/{id}.state\" fake=\"{fake}\" op_sleep={sleep}\n",
            "        op \"monitor\" interval=\"{monitor}s\" timeout=\"20s\"\n",
            "        op \"start\" timeout=\"20s\"\n",
            "        op \"stop\" timeout=\"20s\"\n",
            "    }}"
        ),
        id = id,
        fake = fake,
        sleep = index % 3,
        monitor = 10 + index % 20,
    );
}

/// Groups and clones, after the primitives they wrap.
fn wrappers(shape: &Shape, out: &mut String) {
    for block in 0..shape.resources.div_ceil(BLOCK) {
        let first = block * BLOCK;
        let members: Vec<String> = (first..shape.resources)
            .take_while(|&index| grouped(index))
            .map(|index| format!("\"{}\"", resource_id(index)))
            .collect();
        let _ = writeln!(
            out,
            "    group \"{}\" {}",
            group_id(block),
            members.join(" ")
        );
        if first + CLONED_SLOT < shape.resources {
            let _ = writeln!(
                out,
                "    clone \"{}\" of=\"{}\" clone-max=2 interleave=#true",
                clone_id(block),
                resource_id(first + CLONED_SLOT)
            );
        }
    }
    out.push('\n');
}

/// Each group after the previous one, and beside it, in chains of [`CHAIN`] groups.
fn chains(shape: &Shape, out: &mut String) {
    for block in (1..shape.resources.div_ceil(BLOCK)).filter(|b| b % CHAIN != 0) {
        let (before, after) = (group_id(block - 1), group_id(block));
        let _ = writeln!(
            out,
            concat!(
                "    order \"ord-{block:05}\" first=\"{before}\" then=\"{after}\" kind=\"Optional\"\n",
                "    colocation \"col-{block:05}\" \"{after}\" with=\"{before}\" score=100"
            ),
            block = block,
            before = before,
            after = after,
        );
    }
}
