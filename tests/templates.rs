//! Resource templates: Pacemaker reads the built cib.xml (primitives from a template on
//! their own, in a group and in a clone, constraints naming a template), crmsh loads cib.crm into the same
//! configuration, and the importer gives the spec back as a fixed point.

use crate::cib_tools::*;

const SPEC: &str = r#"cluster "templates" {
    network "net" subnet="10.0.0.0/24"
    node "n1" address="10.0.0.11"
    node "n2" address="10.0.0.12"
    node "n3" address="10.0.0.13"
    primitive "fence" agent="stonith:fence_docker"
    template "dummy" agent="ocf:heartbeat:Dummy" {
        params fake="from-template"
        meta resource-stickiness=10
        utilization cpu=1
        op "monitor" interval="10s" timeout="20s"
    }
    primitive "d1" template="dummy" {
        params state="/run/d1.state"
        op "monitor" interval="10s" timeout="30s"
    }
    primitive "d2" template="dummy"
    template "cloned" agent="ocf:heartbeat:Dummy" {
        op "monitor" interval="20s"
    }
    primitive "d3" template="cloned" {
        meta target-role="Started"
    }
    group "g" "d2"
    clone "d3-clone" of="d3"
    colocation "with-template" "g" with="dummy" score="INFINITY"
    colocation "clone-with-d1" "d3-clone" with="d1" score=100
    order "template-first" first="dummy" then="g"
    location "template-prefers-n1" "dummy" node="n1" score=100
}
"#;

fn built() -> (String, String) {
    built_outputs(SPEC)
}

#[test]
fn templates_reach_the_cib_as_pacemaker_and_crmsh_read_them() {
    let (xml, crm) = built();
    for element in [
        r#"<template id="dummy" class="ocf" provider="heartbeat" type="Dummy">"#,
        r#"<primitive id="d1" template="dummy">"#,
        r#"<primitive id="d2" template="dummy"/>"#,
        r#"<rsc_location id="template-prefers-n1" rsc="dummy""#,
    ] {
        assert!(xml.contains(element), "{element} not in\n{xml}");
    }
    let template = xml.find("<template ").unwrap();
    assert!(
        xml.find(r#"<primitive id="fence""#).unwrap() < template
            && template < xml.find(r#"<primitive id="d1""#).unwrap(),
        "the template is not where the spec declares it:\n{xml}"
    );
    assert!(
        crm.contains("rsc_template dummy ocf:heartbeat:Dummy params fake=from-template"),
        "{crm}"
    );
    assert!(crm.contains("primitive d2 @dummy\n"), "{crm}");
    let Some((_, scratch)) = assert_pacemaker_and_crmsh_agree("templates", &xml, &crm) else {
        return;
    };
    let loaded = std::fs::read_to_string(scratch.join("loaded.xml")).unwrap();
    assert!(loaded.contains("<template "), "crmsh stored no template");
}

#[test]
fn templates_import_to_the_same_spec() {
    let (xml, _) = built();
    let spec = assert_import_fixed_point(&xml);
    for line in [
        r#"template "dummy" agent="ocf:heartbeat:Dummy""#,
        r#"primitive "d1" template="dummy""#,
        r#"primitive "d2" template="dummy""#,
    ] {
        assert!(spec.contains(line), "{line} not in\n{spec}");
    }
    let checked = hacc::pipeline::check_source(&spec).checked.unwrap();
    let original = hacc::cib::build(
        hacc::pipeline::check_source(SPEC)
            .checked
            .unwrap()
            .cluster(),
    );
    let rebuilt = hacc::cib::build(checked.cluster());
    assert_eq!(
        hacc::import::meaning::normalised(&original),
        hacc::import::meaning::normalised(&rebuilt),
        "the imported spec means another configuration"
    );
}
