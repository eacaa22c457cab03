//! Scenarios 1-3: `apply --up` serves HTTP on the floating IP; a second apply changes nothing;
//! killing the node that runs the service moves it.

use crate::lab::{Lab, PAGE, docker, http_get, site_nodes, succeeded, wait_for};
use std::time::{Duration, Instant};

#[test]
fn up_serves_applies_idempotently_and_fails_over() {
    let Some(lab) = Lab::new("live-failover", 1) else {
        return;
    };
    // 1. Up: the service answers on the floating IP and on the node that runs it.
    let started = Instant::now();
    let output = lab.apply_up();
    let bring_up = started.elapsed();
    eprintln!(
        "bring-up (apply --up to converged): {:.1} s",
        bring_up.as_secs_f64()
    );
    assert!(output.contains("+ group web-site"), "{output}");
    let nodes = site_nodes(&lab, "n2").expect("a status");
    assert_eq!(nodes, ["n1"], "the site prefers n1");
    let page = wait_for("the floating IP to answer", Duration::from_secs(30), || {
        http_get(&lab.floating_ip())
    });
    assert!(page.contains(PAGE), "{page}");
    assert!(http_get(&lab.node_address("n1")).is_some_and(|p| p.contains(PAGE)));
    assert!(
        http_get(&lab.node_address("n2")).is_none(),
        "n2 must not serve"
    );

    // 2. Again: no changes, nothing sent, the server keeps its pid.
    let pid = |lab: &Lab| succeeded("cat", &lab.exec("n1", "cat /run/web-server.pid"));
    let (pid_before, epoch_before) = (pid(&lab), lab.epoch("n1"));
    let again = lab.apply_up();
    assert!(again.contains("No changes."), "{again}");
    assert!(!again.contains("Apply complete"), "{again}");
    assert_eq!(pid(&lab), pid_before);
    assert_eq!(
        lab.epoch("n1"),
        epoch_before,
        "the second apply changed the CIB"
    );

    // 3. Kill the node running the service: it answers again from another node.
    let killed = Instant::now();
    succeeded("docker kill", &docker(&["kill", &lab.container("n1")]));
    let new_home = wait_for("the service to move", Duration::from_secs(90), || {
        http_get(&lab.floating_ip())?;
        site_nodes(&lab, "n2").filter(|n| !n.is_empty() && !n.contains(&"n1".to_string()))
    });
    let failover = killed.elapsed();
    eprintln!(
        "failover (docker kill to HTTP answering from {}): {:.1} s",
        new_home.join(","),
        failover.as_secs_f64()
    );
    assert!(http_get(&lab.node_address(&new_home[0])).is_some());

    // The killed node comes back with the next apply, and rejoins.
    let restored = lab.apply_up();
    assert!(restored.contains("not running: n1"), "{restored}");
    let status = lab.status_from("n1").expect("n1 answers again");
    assert!(status.nodes.iter().all(|n| n.online), "{status:?}");
}
