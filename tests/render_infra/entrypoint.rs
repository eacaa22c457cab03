//! hacc-entrypoint's signal and failure handling, run against stand-in daemons.
//!
//! A private mount namespace puts small scripts over /usr/sbin/corosync, corosync-cfgtool and
//! pacemakerd and gives the entrypoint throw-away runtime directories, so the real script
//! runs unchanged and nothing on the machine is touched.

use super::tools::{self, Scratch};
use crate::common::have_tool;
use hacc::render::build;
use std::process::Command;

/// Stand-in daemons: each logs what happens to it to /run/events.
const CORSYNC_STUB: &str = r#"#!/bin/sh
echo "corosync started" >> /run/events
trap 'echo "corosync got TERM" >> /run/events; exit 0' TERM
touch /run/corosync-ready
while :; do sleep 0.1; done
"#;

const CFGTOOL_STUB: &str = "#!/bin/sh\n[ -e /run/corosync-ready ]\n";

/// `$PACEMAKERD_EXIT` set: exits with that status after starting (a crashed daemon).
const PACEMAKERD_STUB: &str = r#"#!/bin/sh
echo "pacemakerd started" >> /run/events
if [ -n "${PACEMAKERD_EXIT:-}" ]; then
    sleep 0.5
    exit "$PACEMAKERD_EXIT"
fi
trap 'echo "pacemakerd got TERM" >> /run/events; sleep 0.5; echo "pacemakerd stopped" >> /run/events; exit 0' TERM
while :; do sleep 0.1; done
"#;

/// Runs the entrypoint in the namespace; with `$SEND_TERM`, sends it SIGTERM once pacemakerd
/// runs. Prints the events and the entrypoint's exit status.
const HARNESS: &str = r#"
stubs=$1
entrypoint=$2
for dir in /etc/corosync /etc/profile.d /run /var/lib/pacemaker /var/log/pacemaker /var/lib/corosync /var/log/corosync; do
    mount -t tmpfs tmpfs "$dir" || exit 90
done
for daemon in corosync corosync-cfgtool pacemakerd; do
    mount --bind "$stubs/$daemon" "/usr/sbin/$daemon" || exit 91
done
mkdir -p "$HACC_CONFIG_DIR/secrets"
echo "totem {" > "$HACC_CONFIG_DIR/corosync.conf"
[ -n "${NO_AUTHKEY:-}" ] || head -c 256 /dev/urandom > "$HACC_CONFIG_DIR/secrets/authkey"
# The build's cib-seed.xml in the mounted directory; a CIB the node already has.
[ -z "${SEED:-}" ] || cp "$stubs/../cib-seed.xml" "$HACC_CONFIG_DIR/cib-seed.xml"
cib=/var/lib/pacemaker/cib/cib.xml
if [ -n "${HAS_CIB:-}" ]; then
    mkdir -p "${cib%/*}" && echo '<cib epoch="7"/>' > "$cib"
fi
: > /run/events
"$entrypoint" 2> /run/entrypoint.log &
pid=$!
if [ -n "${SEND_TERM:-}" ]; then
    tries=0
    until grep -q "pacemakerd started" /run/events; do
        tries=$((tries + 1))
        [ "$tries" -lt 100 ] || break
        sleep 0.1
    done
    sleep 0.3
    kill -TERM "$pid"
