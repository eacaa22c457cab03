//! Fencing levels by node, by a pattern of node names and by a node attribute: Pacemaker
//! reads the built cib.xml, crmsh loads cib.crm into the same configuration, and the importer
//! gives the spec back.

use crate::cib_tools::*;

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
    built_outputs(SPEC)
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
    assert_pacemaker_and_crmsh_agree("levels", &xml, &crm);
}

#[test]
fn levels_by_pattern_and_attribute_import_to_the_same_spec() {
    let (xml, _) = built();
    let spec = assert_import_fixed_point(&xml);
    for line in [
        r#"fencing-level target-attribute="rack" target-value="r1" "f1" "f2" index=1"#,
        r#"fencing-level target-pattern="n[23]" "f1" index=1"#,
    ] {
        assert!(spec.contains(line), "{line} not in\n{spec}");
    }
}
