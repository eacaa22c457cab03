//! A fourth host joins the running cluster of the end-to-end lab, then leaves it again; a
//! removal is refused while its host cannot be reached and while it would cost the quorum.

use super::lab::{HostsLab, Run};
use std::time::{Duration, Instant};

const CONF: &str = "/etc/corosync/corosync.conf";

fn ok(run: &Run, what: &str) {
    assert_eq!(run.code, Some(0), "{what}: {run:?}");
}

/// `plan --json`'s membership change: who joins, and each leaving node with where it is
/// reached and whether it could be read.
fn membership_in_json(lab: &HostsLab) -> serde_json::Value {
    let json = lab.hacc(&["plan", "--json"]);
    ok(&json, "plan --json");
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["changes"], true, "{report}");
    report["membership"].clone()
}

/// The members `corosync-quorumtool` lists on `host`, and its expected and total votes.
fn quorum(lab: &HostsLab, host: usize) -> (Vec<String>, String, String) {
    let text = lab.on_host(host, "corosync-quorumtool -s || true");
    let value = |label: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(label))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut members: Vec<String> = text
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("Nodeid"))
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
        .collect();
    members.sort();
    (members, value("Expected votes:"), value("Total votes:"))
}

fn until_members(lab: &HostsLab, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while quorum(lab, 1).0.len() != count {
        assert!(
            Instant::now() < deadline,
            "not {count} members: {:?}",
            quorum(lab, 1)
        );
        std::thread::sleep(Duration::from_secs(1));
    }
}

fn nodes(count: usize) -> Vec<String> {
    (1..=count).map(|n| format!("node{n}")).collect()
}

/// The node `probe` runs on, as Pacemaker says from `host`.
fn probe_node(lab: &HostsLab, host: usize) -> Option<String> {
    let out = lab.on_host(host, "crm_resource --locate -r probe 2>&1 || true");
    out.split("running on:")
        .nth(1)
        .map(|rest| rest.trim().to_string())
}

