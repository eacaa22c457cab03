//! The Pacemaker renderers proven by the real tools: cib.xml passes `crm_verify`, cib.crm loads
//! with crmsh (twice, the second load changing nothing) into exactly cib.xml's configuration,
//! `crm_simulate` places what the spec asks for, and hostile values survive or are named.

use crate::cib_tools;
use crate::common;
use crate::common::hostile::{self, Place};

use cib_tools::*;
use cib_tools::{placement, simulate};
use hacc::model::Cluster;
use hacc::render::cib::crm_quote::{rule_value_problem, value_problem};
use std::path::PathBuf;
use std::process::Command;

/// Every example plus the specs written for these tests.
fn specs() -> Vec<(String, PathBuf)> {
    let mut specs = common::example_specs();
    let dir = common::root().join("tests/specs/cib");
    let mut own: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "kdl"))
        .collect();
    own.sort();
    specs.extend(own.into_iter().map(|p| {
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        (format!("tests/specs/cib/{name}"), p)
    }));
    specs
}

fn stonith_enabled(cluster: &Cluster) -> bool {
    // Pacemaker's default is true.
    cluster
        .properties
        .iter()
        .find(|p| p.name.value == "stonith-enabled")
        .is_none_or(|p| p.value.value == "true")
}

/// crm_verify's own words for a file CIB whose nodes were never seen: without a status
/// section and with fencing enabled, every node is "unclean" and there is no quorum yet.
const OFFLINE_WARNINGS: &[&str] = &[
    "Fencing and resource management disabled due to lack of quorum",
    "is unclean but cannot be fenced",
    "Warnings found during check: config may not be valid",
];

#[test]
fn cib_xml_passes_crm_verify() {
    if !common::have_tool("crm_verify") {
        return;
    }
    for (name, path) in specs() {
        let checked = common::checked(&path);
        let (xml, _) = cib_outputs(&checked);
        let scratch = Scratch::new("verify");
        let cib = scratch.write("cib.xml", &xml);
        let output = run(Command::new("crm_verify")
            .arg("--xml-file")
            .arg(&cib)
            .arg("-V"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        let only_offline_warnings = stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .all(|l| OFFLINE_WARNINGS.iter().any(|w| l.contains(w)));
        // Exit 78 is crm_verify's "warnings found"; accepted only for those warnings.
        let accepted = output.status.code() == Some(0)
            || (stonith_enabled(checked.cluster())
                && output.status.code() == Some(78)
                && only_offline_warnings);
        assert!(accepted, "{name}: crm_verify: {}", text(&output));

        // With every node up and quorum, the same configuration must verify without a warning.
        let nodes: Vec<String> = checked
            .cluster()
            .nodes
            .iter()
            .map(|n| n.name.value.clone())
            .collect();
        let mut command = Command::new("crm_simulate");
        command.arg("--xml-file").arg(&cib);
        for node in &nodes {
            command.arg("--node-up").arg(node);
        }
        let up = scratch.join("up.xml");
        command
            .args(["--quorum", "1", "--simulate", "--save-output"])
            .arg(&up);
        let output = run(&mut command);
        assert!(
            output.status.success(),
            "{name}: crm_simulate: {}",
            text(&output)
        );
        let output = run(Command::new("crm_verify")
            .arg("--xml-file")
            .arg(&up)
            .arg("-V"));
        assert!(
            output.status.success(),
            "{name}: crm_verify after all nodes up: {}",
            text(&output)
        );
    }
}

#[test]
fn crm_script_loads_twice_without_change_and_equals_cib_xml() {
    if !common::have_tool("crm") || !common::have_tool("crm_diff") || !common::have_tool("cibadmin")
    {
        return;
    }
    for (name, path) in specs() {
        let checked = common::checked(&path);
        let (xml, crm) = cib_outputs(&checked);
        let scratch = Scratch::new("load");
        let script = scratch.write("cib.crm", &crm);
        let cib = empty_cib(&scratch, "loaded.xml");

        let (first, took) = crm_load(&cib, &script);
        assert!(
            first.status.success(),
            "{name}: first load: {}",
            text(&first)
        );
        let after_first = std::fs::read_to_string(&cib).unwrap();
        eprintln!(
            "{name}: crm configure load update took {:.2} s",
            took.as_secs_f64()
        );

        let (second, _) = crm_load(&cib, &script);
        assert!(
            second.status.success(),
            "{name}: second load: {}",
            text(&second)
        );
        let after_second = std::fs::read_to_string(&cib).unwrap();
        if let Some(diff) = config_diff(&scratch, &after_first, &after_second) {
            panic!("{name}: the second load changed the configuration:\n{diff}");
        }
        // What crmsh cannot store (src/render/crm.rs): the order of top-level resources and
        // `sequential="true"` on resource sets.
        if let Some(diff) = config_diff(&scratch, &after_first, &as_crmsh_stores(&xml)) {
            panic!("{name}: cib.xml differs from what crmsh loaded from cib.crm:\n{diff}");
        }
    }
}

/// cib.xml as crmsh stores it: top-level primitives, then groups, then clones, each kind in
/// cib.xml's order, and no `sequential="true"` on resource sets.
fn as_crmsh_stores(xml: &str) -> String {
    in_crmsh_order(xml).replace("<resource_set sequential=\"true\" ", "<resource_set ")
}

fn in_crmsh_order(xml: &str) -> String {
    let document = roxmltree::Document::parse(xml).unwrap();
    let Some(resources) = document.descendants().find(|n| n.has_tag_name("resources")) else {
        return xml.to_string();
    };
    let children: Vec<_> = resources.children().filter(|n| n.is_element()).collect();
    let (Some(first), Some(last)) = (children.first(), children.last()) else {
        return xml.to_string();
    };
    let mut ranked = children.clone();
    ranked.sort_by_key(|n| match n.tag_name().name() {
        "primitive" => 0,
        "group" => 1,
        _ => 2,
    });
    let separator = "\n      ";
    let body: Vec<&str> = ranked.iter().map(|n| &xml[n.range()]).collect();
    let (start, end) = (first.range().start, last.range().end);
    format!("{}{}{}", &xml[..start], body.join(separator), &xml[end..])
}

#[test]
fn builds_are_byte_identical() {
    for (name, path) in specs() {
        let first = cib_outputs(&common::checked(&path));
        let second = cib_outputs(&common::checked(&path));
        assert_eq!(first, second, "{name}");
    }
}

#[test]
fn generated_ids_are_unique() {
    for (name, path) in specs() {
        let checked = common::checked(&path);
        let duplicates = hacc::cib::duplicate_ids(checked.cluster());
        assert!(duplicates.is_empty(), "{name}: {duplicates:?}");
    }
    // A primitive named like a node's attribute set clashes with it.
    let source = r#"cluster "c" {
        node "n1" address="10.0.0.11" {
            attribute site="a"
        }
        primitive "n1-instance_attributes" agent="ocf:pacemaker:Dummy"
        property "stonith-enabled" #false {
            unsafe-acknowledged "offline test, nothing runs"
        }
    }"#;
    // `hacc check` refuses it, so the renderers never see it: decode it without validation.
    let outcome = hacc::pipeline::check_source(source);
    assert!(outcome.checked.is_none());
    let codes: Vec<_> = outcome.diagnostics.iter().map(|d| d.code.id).collect();
    assert_eq!(codes, ["E0201"], "{:#?}", outcome.diagnostics);
    let document = hacc::parse::parse(source).unwrap();
    let mut diagnostics = hacc::diagnostic::Diagnostics::default();
    let cluster = hacc::decode::decode(&document, &mut diagnostics, None).unwrap();
    assert_eq!(
        hacc::cib::duplicate_ids(&cluster),
        ["n1-instance_attributes"]
    );
}

