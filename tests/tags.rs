//! Tags, and agent and operation tests in the rules of defaults sets: Pacemaker reads the
//! built cib.xml, crmsh loads cib.crm into the same configuration, and the importer gives the
//! spec back.

use crate::cib_tools::*;

/// Also built, verified and loaded by the tests over tests/specs/cib.
const SPEC: &str = include_str!("specs/cib/tags.kdl");

fn built() -> (String, String) {
    built_outputs(SPEC)
}

#[test]
fn tags_and_defaults_tests_reach_the_cib_as_pacemaker_reads_them() {
    let (xml, crm) = built();
    for element in [
        "<tags>\n      <tag id=\"web\">\n        <obj_ref id=\"a\"/>\n        <obj_ref id=\"b\"/>",
        r#"<rsc_location id="web-on-n1" rsc="web" score="100" node="n1"/>"#,
        r#"<rsc_expression class="ocf" provider="pacemaker" type="Dummy" id="dummies-unmanaged-rule-expression"/>"#,
        r#"<rsc_expression class="ocf" id="ocf-slow-rule-expression-0"/>"#,
        r#"<op_expression name="monitor" interval="10s" id="monitors-rule-expression-0"/>"#,
    ] {
        assert!(xml.contains(element), "{element} not in\n{xml}");
    }
    assert!(
        xml.find("</constraints>") < xml.find("<tags>"),
        "tags follow the constraints"
    );
    assert!(crm.contains("\ntag web: a b\ntag rest: c\n"), "{crm}");
    assert!(
        crm.contains("\nxml <op_defaults><meta_attributes id=\"monitors\">"),
        "{crm}"
    );
    assert!(crm.contains("\nop_defaults late: rule"), "{crm}");
    if let Some((_, scratch)) = assert_pacemaker_and_crmsh_agree("tags", &xml, &crm) {
        assert_second_load_changes_nothing(&scratch);
    }
}

#[test]
fn tags_and_defaults_tests_import_to_the_same_spec() {
    let (xml, _) = built();
    let first = hacc::import::import(&xml, None);
    let spec = first.spec.expect("the built CIB imports");
    for line in [
        r#"tag "web" "a" "b""#,
        r#"rsc-expression class="ocf" provider="pacemaker" type="Dummy""#,
        r#"op-expression "monitor" interval="10s""#,
        r#"location "web-on-n1" "web" node="n1" score=100"#,
    ] {
        assert!(spec.contains(line), "{line} not in\n{spec}");
    }
    let outcome = hacc::pipeline::check_source(&spec);
    let checked = outcome.checked.expect("the imported spec checks");
    let (again, _) = cib_outputs(&checked);
    assert_eq!(
        hacc::import::meaning::normalised(&read(&again)),
        hacc::import::meaning::normalised(&read(&xml)),
        "the rebuilt CIB means something else"
    );
    let second = hacc::import::import(&again, None);
    assert_eq!(
        second.spec.as_deref(),
        Some(spec.as_str()),
        "not a fixed point"
    );
}

fn read(xml: &str) -> hacc::cib::CibConfig {
    hacc::import::read_cib(xml).config.expect("a CIB")
}

#[test]
fn a_test_of_defaults_elsewhere_is_refused_with_its_code() {
    let spec = SPEC.replace(
        r#"primitive "c" agent="ocf:heartbeat:Dummy""#,
        r#"primitive "c" agent="ocf:heartbeat:Dummy" {
        meta-set "m" { rule { rsc-expression class="ocf"; }; values is-managed=#false; }
    }
    rsc-defaults-set "r" { rule { op-expression "start"; }; values is-managed=#false; }"#,
    );
    assert_eq!(
        errors_of(&spec),
        [
            (
                "E0436",
                "`rsc-expression` is a test of the rules of an `rsc-defaults-set` or an `op-defaults-set` only".to_string()
            ),
            (
                "E0436",
                "`op-expression` is a test of the rules of an `op-defaults-set` only".to_string()
            ),
        ]
    );
}