/// With three hosts of four in the spec and the cluster running on them (`extra`: the rest
/// of the spec), host 4 is added, then removed.
pub fn fourth_host_joins_and_leaves(lab: &HostsLab, extra: &str) {
    let pids = |host: usize| {
        lab.on_host(
            host,
            "systemctl show -p MainPID --value corosync pacemaker | tr '\\n' ' '",
        )
    };
    let before: Vec<String> = (1..=3).map(pids).collect();

    // Joining: node4 from bare, the others' nodelist as a reload; the probe prefers node4.
    lab.set_spec_nodes(4);
    lab.write_spec_with(&format!(
        "{extra}    location \"probe-on-node4\" \"probe\" node=\"node4\" score=100\n"
    ));
    ok(&lab.hacc(&["hosts", "accept", "--yes"]), "accept node4");
    let planned = lab.hacc(&["plan"]);
    ok(&planned, "plan with a fourth host");
    let membership = membership_in_json(lab);
    assert_eq!(
        membership["joining"],
        serde_json::json!(["node4"]),
        "{membership}"
    );
    assert_eq!(membership["leaving"], serde_json::json!([]), "{membership}");
    assert!(
        planned.stdout.contains("  + node4 (root@")
            && planned
                .stdout
                .contains(")   (joins the running cluster):\n"),
        "{planned:?}"
    );
    assert!(
        planned
            .stdout
            .contains("    + packages: corosync pacemaker crmsh"),
        "{planned:?}"
    );
    assert_eq!(
        planned
            .stdout
            .matches("~ services: corosync reload (corosync-cfgtool -R)")
            .count(),
        3,
        "{planned:?}"
    );
    assert!(
        planned.stdout.contains(", 1 host(s) to join, 0 to leave."),
        "{planned:?}"
    );
    let started = Instant::now();
    let joined = lab.hacc(&["apply", "--auto-approve"]);
    eprintln!("adding a fourth host: {:?}", started.elapsed());
    ok(&joined, "apply with a fourth host");
    let crm_mon = lab.on_host(1, "crm_mon -1");
    assert!(
        crm_mon.contains("Online: [ node1 node2 node3 node4 ]"),
        "{crm_mon}"
    );
    for host in 1..=4 {
        let (members, expected, total) = quorum(lab, host);
        assert_eq!(members, nodes(4), "node{host}");
        assert_eq!(
            (expected.as_str(), total.as_str()),
            ("4", "4"),
            "node{host}"
        );
    }
    assert_eq!(probe_node(lab, 1).as_deref(), Some("node4"), "{crm_mon}");
    let after: Vec<String> = (1..=3).map(pids).collect();
    assert_eq!(after, before, "the members reloaded, nothing restarted");
    let again = lab.hacc(&["plan"]);
    ok(&again, "plan after the join");
    assert!(again.stdout.ends_with("No changes.\n"), "{again:?}");

    // Leaving: shown, then refused while node4 cannot be reached and while the others would
    // lose the quorum, with nothing changed; then carried out.
    lab.set_spec_nodes(3);
    lab.write_spec_with(extra);
    let planned = lab.hacc(&["plan"]);
    ok(&planned, "plan without node4");
    let membership = membership_in_json(lab);
    assert_eq!(membership["joining"], serde_json::json!([]), "{membership}");
    assert_eq!(membership["leaving"][0]["name"], "node4", "{membership}");
    assert_eq!(
        membership["leaving"][0]["unreachable"],
        serde_json::Value::Null
    );
    assert_eq!(membership["quorum_loss"], serde_json::Value::Null);
    assert!(
        planned.stdout.contains("  - node4 (root@")
            && planned.stdout.contains(")   (leaves the cluster):\n")
            && planned
                .stdout
                .contains("    - services: stop and disable pacemaker, corosync\n")
            && planned
                .stdout
                .contains("files on the host are left as they are"),
        "{planned:?}"
    );
    assert_eq!(
        planned
            .stdout
            .matches("~ services: corosync reload (corosync-cfgtool -R)")
            .count(),
        3,
        "{planned:?}"
    );
    let unchanged = lab.on_host(1, &format!("cat {CONF}"));
    assert!(unchanged.contains("node4"));
    lab.cut_ssh(4);
    let unreachable = lab.hacc(&["apply", "--auto-approve"]);
    assert_eq!(unreachable.code, Some(1), "{unreachable:?}");
    assert!(
        unreachable.stderr.contains("`node4` (")
            && unreachable.stderr.contains("cannot be reached")
            && unreachable.stderr.contains("--force"),
        "{unreachable:?}"
    );
    lab.restore_ssh(4);
    lab.on_host(2, "systemctl stop pacemaker corosync");
    until_members(lab, 3);
    let quorumless = lab.hacc(&["apply", "--auto-approve"]);
    assert_eq!(quorumless.code, Some(1), "{quorumless:?}");
    assert!(
        quorumless
            .stderr
            .contains("removing `node4` would leave 2 running member(s), fewer than the 3"),
        "{quorumless:?}"
    );
    assert_eq!(lab.on_host(1, &format!("cat {CONF}")), unchanged);
    assert_eq!(
        lab.on_host(4, "systemctl is-active corosync pacemaker"),
        "active\nactive\n"
    );
    lab.on_host(2, "systemctl start corosync pacemaker");
    until_members(lab, 4);

    let started = Instant::now();
    let left = lab.hacc(&["apply", "--auto-approve"]);
    eprintln!("removing the fourth host: {:?}", started.elapsed());
    ok(&left, "apply without node4");
    for host in 1..=3 {
        let (members, expected, total) = quorum(lab, host);
        assert_eq!(members, nodes(3), "node{host}");
        assert_eq!(
            (expected.as_str(), total.as_str()),
            ("3", "3"),
            "node{host}"
        );
        let known = lab.on_host(host, "crm_node -l");
        assert!(!known.contains("node4"), "node{host}: {known}");
    }
    let cib_nodes = lab.on_host(1, "cibadmin --query --scope nodes");
    assert!(!cib_nodes.contains("node4"), "{cib_nodes}\n{left:?}");
    assert_eq!(
        lab.on_host(
            4,
            "systemctl is-active corosync pacemaker; systemctl is-enabled corosync pacemaker; true"
        ),
        "inactive\ninactive\ndisabled\ndisabled\n"
    );
    assert!(
        lab.on_host(4, &format!("cat {CONF}")).contains("node4"),
        "files on the host that left are kept"
    );
    let moved = probe_node(lab, 1).expect("the probe runs");
    assert!(nodes(3).contains(&moved), "{moved}");
    let record = std::fs::read_to_string(lab.dir().join(".hacc/hosts.json")).unwrap();
    assert!(!record.contains("node4"), "{record}");
    let again = lab.hacc(&["plan"]);
    ok(&again, "plan after the removal");
    assert!(again.stdout.ends_with("No changes.\n"), "{again:?}");
}

