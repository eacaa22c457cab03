//! The fencing gateway of `fencing "docker-lab"`, run for real: haproxy with the generated
//! haproxy.cfg and certificates hacc makes, in a private network namespace, with a stand-in
//! Docker Engine on a Unix socket that records every request reaching it. curl plays the
//! fencing device (and the intruders).

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// The project and separator the gateway is started with, as `hacc apply --up` passes them.
const PROJECT: &str = "hacc-web-0123456789ab";

/// Answers every request with 200 and a JSON body, and appends its request line to a file.
const ENGINE: &str = r#"
import os, socketserver, sys
sock, log = sys.argv[1], sys.argv[2]
class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline().decode().rstrip("\r\n")
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        with open(log, "a") as f:
            f.write(line + "\n")
        body = b'{"State":{"Running":true}}'
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
Server(sock, Handler).serve_forever()
"#;

/// Each case: a name and curl's arguments after the common ones (TLS files by name).
const CASES: &[(&str, &str)] = &[
    (
        "inspect",
        "--cert client.crt --key client.key \"$U/v1.41/containers/web1/json\"",
    ),
    (
        "kill",
        "--cert client.crt --key client.key -X POST \"$U/v1.41/containers/web2/kill\"",
    ),
    (
        "start",
        "--cert client.crt --key client.key -X POST \"$U/v1.41/containers/web3/start\"",
    ),
    (
        "list",
        "--cert client.crt --key client.key \"$U/v1.41/containers/json?all=1\"",
    ),
    ("no-client-cert", "\"$U/v1.41/containers/web1/json\""),
    (
        "other-ca",
        "--cert other.crt --key other.key \"$U/v1.41/containers/web1/json\"",
    ),
    (
        "other-container",
        "--cert client.crt --key client.key \"$U/v1.41/containers/db1/json\"",
    ),
    (
        "container-by-full-name",
        "--cert client.crt --key client.key \"$U/v1.41/containers/hacc-other-0123456789ab-web1-1/json\"",
    ),
    (
        "restart",
        "--cert client.crt --key client.key -X POST \"$U/v1.41/containers/web1/restart\"",
    ),
    (
        "exec",
        "--cert client.crt --key client.key -X POST \"$U/v1.41/containers/web1/exec\"",
    ),
    (
        "delete",
        "--cert client.crt --key client.key -X DELETE \"$U/v1.41/containers/web1/json\"",
    ),
    (
        "kill-by-get",
        "--cert client.crt --key client.key \"$U/v1.41/containers/web1/kill\"",
    ),
    (
        "kill-with-signal",
        "--cert client.crt --key client.key -X POST \"$U/v1.41/containers/web1/kill?signal=HUP\"",
    ),
    (
        "inspect-extra-query",
        "--cert client.crt --key client.key \"$U/v1.41/containers/web1/json?size=1\"",
    ),
    (
        "other-api-version",
        "--cert client.crt --key client.key \"$U/v1.40/containers/web1/json\"",
    ),
    (
        "list-all-filters",
        "--cert client.crt --key client.key \"$U/v1.41/containers/json?all=1&filters=%7B%7D\"",
    ),
    (
        "dot-dot",
        "--cert client.crt --key client.key --path-as-is \"$U/v1.41/containers/web1/../../images/json\"",
    ),
    (
        "dot-dot-plug",
        "--cert client.crt --key client.key --path-as-is \"$U/v1.41/containers/../containers/web1/json\"",
    ),
    (
        "encoded-slash",
        "--cert client.crt --key client.key \"$U/v1.41/containers/web1%2F..%2Fdb1/json\"",
    ),
    (
        "encoded-plug",
        "--cert client.crt --key client.key \"$U/v1.41/containers/web%31/json\"",
    ),
    (
        "engine-info",
        "--cert client.crt --key client.key \"$U/v1.41/info\"",
    ),
];

