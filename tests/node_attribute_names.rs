//! Node attributes named as Pacemaker and its agents name them (`#health-cpu`, a promotion
//! score `master-db:0`, a name with spaces): Pacemaker reads the built cib.xml, whose pair ids
//! are XML ids; crmsh loads the `xml` form cib.crm writes for such a node into the same
//! configuration; and the importer gives the spec back.

use crate::cib_tools::*;

const SPEC: &str = r##"cluster "names" {
    network "net" subnet="10.0.0.0/24"
    property "node-health-strategy" "migrate-on-red"
    node "n1" address="10.0.0.11" {
        attribute "#health-cpu"="green" "master-db:0"="5" "rack  a"="it's  \"x\" & y" site="a"
        utilization cpu=4
        attribute-set "n1-late" {
            rule score="INFINITY" {
                expression "#uname" op="eq" value="n1"
            }
            values "fail-count-db#monitor_10000"="1"
        }
    }
    node "n2" address="10.0.0.12" standby=#true {
        attribute site="b"
    }
    node "n3" address="10.0.0.13"
    remote-node "r1" {
        attribute "#health-disk"="yellow"
    }
    primitive "fence" agent="stonith:fence_docker"
    primitive "r1" agent="ocf:pacemaker:remote"
    primitive "db" agent="ocf:pacemaker:Dummy"
    location "db-healthy" "db" {
        rule score="-INFINITY" boolean="or" {
            expression "#health-cpu" op="eq" value="red"
            expression "master-db:0" op="lt" value="1" type="integer"
            expression "fail-count-db#monitor_10000" op="defined"
        }
    }
}
"##;

fn built() -> (String, String) {
    built_outputs(SPEC)
}

#[test]
fn free_node_attribute_names_get_xml_ids_and_load_through_crmsh() {
    let (xml, crm) = built();
    for pair in [
        r##"<nvpair name="#health-cpu" value="green" id="n1-instance_attributes-_health-cpu"/>"##,
        r#"<nvpair name="master-db:0" value="5" id="n1-instance_attributes-master-db_0"/>"#,
        r#"<nvpair name="rack  a" value="it&apos;s  &quot;x&quot; &amp; y" id="n1-instance_attributes-rack__a"/>"#,
        r##"<nvpair name="fail-count-db#monitor_10000" value="1" id="n1-late-fail-count-db_monitor_10000"/>"##,
        r##"<nvpair name="#health-disk" value="yellow" id="nodes-r1-_health-disk"/>"##,
    ] {
        assert!(xml.contains(pair), "{pair} not in\n{xml}");
    }
    // The nodes crmsh would derive other ids for are in `xml` form, the others as usual.
    let lines: Vec<&str> = crm.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(r#"xml <node id="1" uname="n1">"#)
                && l.contains(r#"value="it&apos;s &#32;&quot;x&quot; &amp; y""#)),
        "{crm}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(r#"xml <node id="r1" uname="r1" type="remote">"#)),
        "{crm}"
    );
    assert!(
        lines.contains(&"node 2: n2 attributes standby=on site=b"),
        "{crm}"
    );
    // Rule expressions name no ids after their attribute: crmsh reads these as they are.
    assert!(
        crm.contains(
            "#health-cpu eq red or master-db:0 integer:lt 1 or defined fail-count-db#monitor_10000"
        ),
        "{crm}"
    );
    let Some((load, _)) = assert_pacemaker_and_crmsh_agree("node-attribute-names", &xml, &crm)
    else {
        return;
    };
    assert!(!load.contains("ERROR"), "crm load: {load}");
}

#[test]
fn free_node_attribute_names_import_to_the_same_spec() {
    let (xml, _) = built();
    let spec = assert_import_fixed_point(&xml);
    for line in [
        r##""#health-cpu"="green""##,
        r##""master-db:0"=5"##,
        r##""#health-disk"="yellow""##,
    ] {
        assert!(spec.contains(line), "{line} not in\n{spec}");
    }
}

#[test]
fn names_that_derive_one_id_or_hold_control_characters_are_refused() {
    let spec = SPEC.replace(r#"site="a""#, r#""master-db_0"="1" "a\tb"="1""#);
    let outcome = hacc::pipeline::check_source(&spec);
    let codes: Vec<&str> = outcome.diagnostics.iter().map(|d| d.code.id).collect();
    assert!(codes.contains(&"E0438"), "{codes:?}");
    assert!(codes.contains(&"E0202"), "{codes:?}");
}
