//! The hosts target against bare hosts of `scripts/hosts-lab` (containers that run systemd
//! and sshd only). hacc runs with a PATH that has no `docker`, so it can only use SSH.
//! Run alone: `cargo test --release --test main hosts::` (they start containers of their own).

mod end_to_end;
mod lab;
mod membership;

use lab::HostsLab;

#[test]
fn unknown_host_keys_are_refused_until_accepted_and_a_changed_key_always() {
    let Some(lab) = HostsLab::up(2, "keys") else {
        return;
    };
    let refused = lab.hacc(&["hosts", "check"]);
    assert_eq!(refused.code, Some(1), "{refused:?}");
    for host in 1..=2 {
        let fingerprint = lab.ed25519_fingerprint(host);
        assert!(
            refused
                .stdout
                .contains(&format!("host key of `node{host}`"))
                && refused.stdout.contains(&fingerprint),
            "node{host} should be refused with {fingerprint}: {refused:?}"
        );
    }
    assert!(
        !lab.known_hosts().exists(),
        "nothing recorded before accepting"
    );

    let unasked = lab.hacc(&["hosts", "accept"]);
    assert_eq!(unasked.code, Some(1), "{unasked:?}");
    assert!(unasked.stderr.contains("--yes"), "{unasked:?}");
    assert!(!lab.known_hosts().exists());

    let accepted = lab.hacc(&["hosts", "accept", "--yes"]);
    assert_eq!(accepted.code, Some(0), "{accepted:?}");
    let checked = lab.hacc(&["hosts", "check"]);
    assert_eq!(checked.code, Some(0), "{checked:?}");
    assert_eq!(
        checked
            .stdout
            .matches("Debian GNU/Linux 12 (bookworm)")
            .count(),
        2,
        "{checked:?}"
    );

    // node2 is reinstalled: new host keys. Its connection is refused from then on, and
    // accepting does not replace the recorded key.
    let recorded = std::fs::read_to_string(lab.known_hosts()).unwrap();
    lab.new_host_keys(2);
    let changed = lab.hacc(&["hosts", "check"]);
    assert_eq!(changed.code, Some(1), "{changed:?}");
    let new = lab.ed25519_fingerprint(2);
    assert!(
        changed.stdout.contains("`node2` (root@")
            && changed.stdout.contains("other than the one accepted")
            && changed.stdout.contains(&new),
        "{changed:?}"
    );
    assert!(changed.stdout.contains("node1 (root@") && changed.stdout.contains("bookworm"));
    let again = lab.hacc(&["hosts", "accept", "--yes"]);
    assert_eq!(again.code, Some(1), "{again:?}");
    assert_eq!(
        std::fs::read_to_string(lab.known_hosts()).unwrap(),
        recorded
    );
}

#[test]
fn an_unreachable_host_is_refused_by_name_and_the_others_answer() {
    let Some(lab) = HostsLab::up(2, "reach") else {
        return;
    };
    assert_eq!(lab.hacc(&["hosts", "accept", "--yes"]).code, Some(0));
    lab.docker(&[
        "exec",
        &lab.container(2),
        "systemctl",
        "stop",
        "ssh.socket",
        "ssh",
    ]);
    let out = lab.hacc(&["hosts", "check"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stdout.contains("cannot reach `node2` over ssh")
            && out.stdout.contains("Connection refused"),
        "{out:?}"
    );
    assert!(
        out.stdout.contains("node1 (root@") && out.stdout.contains("bookworm"),
        "{out:?}"
    );
    assert!(out.stderr.contains("1 of 2 host(s) failed"), "{out:?}");
}

#[test]
fn a_bare_host_is_converged_to_a_running_cluster_node() {
    use hacc::live::hosts::{Hosts, converge, of_spec};
    use hacc::live::transport::{Shell, Target};

    let Some(lab) = HostsLab::up(1, "conv") else {
        return;
    };
    assert_eq!(lab.hacc(&["hosts", "accept", "--yes"]).code, Some(0));
    let source = std::fs::read_to_string(lab.spec_path()).unwrap();
    let checked = hacc::pipeline::check_source(&source)
        .checked
        .expect("the lab's spec checks");
    let hosts = of_spec(
        &checked,
        lab.spec_path().parent().unwrap(),
        &lab.dir().join(".hacc"),
    );
    let authkey = hacc::state::random_bytes(256).unwrap();
    let files = converge::HostFiles::of_spec(&checked, authkey.clone()).unwrap();
    let target = Hosts::new("conv", hosts.clone(), files.clone());
    assert!(
        target.running_nodes().unwrap().is_empty(),
        "a bare host runs no node"
    );

    let started = std::time::Instant::now();
    let results = converge::converge_all(&hosts, &converge::packages(&checked), &files);
    eprintln!("converged in {:?}", started.elapsed());
    for result in &results {
        assert!(
            result.as_ref().is_ok_and(|d| d.contains("bookworm")),
            "{result:?}"
        );
    }

    let on_host = |script: &str| lab.docker(&["exec", &lab.container(1), "sh", "-c", script]);
    let installed = on_host(
        "dpkg-query -W -f='${Package} ${Status}\\n' corosync pacemaker crmsh resource-agents fence-agents",
    );
    assert_eq!(
        installed.matches(" install ok installed").count(),
        5,
        "{installed}"
    );
    assert_eq!(
        on_host("stat -c '%n %a %U %G' /etc/corosync/corosync.conf /etc/corosync/authkey"),
        "/etc/corosync/corosync.conf 644 root root\n/etc/corosync/authkey 400 root root\n"
    );
    let hex: String = authkey.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        on_host("od -An -v -tx1 /etc/corosync/authkey | tr -d ' \\n'"),
        hex
    );
    assert_eq!(
        on_host("cat /etc/corosync/corosync.conf"),
        files.corosync_conf
    );
    let leftovers = on_host("ls -a /etc/corosync");
    assert!(!leftovers.contains(".hacc."), "{leftovers}");
    assert_eq!(
        on_host("systemctl is-active corosync pacemaker; systemctl is-enabled corosync pacemaker"),
        "active\nactive\nenabled\nenabled\n"
    );

    let running = target.running_nodes().unwrap();
    let names: Vec<&str> = running.iter().map(|n| n.node_name()).collect();
    assert_eq!(names, ["node1"]);
    let logs = target.node_logs();
    assert!(
        logs.starts_with("--- last log lines of `node1` ---\n") && logs.contains("pacemaker"),
        "{logs}"
    );
}

