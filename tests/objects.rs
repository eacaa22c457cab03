//! The configuration objects beyond resources and constraints, proven by what Pacemaker does
//! with the built cib.xml: tickets hold resources back until granted (crm_simulate).

use crate::cib_tools::*;
use crate::common;
use std::process::Command;

fn objects_cib() -> String {
    let checked = common::checked(&common::root().join("tests/specs/cib/objects.kdl"));
    cib_outputs(&checked).0
}

/// The resource lines of crm_simulate's revised status, after bringing every node of the
/// objects spec up with quorum and granting `tickets`.
fn revised(tickets: &[&str]) -> String {
    let scratch = Scratch::new("objects");
    let cib = scratch.write("cib.xml", &objects_cib());
    let mut command = Command::new("crm_simulate");
    command.arg("--xml-file").arg(&cib);
    for node in ["east", "west", "north"] {
        command.arg("--node-up").arg(node);
    }
    for ticket in tickets {
        command.arg("--ticket-grant").arg(ticket);
    }
    command.args(["--quorum", "1", "--simulate"]);
    let output = run(&mut command);
    assert!(output.status.success(), "crm_simulate: {}", text(&output));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    stdout
        .split("Revised Cluster Status:")
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

fn line_of<'a>(status: &'a str, resource: &str) -> &'a str {
    status
        .lines()
        .find(|l| l.contains(&format!("* {resource}\t")) || l.contains(&format!("* {resource} ")))
        .unwrap_or_else(|| panic!("no line for {resource} in:\n{status}"))
}

#[test]
fn tickets_hold_resources_until_granted() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    // `site` needs both tickets (itself, and in a set); `db-clone` needs them only to be
    // promoted, so its instances start without any.
    let none = revised(&[]);
    assert!(line_of(&none, "ip").contains("Stopped"), "{none}");
    assert!(none.contains("Unpromoted: [ east north west ]"), "{none}");

    let east = revised(&["ticket-east"]);
    assert!(line_of(&east, "ip").contains("Stopped"), "{east}");

    let both = revised(&["ticket-east", "ticket-west"]);
    assert!(line_of(&both, "ip").contains("Started"), "{both}");
}

/// An alert's and a recipient's further sets reach cib.xml with their scores and rules, and
/// import back to the same spec.
#[test]
fn alert_and_recipient_sets_import_to_the_same_spec() {
    let xml = objects_cib();
    for element in [
        r#"<instance_attributes id="to-file-2030" score="5">"#,
        r#"<meta_attributes id="to-file-quiet">"#,
        r#"<meta_attributes id="to-file-recipient-slow" score="2">"#,
    ] {
        assert!(xml.contains(element), "{element} not in\n{xml}");
    }
    let spec = assert_import_fixed_point(&xml);
    for line in [
        r#"params-set "to-file-2030" score=5 {"#,
        r#"meta-set "to-file-quiet" {"#,
        r#"meta-set "to-file-recipient-slow" score=2 {"#,
    ] {
        assert!(spec.contains(line), "{line} not in\n{spec}");
    }
}
