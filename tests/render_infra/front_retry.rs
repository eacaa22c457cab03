//! Issue 14 §2: the front loses no request when a backend's node dies. The seed's haproxy.cfg
//! runs for real in a private network namespace with its node addresses on loopback: one
//! backend is gone (its address routed into loopback, where packets to it are dropped without
//! an answer, as after `docker kill` of its container) or dies mid-request (it passes its
//! health checks, but reads each request and closes), the others answer; every request sent
//! through the front must get 200.

use super::tools::{Scratch, have_namespaces, run, succeeded};
use crate::common::{checked, have_tool, root};
use hacc::render::build;
use std::process::Command;

/// Backends on the seed's node addresses, haproxy, then `REQUESTS` requests one after another
/// through the front; prints each one's HTTP status (0 when it got no HTTP answer).
const SCENARIO: &str = r#"
import json, socket, subprocess, sys, threading, time
config, broken, mode = sys.argv[1], sys.argv[2], sys.argv[3]
REQUESTS = 10

def serve(address, hang_up):
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((address, 5000))
    server.listen(64)
    while True:
        conn, _ = server.accept()
        conn.settimeout(5)
        try:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                data += chunk
            # The broken server passes its health checks: haproxy keeps sending it requests.
            if not hang_up or data.startswith(b"GET /health "):
                body = b'{"node":"' + address.encode() + b'"}\n'
                conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        except OSError:
            pass
        conn.close()

for address in ["10.0.0.11", "10.0.0.12", "10.0.0.13"]:
    if address == broken and mode == "gone":
        subprocess.run(["ip", "route", "add", address + "/32", "dev", "lo"], check=True)
        continue
    subprocess.run(["ip", "addr", "add", address + "/32", "dev", "lo"], check=True)
    hang_up = address == broken
    threading.Thread(target=serve, args=(address, hang_up), daemon=True).start()

proxy = subprocess.Popen(["haproxy", "-db", "-f", config],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def request():
    client = socket.create_connection(("127.0.0.1", 8080), timeout=10)
    client.settimeout(10)
    client.sendall(b"GET / HTTP/1.0\r\nHost: front\r\n\r\n")
    answer = b""
    while True:
        chunk = client.recv(65536)
        if not chunk:
            break
        answer += chunk
    client.close()
    words = answer.split(b" ", 2)
    return int(words[1]) if len(words) > 1 and words[0].startswith(b"HTTP/") else 0

# Ready once the front accepts a connection (no request is sent before that).
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", 8080), timeout=1).close()
        break
    except OSError:
        time.sleep(0.05)
codes = []
for _ in range(REQUESTS):
    try:
        codes.append(request())
    except OSError:
        codes.append(0)
proxy.terminate()
proxy.wait()
print(json.dumps(codes))
"#;

/// The HTTP status of each request through the seed's front while `broken` is `mode`.
fn statuses(mode: &str) -> Option<Vec<u16>> {
    if !(have_tool("haproxy") && have_tool("python3") && have_namespaces()) {
        return None;
    }
    let checked = checked(&root().join("examples/seed/cluster.kdl"));
    let artifacts = build(&checked).unwrap();
    let scratch = Scratch::with_artifacts("front-retry", &artifacts);
    let config = scratch.join("haproxy.cfg");
    let output = run(Command::new("timeout")
        .args(["120", "unshare", "-n", "sh", "-c"])
        .arg("ip link set lo up && exec python3 -c \"$SCENARIO\" \"$@\"")
        .args(["sh"])
        .arg(&config)
        .args(["10.0.0.11", mode])
        .env("SCENARIO", SCENARIO));
    let printed = succeeded(&output).unwrap_or_else(|e| panic!("the scenario failed: {e}"));
    Some(serde_json::from_str(printed.trim()).unwrap())
}

#[test]
fn the_front_sends_requests_for_a_vanished_node_to_another() {
    // node1 is the seed's first server (`balance first`): every request goes to it first.
    let Some(codes) = statuses("gone") else {
        return;
    };
    assert_eq!(codes, [200; 10], "each request's status through the front");
}

#[test]
fn the_front_retries_a_request_its_server_died_answering() {
    let Some(codes) = statuses("hangs-up") else {
        return;
    };
    assert_eq!(codes, [200; 10], "each request's status through the front");
}
