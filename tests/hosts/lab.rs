//! Bare hosts for one test from `scripts/hosts-lab`, with a spec of the hosts target that
//! names them and a deploy directory; the lab is taken down when the test ends, also when it
//! fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

pub struct HostsLab {
    name: String,
    root: tempfile::TempDir,
    labs: PathBuf,
    /// A directory with ssh, ssh-keyscan and ssh-keygen and nothing else, for hacc's PATH.
    tools: PathBuf,
    pub addresses: Vec<String>,
    /// How many of the hosts the spec names (the first ones); all of them unless set.
    spec_nodes: std::cell::Cell<Option<usize>>,
}

/// Whether Docker and the OpenSSH client are here; otherwise the test is skipped with a
/// reason, or fails when `.ci/run` requires every tool.
fn ready() -> bool {
    if !["docker", "ssh", "ssh-keyscan", "ssh-keygen", "flock"]
        .iter()
        .all(|t| crate::common::have_tool(t))
    {
        return false;
    }
    let answers = Command::new("docker")
        .arg("info")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !answers {
        let why = "no Docker engine answers (scripts/lab-setup starts one)";
        if std::env::var_os(crate::common::REQUIRE_TOOLS_VAR).is_some() {
            panic!("{why}");
        }
        eprintln!("skipped: {why}");
    }
    answers
}

fn which(tool: &str) -> PathBuf {
    let out = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .unwrap();
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
}

impl HostsLab {
    /// `count` bare hosts for lab `name` (made unique to this process); `None` when skipped.
    pub fn up(count: usize, name: &str) -> Option<HostsLab> {
        if !ready() {
            return None;
        }
        let root = tempfile::tempdir().unwrap();
        let labs = root.path().join("labs");
        let name = format!("{name}{}", std::process::id());
        let mut lab = HostsLab {
            name,
            labs,
            tools: root.path().join("tools"),
            root,
            addresses: Vec::new(),
            spec_nodes: std::cell::Cell::new(None),
        };
        std::fs::create_dir_all(&lab.tools).unwrap();
        for tool in ["ssh", "ssh-keyscan", "ssh-keygen"] {
            std::os::unix::fs::symlink(which(tool), lab.tools.join(tool)).unwrap();
        }
        let out = Command::new(crate::common::root().join("scripts/hosts-lab"))
            .args(["up", &count.to_string(), &lab.name])
            .env("HACC_HOSTS_LAB_ROOT", &lab.labs)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        // Dropped from here on: a failed start is taken down too.
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "hosts-lab up failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        lab.addresses = stdout
            .lines()
            .map(|l| l.split_whitespace().nth(1).unwrap().to_string())
            .collect();
        assert_eq!(lab.addresses.len(), count, "{stdout}");
        lab.write_spec();
        Some(lab)
    }

    fn spec_dir(&self) -> PathBuf {
        self.root.path().join("spec")
    }

    pub fn spec_path(&self) -> PathBuf {
        self.spec_dir().join("cluster.kdl")
    }

    pub fn dir(&self) -> PathBuf {
        self.root.path().join("deploy")
    }

    pub fn known_hosts(&self) -> PathBuf {
        self.dir().join(".hacc/known_hosts")
    }

    pub fn container(&self, host: usize) -> String {
        format!("hacc-hosts-{}-{host}", self.name)
    }

    fn write_spec(&self) {
        std::fs::create_dir_all(self.spec_dir()).unwrap();
        let key = self.spec_dir().join("id_ed25519");
        std::fs::copy(self.labs.join(&self.name).join("id_ed25519"), &key).unwrap();
        self.write_spec_with("");
    }

    /// Lets the specs written from now on name only the first `count` hosts.
    pub fn set_spec_nodes(&self, count: usize) {
        self.spec_nodes.set(Some(count));
    }

