//! Bringing a bare host to a cluster node: the cluster packages and the spec's own installed,
//! corosync's configuration and key written atomically, corosync and pacemaker enabled and
//! started with systemd. Every host of a cluster is converged at once.

use super::SshHost;
use super::distro::{self, PackageManager};
use super::each::on_each;
use crate::live::transport::Shell;
use crate::model::Checked;
use crate::state::Error;
use std::time::Duration;

/// What every node needs, whatever the spec adds.
pub const CLUSTER_PACKAGES: [&str; 5] = [
    "corosync",
    "pacemaker",
    "crmsh",
    "resource-agents",
    "fence-agents",
];
/// The services a node runs, in the order they start.
pub const SERVICES: [&str; 2] = ["corosync", "pacemaker"];
pub const COROSYNC_CONF: &str = "/etc/corosync/corosync.conf";
pub const AUTHKEY: &str = "/etc/corosync/authkey";

/// Package installs download and unpack a few hundred megabytes on a bare host.
const INSTALL_LIMIT: Duration = Duration::from_secs(1200);
const STEP_LIMIT: Duration = Duration::from_secs(120);

/// Writes standard input to `$1` with mode `$2`, owned by root: a temporary file beside it
/// gets the mode before any content, then replaces the file in one rename, so no reader
/// ever sees a half-written file or the key with a wider mode.
const WRITE_SCRIPT: &str = "set -e; mkdir -p \"$(dirname \"$1\")\"; \
    tmp=$(mktemp \"$1.hacc.XXXXXX\"); trap 'rm -f \"$tmp\"' EXIT; \
    chmod \"$2\" \"$tmp\"; chown root:root \"$tmp\"; cat >\"$tmp\"; mv -f \"$tmp\" \"$1\"";

/// The files a node of the cluster gets, the same on every host.
#[derive(Clone)]
pub struct HostFiles {
    pub corosync_conf: String,
    pub authkey: Vec<u8>,
}

impl std::fmt::Debug for HostFiles {
    /// The key is never shown, not even in a debug print.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HostFiles")
            .field("corosync_conf", &self.corosync_conf)
            .field("authkey", &format_args!("<{} bytes>", self.authkey.len()))
            .finish()
    }
}

impl HostFiles {
    /// The spec's corosync.conf with `authkey` as the cluster's key.
    pub fn of_spec(checked: &Checked, authkey: Vec<u8>) -> Result<HostFiles, Error> {
        let corosync_conf = crate::render::build(checked)
            .map_err(|e| Error::Refused(format!("cannot render the spec: {e}")))?
            .into_iter()
            .find(|artifact| artifact.path == "corosync.conf")
            .map(|artifact| artifact.contents)
            .ok_or_else(|| Error::Refused("the spec renders no corosync.conf".into()))?;
        Ok(HostFiles {
            corosync_conf,
            authkey,
        })
    }

    /// Each file: its path on the host, its mode and its content.
    fn each(&self) -> [(&'static str, &'static str, &[u8]); 2] {
        [
            (COROSYNC_CONF, "0644", self.corosync_conf.as_bytes()),
            (AUTHKEY, "0400", &self.authkey),
        ]
    }
}

/// The cluster packages, then the spec's image packages not already among them.
pub fn packages(checked: &Checked) -> Vec<String> {
    let mut all: Vec<String> = CLUSTER_PACKAGES.iter().map(ToString::to_string).collect();
    for package in &checked.cluster().image.packages {
        if !all.contains(&package.value) {
            all.push(package.value.clone());
        }
    }
    all
}

/// The commands that install `packages`: never a question, and a configuration file hacc
/// wrote before the install is kept over the package's own.
pub fn install_commands(manager: &PackageManager, packages: &[String]) -> Vec<Vec<String>> {
    let words = |w: &[&str]| w.iter().map(ToString::to_string).collect::<Vec<_>>();
    match manager {
        PackageManager::Apt => {
            let mut install = words(&[
                "env",
                "DEBIAN_FRONTEND=noninteractive",
                "apt-get",
                "install",
                "-y",
                "-q",
                "-o",
                "Dpkg::Options::=--force-confdef",
                "-o",
                "Dpkg::Options::=--force-confold",
            ]);
            install.extend(packages.iter().cloned());
            vec![
                words(&[
                    "env",
                    "DEBIAN_FRONTEND=noninteractive",
                    "apt-get",
                    "update",
                    "-q",
                ]),
                install,
            ]
        }
        PackageManager::Dnf => {
            let mut install = words(&["dnf", "install", "-y", "-q"]);
            install.extend(packages.iter().cloned());
            vec![install]
        }
    }
}

/// The command that writes standard input to `path` with `mode`, owned by root.
pub fn write_command<'a>(path: &'a str, mode: &'a str) -> [&'a str; 6] {
    ["sh", "-c", WRITE_SCRIPT, "hacc-write", path, mode]
}

/// The command that enables corosync and pacemaker and starts them when they do not run.
pub fn services_command() -> Vec<&'static str> {
    let mut argv = vec!["systemctl", "enable", "--now"];
    argv.extend(SERVICES);
    argv
}

