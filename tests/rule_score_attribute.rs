//! A location rule that takes its score from a node attribute (`score-attribute`): Pacemaker
//! places by the attribute's value on each node, crmsh loads cib.crm into the same
//! configuration, the importer gives the spec back, and `hacc check` refuses a rule that
//! scores twice or not at all.

use crate::cib_tools::simulate::{State, from_state};
use crate::cib_tools::*;
use crate::common;

/// Also built, verified, simulated and loaded by the tests over tests/specs/cib.
const SPEC: &str = include_str!("specs/cib/score-attribute.kdl");

#[test]
fn the_score_comes_from_the_attribute_on_each_node() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    let (xml, _) = built_outputs(SPEC);
    assert!(
        xml.contains(r#"<rule score-attribute="pingd" id="web-where-connected-rule">"#),
        "{xml}"
    );
    for (best, pingd) in [
        ("n2", [("n1", "100"), ("n2", "300"), ("n3", "200")]),
        ("n3", [("n1", "100"), ("n2", "200"), ("n3", "300")]),
    ] {
        let attributes: Vec<(&str, &str, &str)> =
            pingd.iter().map(|(node, v)| (*node, "pingd", *v)).collect();
        let state = State {
            attributes: &attributes,
            ..State::up(&["n1", "n2", "n3"])
        };
        let (placed, raw) = from_state(&xml, &state);
        let web: Vec<&str> = placed
            .iter()
            .filter(|p| p.top == "web" && p.running())
            .flat_map(|p| p.nodes.iter().map(String::as_str))
            .collect();
        assert_eq!(web, [best], "{raw}");
    }
}

#[test]
fn crmsh_writes_the_attribute_where_the_score_goes() {
    let (xml, crm) = built_outputs(SPEC);
    let line = "\nlocation web-where-connected web rule pingd: defined pingd\n";
    assert!(crm.contains(line), "{line:?} not in\n{crm}");
    assert_pacemaker_and_crmsh_agree("score-attribute", &xml, &crm);
    // crmsh would read these as scores, or cut them at the `:`: the location goes as XML.
    for attribute in ["mandatory", "100", "-inf", "ping:d"] {
        let spec = SPEC.replace(r#""pingd" {"#, &format!("{attribute:?} {{"));
        let (xml, crm) = built_outputs(&spec);
        assert!(
            crm.contains(&format!(
                "\nxml <rsc_location id=\"web-where-connected\" rsc=\"web\"><rule score-attribute=\"{attribute}\""
            )),
            "{crm}"
        );
        assert_pacemaker_and_crmsh_agree("score-attribute-xml", &xml, &crm);
    }
}

#[test]
fn the_attribute_imports_to_the_same_spec() {
    let (xml, _) = built_outputs(SPEC);
    let spec = assert_import_fixed_point(&xml);
    assert!(spec.contains(r#"rule score-attribute="pingd" {"#), "{spec}");
}

#[test]
fn a_rule_scores_once() {
    let rule = r#"rule score-attribute="pingd" {"#;
    assert_eq!(
        errors_of(&SPEC.replace(rule, r#"rule score-attribute="pingd" score=10 {"#)),
        [(
            "E0110",
            "rule has both `score=` and `score-attribute=`".to_string()
        )]
    );
    assert_eq!(
        errors_of(&SPEC.replace(rule, "rule {")),
        [("E0103", "`rule` needs `score=`".to_string())]
    );
    assert_eq!(
        errors_of(&SPEC.replace(rule, r#"rule score-attribute="" {"#)),
        [("E0202", "node attribute name is empty".to_string())]
    );
    // crm_verify of such a CIB: "Triggered fatal assertion at common.c:546".
    let host = SPEC.replace(
        r#"primitive "web" agent="ocf:pacemaker:Dummy""#,
        r#"primitive "web" agent="ocf:pacemaker:Dummy" { meta container-attribute-target="host"; }"#,
    );
    assert_eq!(
        errors_of(&host),
        [(
            "E0110",
            "location `web-where-connected` reads its score from a container's host, and places \
             a resource that runs in none"
                .to_string()
        )]
    );
}