/// Runs every case against a gateway started with `env` and returns curl's status per case
/// (`000` when no HTTP answer came) and the request lines the engine saw.
fn run_gateway(env: &str) -> (BTreeMap<String, String>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let checked = common::checked(&common::root().join("examples/web/cluster.kdl"));
    let artifacts = hacc::render::build(&checked).unwrap();
    let config = &artifacts
        .iter()
        .find(|a| a.path == "fence-gateway/haproxy.cfg")
        .expect("the web example has a fencing gateway")
        .contents;
    // The test gateway reads its files from the scratch directory instead of its mounts.
    let here = dir.path().display().to_string();
    let config = config
        .replace("/etc/hacc-fence/", &format!("{here}/"))
        .replace(
            "unix@/var/run/docker.sock",
            &format!("unix@{here}/engine.sock"),
        );
    assert!(config.contains("bind :2376 ssl"), "{config}");
    std::fs::write(dir.path().join("haproxy.cfg"), config).unwrap();
    let write_set = |prefix: &str| {
        let set = hacc::apply::generate_certificates().unwrap();
        for (path, contents) in set {
            let name = Path::new(path).file_name().unwrap().to_string_lossy();
            let name = match (prefix, name.as_ref()) {
                ("", name) => name.to_string(),
                (_, "client.crt") => format!("{prefix}.crt"),
                (_, "client.key") => format!("{prefix}.key"),
                _ => continue,
            };
            std::fs::write(dir.path().join(name), contents).unwrap();
        }
    };
    write_set("");
    // A complete set of another cluster: its client certificate is signed by another CA.
    write_set("other");
    let mut script = format!(
        r#"set -u
cd "$1"
ip link set lo up || exit 90
python3 -c "$ENGINE" engine.sock engine.log &
engine=$!
for _ in $(seq 50); do [ -S engine.sock ] && break; sleep 0.1; done
{env} haproxy -db -f haproxy.cfg > haproxy.log 2>&1 &
proxy=$!
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/2376) 2>/dev/null && break; sleep 0.1; done
U=https://hacc-fence-gateway:2376
C="curl -s -o /dev/null -w %{{http_code}} --max-time 5 --resolve hacc-fence-gateway:2376:127.0.0.1 --cacert ca.crt"
"#
    );
    for (name, args) in CASES {
        script.push_str(&format!("echo \"{name} $($C {args})\"\n"));
    }
    script.push_str("kill $proxy $engine 2>/dev/null\nwait\n");
    let output = Command::new("timeout")
        .args(["120", "unshare", "-n", "bash", "-c", &script, "bash"])
        .arg(dir.path())
        .env("ENGINE", ENGINE)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let log = std::fs::read_to_string(dir.path().join("haproxy.log")).unwrap_or_default();
    assert!(
        output.status.success(),
        "{output:?}\nhaproxy: {log}\nstdout: {stdout}"
    );
    let statuses = stdout
        .lines()
        .filter_map(|line| line.split_once(' '))
        .map(|(name, status)| (name.to_string(), status.to_string()))
        .collect::<BTreeMap<_, _>>();
    assert_eq!(statuses.len(), CASES.len(), "{stdout}\nhaproxy: {log}");
    let seen = std::fs::read_to_string(dir.path().join("engine.log")).unwrap_or_default();
    (statuses, seen.lines().map(str::to_string).collect())
}

fn have_tools() -> bool {
    ["haproxy", "curl", "python3", "unshare"]
        .iter()
        .all(|tool| common::have_tool(tool))
}

#[test]
fn the_gateway_lets_through_only_the_fencing_calls_for_this_project() {
    if !have_tools() {
        return;
    }
    let (statuses, seen) = run_gateway(&format!(
        "HACC_PROJECT={PROJECT} HACC_CONTAINER_SEPARATOR=-"
    ));
    let allowed = ["inspect", "kill", "start", "list"];
    for (name, status) in &statuses {
        let expected = if allowed.contains(&name.as_str()) {
            "200"
        } else if name == "no-client-cert" || name == "other-ca" {
            // Refused in the TLS handshake: no HTTP answer at all.
            "000"
        } else {
            "403"
        };
        assert_eq!(status, expected, "{name}: {statuses:?}");
    }
    // Exactly the allowed calls reached the engine, rewritten to this project's containers.
    assert_eq!(
        seen,
        [
            format!("GET /v1.41/containers/{PROJECT}-web1-1/json HTTP/1.1"),
            format!("POST /v1.41/containers/{PROJECT}-web2-1/kill HTTP/1.1"),
            format!("POST /v1.41/containers/{PROJECT}-web3-1/start HTTP/1.1"),
            format!(
                "GET /v1.41/containers/json?all=1&filters=%7B%22label%22%3A%5B%22com.docker.compose.project%3D{PROJECT}%22%5D%7D HTTP/1.1"
            ),
        ]
    );
}

#[test]
fn without_its_project_the_gateway_refuses_everything() {
    if !have_tools() {
        return;
    }
    let (statuses, seen) = run_gateway("HACC_CONTAINER_SEPARATOR=-");
    for name in ["inspect", "kill", "start", "list"] {
        assert_eq!(statuses[name], "403", "{name}: {statuses:?}");
    }
    assert!(seen.is_empty(), "{seen:?}");
}
