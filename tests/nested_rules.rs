//! Rules inside a location rule: each holds or not as a whole, as one test of the rule around
//! it. crm_simulate places by them, crmsh loads cib.crm (its `xml` form: crmsh has no syntax
//! for them) into the same configuration, and the importer gives the spec back.

use crate::cib_tools::simulate::{State, from_state, runs_on};
use crate::cib_tools::*;
use crate::common;

/// Also built, verified, simulated and loaded by the tests over tests/specs/cib.
const SPEC: &str = include_str!("specs/cib/nested-rules.kdl");
const NODES: State = State::up(&["n1", "n2", "n3"]);

#[test]
fn nested_rules_reach_the_cib_and_crmsh_agrees() {
    let (xml, crm) = built_outputs(SPEC);
    for element in [
        r#"<rule score="100" id="web-east-rack-rule">"#,
        r#"<rule score="INFINITY" boolean-op="or" id="web-east-rack-rule-rule">"#,
        r#"<rule score="INFINITY" id="web-east-rack-rule-rule-rule">"#,
        r#"id="web-east-rack-rule-rule-rule-expression-0"/>"#,
    ] {
        assert!(xml.contains(element), "{element} not in\n{xml}");
    }
    assert!(
        crm.contains("\nxml <rsc_location id=\"web-east-rack\" rsc=\"web\"><rule score=\"100\""),
        "{crm}"
    );
    assert_pacemaker_and_crmsh_agree("nested-rules", &xml, &crm);
}

#[test]
fn pacemaker_reads_a_nested_rule_as_one_test() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    let (xml, _) = built_outputs(SPEC);
    let (placed, raw) = from_state(&xml, &NODES);
    assert_eq!(runs_on(&placed, "web"), ["n2"], "{raw}");
    // Through the innermost rule: rack r3 in the east is no node, rack r1 in the east is n1.
    let inner = SPEC.replace(r#"value="r2""#, r#"value="r9""#);
    let (xml, _) = built_outputs(&inner.replace(r#"value="r3""#, r#"value="r1""#));
    let (placed, raw) = from_state(&xml, &NODES);
    assert_eq!(runs_on(&placed, "web"), ["n1"], "{raw}");
}

#[test]
fn nested_rules_import_to_the_same_spec() {
    let (xml, _) = built_outputs(SPEC);
    let spec = assert_import_fixed_point(&xml);
    assert!(
        spec.contains("rule boolean=\"or\" {\n"),
        "the nested rule is written without a score:\n{spec}"
    );
}

#[test]
fn a_nested_rule_tests_something_and_takes_no_score() {
    let empty = SPEC.replace(
        "rule {\n                    expression \"rack\" op=\"eq\" value=\"r3\"\n                    expression \"site\" op=\"eq\" value=\"east\"\n                }",
        "rule {\n                }",
    );
    assert_eq!(
        errors_of(&empty),
        [("E0103", "rule without expressions".to_string())]
    );
    let scored = SPEC.replace("rule boolean=\"or\" {", "rule boolean=\"or\" score=5 {");
    assert_eq!(errors_of(&scored)[0].0, "E0102");
}
