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
