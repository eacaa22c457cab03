//! Instance attributes on a group or a clone, which Pacemaker passes to the agents of the
//! resources inside: Pacemaker reads the built cib.xml, crmsh loads cib.crm into the same
//! configuration, the scheduler hands the parameter to the member, and the importer gives
//! the spec back.

use crate::cib_tools::*;
use crate::common;
use std::process::Command;

const SPEC: &str = r##"cluster "inherit" {
    network "net" subnet="10.0.0.0/24"
    node "n1" address="10.0.0.11"
    node "n2" address="10.0.0.12"
    node "n3" address="10.0.0.13"
    property "stonith-enabled" #false {
        unsafe-acknowledged "a scheduler test"
    }
    primitive "ip" agent="ocf:heartbeat:IPaddr2" {
        params ip="10.0.0.100" cidr_netmask=24
    }
    group "front" "ip" {
        params nic="eth0"
        params-set "front-on-n1" score=5 {
            rule {
                expression "#uname" op="eq" value="n1"
            }
            values nic="eth1"
        }
    }
    primitive "state" agent="ocf:pacemaker:Stateful"
    clone "states" of="state" {
        params state="/run/stateful.state"
        meta target-role="Started"
    }
}
"##;

fn built() -> (String, String) {
    built_outputs(SPEC)
}

#[test]
fn a_required_parameter_only_on_the_group_is_refused_as_crmsh_refuses_it() {
    let outcome = hacc::pipeline::check_source(SPEC);
    let codes: Vec<&str> = outcome.diagnostics.iter().map(|d| d.code.id).collect();
    assert!(!codes.contains(&"E0406"), "{codes:?}");
    // crmsh's load stops at `ip: required parameter "ip" not defined` even though Pacemaker
    // would pass the group's value on.
    let only_on_group = SPEC
        .replace(
            "params ip=\"10.0.0.100\" cidr_netmask",
            "params cidr_netmask",
        )
        .replace(
            "params nic=\"eth0\"",
            "params nic=\"eth0\" ip=\"10.0.0.100\"",
        );
    let diagnostics = hacc::pipeline::check_source(&only_on_group).diagnostics;
    let missing = diagnostics
        .iter()
        .find(|d| d.code.id == "E0406")
        .unwrap_or_else(|| panic!("no E0406 in {diagnostics:#?}"));
    assert!(
        missing
            .help
            .as_deref()
            .unwrap_or("")
            .contains("crmsh refuses"),
        "{missing:#?}"
    );
}

#[test]
fn group_and_clone_parameters_reach_the_cib_as_pacemaker_reads_them() {
    let (xml, crm) = built();
    for part in [
        r#"<group id="front"><instance_attributes id="front-instance_attributes"><nvpair name="nic" value="eth0" id="front-instance_attributes-nic"/></instance_attributes><instance_attributes id="front-on-n1" score="5">"#,
        r#"<clone id="states"><instance_attributes id="states-instance_attributes"><nvpair name="state" value="/run/stateful.state""#,
    ] {
        assert!(
            xml.replace(['\n', ' '], "")
                .contains(&part.replace(' ', "")),
            "{part} not in\n{xml}"
        );
    }
    assert!(
        crm.contains("group front ip params nic=eth0 params $id=front-on-n1 5: rule"),
        "{crm}"
    );
    assert_pacemaker_and_crmsh_agree("inherit", &xml, &crm);
}

#[test]
fn the_scheduler_passes_the_groups_parameter_to_the_member() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    let (xml, _) = built();
    let scratch = Scratch::new("inherit-sim");
    let cib = scratch.write("cib.xml", &xml);
    let up = scratch.join("up.xml");
    let output = run(Command::new("crm_simulate")
        .arg("--xml-file")
        .arg(&cib)
        .args(["--node-up", "n1", "--node-up", "n2", "--node-up", "n3"])
        .args(["--quorum", "1", "--save-output"])
        .arg(&up));
    assert!(output.status.success(), "crm_simulate: {}", text(&output));
    let graph = scratch.join("graph.xml");
    let output = run(Command::new("crm_simulate")
        .arg("--xml-file")
        .arg(&up)
        .arg("--save-graph")
        .arg(&graph));
    assert!(output.status.success(), "crm_simulate: {}", text(&output));
    let graph = std::fs::read_to_string(&graph).unwrap();
    // The start of `ip` carries the group's `nic` (or the rule's on n1) and its own netmask.
    let start = graph
        .split("<rsc_op ")
        .find(|op| op.contains(r#"operation="start""#) && op.contains(r#"<primitive id="ip""#))
        .unwrap_or_else(|| panic!("no start of ip in\n{graph}"));
    assert!(start.contains(r#"cidr_netmask="24""#), "{start}");
    assert!(
        start.contains(r#"nic="eth0""#) || start.contains(r#"nic="eth1""#),
        "the member's start lacks the group's nic: {start}"
    );
}

#[test]
fn group_and_clone_parameters_import_to_the_same_spec() {
    let (xml, _) = built();
    let spec = assert_import_fixed_point(&xml);
    for line in [
        r#"params ip="10.0.0.100""#,
        r#"params state="/run/stateful.state""#,
    ] {
        assert!(spec.contains(line), "{line} not in\n{spec}");
    }
}
