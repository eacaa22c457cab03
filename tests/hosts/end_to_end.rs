//! `hacc plan`, `apply` and `status` on three bare hosts, end to end and through SSH only:
//! one lab for every step, since bringing hosts up from bare is the slow part. A fourth host
//! of the lab, outside the spec at first, joins and leaves the cluster.

use super::lab::{HostsLab, Run};
use std::time::{Duration, Instant};

/// The service the test moves and fails over: a floating IP at `.200` of the hosts' subnet,
/// with `iproute2` (which IPaddr2 runs and a bare host lacks) from the spec's image packages.
fn probe(lab: &HostsLab) -> String {
    format!(
        "    image {{\n        packages \"iproute2\"\n    }}\n    primitive \"probe\" agent=\"ocf:heartbeat:IPaddr2\" {{\n        params ip=\"{}\" cidr_netmask=24\n        op \"monitor\" interval=\"10s\" timeout=\"20s\"\n    }}\n",
        floating_ip(lab)
    )
}

fn floating_ip(lab: &HostsLab) -> String {
    let first = &lab.addresses[0];
    let prefix = &first[..first.rfind('.').expect("an IPv4 address")];
    format!("{prefix}.200")
}

/// Whether `host` holds the floating IP on one of its interfaces.
fn holds_ip(lab: &HostsLab, host: usize) -> bool {
    let ip = floating_ip(lab);
    lab.on_host(host, "ip -o -4 addr show 2>&1 || true")
        .contains(&format!(" {ip}/24 "))
}
const CONF: &str = "/etc/corosync/corosync.conf";

fn ok(run: &Run, what: &str) {
    assert_eq!(run.code, Some(0), "{what}: {run:?}");
}

/// corosync's and pacemaker's main process ids on a host.
fn main_pids(lab: &HostsLab, host: usize) -> String {
    lab.on_host(
        host,
        "systemctl show -p MainPID --value corosync pacemaker | tr '\\n' ' '",
    )
}

fn all_pids(lab: &HostsLab) -> Vec<String> {
    (1..=3).map(|h| main_pids(lab, h)).collect()
}

/// The node `probe` runs on, as Pacemaker says from `host`.
fn probe_node(lab: &HostsLab, host: usize) -> Option<String> {
    let out = lab.on_host(host, "crm_resource --locate -r probe 2>&1 || true");
    out.split("running on:")
        .nth(1)
        .map(|rest| rest.trim().to_string())
}

