//! Locations over more than one resource: `rsc-pattern` (and its `!` inverse), resource sets
//! (a set's own score), and a rule that reads the placed resource's parameter
//! (`value-source`): crm_simulate places them as the spec says, crmsh loads cib.crm into the
//! same configuration, and the importer gives the spec back.

use crate::cib_tools::simulate::{State, from_state, runs_on};
use crate::cib_tools::*;
use crate::common;

/// Also built, verified, simulated and loaded by the tests over tests/specs/cib.
const SPEC: &str = include_str!("specs/cib/location-subjects.kdl");
const NODES: State = State::up(&["n1", "n2", "n3"]);

#[test]
fn patterns_sets_and_value_sources_reach_the_cib_and_crmsh_agrees() {
    let (xml, crm) = built_outputs(SPEC);
    for element in [
        r#"<rsc_location id="webs-on-n1" rsc-pattern="^web-[0-9]+$" score="100" node="n1"/>"#,
        r#"<rsc_location id="others-off-n1" rsc-pattern="!^web-" score="-INFINITY" node="n1"/>"#,
        r#"<resource_set score="-INFINITY" id="db-off-n2-0">"#,
        r#"value="fake" value-source="param""#,
    ] {
        assert!(xml.contains(element), "{element} not in\n{xml}");
    }
    for line in [
        "\nlocation webs-on-n1 /^web-[0-9]+$/ 100: n1\n",
        "\nlocation others-off-n1 /!^web-/ -INFINITY: n1\n",
        "\nlocation pair-on-n2 { log metrics } 200: n2\n",
        // crmsh has no syntax for a set's score, several sets or `value-source`.
        "\nxml <rsc_location id=\"db-off-n2\" score=\"10\" node=\"n2\"><resource_set",
        "\nxml <rsc_location id=\"cache-by-rack\" rsc=\"cache\">",
    ] {
        assert!(crm.contains(line), "{line:?} not in\n{crm}");
    }
    assert_pacemaker_and_crmsh_agree("location-subjects", &xml, &crm);
    // A set in a role is written as crmsh's member suffix; a pattern crmsh would split goes as
    // XML.
    let role = SPEC
        .replace(
            r#"set "log" "metrics""#,
            r#"set "log" "metrics" role="Started""#,
        )
        .replace(r#""^web-[0-9]+$""#, r#""^web-[0-9]+$|^a b$""#);
    let (xml, crm) = built_outputs(&role);
    assert!(
        crm.contains("\nlocation pair-on-n2 { log:Started metrics:Started } 200: n2\n"),
        "{crm}"
    );
    assert!(
        crm.contains("\nxml <rsc_location id=\"webs-on-n1\" rsc-pattern=\"^web-[0-9]+$|^a b$\""),
        "{crm}"
    );
    assert_pacemaker_and_crmsh_agree("location-subjects-role", &xml, &crm);
}

#[test]
fn pacemaker_places_each_resource_as_the_spec_says() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    let (xml, _) = built_outputs(SPEC);
    let (placed, raw) = from_state(&xml, &NODES);
    // The pattern's matches on n1, everything else kept off it.
    assert_eq!(runs_on(&placed, "web-1"), ["n1"], "{raw}");
    assert_eq!(runs_on(&placed, "web-2"), ["n1"], "{raw}");
    // The set's members on the location's node.
    assert_eq!(runs_on(&placed, "log"), ["n2"], "{raw}");
    assert_eq!(runs_on(&placed, "metrics"), ["n2"], "{raw}");
    // db's set scores -INFINITY on n2, not the location's 10, and n1 bans it: n3.
    assert_eq!(runs_on(&placed, "db"), ["n3"], "{raw}");
    // cache's `fake` parameter is r3: the rule holds on n3 only.
    assert_eq!(runs_on(&placed, "cache"), ["n3"], "{raw}");

    // Without the set's score db takes the location's +10 on n2; with a literal value the
    // rule compares with the text "fake" and holds nowhere, so cache goes by its other
    // preferences (away from n1, and n3 is no longer a pull).
    let (xml, _) = built_outputs(&SPEC.replace(r#"set "db" score="-INFINITY""#, r#"set "db""#));
    let (placed, raw) = from_state(&xml, &NODES);
    assert_eq!(runs_on(&placed, "db"), ["n2"], "{raw}");
    let literal = SPEC.replace(r#" value-source="param""#, "");
    let (xml, _) = built_outputs(&literal);
    let (placed, raw) = from_state(&xml, &NODES);
    assert_ne!(runs_on(&placed, "cache"), ["n1"], "{raw}");
    let (xml, _) = built_outputs(&literal.replace(r#"value="fake""#, r#"value="r2""#));
    let (placed, raw) = from_state(&xml, &NODES);
    assert_eq!(runs_on(&placed, "cache"), ["n2"], "{raw}");
}

#[test]
fn they_import_to_the_same_spec() {
    let (xml, _) = built_outputs(SPEC);
    let spec = assert_import_fixed_point(&xml);
    for line in [
        r#"location "webs-on-n1" rsc-pattern="^web-[0-9]+$" node="n1" score=100"#,
        r#"location "db-off-n2" node="n2" score=10 {"#,
        r#"set "db" score="-INFINITY""#,
        r#"expression "rack" op="eq" value="fake" value-source="param""#,
    ] {
        assert!(spec.contains(line), "{line} not in\n{spec}");
    }
}

#[test]
fn a_location_names_what_it_places_once_and_a_pattern_compiles() {
    let pattern = r#"rsc-pattern="^web-[0-9]+$""#;
    assert_eq!(
        errors_of(&SPEC.replace(pattern, r#""web-1" rsc-pattern="^web""#)),
        [(
            "E0412",
            "location `webs-on-n1` names what it places in two ways".to_string()
        )]
    );
    assert_eq!(
        errors_of(&SPEC.replace(pattern, "")),
        [("E0103", "location `webs-on-n1` places nothing".to_string())]
    );
    assert_eq!(
        errors_of(&SPEC.replace(pattern, r#"rsc-pattern="web-(""#)),
        [(
            "E0105",
            "`rsc-pattern` `web-(` is not one Pacemaker compiles".to_string()
        )]
    );
    assert_eq!(
        errors_of(&SPEC.replace(
            r#"location "pair-on-n2" node="n2" score=200 {"#,
            r#"location "pair-on-n2" node="n2" score=200 role="Started" {"#
        )),
        [(
            "E0412",
            "location `pair-on-n2` over sets has a role".to_string()
        )]
    );
    let rules_and_scored_set = SPEC.replace(
        r#"location "cache-by-rack" "cache" {"#,
        r#"location "cache-by-rack" { set "cache" score=5"#,
    );
    assert_eq!(
        errors_of(&rules_and_scored_set),
        [(
            "E0412",
            "a set's `score=` in location `cache-by-rack` with rules".to_string()
        )]
    );
    assert_eq!(
        errors_of(&SPEC.replace(r#"set "log" "metrics""#, r#"set "log" "nope""#)),
        [("E0203", "unknown resource `nope`".to_string())]
    );
}

#[test]
fn a_pattern_that_places_nothing_is_warned_with_a_bounded_list() {
    let label = |spec: &str| {
        let outcome = hacc::pipeline::check_source(spec);
        let warned: Vec<_> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.code.id == "W0425")
            .collect();
        assert_eq!(warned.len(), 1, "{:#?}", outcome.diagnostics);
        warned[0].label.clone().unwrap_or_default()
    };
    let pattern = r#"rsc-pattern="^web-[0-9]+$""#;
    let few = label(&SPEC.replace(pattern, r#"rsc-pattern="^nothing""#));
    assert!(
        few.starts_with("matches none of the top-level resources ("),
        "{few}"
    );
    assert!(!few.contains("more"), "{few}");
    // Eight more top-level resources than the label names.
    let many: String = (0..8)
        .map(|i| format!("    primitive \"extra-{i}\" agent=\"ocf:pacemaker:Dummy\"\n"))
        .collect();
    let spec = SPEC.replace(pattern, r#"rsc-pattern="^nothing""#).replacen(
        "    primitive ",
        &format!("{many}    primitive "),
        1,
    );
    let bounded = label(&spec);
    assert!(bounded.ends_with(" more)"), "{bounded}");
    assert_eq!(bounded.matches(", ").count(), 5, "six names: {bounded}");
}
