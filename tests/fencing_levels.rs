//! Fencing levels by node, by a pattern of node names and by a node attribute: Pacemaker
//! reads the built cib.xml, crmsh loads cib.crm into the same configuration, and the importer
//! gives the spec back.

use crate::cib_tools::*;
use crate::common;
use std::process::Command;

const SPEC: &str = r#"cluster "levels" {
    network "net" subnet="10.0.0.0/24"
    node "n1" address="10.0.0.11" {
        attribute rack="r1"
    }
    node "n2" address="10.0.0.12"
    node "n3" address="10.0.0.13"
    primitive "f1" agent="stonith:fence_docker"
    primitive "f2" agent="stonith:fence_docker"
    fencing-level target-attribute="rack" target-value="r1" "f1" "f2" index=1
    fencing-level target-attribute="rack" target-value="r1" "f2" index=2
    fencing-level target-pattern="n[23]" "f1" index=1
    fencing-level "n1" "f2" index=1
}
"#;

fn built() -> (String, String) {
    let outcome = hacc::pipeline::check_source(SPEC);
    let checked = outcome
        .checked
        .filter(|_| !outcome.diagnostics.iter().any(|d| d.is_error()))
        .unwrap_or_else(|| panic!("{:#?}", outcome.diagnostics));
    cib_outputs(&checked)
}

#[test]
fn levels_by_pattern_and_attribute_reach_the_cib_as_pacemaker_reads_them() {
    let (xml, crm) = built();
    for level in [
        r#"<fencing-level target-attribute="rack" target-value="r1" index="1" devices="f1,f2""#,
        r#"<fencing-level target-attribute="rack" target-value="r1" index="2" devices="f2""#,
        r#"<fencing-level target-pattern="n[23]" index="1" devices="f1""#,
        r#"<fencing-level target="n1" index="1" devices="f2""#,
    ] {
        assert!(xml.contains(level), "{level} not in\n{xml}");
    }
    assert!(
        crm.contains("fencing_topology attr:rack=r1 f1,f2 f2 pattern:n[23] f1 n1: f2"),
        "{crm}"
    );
    if !common::have_tool("crm_verify") || !common::have_tool("crm") {
        return;
    }
    let scratch = Scratch::new("levels");
    let cib = scratch.write("cib.xml", &xml);
    let output = run(Command::new("crm_verify").arg("--xml-file").arg(&cib));
    assert!(
        !text(&output).contains("Errors found"),
        "crm_verify: {}",
        text(&output)
    );
    let loaded = empty_cib(&scratch, "loaded.xml");
    let script = scratch.write("cib.crm", &crm);
    let (output, _) = crm_load(&loaded, &script);
    assert!(output.status.success(), "crm load: {}", text(&output));
    let loaded = std::fs::read_to_string(&loaded).unwrap();
    assert_eq!(
        config_diff(&scratch, &xml, &loaded),
        None,
        "crmsh loads cib.crm into another configuration"
    );
}

#[test]
fn levels_by_pattern_and_attribute_import_to_the_same_spec() {
    let (xml, _) = built();
    let first = hacc::import::import(&xml, None);
    let spec = first.spec.expect("the built CIB imports");
    for line in [
        r#"fencing-level target-attribute="rack" target-value="r1" "f1" "f2" index=1"#,
        r#"fencing-level target-pattern="n[23]" "f1" index=1"#,
    ] {
        assert!(spec.contains(line), "{line} not in\n{spec}");
    }
    let outcome = hacc::pipeline::check_source(&spec);
    let checked = outcome.checked.expect("the imported spec checks");
    let (again, _) = cib_outputs(&checked);
    let second = hacc::import::import(&again, None);
    assert_eq!(
        second.spec.as_deref(),
        Some(spec.as_str()),
        "not a fixed point"
    );
}
