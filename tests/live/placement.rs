//! Scenarios 4 and 6: a changed location score is planned as exactly that change with the
//! move crm_simulate predicts, and applying it moves the site and restarts nothing else; a
//! standby set by hand is drift that apply keeps.

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
}