/// `plan --json` with node2's corosync.conf edited: the hosts as the published schema says.
fn drift_in_json(lab: &HostsLab) {
    let json = lab.hacc(&["plan", "--json"]);
    ok(&json, "plan --json");
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_slice(
        &std::fs::read(crate::common::root().join("schemas/plan.json")).unwrap(),
    )
    .unwrap();
    let names = |value: &serde_json::Value| -> Vec<String> {
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    let host = &schema["$defs"]["host"]["properties"];
    let hosts = report["hosts"].as_array().unwrap();
    assert_eq!(hosts.len(), 3, "{report}");
    for planned in hosts {
        assert_eq!(names(planned), names(host), "{planned}");
    }
    assert_eq!(report["changes"], true);
    assert!(report["cluster"].is_object(), "{report}");
    let file = &hosts[1]["files"][0];
    assert_eq!(names(file), names(&host["files"]["items"]["properties"]));
    assert_eq!(file["path"], CONF);
    assert_eq!(file["drifted"], true);
    assert!(hosts[0]["files"].as_array().unwrap().is_empty(), "{report}");
}

#[test]
fn three_bare_hosts_are_planned_applied_kept_and_refused_through_ssh() {
    let Some(lab) = HostsLab::up(4, "e2e") else {
        return;
    };
    let suite = Instant::now();
    lab.set_spec_nodes(3);
    let probe = probe(&lab);
    lab.write_spec_with(&probe);
    ok(&lab.hacc(&["hosts", "accept", "--yes"]), "accept");

    // From bare: every file, the packages and the services, per host.
    let planned = lab.hacc(&["plan"]);
    ok(&planned, "plan from bare");
    for host in 1..=3 {
        assert!(
            planned.stdout.contains(&format!("  node{host} (root@")),
            "{planned:?}"
        );
    }
    assert_eq!(
        planned
            .stdout
            .matches("    + /etc/corosync/corosync.conf\n")
            .count(),
        3,
        "{planned:?}"
    );
    assert!(
        planned
            .stdout
            .contains("+ /etc/corosync/authkey   (none -> generated at apply, not shown)"),
        "{planned:?}"
    );
    assert_eq!(
        planned
            .stdout
            .matches("~ services: start corosync, pacemaker")
            .count(),
        3,
        "{planned:?}"
    );
    assert!(
        planned
            .stdout
            .contains("+ packages: corosync pacemaker crmsh")
    );

    let started = Instant::now();
    let applied = lab.hacc(&["apply", "--auto-approve"]);
    eprintln!("bring-up of 3 bare hosts: {:?}", started.elapsed());
    ok(&applied, "apply from bare");
    let crm_mon = lab.on_host(1, "crm_mon -1");
    assert!(
        crm_mon.contains("Online: [ node1 node2 node3 ]"),
        "{crm_mon}"
    );
    assert!(
        crm_mon.contains("probe") && crm_mon.contains("Started"),
        "{crm_mon}"
    );
    let key = lab.on_host(1, "sha256sum </etc/corosync/authkey");
    for host in 2..=3 {
        assert_eq!(lab.on_host(host, "sha256sum </etc/corosync/authkey"), key);
    }
    assert!(
        !applied
            .stdout
            .contains(key.split_whitespace().next().unwrap()),
        "the key's full hash is never printed"
    );
    let status = lab.hacc_exactly(&["status".as_ref(), "--dir".as_ref(), lab.dir().as_os_str()]);
    ok(&status, "status");
    assert_eq!(
        status
            .stdout
            .matches("reachable, corosync and pacemaker active")
            .count(),
        3,
        "{status:?}"
    );
    assert!(status.stdout.contains("probe"), "{status:?}");

    // Converged: a second apply changes nothing and restarts nothing.
    let pids = all_pids(&lab);
    let again = lab.hacc(&["plan"]);
    ok(&again, "second plan");
    assert!(
        again.stdout.contains("Hosts: no changes.") && again.stdout.ends_with("No changes.\n"),
        "{again:?}"
    );
    let again = lab.hacc(&["apply", "--auto-approve"]);
    ok(&again, "second apply");
    assert!(again.stdout.contains("No changes.\n"), "{again:?}");
    assert!(!again.stderr.contains("Converging"), "{again:?}");
    assert_eq!(all_pids(&lab), pids, "nothing restarted");

    // A file edited on a host by hand is drift: shown, refused, overwritten with --force.
    lab.on_host(2, &format!("echo '# edited by hand' >>{CONF}"));
    let drift = lab.hacc(&["plan"]);
    ok(&drift, "plan with drift");
    assert!(
        drift
            .stdout
            .contains("! /etc/corosync/corosync.conf   (edited on the host since hacc wrote it)")
            && drift.stdout.contains("-# edited by hand"),
        "{drift:?}"
    );
    drift_in_json(&lab);
    let refused = lab.hacc(&["apply", "--auto-approve"]);
    assert_eq!(refused.code, Some(1), "{refused:?}");
    assert!(
        refused
            .stderr
            .contains("`/etc/corosync/corosync.conf` on `node2`")
            && refused.stderr.contains("--force"),
        "{refused:?}"
    );
    assert!(
        lab.on_host(2, &format!("cat {CONF}"))
            .contains("# edited by hand")
    );
    ok(&lab.hacc(&["apply", "--auto-approve", "--force"]), "forced");
    let generated = std::fs::read_to_string(lab.dir().join("corosync.conf")).unwrap();
    assert_eq!(lab.on_host(2, &format!("cat {CONF}")), generated);
    assert_eq!(all_pids(&lab), pids, "a comment restarts nothing");

    // A saved plan of a token change; it goes stale when a host file moves.
    let tokened = format!("{probe}    corosync {{\n        totem token=4000\n    }}\n");
    lab.write_spec_with(&tokened);
    let plan_file = lab.dir().parent().unwrap().join("token.plan.json");
    let saved = lab.hacc(&["plan", "--out", plan_file.to_str().unwrap()]);
    ok(&saved, "plan --out");
    assert_eq!(
        saved
            .stdout
            .matches("~ services: corosync reload (corosync-cfgtool -R)")
            .count(),
        3,
        "{saved:?}"
    );
    let original = lab.on_host(1, &format!("cat {CONF}"));
    lab.on_host(1, &format!("echo '# moved' >>{CONF}"));
    let stale = lab.hacc_exactly(&["apply".as_ref(), plan_file.as_os_str()]);
    assert_eq!(stale.code, Some(1), "{stale:?}");
    assert!(
        stale
            .stderr
            .contains("`/etc/corosync/corosync.conf` on `node1` changed"),
        "{stale:?}"
    );
    lab.on_host(1, &format!("sed -i '/^# moved$/d' {CONF}"));
    assert_eq!(lab.on_host(1, &format!("cat {CONF}")), original);

    // An unreachable host: a clear error naming it, nothing written on the others.
    lab.docker(&["stop", &lab.container(3)]);
    let unreachable = lab.hacc(&["apply", "--auto-approve"]);
    assert_eq!(unreachable.code, Some(1), "{unreachable:?}");
    assert!(
        unreachable
            .stderr
            .contains("1 of 3 host(s) could not be read")
            && unreachable
                .stderr
                .contains("node3: cannot reach `node3` over ssh"),
        "{unreachable:?}"
    );
    for host in 1..=2 {
        assert_eq!(lab.on_host(host, &format!("cat {CONF}")), original);
    }
    let partial = lab.hacc_exactly(&["status".as_ref(), "--dir".as_ref(), lab.dir().as_os_str()]);
    ok(&partial, "status with a host down");
    assert!(
        partial.stdout.contains("node3 (root@") && partial.stdout.contains("unreachable"),
        "{partial:?}"
    );
    lab.docker(&["start", &lab.container(3)]);
    let deadline = Instant::now() + Duration::from_secs(120);
    while lab.hacc(&["hosts", "check"]).code != Some(0) {
        assert!(Instant::now() < deadline, "node3 did not come back");
        std::thread::sleep(Duration::from_secs(2));
    }

    // The saved plan, applied once node3 is back: the token reloads, nothing restarts.
    let before: Vec<String> = (1..=2).map(|h| main_pids(&lab, h)).collect();
    let reloaded = lab.hacc_exactly(&["apply".as_ref(), plan_file.as_os_str()]);
    ok(&reloaded, "apply the saved plan");
    for host in 1..=3 {
        assert_eq!(
            lab.on_host(host, "corosync-cmapctl -g totem.token"),
            "totem.token (u32) = 4000\n"
        );
    }
    let after: Vec<String> = (1..=2).map(|h| main_pids(&lab, h)).collect();
    assert_eq!(after, before, "a token change is a reload");

    super::membership::fourth_host_joins_and_leaves(&lab, &tokened);
    super::membership::dead_host_is_removed_with_force(&lab, &tokened);

    // Failover: the host holding the floating IP is killed; the IP comes up on another.
    let first = probe_node(&lab, 1).expect("the probe runs");
    let victim: usize = first.trim_start_matches("node").parse().unwrap();
    assert!(
        holds_ip(&lab, victim),
        "{first} runs the probe but lacks its IP"
    );
    let survivor = if victim == 1 { 2 } else { 1 };
    lab.docker(&["kill", &lab.container(victim)]);
    let deadline = Instant::now() + Duration::from_secs(120);
    let moved = loop {
        match probe_node(&lab, survivor) {
            Some(node) if node != first => break node,
            _ => assert!(Instant::now() < deadline, "the probe did not move"),
        }
        std::thread::sleep(Duration::from_secs(2));
    };
    let holder: usize = moved.trim_start_matches("node").parse().unwrap();
    assert!(holds_ip(&lab, holder), "the IP did not come up on {moved}");
    eprintln!("the hosts suite took {:?}", suite.elapsed());
}
