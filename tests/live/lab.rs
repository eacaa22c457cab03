//! A real 3-node cluster in Docker for one test: its own spec, output directory, cluster name
//! and subnet (10.231.N.0/24), removed when the test ends, also when it fails, with every
//! other deploy directory the test made beside it.

use hacc::live::status::{ClusterStatus, parse};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// What every page of the test service says.
pub const PAGE: &str = "served by the hacc live test cluster";

/// A spec with an HTTP server and its floating IP in a group, a Dummy clone on every node
/// (to see that it is left alone), and location preferences for the group.
///
/// The group starts with `start-guard`, whose start takes 4 s. Without fencing, a node cut off
/// from the others and the quorate rest notice the split at the same moment (the token
/// timeout): the rest starts the service while the cut-off node stops it, and in one of three
/// runs the two overlapped. The guard gives the cut-off node time to stop first.
pub fn spec(name: &str, subnet: u8, prefer_n1: i32, prefer_n2: i32) -> String {
    format!(
        r#"cluster "{name}" {{
    network "live_net" subnet="10.231.{subnet}.0/24"
    image base="debian:bookworm" {{
        packages "python3"
        copy "index.html" to="/srv/www/index.html"
        wrapper "/usr/local/bin/start-web" "python3" "-m" "http.server" "8000" "--directory" "/srv/www"
    }}
    node "n1" address="10.231.{subnet}.11"
    node "n2" address="10.231.{subnet}.12"
    node "n3" address="10.231.{subnet}.13"
    property "stonith-enabled" #false {{
        unsafe-acknowledged "test containers: there is no fencing device to call"
    }}
    primitive "web-ip" agent="ocf:heartbeat:IPaddr2" {{
        params ip="10.231.{subnet}.100" cidr_netmask=24
        op "monitor" interval="5s" timeout="20s"
    }}
    primitive "web-server" agent="ocf:heartbeat:anything" {{
        params binfile="/usr/local/bin/start-web" pidfile="/run/web-server.pid"
        op "monitor" interval="5s" timeout="20s"
    }}
    primitive "start-guard" agent="ocf:pacemaker:Dummy" {{
        params op_sleep=4
        op "monitor" interval="30s" timeout="20s"
    }}
    group "web-site" "start-guard" "web-ip" "web-server"
    primitive "marker" agent="ocf:pacemaker:Dummy" {{
        op "monitor" interval="10s" timeout="20s"
    }}
    clone "marker-clone" of="marker"
    location "site-prefers-n1" "web-site" node="n1" score={prefer_n1}
    location "site-prefers-n2" "web-site" node="n2" score={prefer_n2}
}}
"#
    )
}

/// [`spec`] with the lab's real fencing instead of fencing disabled, and without the start
/// guard: fencing, not a delay, keeps a cut-off node from running the service beside the rest.
pub fn fenced_spec(name: &str, subnet: u8) -> String {
    let spec = spec(name, subnet, 50, 10);
    let unfenced = "    property \"stonith-enabled\" #false {\n        unsafe-acknowledged \"test containers: there is no fencing device to call\"\n    }\n";
    let guard = "    primitive \"start-guard\" agent=\"ocf:pacemaker:Dummy\" {\n        params op_sleep=4\n        op \"monitor\" interval=\"30s\" timeout=\"20s\"\n    }\n";
    assert!(spec.contains(unfenced) && spec.contains(guard));
    spec.replace(
        unfenced,
        &format!("    fencing \"docker-lab\" address=\"10.231.{subnet}.250\"\n"),
    )
    .replace(guard, "")
    .replace("\"web-site\" \"start-guard\" ", "\"web-site\" ")
}

