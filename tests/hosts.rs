//! The hosts target against bare hosts of `scripts/hosts-lab` (containers that run systemd
//! and sshd only). hacc runs with a PATH that has no `docker`, so it can only use SSH.
//! Run alone: `cargo test --release --test main hosts::` (they start containers of their own).

mod lab;

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
