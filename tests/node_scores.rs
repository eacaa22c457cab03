//! A node's base `score`: crm_simulate adds it to every resource's score there, crmsh loads
//! cib.crm (in its `xml` form: crmsh has no syntax for it) into the same configuration, and
//! the importer gives the spec back.

use crate::cib_tools::simulate::{State, from_state, runs_on};
use crate::cib_tools::*;
use crate::common;

/// Also built, verified, simulated and loaded by the tests over tests/specs/cib.
const SPEC: &str = include_str!("specs/cib/node-scores.kdl");
const NODES: State = State::up(&["n1", "n2", "n3"]);

#[test]
fn node_scores_reach_the_cib_and_crmsh_agrees() {
    let (xml, crm) = built_outputs(SPEC);
    assert!(
        xml.contains(r#"<node id="1" uname="n1" score="100"/>"#)
            && xml.contains(r#"<node id="3" uname="n3" score="-INFINITY"/>"#),
        "{xml}"
    );
    assert!(
        crm.contains("\nxml <node id=\"1\" uname=\"n1\" score=\"100\"/>\n")
            && crm.contains("\nnode 2: n2\n"),
        "{crm}"
    );
    assert_pacemaker_and_crmsh_agree("node-scores", &xml, &crm);
}

#[test]
fn pacemaker_adds_the_base_score_everywhere() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    let (xml, _) = built_outputs(SPEC);
    let (placed, raw) = from_state(&xml, &NODES);
    assert_eq!(runs_on(&placed, "db"), ["n1"], "{raw}");
    assert_ne!(runs_on(&placed, "web"), ["n3"], "{raw}");
    // Without the base scores each goes where its location says.
    let plain = SPEC
        .replace(" score=100\n", "\n")
        .replace(" score=\"-INFINITY\"\n", "\n");
    let (xml, _) = built_outputs(&plain);
    let (placed, raw) = from_state(&xml, &NODES);
    assert_eq!(runs_on(&placed, "db"), ["n2"], "{raw}");
    assert_eq!(runs_on(&placed, "web"), ["n3"], "{raw}");
}

#[test]
fn node_scores_import_to_the_same_spec() {
    let (xml, _) = built_outputs(SPEC);
    let spec = assert_import_fixed_point(&xml);
    assert!(spec.contains(" id=1 score=100"), "{spec}");
    assert!(spec.contains(" id=3 score=\"-INFINITY\""), "{spec}");
}