// ---- placement ----

#[test]
fn simulated_placement_follows_the_spec() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    for (name, path) in specs() {
        let checked = common::checked(&path);
        let cluster = checked.cluster();
        let (xml, _) = cib_outputs(&checked);
        let (placements, raw) = simulate::all_up(cluster, &xml);
        let problems = placement::problems(cluster, &placements);
        assert!(problems.is_empty(), "{name}: {problems:#?}\n{raw}");
    }
}

// ---- hostile values ----

/// A spec with `value` in every free-text place that reaches cib.xml and cib.crm and that a
/// Pacemaker tool reads back, and `rule_value` in a location rule.
fn hostile_spec(value: &str, rule_value: &str) -> String {
    let v = common::kdl_string(value);
    let r = common::kdl_string(rule_value);
    let filled: Vec<(Place, &str)> = HOSTILE_PLACES
        .iter()
        .map(|p| (*p, v.as_str()))
        .chain([(RULE_PLACE, r.as_str())])
        .collect();
    hostile::spec_with(&filled)
}

/// The places `hostile_spec` fills with the value, and the rule value's place.
const HOSTILE_PLACES: &[Place] = &[
    Place::PropertyValue,
    Place::NodeAttributeValue,
    Place::RscDefault("description"),
    Place::OpDefault("description"),
    Place::ParamValue,
    Place::MetaValue,
];
const RULE_PLACE: Place = Place::RuleValue;

/// Every field holds `value` and the rule holds `rule_value`, where the reader can tell.
fn fields_hold(cib: &std::path::Path, value: &str, rule_value: &str) -> Result<(), String> {
    let expected = HOSTILE_PLACES
        .iter()
        .map(|p| (*p, value))
        .chain([(RULE_PLACE, rule_value)]);
    for (place, want) in expected {
        let spot = place.in_cib().expect("a place Pacemaker reads back");
        if !spot.exact_for(want) {
            continue;
        }
        let got = read(cib, spot);
        if got.as_deref() != Some(want) {
            return Err(format!("{spot:?} holds {:?}", got.as_deref().map(short)));
        }
    }
    Ok(())
}

fn short(value: &str) -> String {
    let mut s: String = value.chars().take(40).collect();
    if value.chars().count() > 40 {
        s.push_str("...");
    }
    s.escape_debug().to_string()
}