/// Whether Docker runs here with the base image; otherwise the test is skipped with a reason,
/// or fails when `.ci/run` requires every tool.
pub fn docker_ready() -> bool {
    if !crate::common::have_tool("docker") {
        return false;
    }
    let answers = |args: &[&str]| {
        Command::new("docker")
            .args(args)
            .stdin(Stdio::null())
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let ready = answers(&["info"]) && answers(&["image", "inspect", "debian:bookworm"]);
    if !ready {
        let why = "no Docker engine answers, or it has no `debian:bookworm` image (scripts/lab-setup makes both)";
        if std::env::var_os(crate::common::REQUIRE_TOOLS_VAR).is_some() {
            panic!("{why}");
        }
        eprintln!("skipped: {why}");
    }
    ready
}

pub struct Lab {
    root: tempfile::TempDir,
    pub name: String,
    pub subnet: u8,
}

impl Lab {
    /// A lab with its spec written; `None` (test skipped) without Docker.
    pub fn new(name: &str, subnet: u8) -> Option<Lab> {
        if !docker_ready() {
            return None;
        }
        let root = tempfile::tempdir().unwrap();
        let lab = Lab {
            root,
            name: name.to_string(),
            subnet,
        };
        std::fs::create_dir_all(lab.spec_dir()).unwrap();
        std::fs::write(
            lab.spec_dir().join("index.html"),
            format!("<!doctype html>\n<p>{PAGE}</p>\n"),
        )
        .unwrap();
        lab.write_spec(50, 10);
        Some(lab)
    }

    fn spec_dir(&self) -> PathBuf {
        self.root.path().join("spec")
    }

    /// Writes a file beside the spec (a copy source, or the spec itself).
    pub fn write_spec_file(&self, name: &str, contents: &str) {
        std::fs::write(self.spec_dir().join(name), contents).unwrap();
    }

    /// Another deploy directory beside the lab's own, removed with the lab.
    pub fn other_dir(&self, name: &str) -> PathBuf {
        assert!(name != "spec" && name != "deploy", "{name}");
        self.root.path().join(name)
    }

    pub fn spec_path(&self) -> PathBuf {
        self.spec_dir().join("cluster.kdl")
    }

    pub fn dir(&self) -> PathBuf {
        self.root.path().join("deploy")
    }

    pub fn write_spec(&self, prefer_n1: i32, prefer_n2: i32) {
        std::fs::write(
            self.spec_path(),
            spec(&self.name, self.subnet, prefer_n1, prefer_n2),
        )
        .unwrap();
    }

    /// Replaces the spec with [`fenced_spec`].
    pub fn write_fenced_spec(&self) {
        std::fs::write(self.spec_path(), fenced_spec(&self.name, self.subnet)).unwrap();
    }

    pub fn address(&self, host: u8) -> String {
        format!("10.231.{}.{host}", self.subnet)
    }

    pub fn floating_ip(&self) -> String {
        self.address(100)
    }

    pub fn node_address(&self, node: &str) -> String {
        let n: u8 = node.trim_start_matches('n').parse().unwrap();
        self.address(10 + n)
    }

    /// The compose project of the lab's cluster, as `apply --up` recorded it.
    pub fn project(&self) -> String {
        project_of(&self.dir()).expect("the cluster was started")
    }

    pub fn network(&self) -> String {
        format!("{}_live_net", self.project())
    }

    pub fn hacc(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_hacc"))
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    fn dir_arg(&self) -> String {
        self.dir().display().to_string()
    }

    /// `hacc apply SPEC --dir D --up --auto-approve`, which must succeed.
    pub fn apply_up(&self) -> String {
        let spec = self.spec_path().display().to_string();
        let output = self.hacc(&[
            "apply",
            &spec,
            "--dir",
            &self.dir_arg(),
            "--up",
            "--auto-approve",
        ]);
        succeeded("hacc apply --up", &output)
    }

    /// `hacc plan --json`, parsed, with its exit status under `--detailed-exitcode`.
    pub fn plan_json(&self) -> (serde_json::Value, i32) {
        let spec = self.spec_path().display().to_string();
        let output = self.hacc(&[
            "plan",
            &spec,
            "--dir",
            &self.dir_arg(),
            "--json",
            "--detailed-exitcode",
        ]);
        let code = output.status.code().unwrap_or(-1);
        assert!(code == 0 || code == 2, "{}", describe(&output));
        (serde_json::from_slice(&output.stdout).unwrap(), code)
    }

    pub fn plan_text(&self) -> String {
        let spec = self.spec_path().display().to_string();
        succeeded(
            "hacc plan",
            &self.hacc(&["plan", &spec, "--dir", &self.dir_arg()]),
        )
    }

    /// The container of a node.
    pub fn container(&self, node: &str) -> String {
        let output = docker(&[
            "ps",
            "-aq",
            "--filter",
            &format!("label=com.docker.compose.project={}", self.project()),
            "--filter",
            &format!("label=com.docker.compose.service={node}"),
        ]);
        let id = succeeded("docker ps", &output).trim().to_string();
        assert!(!id.is_empty(), "no container for `{node}`");
        id
    }

    pub fn exec(&self, node: &str, command: &str) -> Output {
        docker(&[
            "exec",
            &self.container(node),
            "timeout",
            "20",
            "sh",
            "-c",
            command,
        ])
    }

    /// The cluster status as `node` sees it; `None` while it cannot tell.
    pub fn status_from(&self, node: &str) -> Option<ClusterStatus> {
        let output = self.exec(node, "crm_mon --one-shot --output-as=xml");
        if !output.status.success() {
            return None;
        }
        parse(&String::from_utf8_lossy(&output.stdout)).ok()
    }

    /// The value of a `lrm_rsc_op` attribute for each node's last operation of `resource`:
    /// a restart shows as a new call id.
    pub fn last_operations(&self, from: &str, resource: &str) -> Vec<String> {
        let output = self.exec(from, "cibadmin --query --scope status");
        let text = succeeded("cibadmin --query", &output);
        let document = roxmltree::Document::parse(&text).unwrap();
        let mut ops: Vec<String> = document
            .descendants()
            .filter(|n| n.has_tag_name("lrm_rsc_op"))
            .filter(|n| n.attribute("id") == Some(&format!("{resource}_last_0")))
            .map(|n| {
                let node = n
                    .ancestors()
                    .find(|a| a.has_tag_name("node_state"))
                    .and_then(|a| a.attribute("uname"))
                    .unwrap_or("?");
                format!(
                    "{node}: {} call {}",
                    n.attribute("operation").unwrap_or("?"),
                    n.attribute("call-id").unwrap_or("?")
                )
            })
            .collect();
        ops.sort();
        ops
    }

    pub fn epoch(&self, from: &str) -> String {
        let output = self.exec(from, "cibadmin --query | head -n 1");
        let text = succeeded("cibadmin --query", &output);
        let start = text.find(" epoch=\"").expect("an epoch") + 8;
        text[start..].split('"').next().unwrap().to_string()
    }

    /// A node's container id and when it started: both change when the container is
    /// recreated or restarted.
    pub fn container_run(&self, node: &str) -> (String, String) {
        let id = self.container(node);
        let output = docker(&["inspect", "--format", "{{.State.StartedAt}}", &id]);
        (id, succeeded("docker inspect", &output).trim().to_string())
    }
}

/// The compose project of a deploy directory: recorded by `apply --up`, else named after the
/// identity its first apply made; `None` before that.
pub fn project_of(dir: &Path) -> Option<String> {
    let recorded = std::fs::read_to_string(dir.join(".hacc/compose-project")).ok();
    if let Some(project) = recorded.map(|p| p.trim().to_string()) {
        return Some(project);
    }
    let identity = std::fs::read_to_string(dir.join(".hacc/identity")).ok()?;
    let conf = std::fs::read_to_string(dir.join("corosync.conf")).ok()?;
    let name = conf
        .lines()
        .find_map(|l| l.trim().strip_prefix("cluster_name:"))?;
    Some(hacc::live::project_name(name.trim(), identity.trim()))
}

/// Removes what a deploy directory started: `hacc down`, then compose itself in case hacc
/// never got that far, the network and the images (their layers stay as build cache).
fn remove_cluster(dir: &Path) {
    let _ = Command::new(env!("CARGO_BIN_EXE_hacc"))
        .args(["down", "--dir"])
        .arg(dir)
        .stdin(Stdio::null())
        .output();
    let Some(project) = project_of(dir) else {
        return;
    };
    if dir.join("docker-compose.yml").exists() {
        let _ = Command::new("docker-compose")
            .args(["-p", &project, "down", "-v", "-t", "5"])
            .current_dir(dir)
            .stdin(Stdio::null())
            .output();
    }
    let networks = docker(&[
        "network",
        "ls",
        "-q",
        "--filter",
        &format!("label=com.docker.compose.project={project}"),
    ]);
    for network in String::from_utf8_lossy(&networks.stdout).split_whitespace() {
        let _ = docker(&["network", "rm", network]);
    }
    let images = docker(&[
        "images",
        "--format",
        "{{.Repository}}",
        "--filter",
        &format!("reference={project}_*"),
    ]);
    for image in String::from_utf8_lossy(&images.stdout).split_whitespace() {
        let _ = docker(&["rmi", "--no-prune", image]);
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        let dirs = std::fs::read_dir(self.root.path())
            .into_iter()
            .flatten()
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.path())
            .filter(|dir| dir.join(".hacc").is_dir());
        for dir in dirs {
            remove_cluster(&dir);
        }
    }
}

pub fn docker(args: &[&str]) -> Output {
    Command::new("docker")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

pub fn describe(output: &Output) -> String {
    format!(
        "{}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The standard output of a command that must succeed.
pub fn succeeded(what: &str, output: &Output) -> String {
    assert!(
        output.status.success(),
        "{what} failed: {}",
        describe(output)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// One HTTP GET to `address:8000`; the body, or `None` when nothing answers within a second.
pub fn http_get(address: &str) -> Option<String> {
    let socket: SocketAddr = format!("{address}:8000").parse().unwrap();
    let mut stream = TcpStream::connect_timeout(&socket, Duration::from_secs(1)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(stream, "GET / HTTP/1.0\r\nHost: {address}\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    response.starts_with("HTTP/1.0 200").then_some(response)
}

/// One HTTP GET of `path` on `address:port`: the status code and the body, or `None` when
/// nothing answers within a second (or the answer is not HTTP).
pub fn http_answer(address: &str, port: u16, path: &str) -> Option<(u16, String)> {
    let socket: SocketAddr = format!("{address}:{port}").parse().unwrap();
    let mut stream = TcpStream::connect_timeout(&socket, Duration::from_secs(1)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let code = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    Some((code, body.to_string()))
}

/// Polls `check` until it gives a value; panics naming `what` after `limit`.
pub fn wait_for<T>(what: &str, limit: Duration, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {limit:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// The nodes where the web site runs, as `node` sees it.
pub fn site_nodes(lab: &Lab, node: &str) -> Option<Vec<String>> {
    Some(lab.status_from(node)?.running_on("web-site"))
}