    /// Rewrites the spec with `extra` (KDL lines) at the end of the cluster block.
    pub fn write_spec_with(&self, extra: &str) {
        let mut spec = format!("cluster \"{}\" target=\"hosts\" {{\n", self.name);
        let count = self.spec_nodes.get().unwrap_or(self.addresses.len());
        for (i, address) in self.addresses.iter().take(count).enumerate() {
            spec.push_str(&format!(
                "    node \"node{}\" address=\"{address}\" {{\n        ssh \"root@{address}\" identity=\"id_ed25519\"\n    }}\n",
                i + 1
            ));
        }
        spec.push_str(
            "    property \"stonith-enabled\" #false {\n        unsafe-acknowledged \"test hosts: no fencing device\"\n    }\n",
        );
        spec.push_str(extra);
        spec.push_str("}\n");
        std::fs::write(self.spec_path(), spec).unwrap();
    }

    /// `hacc ARGS SPEC --dir DIR` with a PATH that has no `docker`.
    pub fn hacc(&self, args: &[&str]) -> Run {
        let spec = self.spec_path();
        let dir = self.dir();
        let mut all: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
        all.extend([spec.as_os_str(), "--dir".as_ref(), dir.as_os_str()]);
        self.hacc_exactly(&all)
    }

    /// `hacc ARGS` as they are, with a PATH that has no `docker`.
    pub fn hacc_exactly<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_hacc"))
            .args(args)
            .env("PATH", &self.tools)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn docker(&self, args: &[&str]) -> String {
        let out = Command::new("docker").args(args).output().unwrap();
        assert!(out.status.success(), "docker {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs `script` with `sh` on host number `host` (through Docker, not hacc), returning
    /// its standard output.
    pub fn on_host(&self, host: usize, script: &str) -> String {
        self.docker(&["exec", &self.container(host), "sh", "-c", script])
    }

    /// The SHA256 fingerprint of a host's ed25519 key, read on the host itself.
    pub fn ed25519_fingerprint(&self, host: usize) -> String {
        let listed = self.docker(&[
            "exec",
            &self.container(host),
            "ssh-keygen",
            "-lf",
            "/etc/ssh/ssh_host_ed25519_key.pub",
        ]);
        listed.split_whitespace().nth(1).unwrap().to_string()
    }

    /// Stops sshd on a host and ends hacc's shared connections: the host cannot be reached.
    pub fn cut_ssh(&self, host: usize) {
        self.on_host(host, "systemctl stop ssh.socket ssh");
        close_connections(&self.dir().join(".hacc/ssh"));
    }

    /// Kills a host's container, as a power loss would, and ends hacc's shared connections.
    pub fn kill_host(&self, host: usize) {
        self.docker(&["kill", &self.container(host)]);
        close_connections(&self.dir().join(".hacc/ssh"));
    }

    pub fn restore_ssh(&self, host: usize) {
        self.on_host(host, "systemctl start ssh");
    }

    /// Gives a host new host keys, as a reinstall would, and ends hacc's shared connection.
    pub fn new_host_keys(&self, host: usize) {
        self.docker(&[
            "exec",
            &self.container(host),
            "sh",
            "-c",
            "rm /etc/ssh/ssh_host_* && ssh-keygen -A >/dev/null && systemctl restart ssh",
        ]);
        close_connections(&self.dir().join(".hacc/ssh"));
    }
}

/// Ends every shared connection whose socket is in `dir`.
fn close_connections(dir: &Path) {
    for socket in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let _ = Command::new("ssh")
            .arg("-o")
            .arg(format!("ControlPath={}", socket.path().display()))
            .args(["-O", "exit", "lab-host"])
            .stderr(Stdio::null())
            .status();
    }
}

impl Drop for HostsLab {
    fn drop(&mut self) {
        close_connections(&self.dir().join(".hacc/ssh"));
        let _ = Command::new(crate::common::root().join("scripts/hosts-lab"))
            .args(["down", &self.name])
            .env("HACC_HOSTS_LAB_ROOT", &self.labs)
            .stdin(Stdio::null())
            .status();
    }
}
