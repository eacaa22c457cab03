//! What the built cib.xml means to Pacemaker, asked of `crm_simulate`: outputs that once said
//! something else than the spec (the order of top-level resources, a role on a rule-based
//! location, `sequential` on order sets).

use crate::cib_tools::simulate::{Placement, all_up};
use crate::cib_tools::{self, Scratch};
use crate::common;

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
    let outcome = hacc::pipeline::check_source(&source);
    let checked = outcome
        .checked
        .unwrap_or_else(|| panic!("the spec fails check: {:#?}", outcome.diagnostics));
    let (xml, _) = cib_tools::cib_outputs(&checked);
    all_up(checked.cluster(), &xml)
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

/// A role on a rule-based location applies to the role only: Pacemaker reads it from the rule,
/// so banning promotion on a node must leave an unpromoted instance running there.
#[test]
fn a_role_on_a_rule_based_location_limits_only_that_role() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    let (placed, raw) = placements(
        r##"    primitive "state" agent="ocf:pacemaker:Stateful"
    clone "state-clone" of="state" promotable=#true
    location "no-promotion-on-alpha" "state-clone" role="Promoted" {
        rule score="-INFINITY" {
            expression "#uname" op="eq" value="alpha"
        }
    }"##,
    );
    let promoted = nodes_of(&placed, "state-clone", "Promoted");
    let unpromoted = nodes_of(&placed, "state-clone", "Unpromoted");
    assert_eq!(promoted.len(), 1, "{raw}");
    assert!(!promoted.contains(&"alpha".to_string()), "{raw}");
    assert!(unpromoted.contains(&"alpha".to_string()), "{raw}");
}

/// The transition graph crm_simulate computes for the built cib.xml with every node up.
fn transition(body: &str) -> String {
    let source = spec(body);
    let outcome = hacc::pipeline::check_source(&source);
    let checked = outcome
        .checked
        .unwrap_or_else(|| panic!("the spec fails check: {:#?}", outcome.diagnostics));
    let (xml, _) = cib_tools::cib_outputs(&checked);
    let scratch = Scratch::new("meaning-graph");
    let cib = scratch.write("cib.xml", &xml);
    let graph = scratch.join("graph.xml");
    let mut command = std::process::Command::new("crm_simulate");
    command.arg("--xml-file").arg(&cib);
    for node in &checked.cluster().nodes {
        command.arg("--node-up").arg(&node.name.value);
    }
    command
        .args(["--quorum", "1", "--simulate", "--save-graph"])
        .arg(&graph);
    let output = cib_tools::run(&mut command);
    assert!(output.status.success(), "{}", cib_tools::text(&output));
    std::fs::read_to_string(&graph).unwrap()
}

/// The actions of other resources whose completion the start of `resource` waits for in the
/// transition crm_simulate computes for the built cib.xml with every node up.
fn start_inputs(body: &str, resource: &str) -> Vec<String> {
    let text = transition(body);
    let document = roxmltree::Document::parse(&text).unwrap();
    let key = format!("{resource}_start_0");
    let synapse = document
        .descendants()
        .filter(|n| n.has_tag_name("synapse"))
        .find(|s| {
            s.children()
                .filter(|c| c.has_tag_name("action_set"))
                .flat_map(|a| a.children())
                .any(|op| op.attribute("operation_key") == Some(key.as_str()))
        })
        .unwrap_or_else(|| panic!("no start of {resource} in the graph:\n{text}"));
    let mut inputs: Vec<String> = synapse
        .children()
        .filter(|c| c.has_tag_name("inputs"))
        .flat_map(|i| i.descendants())
        .filter_map(|n| n.attribute("operation_key"))
        // Its own probes come first in any case: only other resources' actions count.
        .filter(|k| !k.starts_with(&format!("{resource}_")))
        .map(str::to_string)
        .collect();
    inputs.sort();
    inputs.dedup();
    inputs
}

/// `sequential=#true` on the sets of an order chains them through their ends: the first member
/// of the second set waits for the last of the first set only. Without the value in the CIB,
/// Pacemaker makes it wait for every member of the first set.
#[test]
fn sequential_order_sets_chain_through_their_ends() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    let inputs = start_inputs(
        r#"    primitive "a" agent="ocf:pacemaker:Dummy"
    primitive "b" agent="ocf:pacemaker:Dummy"
    primitive "c" agent="ocf:pacemaker:Dummy"
    primitive "d" agent="ocf:pacemaker:Dummy"
    order "chain" {
        set "a" "b" sequential=#true
        set "c" "d" sequential=#true
    }"#,
        "c",
    );
    assert_eq!(inputs, ["b_start_0"]);
}