#[test]
fn hosts_are_not_planned_before_their_keys_are_accepted() {
    let root = tempfile::tempdir().unwrap();
    let spec = root.path().join("cluster.kdl");
    std::fs::write(
        &spec,
        "cluster \"h\" target=\"hosts\" {\n    node \"n1\" address=\"192.0.2.11\"\n    \
         property \"stonith-enabled\" #false {\n        unsafe-acknowledged \"test\"\n    }\n}\n",
    )
    .unwrap();
    let dir = root.path().join("deploy");
    for command in ["plan", "apply"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_hacc"))
            .arg(command)
            .arg(&spec)
            .arg("--dir")
            .arg(&dir)
            .args(std::iter::once("--auto-approve").filter(|_| command == "apply"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains("no host key of `h` is recorded")
                && stderr.contains("hacc hosts accept"),
            "{command}: {stderr}"
        );
        assert!(
            !dir.join("corosync.conf").exists(),
            "{command} wrote nothing"
        );
    }
}

#[test]
fn a_foreign_distribution_and_a_package_that_cannot_be_installed_fail_on_their_host() {
    let Some(lab) = HostsLab::up(2, "bad") else {
        return;
    };
    assert_eq!(lab.hacc(&["hosts", "accept", "--yes"]).code, Some(0));
    let no_conf = |host| {
        lab.on_host(
            host,
            "test -e /etc/corosync/corosync.conf && echo there || echo none",
        )
    };

    // node2 claims to be Alpine: refused at plan and at apply, by name, before any write.
    lab.on_host(
        2,
        "rm /etc/os-release && printf 'ID=alpine\\nPRETTY_NAME=\"Alpine Linux v3.19\"\\n' \
         >/etc/os-release",
    );
    for command in [&["plan"][..], &["apply", "--auto-approve"][..]] {
        let out = lab.hacc(command);
        assert_eq!(out.code, Some(1), "{command:?}: {out:?}");
        assert!(
            out.stderr.contains("1 of 2 host(s) could not be read")
                && out.stderr.contains("node2: ")
                && out.stderr.contains("Alpine Linux v3.19")
                && out
                    .stderr
                    .contains("neither Debian/Ubuntu (apt) nor the RHEL family (dnf)")
                && !out.stderr.contains("node1: "),
            "{command:?}: {out:?}"
        );
        assert_eq!(no_conf(1), "none\n", "nothing written on node1");
        assert_eq!(no_conf(2), "none\n", "nothing written on node2");
    }
    lab.on_host(2, "ln -sf ../usr/lib/os-release /etc/os-release");

    // A package no mirror has: each host says it failed and what it had written; the stack is
    // not started and no CIB is pushed anywhere.
    lab.write_spec_with("    image {\n        packages \"hacc-no-such-package\"\n    }\n");
    let out = lab.hacc(&["apply", "--auto-approve"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    let all = format!("{}{}", out.stdout, out.stderr);
    for host in 1..=2 {
        assert!(
            all.contains(&format!("installing packages on `node{host}`"))
                && all.contains("hacc-no-such-package"),
            "node{host}: {out:?}"
        );
        assert_eq!(no_conf(host), "there\n", "files come before the packages");
        assert_eq!(
            lab.on_host(host, "systemctl is-active corosync pacemaker || true"),
            "inactive\ninactive\n",
            "node{host}: the stack is not started"
        );
    }
    assert!(
        out.stderr
            .contains("2 of 2 host(s) failed; the CIB was not pushed. What changed where:")
            && out.stderr.contains("/etc/corosync/corosync.conf"),
        "{out:?}"
    );
}
