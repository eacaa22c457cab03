//! Issue 14 §3: a bring-up does not wait out the dampening of a node attribute's first
//! values. A ping clone sets `pingd` with `dampen="60s"`, and the site may only run where
//! `pingd` is set: attrd would hold the first values for a minute, longer than hacc's grace for
//! a resource that stays stopped (30 s), so the site runs when `apply --up` reports the cluster
//! converged only because the first values were written at once. A change to the running
//! cluster afterwards leaves a held value to its dampening.

use crate::lab::{Lab, describe, succeeded};

fn spec(lab: &Lab, zone_rule: bool) -> String {
    let name = &lab.name;
    let net = lab.address(0);
    let net = net.trim_end_matches(".0");
    let zone = if zone_rule {
        "    location \"site-prefers-east\" \"site\" {\n        rule score=10 {\n            expression \"zone\" op=\"eq\" value=\"east\"\n        }\n    }\n"
    } else {
        ""
    };
    format!(
        r#"cluster "{name}" {{
    network "live_net" subnet="{net}.0/24"
    image base="debian:bookworm" {{
        packages "iputils-ping"
    }}
    node "n1" address="{net}.11"
    node "n2" address="{net}.12"
    node "n3" address="{net}.13"
    property "stonith-enabled" #false {{
        unsafe-acknowledged "test containers: there is no fencing device to call"
    }}
    primitive "gateway-ping" agent="ocf:pacemaker:ping" {{
        params host_list="{net}.1" multiplier=1000 dampen="60s"
        op "monitor" interval="10s" timeout="60s"
    }}
    clone "gateway-ping-clone" of="gateway-ping" interleave=#true
    primitive "site" agent="ocf:pacemaker:Dummy" {{
        op "monitor" interval="10s" timeout="20s"
    }}
    location "site-needs-gateway" "site" {{
        rule score="-INFINITY" boolean="or" {{
            expression "pingd" op="not_defined"
            expression "pingd" op="lte" value=0
        }}
    }}
{zone}}}
"#
    )
}

fn apply(lab: &Lab) -> String {
    let spec = lab.spec_path().display().to_string();
    let dir = lab.dir().display().to_string();
    let output = lab.hacc(&["apply", &spec, "--dir", &dir, "--up", "--auto-approve"]);
    succeeded("hacc apply --up", &output);
    describe(&output)
}

/// `attrd_updater --query` of `name` on `node`, and the value the CIB holds for it there.
fn zone_on_n1(lab: &Lab) -> (String, Option<String>) {
    let attrd = lab.exec("n1", "attrd_updater --query --name zone --node n1");
    let status = lab.status_from("n1").expect("crm_mon answers");
    let in_cib = status
        .node("n1")
        .and_then(|n| n.attributes.iter().find(|(a, _)| a == "zone"))
        .map(|(_, v)| v.clone());
    (String::from_utf8_lossy(&attrd.stdout).into_owned(), in_cib)
}

#[test]
fn first_values_of_a_dampened_attribute_do_not_hold_the_bring_up() {
    let Some(lab) = Lab::new("live-bring-up", 27) else {
        return;
    };
    lab.write_spec_file("cluster.kdl", &spec(&lab, false));
    let applied = apply(&lab);
    assert!(
        applied.contains("first value(s) of pingd written without their dampening"),
        "{applied}"
    );
    assert!(
        applied.contains("settled, every resource running"),
        "{applied}"
    );
    let status = lab.status_from("n2").expect("crm_mon answers");
    assert_eq!(status.running_on("site").len(), 1, "{status:?}");
    for node in ["n1", "n2", "n3"] {
        let pingd = status
            .node(node)
            .and_then(|n| n.attributes.iter().find(|(a, _)| a == "pingd"));
        assert_eq!(
            pingd.map(|(_, v)| v.as_str()),
            Some("1000"),
            "{node}: {status:?}"
        );
    }

    // A first value held by attrd while hacc changes the running cluster keeps its delay.
    succeeded(
        "attrd_updater",
        &lab.exec(
            "n1",
            "attrd_updater --name zone --update-both east --delay 60s",
        ),
    );
    lab.write_spec_file("cluster.kdl", &spec(&lab, true));
    let applied = apply(&lab);
    assert!(applied.contains("Pushed the configuration"), "{applied}");
    assert!(!applied.contains("without their dampening"), "{applied}");
    let (attrd, in_cib) = zone_on_n1(&lab);
    assert!(attrd.contains("value=\"east\""), "{attrd}");
    assert_eq!(in_cib, None, "the held value was written before its delay");
}
