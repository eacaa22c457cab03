//! A colocation's `node-attribute` (the same site, not the same node) and `influence=#false`
//! (the dependent follows without moving what it follows): crm_simulate places them as the
//! spec says, crmsh loads cib.crm into the same configuration, and the importer gives the spec
//! back.

use crate::cib_tools::simulate::{State, from_state, runs_on};
use crate::cib_tools::*;
use crate::common;

/// Also built, verified, simulated and loaded by the tests over tests/specs/cib.
const SPEC: &str = include_str!("specs/cib/colocation-options.kdl");
const NODES: State = State::up(&["n1", "n2", "n3"]);

#[test]
fn both_reach_the_cib_and_crmsh_agrees() {
    let (xml, crm) = built_outputs(SPEC);
    for element in [
        r#"<rsc_colocation id="app-in-db-site" score="INFINITY" rsc="app" with-rsc="db" node-attribute="site"/>"#,
        r#"<rsc_colocation id="cache-with-store" score="INFINITY" influence="false" rsc="cache" with-rsc="store"/>"#,
    ] {
        assert!(xml.contains(element), "{element} not in\n{xml}");
    }
    for line in [
        "\ncolocation app-in-db-site INFINITY: app db node-attribute=site\n",
        // crmsh has no syntax for `influence`.
        "\nxml <rsc_colocation id=\"cache-with-store\" score=\"INFINITY\" influence=\"false\" rsc=\"cache\" with-rsc=\"store\"/>\n",
    ] {
        assert!(crm.contains(line), "{line:?} not in\n{crm}");
    }
    assert_pacemaker_and_crmsh_agree("colocation-options", &xml, &crm);
    // crmsh lowercases the attribute it reads in its own syntax: a name with capitals goes in
    // its `xml` form, and loads unchanged.
    for (name, xml_name) in [
        ("Site", "Site"),
        ("rack \\\"a\\\" & b", "rack &quot;a&quot; &amp; b"),
    ] {
        let spec = SPEC.replace(r#"site="#, &format!("\"{name}\"=")).replace(
            r#"node-attribute="site""#,
            &format!("node-attribute=\"{name}\""),
        );
        let (xml, crm) = built_outputs(&spec);
        let line = format!(
            "\nxml <rsc_colocation id=\"app-in-db-site\" score=\"INFINITY\" rsc=\"app\" with-rsc=\"db\" node-attribute=\"{xml_name}\"/>\n"
        );
        assert!(crm.contains(&line), "{line:?} not in\n{crm}");
        assert_pacemaker_and_crmsh_agree("colocation-options-names", &xml, &crm);
    }
}

#[test]
fn a_node_attribute_colocates_by_site() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    let (xml, _) = built_outputs(SPEC);
    let (placed, raw) = from_state(&xml, &NODES);
    assert_eq!(runs_on(&placed, "db"), ["n1"], "{raw}");
    // Banned from db's node, app still runs in db's site.
    assert_eq!(runs_on(&placed, "app"), ["n2"], "{raw}");
    // Without it, app pulls db off its node: both run on one node.
    let (xml, _) = built_outputs(&SPEC.replace(r#" node-attribute="site""#, ""));
    let (placed, raw) = from_state(&xml, &NODES);
    let db = runs_on(&placed, "db");
    assert!(db.len() == 1 && db != ["n1"], "{raw}");
    assert_eq!(runs_on(&placed, "app"), db, "{raw}");
}

#[test]
fn without_influence_a_running_primary_stays_put() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    let (xml, _) = built_outputs(SPEC);
    let (placed, raw) = from_state(
        &xml,
        &State {
            started: &[("store", "n2"), ("log", "n2")],
            ..NODES
        },
    );
    // cache wants n3 but follows store, which stays on n2 ...
    assert_eq!(runs_on(&placed, "store"), ["n2"], "{raw}");
    assert_eq!(runs_on(&placed, "cache"), ["n2"], "{raw}");
    // ... while shipper's wish for n3 moves log there.
    assert_eq!(runs_on(&placed, "log"), ["n3"], "{raw}");
    assert_eq!(runs_on(&placed, "shipper"), ["n3"], "{raw}");
}

#[test]
fn both_import_to_the_same_spec() {
    let (xml, _) = built_outputs(SPEC);
    let spec = assert_import_fixed_point(&xml);
    for line in [
        r#"colocation "app-in-db-site" "app" with="db" score="INFINITY" node-attribute="site""#,
        r#"colocation "cache-with-store" "cache" with="store" score="INFINITY" influence=#false"#,
    ] {
        assert!(spec.contains(line), "{line} not in\n{spec}");
    }
}

#[test]
fn a_node_attribute_is_a_name_and_read_on_a_pair_only() {
    assert_eq!(
        errors_of(&SPEC.replace(r#"node-attribute="site""#, r#"node-attribute="""#)),
        [("E0202", "node attribute name is empty".to_string())]
    );
    let with_sets = SPEC.replace(
        r#"colocation "shipper-with-log" "shipper" with="log""#,
        r#"colocation "shipper-with-log" node-attribute="site" { set "shipper"; set "log"; }"#,
    );
    assert_eq!(
        errors_of(&with_sets),
        [(
            "E0412",
            "colocation `shipper-with-log` has `node-attribute` and sets".to_string()
        )]
    );
}

/// A colocation set's `ordering`: `listed` places each member with every one before it, the
/// default `group` with the one before it only. With `second` stopped, crm_simulate places
/// the others differently; crmsh loads the set in its `xml` form, and the importer keeps the
/// attribute.
#[test]
fn a_listed_set_places_differently_from_a_group_set_and_round_trips() {
    let (xml, crm) = built_outputs(SPEC);
    let set = r#"<resource_set ordering="listed" id="chained-listed-0">"#;
    assert!(xml.contains(set), "{set} not in\n{xml}");
    assert!(
        crm.contains(&format!(
            "\nxml <rsc_colocation id=\"chained-listed\" score=\"INFINITY\">{set}"
        )),
        "{crm}"
    );
    let spec = assert_import_fixed_point(&xml);
    assert!(
        spec.contains(r#"set "first" "second" "third" ordering="listed""#),
        "{spec}"
    );
    if !common::have_tool("crm_simulate") {
        return;
    }
    let running = |spec: &str| {
        let stopped = spec.replace(
            r#"primitive "second" agent="ocf:pacemaker:Dummy""#,
            r#"primitive "second" agent="ocf:pacemaker:Dummy" { meta target-role="Stopped"; }"#,
        );
        let (xml, _) = built_outputs(&stopped);
        let (placed, _) = from_state(&xml, &NODES);
        ["first", "third"].map(|r| !runs_on(&placed, r).is_empty())
    };
    let group = SPEC.replace(r#" ordering="listed""#, "");
    assert_ne!(running(SPEC), running(&group), "ordering changed nothing");
}