/// Writes the cluster's files on `host`, each through standard input.
pub fn write_files(host: &dyn Shell, files: &HostFiles) -> Result<(), Error> {
    for (path, mode, content) in files.each() {
        host.run_command(&write_command(path, mode), Some(content), STEP_LIMIT)?
            .ok(&format!("writing `{path}` on `{}`", host.node_name()))?;
    }
    Ok(())
}

/// Converges one host: its files first (so the packages' first start already reads them),
/// then the packages, then the services. Returns the host's distribution for people.
pub fn converge(host: &dyn Shell, packages: &[String], files: &HostFiles) -> Result<String, Error> {
    let distro = distro::detect(host)?;
    write_files(host, files)?;
    for command in install_commands(&distro.packages, packages) {
        let argv: Vec<&str> = command.iter().map(String::as_str).collect();
        host.run_command(&argv, None, INSTALL_LIMIT)?.ok(&format!(
            "installing packages on `{}` ({})",
            host.node_name(),
            distro.name
        ))?;
    }
    host.run_command(&services_command(), None, STEP_LIMIT)?
        .ok(&format!(
            "starting corosync and pacemaker on `{}`",
            host.node_name()
        ))?;
    Ok(distro.name)
}

/// Converges every host at once; each host's outcome, in the hosts' order.
pub fn converge_all(
    hosts: &[SshHost],
    packages: &[String],
    files: &HostFiles,
) -> Vec<Result<String, Error>> {
    on_each(hosts, |host| converge(host, packages, files))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::exec::{Output, run};
    use std::process::Command;

    /// Runs commands on this machine through `sh`, as a host would.
    struct Local;

    impl Shell for Local {
        fn node_name(&self) -> &'static str {
            "local"
        }
        fn run_command(
            &self,
            argv: &[&str],
            stdin: Option<&[u8]>,
            limit: Duration,
        ) -> Result<Output, Error> {
            run(Command::new(argv[0]).args(&argv[1..]), stdin, limit)
        }
    }

    #[test]
    fn apt_installs_without_questions_and_keeps_the_written_configuration() {
        let packages = vec!["corosync".to_string(), "haproxy".to_string()];
        let commands = install_commands(&PackageManager::Apt, &packages);
        assert_eq!(commands.len(), 2);
        assert_eq!(commands[0][2..4], ["apt-get", "update"]);
        let install = &commands[1];
        assert_eq!(
            install[..4],
            [
                "env",
                "DEBIAN_FRONTEND=noninteractive",
                "apt-get",
                "install"
            ]
        );
        assert!(install.contains(&"-y".to_string()));
        assert!(install.contains(&"Dpkg::Options::=--force-confold".to_string()));
        assert_eq!(install[install.len() - 2..], packages[..]);
        let dnf = install_commands(&PackageManager::Dnf, &packages);
        assert_eq!(dnf, [["dnf", "install", "-y", "-q", "corosync", "haproxy"]]);
        assert_eq!(
            services_command(),
            ["systemctl", "enable", "--now", "corosync", "pacemaker"]
        );
    }

    #[test]
    fn the_spec_adds_its_image_packages_once() {
        let source = "cluster \"h\" target=\"hosts\" {\n\
            image base=\"debian:bookworm\" { packages \"haproxy\" \"pacemaker\"; }\n\
            node \"n1\" address=\"192.168.7.11\"\n\
            primitive \"fence\" agent=\"stonith:fence_xvm\"\n}\n";
        let report = crate::pipeline::check_source(source);
        let checked = report.checked.expect("the spec checks");
        let all = packages(&checked);
        assert_eq!(all[..5], CLUSTER_PACKAGES.map(String::from));
        assert_eq!(all[5..], ["haproxy".to_string()]);
        let files = HostFiles::of_spec(&checked, vec![7; 256]).unwrap();
        assert!(
            files.corosync_conf.contains("192.168.7.11"),
            "{}",
            files.corosync_conf
        );
        assert!(!format!("{files:?}").contains("7, 7"));
    }

    #[test]
    fn files_are_written_whole_with_their_mode_and_no_temporary_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/authkey");
        let path = path.to_str().unwrap();
        let secret = b"not on any command line\n\0\xff";
        let out = Local
            .run_command(&write_command(path, "0400"), Some(secret), STEP_LIMIT)
            .unwrap();
        // chown to root fails when the tests do not run as root; everything before it ran.
        if out.success() {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::read(path).unwrap(), secret);
            let mode = std::fs::metadata(path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o400);
            // Written again over a read-only file: still replaced, by the rename.
            let out = Local
                .run_command(&write_command(path, "0400"), Some(b"new"), STEP_LIMIT)
                .unwrap();
            assert!(out.success(), "{out:?}");
            assert_eq!(std::fs::read(path).unwrap(), b"new");
        } else {
            assert!(out.stderr.contains("chown"), "{out:?}");
            assert!(!std::path::Path::new(path).exists());
        }
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert!(
            names.iter().all(|n| n == "authkey"),
            "temporary left: {names:?}"
        );
    }
}
