//! Scenario 5: a node cut off from the others stops the service while the quorate side keeps
//! it, never both at once; reconnected, the node rejoins.

use crate::lab::{Lab, docker, http_get, site_nodes, succeeded, wait_for};
use std::time::{Duration, Instant};

/// Whether the web server process runs on a node (checked inside its container).
fn serving(lab: &Lab, node: &str) -> bool {
    lab.exec(node, "pgrep -f 'http[.]server' >/dev/null")
        .status
        .success()
}

#[test]
fn an_isolated_node_stops_the_service_and_rejoins() {
    let Some(lab) = Lab::new("live-partition", 3) else {
        return;
    };
    lab.apply_up();
    assert_eq!(site_nodes(&lab, "n2").unwrap(), ["n1"]);
    assert!(serving(&lab, "n1"));

    let cut = Instant::now();
    succeeded(
        "docker network disconnect",
        &docker(&[
            "network",
            "disconnect",
            &lab.network(),
            &lab.container("n1"),
        ]),
    );
    // Watch both sides until the service runs on the quorate side only, and then a while longer.
    let mut moved_at = None;
    let mut settled_for = 0;
    while settled_for < 8 {
        assert!(
            cut.elapsed() < Duration::from_secs(120),
            "the partition did not settle"
        );
        let isolated = serving(&lab, "n1");
        let others: Vec<&str> = ["n2", "n3"]
            .into_iter()
            .filter(|n| serving(&lab, n))
            .collect();
        assert!(
            !isolated || others.is_empty(),
            "the service ran on both sides: n1 and {others:?}"
        );
        if !isolated && others.len() == 1 && http_get(&lab.floating_ip()).is_some() {
            moved_at.get_or_insert(cut.elapsed());
            settled_for += 1;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    eprintln!(
        "partition: service on the quorate side {:.1} s after the cut",
        moved_at.unwrap().as_secs_f64()
    );
    let quorate = lab.status_from("n2").unwrap();
    assert!(quorate.quorum);
    assert!(!quorate.node("n1").unwrap().online);
    let isolated = lab.exec("n1", "corosync-quorumtool -s >/dev/null");
    assert_eq!(isolated.status.code(), Some(2), "n1 must have lost quorum");
    let vip = lab.floating_ip();
    let addresses = String::from_utf8_lossy(&lab.exec("n1", "ip -o addr").stdout).into_owned();
    assert!(
        !addresses.contains(&format!("{vip}/")),
        "n1 kept the floating IP: {addresses}"
    );

    // Reconnected with its address, n1 rejoins.
    let ip = lab.node_address("n1");
    succeeded(
        "docker network connect",
        &docker(&[
            "network",
            "connect",
            "--ip",
            &ip,
            &lab.network(),
            &lab.container("n1"),
        ]),
    );
    wait_for("n1 to rejoin", Duration::from_secs(90), || {
        let status = lab.status_from("n2")?;
        status.nodes.iter().all(|n| n.online).then_some(())
    });
    let members = succeeded("quorumtool", &lab.exec("n1", "corosync-quorumtool -l"));
    for node in ["n1", "n2", "n3"] {
        assert!(members.contains(node), "{members}");
    }
}
