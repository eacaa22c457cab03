//! `description=` on primitives, templates, groups, clones, bundles, operations and nodes:
//! kept in cib.xml,
//! loaded by crmsh into the same configuration, imported back, and refused where crmsh could
//! not carry it.

use crate::cib_tools::*;

/// Also built, verified and loaded by the tests over tests/specs/cib.
const SPEC: &str = include_str!("specs/cib/descriptions.kdl");

#[test]
fn descriptions_reach_the_cib_and_crmsh_agrees() {
    let (xml, crm) = built_outputs(SPEC);
    for element in [
        r#"<template id="dummy" class="ocf" provider="pacemaker" type="Dummy" description="what every dummy takes"/>"#,
        r#"<primitive id="api" template="dummy" description="serves &quot;/v1&quot; &amp; more"/>"#,
        r#"<group id="front" description="address first, then the API">"#,
        r#"<clone id="workers" description="one per node">"#,
        r#"<node id="1" uname="n1" description="rack 1, &quot;top&quot; slot"/>"#,
        r#"<op name="monitor" interval="10s" description="every ten seconds" id="worker-monitor-10s"/>"#,
    ] {
        assert!(xml.contains(element), "{element} not in\n{xml}");
    }
    for line in [
        "\nprimitive api @dummy description=\"serves \\\"/v1\\\" & more\"\n",
        "\ngroup front vip api description=\"address first, then the API\"\n",
        "\nclone workers worker description=\"one per node\"\n",
        "\nnode 1: n1 description=\"rack 1, \\\"top\\\" slot\"\n",
        " op monitor interval=10s description=\"every ten seconds\"",
    ] {
        assert!(crm.contains(line), "{line:?} not in\n{crm}");
    }
    assert_pacemaker_and_crmsh_agree("descriptions", &xml, &crm);
}

#[test]
fn descriptions_import_to_the_same_spec() {
    let (xml, _) = built_outputs(SPEC);
    let spec = assert_import_fixed_point(&xml);
    for line in [
        r#"primitive "api" template="dummy" description="serves \"/v1\" & more""#,
        r#"group "front" "vip" "api" description="address first, then the API""#,
        r#"clone "workers" of="worker" description="one per node""#,
        r#"description="rack 1, \"top\" slot""#,
        r#"op "monitor" interval="10s" description="every ten seconds""#,
    ] {
        assert!(spec.contains(line), "{line} not in\n{spec}");
    }
}

#[test]
fn a_description_crmsh_cannot_carry_is_refused() {
    let spec = SPEC.replace("one per node", "one per node\\nat most");
    assert_eq!(
        errors_of(&spec),
        [(
            "E0112",
            "description `one per node\\nat most` cannot be written to cib.crm".to_string()
        )]
    );
}