/// cib.xml passes crm_verify and keeps every value literally, as Pacemaker reads it back.
#[track_caller]
fn assert_xml_keeps(scratch: &Scratch, xml: &str, value: &str, rule_value: &str) {
    let cib = scratch.write("cib.xml", xml);
    let output = run(Command::new("crm_verify")
        .arg("--xml-file")
        .arg(&cib)
        .arg("-V"));
    assert!(
        output.status.success(),
        "{}: crm_verify: {}",
        short(value),
        text(&output)
    );
    if let Err(why) = fields_hold(&cib, value, rule_value) {
        panic!("cib.xml does not keep {}: {why}", short(value));
    }
}

/// Loads cib.crm twice; true when every field came back exactly, the second load changed
/// nothing and the result equals cib.xml.
fn crm_keeps(scratch: &Scratch, xml: &str, crm: &str, value: &str, rule_value: &str) -> bool {
    let script = scratch.write("cib.crm", crm);
    let cib = empty_cib(scratch, "loaded.xml");
    let (output, _) = crm_load(&cib, &script);
    if !output.status.success() || fields_hold(&cib, value, rule_value).is_err() {
        return false;
    }
    let loaded = std::fs::read_to_string(&cib).unwrap();
    // A second load must change nothing either (crmsh re-reads what it stored).
    let (output, _) = crm_load(&cib, &script);
    let reloaded = std::fs::read_to_string(&cib).unwrap();
    output.status.success()
        && config_diff(scratch, &loaded, &reloaded).is_none()
        && config_diff(scratch, &loaded, xml).is_none()
}

/// Checks a hostile spec: None when `hacc check` rejected it, else its cib.xml and cib.crm.
fn hostile_outputs(value: &str, rule_value: &str) -> Option<(String, String)> {
    let source = hostile_spec(value, rule_value);
    let outcome = hacc::pipeline::check_source(&source);
    let checked = outcome.checked?;
    Some(cib_outputs(&checked))
}

#[test]
fn hostile_values_are_kept_literally_or_named() {
    if !common::have_tool("crm")
        || !common::have_tool("crm_verify")
        || !common::have_tool("cibadmin")
    {
        return;
    }
    let placeholder = "plain";
    for value in hostile::crm_carried_values() {
        assert_eq!(value_problem(&value), None, "{}", short(&value));
        let rule_value = if rule_value_problem(&value).is_none() {
            value.as_str()
        } else {
            placeholder
        };
        let (xml, crm) = hostile_outputs(&value, rule_value)
            .unwrap_or_else(|| panic!("`hacc check` rejects {}", short(&value)));
        let scratch = Scratch::new("hostile");
        assert_xml_keeps(&scratch, &xml, &value, rule_value);
        assert!(
            crm_keeps(&scratch, &xml, &crm, &value, rule_value),
            "crmsh does not keep {}:\n{crm}",
            short(&value)
        );
    }
    for value in hostile::crm_uncarried_values() {
        assert!(value_problem(&value).is_some(), "{}", short(&value));
        let Some((xml, crm)) = hostile_outputs(&value, &value) else {
            continue; // `hacc check` rejects it: nothing is rendered
        };
        let scratch = Scratch::new("hostile-xml");
        assert_xml_keeps(&scratch, &xml, &value, &value);
        assert!(
            !crm_keeps(&scratch, &xml, &crm, &value, &value),
            "crmsh keeps {}: `value_problem` is too strict",
            short(&value)
        );
    }
    for rule_value in hostile::crm_uncarried_rule_values() {
        assert_eq!(value_problem(&rule_value), None, "{}", short(&rule_value));
        assert!(
            rule_value_problem(&rule_value).is_some(),
            "{}",
            short(&rule_value)
        );
        let Some((xml, crm)) = hostile_outputs(placeholder, &rule_value) else {
            continue;
        };
        let scratch = Scratch::new("hostile-rule");
        assert_xml_keeps(&scratch, &xml, placeholder, &rule_value);
        assert!(
            !crm_keeps(&scratch, &xml, &crm, placeholder, &rule_value),
            "crmsh keeps rule value {}: `rule_value_problem` is too strict",
            short(&rule_value)
        );
    }
}

#[test]
fn crm_script_is_a_header_then_one_command_per_line() {
    const COMMANDS: &[&str] = &[
        "property",
        "rsc_defaults",
        "op_defaults",
        "node",
        "primitive",
        "group",
        "clone",
        "location",
        "colocation",
        "order",
        "fencing_topology",
        "rsc_ticket",
        "tag",
        "xml",
        "alert",
        "bundle",
        "rsc_template",
        "role",
        "acl_target",
        "acl_group",
    ];
    for (name, path) in specs() {
        let (_, crm) = cib_outputs(&common::checked(&path));
        let mut lines = crm.lines();
        let header = lines.next().unwrap_or_default();
        assert!(
            header == format!("# {}", hacc::render::HEADER),
            "{name}: {header}"
        );
        for line in lines {
            let command = line.split(' ').next().unwrap_or_default();
            assert!(COMMANDS.contains(&command), "{name}: not a command: {line}");
        }
    }
}
