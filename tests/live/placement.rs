//! Scenarios 4 and 6: a changed location score is planned as exactly that change with the
//! move crm_simulate predicts, and applying it moves the site and restarts nothing else; a
//! standby set by hand is drift that apply keeps, `hacc graph --dir` draws it, and `hacc
//! import --dir` reads the running cluster back, with a ticket, a rule and a second defaults set
//! added by hand with crmsh, as a spec that changes nothing in its CIB.

use crate::lab::{Lab, site_nodes, succeeded, wait_for};
use std::time::Duration;

#[test]
fn a_score_change_moves_only_the_site_and_standby_by_hand_is_kept() {
    let Some(lab) = Lab::new("live-placement", 2) else {
        return;
    };
    lab.apply_up();
    assert_eq!(site_nodes(&lab, "n3").unwrap(), ["n1"]);
    let markers = lab.last_operations("n3", "marker");
    assert_eq!(markers.len(), 3, "{markers:?}");

    // 4. n2 now preferred over n1.
    lab.write_spec(50, 100);
    let (plan, code) = lab.plan_json();
    assert_eq!(code, 2);
    let cluster = &plan["cluster"];
    assert_eq!(
        cluster["changes"],
        serde_json::json!([{
            "action": "change", "kind": "location", "id": "site-prefers-n2",
            "fields": [{"field": "score", "old": "10", "new": "100"}]
        }]),
        "{plan:#}"
    );
    let predicted: Vec<String> = cluster["predictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{} {} {} -> {}",
                p["action"], p["resource"], p["node"], p["to"]
            )
        })
        .collect();
    assert_eq!(
        predicted,
        [
            r#""move" "start-guard" "n1" -> "n2""#,
            r#""move" "web-ip" "n1" -> "n2""#,
            r#""move" "web-server" "n1" -> "n2""#
        ]
    );
    let text = lab.plan_text();
    assert!(
        text.contains("~ location site-prefers-n2: score 10 -> 100   (move start-guard n1 -> n2, move web-ip n1 -> n2, move web-server n1 -> n2)"),
        "{text}"
    );
    lab.apply_up();
    assert_eq!(site_nodes(&lab, "n3").unwrap(), ["n2"]);
    assert_eq!(
        lab.last_operations("n3", "marker"),
        markers,
        "the marker clone restarted"
    );

    // 6. An operator puts n3 in standby: drift, kept by apply.
    succeeded("crm node standby", &lab.exec("n1", "crm node standby n3"));
    wait_for("n3 to be in standby", Duration::from_secs(30), || {
        lab.status_from("n1")?.node("n3")?.standby.then_some(())
    });
    let (plan, code) = lab.plan_json();
    assert_eq!(code, 0, "drift alone is no change: {plan:#}");
    assert_eq!(
        plan["cluster"]["runtime"],
        serde_json::json!([{"kind": "node", "id": "n3", "description": "standby=on"}])
    );
    let text = lab.plan_text();
    assert!(
        text.contains("! node n3: standby=on set outside hacc   (kept: runtime state)"),
        "{text}"
    );
    let applied = lab.apply_up();
    assert!(applied.contains("No changes."), "{applied}");
    let status = lab.status_from("n2").unwrap();
    assert!(status.node("n3").unwrap().standby, "{status:?}");

    // 15. The picture of the running cluster: each box in its state, where it runs now.
    let drawn = graph_states(&lab, &lab.spec_path());
    let expect = |key: &str, state: &str, line: &str| {
        let found = drawn.iter().find(|(k, _, _)| k == key);
        assert_eq!(
            found.map(|(_, s, l)| (s.as_str(), l.as_str())),
            Some((state, line)),
            "{key} in {drawn:#?}"
        );
    };
    // Any node may be the DC, a standby one too.
    expect(
        "node:n3",
        "standby",
        &format!("now: standby{}", dc_mark(&status, "n3")),
    );
    expect(
        "node:n1",
        "online",
        &format!("now: online{}", dc_mark(&status, "n1")),
    );
    expect("rsc:web-site", "running", "now: running on n2");
    expect("rsc:web-server", "running", "now: running on n2");
    // The clone's instance on the standby node is stopped; the others run.
    expect("rsc:marker-clone", "running", "now: running on n1, n2");
    // A spec of another cluster is not drawn over this one.
    lab.write_spec_file(
        "other.kdl",
        &crate::lab::spec("other", lab.subnet, 1, 1).replace("\"n", "\"m"),
    );
    let other = lab.hacc(&[
        "graph",
        &lab.spec_path()
            .with_file_name("other.kdl")
            .display()
            .to_string(),
        "--dir",
        &lab.dir().display().to_string(),
    ]);
    assert_eq!(other.status.code(), Some(1), "{other:?}");
    let stderr = String::from_utf8_lossy(&other.stderr);
    assert!(stderr.contains("it runs another spec"), "{stderr}");

    // Changed by hand with crmsh, as operators do: a ticket (granted first, so nothing stops),
    // a location rule and a second defaults set, whose rule never holds.
    for command in [
        "crm_ticket --ticket ticket-a --grant --force",
        "crm configure rsc_ticket marker-needs-ticket-a ticket-a: marker-clone loss-policy=stop",
        "crm configure location site-by-rack web-site rule 1: rack eq a",
        "crm configure rsc_defaults '$id=never-defaults' rule 5: date lt 2000-01-01 \
         resource-stickiness=100",
    ] {
        succeeded(command, &lab.exec("n1", command));
    }

    // 12. `hacc import --dir`: the running cluster as a spec, whose CIB is the live one.
    let imported = lab.spec_path().with_file_name("imported.kdl");
    let import = lab.hacc(&[
        "import",
        "--dir",
        &lab.dir().display().to_string(),
        "-o",
        &imported.display().to_string(),
    ]);
    succeeded("hacc import --dir", &import);
    let spec = std::fs::read_to_string(&imported).unwrap();
    for node in ["n1", "n2", "n3"] {
        let line = format!("node \"{node}\" address=\"{}\"", lab.node_address(node));
        assert!(spec.contains(&line), "no `{line}` in\n{spec}");
    }
    for by_hand in [
        "rsc-ticket \"marker-needs-ticket-a\" \"marker-clone\" ticket=\"ticket-a\"",
        "location \"site-by-rack\" \"web-site\"",
        "rsc-defaults-set \"never-defaults\"",
    ] {
        assert!(spec.contains(by_hand), "no `{by_hand}` in\n{spec}");
    }
    let planned = lab.hacc(&[
        "plan",
        &imported.display().to_string(),
        "--dir",
        &lab.dir().display().to_string(),
        "--json",
    ]);
    let plan: serde_json::Value = serde_json::from_slice(&planned.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", crate::lab::describe(&planned)));
    assert_eq!(
        plan["cluster"]["changes"],
        serde_json::json!([]),
        "the imported spec changes the live CIB: {plan:#}\n{spec}"
    );
    // The file form is refused beside --dir, and an existing output is never replaced.
    let again = lab.hacc(&[
        "import",
        "--dir",
        &lab.dir().display().to_string(),
        "-o",
        &imported.display().to_string(),
    ]);
    assert_eq!(again.status.code(), Some(2), "{again:?}");
    assert_eq!(std::fs::read_to_string(&imported).unwrap(), spec);
}

/// `, DC` when `node` is the designated controller.
fn dc_mark(status: &hacc::live::status::ClusterStatus, node: &str) -> &'static str {
    if status.dc.as_deref() == Some(node) {
        ", DC"
    } else {
        ""
    }
}

/// `hacc graph SPEC --dir DIR`: (key, data-state, last line) of every box with a state.
fn graph_states(lab: &Lab, spec: &std::path::Path) -> Vec<(String, String, String)> {
    let out = lab.hacc(&[
        "graph",
        &spec.display().to_string(),
        "--dir",
        &lab.dir().display().to_string(),
    ]);
    let svg = succeeded("hacc graph --dir", &out);
    let document = roxmltree::Document::parse(&svg).unwrap();
    document
        .descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter_map(|g| {
            let state = g.attribute("data-state")?;
            let last = g
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .filter_map(|n| n.text())
                .next_back()?;
            Some((
                g.attribute("data-key")?.to_string(),
                state.to_string(),
                last.to_string(),
            ))
        })
        .collect()
}