fi
wait "$pid"
echo "exit $?" >> /run/events
if [ -n "${SEED:-}" ]; then
    echo "cib $(stat -c '%U:%G %a' "$cib") $(grep -o -w -e 'epoch="[0-9]*"' -e 'name="dc-deadtime" value="[^"]*"' "$cib" | tr '\n' ' ')" >> /run/events
fi
# What a login shell (`su -`, as resource agents start services) gets of the node's env.
if [ -n "${HACC_NODE_ENV:-}" ]; then
    env -i sh -c '. /etc/profile.d/hacc-node-env.sh && env' | grep -E '^(APP_ID|ODD)=' |
        sort | sed 's/^/env /' >> /run/events
fi
cat /run/events
cat /run/entrypoint.log >&2
"#;

struct Run {
    events: Vec<String>,
    log: String,
}

fn run_entrypoint(env: &[(&str, &str)]) -> Option<Run> {
    let ready = have_tool("corosync") && have_tool("pacemakerd") && tools::have_namespaces();
    if !ready {
        return None;
    }
    let spec = crate::common::root().join("examples/seed/cluster.kdl");
    let artifacts = build(&crate::common::checked(&spec)).unwrap();
    let scratch = Scratch::with_artifacts("entrypoint", &artifacts);
    let stubs = scratch.join("stubs");
    std::fs::create_dir_all(&stubs).unwrap();
    for (name, body) in [
        ("corosync", CORSYNC_STUB),
        ("corosync-cfgtool", CFGTOOL_STUB),
        ("pacemakerd", PACEMAKERD_STUB),
    ] {
        let path = stubs.join(name);
        std::fs::write(&path, body).unwrap();
        let permissions = std::os::unix::fs::PermissionsExt::from_mode(0o755);
        std::fs::set_permissions(&path, permissions).unwrap();
    }
    let entrypoint = scratch.join("hacc-entrypoint");
    let permissions = std::os::unix::fs::PermissionsExt::from_mode(0o755);
    std::fs::set_permissions(&entrypoint, permissions).unwrap();
    let output = tools::run(
        Command::new("timeout")
            .args(["60", "unshare", "-m", "sh", "-c", HARNESS, "sh"])
            // What compose mounts at /etc/hacc, inside the private /etc/corosync tmpfs.
            .env("HACC_CONFIG_DIR", "/etc/corosync/hacc")
            .arg(&stubs)
            .arg(&entrypoint)
            .envs(env.iter().copied()),
    );
    Some(Run {
        events: String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::to_string)
            .collect(),
        log: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

#[test]
fn sigterm_stops_pacemaker_before_corosync_and_exits_0() {
    let Some(run) = run_entrypoint(&[("SEND_TERM", "1")]) else {
        return;
    };
    assert_eq!(
        run.events,
        [
            "corosync started",
            "pacemakerd started",
            "pacemakerd got TERM",
            "pacemakerd stopped",
            "corosync got TERM",
            "exit 0",
        ],
        "log:\n{}",
        run.log
    );
}

#[test]
fn a_dead_daemon_stops_the_other_and_exits_1() {
    let Some(run) = run_entrypoint(&[("PACEMAKERD_EXIT", "3")]) else {
        return;
    };
    assert_eq!(
        run.events,
        [
            "corosync started",
            "pacemakerd started",
            "corosync got TERM",
            "exit 1"
        ],
        "log:\n{}",
        run.log
    );
    assert!(
        run.log.contains("pacemakerd exited with status 3"),
        "{}",
        run.log
    );
}

#[test]
fn a_missing_authkey_is_reported_before_anything_starts() {
    let Some(run) = run_entrypoint(&[("NO_AUTHKEY", "1")]) else {
        return;
    };
    assert_eq!(run.events, ["exit 1"], "log:\n{}", run.log);
    assert!(
        run.log
            .contains("missing /etc/corosync/hacc/secrets/authkey"),
        "{}",
        run.log
    );
}

#[test]
fn the_node_env_reaches_login_shells_as_it_was() {
    let odd = r#"it's "$HOME" `id` a\b; $(true)"#;
    let env = [
        ("SEND_TERM", "1"),
        ("HACC_NODE_ENV", "APP_ID ODD"),
        ("APP_ID", "node1"),
        ("ODD", odd),
    ];
    let Some(run) = run_entrypoint(&env) else {
        return;
    };
    let seen: Vec<&str> = run
        .events
        .iter()
        .filter_map(|e| e.strip_prefix("env "))
        .collect();
    assert_eq!(
        seen,
        ["APP_ID=node1".to_string(), format!("ODD={odd}")],
        "log:\n{}",
        run.log
    );
}

#[test]
fn a_first_start_seeds_the_cib_and_a_later_one_keeps_it() {
    let Some(first) = run_entrypoint(&[("SEND_TERM", "1"), ("SEED", "1")]) else {
        return;
    };
    let cib = |run: &Run| run.events.iter().find(|e| e.starts_with("cib ")).cloned();
    assert_eq!(
        cib(&first).as_deref(),
        Some(r#"cib hacluster:haclient 600 epoch="0" name="dc-deadtime" value="2s" "#),
        "log:\n{}",
        first.log
    );
    let Some(again) = run_entrypoint(&[("SEND_TERM", "1"), ("SEED", "1"), ("HAS_CIB", "1")]) else {
        return;
    };
    assert_eq!(
        cib(&again).as_deref(),
        Some("cib root:root 644 epoch=\"7\" "),
        "log:\n{}",
        again.log
    );
}