/// A node whose host died is removed with `--force`: refused without it, then the others
/// drop it from corosync and the CIB, and the record of the hosts forgets it.
pub fn dead_host_is_removed_with_force(lab: &HostsLab, extra: &str) {
    lab.set_spec_nodes(4);
    lab.write_spec_with(extra);
    ok(
        &lab.hacc(&["hosts", "accept", "--yes"]),
        "accept node4 again",
    );
    ok(&lab.hacc(&["apply", "--auto-approve"]), "node4 joins again");
    until_members(lab, 4);
    let crm_mon = lab.on_host(1, "crm_mon -1");
    assert!(
        crm_mon.contains("Online: [ node1 node2 node3 node4 ]"),
        "{crm_mon}"
    );

    lab.kill_host(4);
    until_members(lab, 3);
    lab.set_spec_nodes(3);
    lab.write_spec_with(extra);
    let membership = membership_in_json(lab);
    assert_eq!(membership["leaving"][0]["name"], "node4", "{membership}");
    assert!(
        membership["leaving"][0]["unreachable"].is_string(),
        "{membership}"
    );
    let unchanged = lab.on_host(1, &format!("cat {CONF}"));
    let refused = lab.hacc(&["apply", "--auto-approve"]);
    assert_eq!(refused.code, Some(1), "{refused:?}");
    assert!(
        refused.stderr.contains("`node4` (") && refused.stderr.contains("--force"),
        "{refused:?}"
    );
    assert_eq!(lab.on_host(1, &format!("cat {CONF}")), unchanged);

    let forced = lab.hacc(&["apply", "--auto-approve", "--force"]);
    ok(&forced, "forced removal of a dead host");
    for host in 1..=3 {
        let (members, expected, total) = quorum(lab, host);
        assert_eq!(members, nodes(3), "node{host}");
        assert_eq!(
            (expected.as_str(), total.as_str()),
            ("3", "3"),
            "node{host}"
        );
        assert!(
            !lab.on_host(host, &format!("cat {CONF}")).contains("node4"),
            "node{host}"
        );
        let known = lab.on_host(host, "crm_node -l");
        assert!(!known.contains("node4"), "node{host}: {known}");
    }
    let cib_nodes = lab.on_host(1, "cibadmin --query --scope nodes");
    assert!(!cib_nodes.contains("node4"), "{cib_nodes}\n{forced:?}");
    let record = std::fs::read_to_string(lab.dir().join(".hacc/hosts.json")).unwrap();
    assert!(!record.contains("node4"), "{record}");
    let again = lab.hacc(&["plan"]);
    ok(&again, "plan after the forced removal");
    assert!(again.stdout.ends_with("No changes.\n"), "{again:?}");
}
