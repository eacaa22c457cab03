//! A host reached with the system's OpenSSH client: the user's config, agent and jump hosts
//! work as they do for them. Host keys are checked strictly against the deploy directory's
//! own known hosts, connections are shared (`ControlMaster`) and nothing ever prompts.

use super::host_keys;
use super::quote::shell_line;
use super::reach::Reach;
use crate::live::exec::{Output, run};
use crate::live::transport::Shell;
use crate::state::Error;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

/// How long ssh may take to connect, on top of a command's own limit.
const CONNECT_SECONDS: u64 = 10;
/// How long a shared connection stays open after its last command.
const PERSIST_SECONDS: u64 = 60;

/// One node of the cluster on a host, reached over SSH.
#[derive(Debug, Clone)]
pub struct SshHost {
    name: String,
    reach: Reach,
    /// The deploy directory's `.hacc/`: known hosts and connection sockets live there.
    hacc_dir: PathBuf,
    /// Whether commands run as root without sudo; asked once per host.
    root: OnceLock<bool>,
}

impl SshHost {
    pub fn new(name: &str, reach: Reach, hacc_dir: &Path) -> SshHost {
        SshHost {
            name: name.to_string(),
            reach,
            // ssh runs in the socket directory: every path it is given must be absolute.
            hacc_dir: std::path::absolute(hacc_dir).unwrap_or_else(|_| hacc_dir.to_path_buf()),
            root: OnceLock::new(),
        }
    }

    pub fn reach(&self) -> &Reach {
        &self.reach
    }

    /// Where the shared connections' sockets are. ssh runs there and names its socket
    /// relative to it (`ControlPath=%C`), since a socket path may not be longer than about
    /// 100 bytes and a deploy directory's path can be.
    pub fn control_dir(&self) -> PathBuf {
        self.hacc_dir.join("ssh")
    }

    /// Everything before the remote command: options, then the destination.
    pub fn ssh_args(&self) -> Vec<OsString> {
        let known_hosts = host_keys::known_hosts_file(&self.hacc_dir);
        let mut options: Vec<OsString> = [
            "-T".to_string(),
            "-o".into(),
            "BatchMode=yes".into(),
            "-o".into(),
            "StrictHostKeyChecking=yes".into(),
            "-o".into(),
            format!("ConnectTimeout={CONNECT_SECONDS}"),
            "-o".into(),
            "ControlMaster=auto".into(),
            "-o".into(),
            "ControlPath=%C".into(),
            "-o".into(),
            format!("ControlPersist={PERSIST_SECONDS}"),
        ]
        .into_iter()
        .map(OsString::from)
        .collect();
        let mut known = OsString::from("UserKnownHostsFile=");
        known.push(known_hosts.as_os_str());
        options.extend(["-o".into(), known]);
        if let Some(port) = self.reach.port {
            options.extend(["-p".into(), port.to_string().into()]);
        }
        if let Some(identity) = &self.reach.identity {
            options.extend(["-o".into(), "IdentitiesOnly=yes".into(), "-i".into()]);
            options.push(identity.as_os_str().to_owned());
        }
        // The destination was checked not to start with `-`; `--` makes sure of it.
        options.extend(["--".into(), self.reach.destination.clone().into()]);
        options
    }

    /// The remote command line for `argv`: as root (through `sudo -n` for another user),
    /// with a time limit on the host too, since killing ssh leaves the command running there.
    pub fn remote_line(argv: &[&str], as_root: bool, limit: Duration) -> String {
        let seconds = limit.as_secs().max(1).to_string();
        let mut words = Vec::new();
        if !as_root {
            words.extend(["sudo", "-n", "--"]);
        }
        words.extend(["timeout", "--kill-after=2", &seconds]);
        words.extend_from_slice(argv);
        shell_line(&words)
    }

