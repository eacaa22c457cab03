//! The real tools that consume the infrastructure artifacts, run on rendered files.

pub use crate::common::scratch::Scratch;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs a command with no standard input and returns its output.
pub fn run(command: &mut Command) -> Output {
    command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

/// Ok when the command exited 0, else what it said.
pub fn succeeded(output: &Output) -> Result<String, String> {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if output.status.success() {
        Ok(stdout)
    } else {
        Err(format!(
            "{}\nstdout:\n{stdout}\nstderr:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// ShellCheck with the dialect of the script's `#!` line (sh for wrappers, bash for the
/// entrypoint).
pub fn shellcheck(script: &Path) -> Result<String, String> {
    succeeded(&run(Command::new("shellcheck").arg(script)))
}

/// A syntax check by the shell the script's `#!` line names.
pub fn sh_syntax(script: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(script).map_err(|e| e.to_string())?;
    let shell = match text.lines().next() {
        Some("#!/bin/bash") => "bash",
        _ => "sh",
    };
    succeeded(&run(Command::new(shell).arg("-n").arg(script)))
}

pub fn haproxy_check(config: &Path) -> Result<String, String> {
    succeeded(&run(Command::new("haproxy")
        .arg("-c")
        .arg("-f")
        .arg(config)))
}

/// `docker-compose config -q` in the directory holding docker-compose.yml.
pub fn compose_valid(dir: &Path) -> Result<String, String> {
    succeeded(&run(Command::new("docker-compose")
        .args(["-f", "docker-compose.yml", "config", "-q"])
        .current_dir(dir)))
}

/// The compose file as docker-compose resolves it, as JSON.
///
/// `config` prints a compose file, so every `$` of a resolved value shows as `$$` again.
pub fn compose_resolved(dir: &Path) -> Result<serde_json::Value, String> {
    let yaml = succeeded(&run(Command::new("docker-compose")
        .args(["-f", "docker-compose.yml", "config"])
        .current_dir(dir)))?;
    let to_json = "import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)";
    let mut child = Command::new("python3")
        .args(["-c", to_json])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(yaml.as_bytes())
        .unwrap();
    let json = succeeded(&child.wait_with_output().unwrap())?;
    serde_json::from_str(&json).map_err(|e| e.to_string())
}

/// Whether python3 can read YAML (docker-compose 1.29 needs it, so it is there with it).
pub fn have_python_yaml() -> bool {
    crate::common::have_tool("python3")
        && run(Command::new("python3").args(["-c", "import yaml"]))
            .status
            .success()
}

/// A private network, UTS and mount namespace that owns a node's addresses and name, with a
/// throw-away authkey and private runtime directories, as corosync on that node would see.
const NAMESPACE_SETUP: &str = r#"
conf=$1
name=$2
shift 2
for dir in /etc/corosync /var/lib/corosync /run /dev/shm; do
    mount -t tmpfs tmpfs "$dir" || exit 90
done
head -c 256 /dev/urandom > /etc/corosync/authkey
chmod 400 /etc/corosync/authkey
ip link set lo up || exit 91
for address in $ADDRESSES; do
    ip addr add "$address" dev lo || exit 92
done
hostname "$name" || exit 93
"#;

/// Starts corosync, waits until it answers, prints the asked cmap keys, and stops it.
const COROSYNC_LIVE: &str = r#"
/usr/sbin/corosync -f -c "$conf" > /run/corosync.log 2>&1 &
pid=$!
tries=0
until corosync-cmapctl -g totem.cluster_name > /dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 400 ] || ! kill -0 "$pid" 2>/dev/null; then
        cat /run/corosync.log >&2
        kill "$pid" 2>/dev/null
        exit 94
    fi
    sleep 0.05
done
status=0
for key in "$@"; do
    corosync-cmapctl -g "$key" || status=95
done
kill "$pid"
wait "$pid"
exit "$status"
"#;

fn in_node_namespace(
    script: &str,
    conf: &Path,
    name: &str,
    addresses: &[String],
    args: &[&str],
) -> Output {
    run(Command::new("unshare")
        .args(["-n", "-u", "-m", "sh", "-c", script, "sh"])
        .arg(conf)
        .arg(name)
        .args(args)
        .env("ADDRESSES", addresses.join(" ")))
}

/// `corosync -t` as the node with these addresses (`a.b.c.d/prefix`) and name.
pub fn corosync_check(conf: &Path, name: &str, addresses: &[String]) -> Result<String, String> {
    let script = format!("{NAMESPACE_SETUP}\n/usr/sbin/corosync -t -c \"$conf\"");
    succeeded(&in_node_namespace(&script, conf, name, addresses, &[]))
}

/// Runs corosync as the node and reads cmap keys back: the values corosync actually holds.
pub fn corosync_cmap(
    conf: &Path,
    name: &str,
    addresses: &[String],
    keys: &[&str],
) -> Result<Vec<String>, String> {
    let script = format!("{NAMESPACE_SETUP}\n{COROSYNC_LIVE}");
    let stdout = succeeded(&in_node_namespace(&script, conf, name, addresses, keys))?;
    // Lines read `key (type) = value`.
    Ok(stdout
        .lines()
        .map(|line| line.split_once(") = ").map_or("", |(_, v)| v).to_string())
        .collect())
}

/// Whether the namespace tools can run here (root, util-linux, iproute2).
pub fn have_namespaces() -> bool {
    crate::common::have_tool("unshare") && crate::common::have_tool("ip")
}

/// Answers one HTTP request on `address:port`, saving its request line to `out`.
const HTTP_RECORDER: &str = r#"
import socket, sys, os
address, port, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((address, port))
server.listen(8)
conn, _ = server.accept()
data = b""
while b"\r\n" not in data:
    chunk = conn.recv(65536)
    if not chunk:
        break
    data += chunk
with open(out + ".part", "wb") as f:
    f.write(data.split(b"\r\n")[0])
os.rename(out + ".part", out)
conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")
conn.close()
"#;

/// Runs haproxy with `config` in a private network namespace where a backend server at
/// `address` (`a.b.c.d/prefix`) records the health check it receives; returns its request line.
pub fn haproxy_health_request(config: &Path, address: &str, port: u16) -> Result<Vec<u8>, String> {
    let scratch = Scratch::new("health");
    let out = scratch.join("request-line");
    let script = r#"
config=$1
out=$2
address=$3
port=$4
ip link set lo up || exit 90
ip addr add "$address" dev lo || exit 91
python3 -c "$RECORDER" "${address%/*}" "$port" "$out" &
recorder=$!
haproxy -db -f "$config" > /dev/null 2>&1 &
proxy=$!
tries=0
while [ ! -s "$out" ] && [ "$tries" -lt 100 ]; do
    sleep 0.1
    tries=$((tries + 1))
done
kill "$proxy" "$recorder" 2> /dev/null
wait
[ -s "$out" ]
"#;
    let output = run(Command::new("timeout")
        .args(["30", "unshare", "-n", "sh", "-c", script, "sh"])
        .arg(config)
        .arg(&out)
        .arg(address)
        .arg(port.to_string())
        .env("RECORDER", HTTP_RECORDER));
    succeeded(&output)?;
    std::fs::read(&out).map_err(|e| e.to_string())
}
