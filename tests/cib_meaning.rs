//! What the built cib.xml means to Pacemaker, asked of `crm_simulate`: outputs that once said
//! something else than the spec (the order of top-level resources, a role on a rule-based
//! location, `sequential` on order sets).

mod cib_tools;
mod common;

use cib_tools::Scratch;
use cib_tools::simulate::{Placement, all_up};

/// A three-node spec without fencing around `body`.
fn spec(body: &str) -> String {
    format!(
        r#"cluster "meaning" {{
    network "meaning_net" subnet="10.43.0.0/24"
    node "alpha" address="10.43.0.11"
    node "beta" address="10.43.0.12"
    node "gamma" address="10.43.0.13"
    property "stonith-enabled" #false {{
        unsafe-acknowledged "offline test spec, nothing runs"
    }}
{body}
}}
"#
    )
}

/// The placements crm_simulate gives the built cib.xml with every node up.
fn placements(body: &str) -> (Vec<Placement>, String) {
    let source = spec(body);
    let outcome = hacc::check::check_source(&source, "meaning.kdl");
    let checked = outcome
        .checked
        .unwrap_or_else(|| panic!("the spec fails check: {:#?}", outcome.diagnostics));
    let (xml, _) = cib_tools::cib_outputs(&checked);
    let scratch = Scratch::new("meaning");
    all_up(&scratch, checked.cluster(), &xml)
}

/// The nodes where `top` (a primitive, group or clone) runs in `state`.
fn nodes_of(placements: &[Placement], top: &str, state: &str) -> Vec<String> {
    let mut nodes: Vec<String> = placements
        .iter()
        .filter(|p| p.top == top && p.state == state)
        .flat_map(|p| p.nodes.clone())
        .collect();
    nodes.sort();
    nodes
}

/// Pacemaker places resources whose scores tie in the order the CIB lists them, each on the
/// least loaded node: the clone declared first must get the first node, as the spec orders.
#[test]
fn top_level_resources_keep_the_spec_order() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    let (placed, raw) = placements(
        r#"    primitive "first" agent="ocf:pacemaker:Dummy"
    clone "first-clone" of="first" clone-max=1
    primitive "second" agent="ocf:pacemaker:Dummy"
    primitive "third" agent="ocf:pacemaker:Dummy""#,
    );
    assert_eq!(
        nodes_of(&placed, "first-clone", "Started"),
        ["alpha"],
        "{raw}"
    );
    assert_eq!(nodes_of(&placed, "second", "Started"), ["beta"], "{raw}");
    assert_eq!(nodes_of(&placed, "third", "Started"), ["gamma"], "{raw}");
}
