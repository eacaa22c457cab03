//! Issue 10 §7: the seed example run as a user would. Each node's `env APP_ID=...` reaches
//! the service Pacemaker starts on it, so every node answers with its own name, and the front
//! answers from a backend as soon as `apply --up` says the cluster converged, even when the
//! service takes a while to pass its health check.

use crate::common::root;
use crate::lab::{Lab, http_answer, succeeded};

/// The seed example on this lab's subnet, name and host ports (the example's own could be
/// taken on a test machine), otherwise unchanged.
fn seed_spec(lab: &Lab) -> String {
    let spec = std::fs::read_to_string(root().join("examples/seed/cluster.kdl")).unwrap();
    let mut replaced = spec.clone();
    for (from, to) in [
        (
            "cluster \"docker-cluster\"",
            format!("cluster \"{}\"", lab.name),
        ),
        ("10.0.0.", format!("10.231.{}.", lab.subnet)),
        ("publish 500", "publish 2315".to_string()),
        ("port=8080", "port=23158".to_string()),
    ] {
        assert!(replaced.contains(from), "the seed example has no `{from}`");
        replaced = replaced.replace(from, &to);
    }
    replaced
}

/// The seed's app, slow to become healthy as a service that loads data at start would be:
/// `/health` answers 503 for its first 8 seconds, so haproxy keeps every backend down well
/// after Pacemaker has reported the service started.
fn slow_to_be_healthy(app: &str) -> String {
    let health = "def health():\n    return \"ok\\n\"\n";
    assert!(
        app.contains(health),
        "the seed's app has no `health`: {app}"
    );
    app.replace(
        "import os\n",
        "import os\nimport time\n\nSTARTED = time.monotonic()\n",
    )
    .replace(
        health,
        "def health():\n    if time.monotonic() - STARTED < 8:\n        \
             return \"starting\\n\", 503\n    return \"ok\\n\"\n",
    )
}

#[test]
fn every_seed_node_answers_its_own_name_and_the_front_answers_once_converged() {
    let Some(lab) = Lab::new("live-seed", 5) else {
        return;
    };
    let app = std::fs::read_to_string(root().join("examples/seed/app.py")).unwrap();
    lab.write_spec_file("app.py", &slow_to_be_healthy(&app));
    lab.write_spec_file("cluster.kdl", &seed_spec(&lab));
    lab.apply_up();
    // At once, no retry: converged means the front reaches a backend.
    let front = http_answer(&lab.address(10), 8080, "/");

    // The clone runs on node1..node3 (node4 is standby); each says who it is.
    let said = |answer: Option<(u16, String)>| match answer {
        Some((200, body)) => serde_json::from_str::<serde_json::Value>(&body).unwrap()["node"]
            .as_str()
            .unwrap_or("no name")
            .to_string(),
        other => format!("{other:?}"),
    };
    let nodes: Vec<String> = (1..=3)
        .map(|n| said(http_answer(&lab.address(10 + n), 5000, "/")))
        .collect();
    let front_code = front.as_ref().map(|(code, _)| *code);
    // One assertion, so a failure shows both what the nodes and what the front said.
    assert_eq!(
        (nodes, front_code),
        (
            vec!["node1".to_string(), "node2".into(), "node3".into()],
            Some(200)
        ),
        "the front answered {front:?}"
    );
    let (_, body) = front.unwrap();
    assert!(body.contains("\"node\":\"node"), "{body}");
    assert!(http_answer(&lab.address(14), 5000, "/").is_none());
    let status = succeeded(
        "hacc status",
        &lab.hacc(&["status", "--dir", &lab.dir().display().to_string()]),
    );
    assert!(
        status.contains("started on node1, node2, node3"),
        "{status}"
    );
}