/// Attribute sets with rules take effect as the spec says: a resource's meta set, a resource
/// defaults set and a cluster property set, each chosen by its date rule (true: since 2000;
/// false: before it), change what Pacemaker runs.
#[test]
fn rule_based_attribute_sets_take_effect_as_written() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    for (rule, stopped) in [
        (r#"rule { date "gt" start="2000-01-01"; }"#, true),
        (r#"rule { date "lt" end="2000-01-01"; }"#, false),
    ] {
        let bodies = [
            format!(
                r#"    primitive "web" agent="ocf:pacemaker:Dummy" {{
        meta-set "web-stopped" {{
            {rule}
            values target-role="Stopped"
        }}
    }}"#
            ),
            format!(
                r#"    primitive "web" agent="ocf:pacemaker:Dummy"
    rsc-defaults-set "all-stopped" {{
        {rule}
        values target-role="Stopped"
    }}"#
            ),
            format!(
                r#"    primitive "web" agent="ocf:pacemaker:Dummy"
    property-set "stop-all" {{
        {rule}
        values stop-all-resources=#true
    }}"#
            ),
        ];
        for body in bodies {
            let (placed, raw) = placements(&body);
            let running = nodes_of(&placed, "web", "Started");
            assert_eq!(
                running.is_empty(),
                stopped,
                "{body}\nran web on {running:?}:\n{raw}"
            );
        }
    }
}

/// An operation's further parameter set takes effect where its rule holds: the monitor on
/// alpha runs at the deeper level, the one on beta at the plain one.
#[test]
fn an_operations_parameter_set_applies_on_the_nodes_its_rule_names() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    let body = r##"    primitive "on-alpha" agent="ocf:pacemaker:Dummy" {
        op "monitor" interval="10s" {
            params OCF_CHECK_LEVEL=10
            params-set "on-alpha-deep" score=5 {
                rule { expression "#uname" op="eq" value="alpha" }
                values OCF_CHECK_LEVEL=20
            }
        }
    }
    primitive "on-beta" agent="ocf:pacemaker:Dummy" {
        op "monitor" interval="10s" {
            params OCF_CHECK_LEVEL=10
            params-set "on-beta-deep" score=5 {
                rule { expression "#uname" op="eq" value="alpha" }
                values OCF_CHECK_LEVEL=20
            }
        }
    }
    location "a" "on-alpha" node="alpha" score=100
    location "b" "on-beta" node="beta" score=100"##;
    let text = transition(body);
    assert_eq!(
        monitors(&text, "OCF_CHECK_LEVEL"),
        [("alpha".into(), "20".into()), ("beta".into(), "10".into())],
        "{text}"
    );
}

/// `(node, value of attribute)` of each 10 s monitor in a transition, in node order.
fn monitors(text: &str, attribute: &str) -> Vec<(String, String)> {
    let document = roxmltree::Document::parse(text).unwrap();
    let mut found: Vec<(String, String)> = document
        .descendants()
        .filter(|n| n.has_tag_name("rsc_op"))
        .filter(|op| {
            op.attribute("operation_key")
                .is_some_and(|k| k.ends_with("_monitor_10000"))
        })
        .filter_map(|op| {
            let attributes = op.children().find(|c| c.has_tag_name("attributes"))?;
            Some((
                op.attribute("on_node")?.to_string(),
                attributes.attribute(attribute)?.to_string(),
            ))
        })
        .collect();
    found.sort();
    found
}

/// A date test that holds now, and one that never does.
const HOLDS: &str = r#"date "gt" start="2020-01-01""#;
const NEVER: &str = r#"date "lt" end="2020-01-01""#;

/// An operation's meta attributes are its options: the plain set's timeout, a further set's
/// while its rule holds, and below the op's own attributes, which Pacemaker reads last. Of an
/// op's meta sets the lowest score wins (each later one in score order overwrites): a set
/// scored above the plain one loses to it.
#[test]
fn an_operations_meta_attributes_set_its_options_per_node() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    let op = |id: &str, own: &str, date: &str| {
        format!(
            r##"    primitive "{id}" agent="ocf:pacemaker:Dummy" {{
        op "monitor" interval="10s" {own} {{
            meta timeout="40s"
            meta-set "{id}-slow" score=-5 {{
                rule {{ {date} }}
                values timeout="60s"
            }}
            meta-set "{id}-loses" score=5 {{
                rule {{ {date} }}
                values timeout="90s"
            }}
        }}
    }}
"##
        )
    };
    let body = format!(
        "{}{}{}    location \"a\" \"on-alpha\" node=\"alpha\" score=100\n    \
         location \"b\" \"on-beta\" node=\"beta\" score=100\n    \
         location \"c\" \"on-gamma\" node=\"gamma\" score=100",
        op("on-alpha", "", HOLDS),
        op("on-beta", "", NEVER),
        op("on-gamma", "timeout=\"20s\"", HOLDS)
    );
    let text = transition(&body);
    assert_eq!(
        monitors(&text, "CRM_meta_timeout"),
        [
            ("alpha".into(), "60000".into()),
            ("beta".into(), "40000".into()),
            ("gamma".into(), "20000".into())
        ],
        "{text}"
    );
}