    /// Runs a command line on the host as the login user.
    fn ssh(&self, line: &str, stdin: Option<&[u8]>, limit: Duration) -> Result<Output, Error> {
        let control = self.control_dir();
        private_dir(&control)?;
        let mut command = Command::new("ssh");
        command
            .current_dir(&control)
            .args(self.ssh_args())
            .arg(line);
        let output = run(
            &mut command,
            stdin,
            limit + Duration::from_secs(CONNECT_SECONDS + 5),
        )?;
        // 255 is ssh's own failure (a remote command exiting 255 reads the same; none of
        // hacc's do).
        if output.code == 255 {
            return Err(host_keys::refusal(
                &self.name,
                &self.reach,
                &self.hacc_dir,
                &output.stderr,
            ));
        }
        Ok(output)
    }

    fn as_root(&self) -> Result<bool, Error> {
        if let Some(root) = self.root.get() {
            return Ok(*root);
        }
        let root = if let Some(user) = self.reach.user() {
            user == "root"
        } else {
            let id = self.ssh("id -u", None, Duration::from_secs(10))?;
            id.ok(&format!("`id -u` on `{}`", self.name))?.trim() == "0"
        };
        Ok(*self.root.get_or_init(|| root))
    }
}

/// Creates `dir` 0700 when missing; refuses anything there but a directory (a link included).
pub fn private_dir(dir: &Path) -> Result<(), Error> {
    use std::os::unix::fs::DirBuilderExt;
    match std::fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(Error::Refused(format!(
            "`{}` is not a directory; hacc keeps its ssh connections there",
            dir.display()
        ))),
        Err(_) => match std::fs::DirBuilder::new().mode(0o700).create(dir) {
            // Hosts are worked on in parallel: another one may have made it just now.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => private_dir(dir),
            made => made.map_err(crate::state::io_error("create", dir)),
        },
    }
}

impl Shell for SshHost {
    fn node_name(&self) -> &str {
        &self.name
    }

    fn run_command(
        &self,
        argv: &[&str],
        stdin: Option<&[u8]>,
        limit: Duration,
    ) -> Result<Output, Error> {
        let line = Self::remote_line(argv, self.as_root()?, limit);
        self.ssh(&line, stdin, limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(reach: Reach) -> SshHost {
        SshHost::new("n1", reach, Path::new("/srv/deploy/.hacc"))
    }

    fn args(host: &SshHost) -> Vec<String> {
        host.ssh_args()
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect()
    }

    #[test]
    fn every_call_is_batch_strict_shared_and_ends_with_the_destination() {
        let host = host(Reach {
            destination: "root@10.0.0.11".into(),
            port: None,
            identity: None,
        });
        let args = args(&host);
        for option in [
            "BatchMode=yes",
            "StrictHostKeyChecking=yes",
            "UserKnownHostsFile=/srv/deploy/.hacc/known_hosts",
            "ControlMaster=auto",
            "ControlPath=%C",
        ] {
            let at = args.iter().position(|a| a == option).expect(option);
            assert_eq!(args[at - 1], "-o", "{option}");
        }
        assert_eq!(&args[args.len() - 2..], ["--", "root@10.0.0.11"]);
        assert!(!args.iter().any(|a| a == "-p" || a == "-i"), "{args:?}");
        assert_eq!(host.control_dir(), Path::new("/srv/deploy/.hacc/ssh"));
    }

    #[test]
    fn port_and_identity_come_before_the_destination() {
        let args = args(&host(Reach {
            destination: "db1".into(),
            port: Some(2222),
            identity: Some("/keys/id ed25519".into()),
        }));
        let end = args.len() - 2;
        let window = args.windows(2).position(|w| w == ["-p", "2222"]).unwrap();
        assert!(window < end);
        let key = args
            .windows(2)
            .position(|w| w == ["-i", "/keys/id ed25519"])
            .unwrap();
        assert!(key < end && args.contains(&"IdentitiesOnly=yes".to_string()));
    }

    #[test]
    fn remote_commands_run_as_root_with_a_limit() {
        let limit = Duration::from_secs(30);
        assert_eq!(
            SshHost::remote_line(&["crm_mon", "-1"], true, limit),
            "timeout --kill-after=2 30 crm_mon -1"
        );
        assert_eq!(
            SshHost::remote_line(&["sh", "-c", "echo $HOME"], false, limit),
            "sudo -n -- timeout --kill-after=2 30 sh -c 'echo $HOME'"
        );
    }
}
