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

/// The times (since `start`) at which a sampler saw the service run on `node`, sampling every
/// 100 ms until `stop` is set.
fn sample(
    lab: &Lab,
    node: &str,
    start: Instant,
    stop: &std::sync::atomic::AtomicBool,
) -> Vec<Duration> {
    let container = lab.container(node);
    let mut seen = Vec::new();
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        let at = start.elapsed();
        let running = docker(&[
            "exec",
            &container,
            "timeout",
            "5",
            "sh",
            "-c",
            "pgrep -f 'http[.]server' >/dev/null",
        ])
        .status
        .success();
        if running {
            seen.push(at);
        }
        std::thread::sleep(Duration::from_millis(100).saturating_sub(start.elapsed() - at));
    }
    seen
}

/// Ten times: the node running the service is cut off, the quorate side fences it (its
/// container is killed and started again), the service starts on the quorate side only after
/// it stopped on the cut-off node (sampled at 10 Hz on every node), and the node rejoins once
/// reconnected. No start guard: fencing alone keeps the two sides apart.
#[test]
fn a_cut_off_node_is_fenced_before_the_service_moves() {
    let Some(lab) = Lab::new("live-fenced-partition", 26) else {
        return;
    };
    lab.write_fenced_spec();
    lab.apply_up();
    let nodes = ["n1", "n2", "n3"];
    for round in 1..=10 {
        let observer = |except: &str| *nodes.iter().find(|n| **n != except).unwrap();
        // After a rejoin the site may still be moving: cut where it runs once it has settled.
        let isolated = wait_for(
            "the site to run on one node",
            Duration::from_secs(120),
            || {
                ["n2", "n3", "n1"]
                    .iter()
                    .find_map(|observer| site_nodes(&lab, observer))
                    .filter(|running| running.len() == 1)
                    .map(|running| running[0].clone())
            },
        );
        let isolated = nodes.into_iter().find(|n| *n == isolated).unwrap();
        let (_, started_before) = lab.container_run(isolated);
        let start = Instant::now();
        let stop = std::sync::atomic::AtomicBool::new(false);
        let (seen, cut_at) = std::thread::scope(|scope| {
            let samplers: Vec<_> = nodes
                .iter()
                .map(|node| (*node, scope.spawn(|| sample(&lab, node, start, &stop))))
                .collect();
            std::thread::sleep(Duration::from_millis(500));
            let cut_at = start.elapsed();
            succeeded(
                "docker network disconnect",
                &docker(&[
                    "network",
                    "disconnect",
                    &lab.network(),
                    &lab.container(isolated),
                ]),
            );
            // Fenced: its container was started again by the fencing device.
            wait_for(
                "the cut-off node to be fenced",
                Duration::from_secs(120),
                || (lab.container_run(isolated).1 != started_before).then_some(()),
            );
            let fenced_at = start.elapsed();
            wait_for(
                "the site on the quorate side",
                Duration::from_secs(120),
                || http_get(&lab.floating_ip()),
            );
            std::thread::sleep(Duration::from_secs(2));
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            let seen: Vec<(&str, Vec<Duration>)> = samplers
                .into_iter()
                .map(|(node, handle)| (node, handle.join().unwrap()))
                .collect();
            eprintln!(
                "round {round}: {isolated} cut at {:.1} s, fenced by {:.1} s",
                cut_at.as_secs_f64(),
                fenced_at.as_secs_f64()
            );
            (seen, cut_at)
        });
        let last_isolated = seen
            .iter()
            .find(|(node, _)| *node == isolated)
            .and_then(|(_, times)| times.last().copied());
        let first_other = seen
            .iter()
            .filter(|(node, _)| *node != isolated)
            .filter_map(|(_, times)| times.iter().find(|t| **t > cut_at).copied())
            .min()
            .expect("the service ran on the quorate side");
        assert!(
            last_isolated.is_none_or(|last| last < first_other),
            "round {round}: the service ran on both sides: on {isolated} until {last_isolated:?}, \
             elsewhere from {first_other:?}"
        );

        // Reconnected (and started, if it could not start cut off), the node rejoins.
        let container = lab.container(isolated);
        succeeded(
            "docker network connect",
            &docker(&[
                "network",
                "connect",
                "--ip",
                &lab.node_address(isolated),
                &lab.network(),
                &container,
            ]),
        );
        let state = docker(&["inspect", "--format", "{{.State.Running}}", &container]);
        if String::from_utf8_lossy(&state.stdout).trim() != "true" {
            eprintln!("round {round}: {isolated} did not start cut off; starting it");
            succeeded("docker start", &docker(&["start", &container]));
        }
        let watcher = observer(isolated);
        wait_for(
            "the fenced node to rejoin",
            Duration::from_secs(120),
            || {
                let status = lab.status_from(watcher)?;
                (status.nodes.iter().all(|n| n.online) && status.quorum).then_some(())
            },
        );
    }
}
