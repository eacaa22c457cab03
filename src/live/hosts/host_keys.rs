//! Host keys: the deploy directory's own known hosts (`.hacc/known_hosts`), which ssh checks
//! strictly. A key gets there only when the user accepts what `ssh-keyscan` saw (`hacc hosts
//! accept`); a key that differs from the recorded one is refused and never replaced by hacc.

use super::reach::Reach;
use crate::live::exec::run;
use crate::state::{Error, io_error};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const SCAN_LIMIT: Duration = Duration::from_secs(20);

pub fn known_hosts_file(hacc_dir: &Path) -> PathBuf {
    hacc_dir.join("known_hosts")
}

/// What ssh's failure (exit status 255) means, as a refusal that says what to do.
pub fn refusal(name: &str, reach: &Reach, hacc_dir: &Path, stderr: &str) -> Error {
    let destination = &reach.destination;
    let file = known_hosts_file(hacc_dir);
    if stderr.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") {
        let now = stderr
            .split_whitespace()
            .find(|w| w.starts_with("SHA256:"))
            .map_or("an unknown key", |w| w.trim_end_matches('.'));
        return Error::Refused(format!(
            "`{name}` ({destination}) offers a host key other than the one accepted for it \
             (now {now}); refused, since it may not be the same machine. If it was reinstalled, \
             check the new key on the host and remove the old one with `ssh-keygen -R HOST -f {}`, \
             then accept the new one with `hacc hosts accept`",
            file.display()
        ));
    }
    if stderr.contains("host key is known") || stderr.contains("Host key verification failed") {
        let offered = match scan(reach) {
            Ok(scanned) if !scanned.fingerprints.is_empty() => scanned.fingerprints.join(", "),
            Ok(_) => "no key ssh-keyscan could read".to_string(),
            Err(e) => format!("keys that could not be scanned ({e})"),
        };
        return Error::Refused(format!(
            "the host key of `{name}` ({destination}) is not known to this deploy directory; \
             it offers {offered}. Check them against the host (`ssh-keygen -lf \
             /etc/ssh/ssh_host_ed25519_key.pub` there), then record them with `hacc hosts \
             accept SPEC --dir DIR`"
        ));
    }
    let said = stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("ssh failed without a message");
    Error::Refused(format!(
        "cannot reach `{name}` over ssh ({destination}): {}",
        said.trim()
    ))
}

/// The keys a host offers, as known-hosts lines and their fingerprints.
#[derive(Debug, Clone)]
pub struct Scanned {
    pub lines: Vec<String>,
    pub fingerprints: Vec<String>,
}

/// The host name and port ssh would connect to for `reach`, its config applied.
fn resolve(reach: &Reach) -> Result<(String, String), Error> {
    let mut command = Command::new("ssh");
    command.arg("-G");
    if let Some(port) = reach.port {
        command.args(["-p", &port.to_string()]);
    }
    command.args(["--", &reach.destination]);
    let config = run(&mut command, None, SCAN_LIMIT)?.ok("`ssh -G`")?;
    let value = |key: &str| {
        config.lines().find_map(|l| {
            l.strip_prefix(key)
                .and_then(|rest| rest.strip_prefix(' '))
                .map(str::to_string)
        })
    };
    match (value("hostname"), value("port")) {
        (Some(host), Some(port)) => Ok((host, port)),
        _ => Err(Error::Refused(format!(
            "`ssh -G {}` names no host name and port",
            reach.destination
        ))),
    }
}

/// Asks the host for its keys with `ssh-keyscan`, as ssh will look them up.
pub fn scan(reach: &Reach) -> Result<Scanned, Error> {
    let (host, port) = resolve(reach)?;
    let keys = run(
        Command::new("ssh-keyscan").args(["-T", "5", "-p", &port, "--", &host]),
        None,
        SCAN_LIMIT,
    )?
    .stdout;
    let lines: Vec<String> = keys
        .lines()
        .filter(|l| !l.starts_with('#') && l.split_whitespace().count() >= 3)
        .map(str::to_string)
        .collect();
    if lines.is_empty() {
        return Err(Error::Refused(format!(
            "`{host}` port {port} offered no host key to ssh-keyscan (is sshd running there?)"
        )));
    }
    let listed = run(
        Command::new("ssh-keygen").args(["-l", "-f", "-"]),
        Some(lines.join("\n").as_bytes()),
        SCAN_LIMIT,
    )?
    .ok("`ssh-keygen -l`")?;
    let fingerprints = listed
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let fingerprint = words.nth(1)?;
            let kind = words.last()?.trim_matches(|c| c == '(' || c == ')');
            Some(format!("{fingerprint} ({kind})"))
        })
        .collect();
    Ok(Scanned {
        lines,
        fingerprints,
    })
}

/// The first two fields of a known-hosts line: whom it is for and the key type.
fn host_and_type(line: &str) -> Option<(&str, &str)> {
    let mut words = line.split_whitespace();
    Some((words.next()?, words.next()?))
}

/// The lines of `scanned` that `known` lacks; an error when `known` has another key of the
/// same type for the same host, which is never replaced here.
pub fn new_lines<'s>(known: &str, scanned: &'s Scanned) -> Result<Vec<&'s str>, Error> {
    let mut new = Vec::new();
    for line in &scanned.lines {
        let Some(wanted) = host_and_type(line) else {
            continue;
        };
        let same: Vec<&str> = known
            .lines()
            .filter(|k| host_and_type(k) == Some(wanted))
            .collect();
        if same
            .iter()
            .any(|k| k.split_whitespace().eq(line.split_whitespace()))
        {
            continue;
        }
        if !same.is_empty() {
            return Err(Error::Refused(format!(
                "`{}` offers a {} key other than the one accepted for it; refused (remove the old \
                 one with `ssh-keygen -R` first if the host was reinstalled)",
                wanted.0, wanted.1
            )));
        }
        new.push(line.as_str());
    }
    Ok(new)
}

/// Adds `lines` to the directory's known hosts, atomically (a temp file renamed over it).
pub fn record(hacc_dir: &Path, lines: &[&str]) -> Result<(), Error> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    if lines.is_empty() {
        return Ok(());
    }
    let file = known_hosts_file(hacc_dir);
    let mut text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io_error("read", &file)(e)),
    };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    let temp = hacc_dir.join(".known_hosts.tmp");
    let _ = std::fs::remove_file(&temp);
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&temp)
        .map_err(io_error("create", &temp))?;
    out.write_all(text.as_bytes())
        .and_then(|()| out.sync_all())
        .map_err(io_error("write", &temp))?;
    std::fs::rename(&temp, &file).map_err(io_error("rename", &temp))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scanned(lines: &[&str]) -> Scanned {
        Scanned {
            lines: lines.iter().map(|l| (*l).to_string()).collect(),
            fingerprints: Vec::new(),
        }
    }

    #[test]
    fn only_missing_keys_are_added_and_a_changed_one_is_refused() {
        let known = "10.0.0.11 ssh-ed25519 AAAAold\n[db2]:2222 ssh-rsa AAAArsa\n";
        let same = scanned(&["10.0.0.11 ssh-ed25519 AAAAold", "10.0.0.11 ssh-rsa AAAAnew"]);
        assert_eq!(
            new_lines(known, &same).unwrap(),
            ["10.0.0.11 ssh-rsa AAAAnew"]
        );
        let changed = scanned(&["10.0.0.11 ssh-ed25519 AAAAother"]);
        let error = new_lines(known, &changed).unwrap_err().to_string();
        assert!(error.contains("other than the one accepted"), "{error}");
        let elsewhere = scanned(&["[db2]:2200 ssh-rsa AAAAother"]);
        assert_eq!(new_lines(known, &elsewhere).unwrap().len(), 1);
    }

    #[test]
    fn recording_appends_with_owner_only_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(known_hosts_file(dir.path()), "a ssh-ed25519 AAAA").unwrap();
        record(dir.path(), &["b ssh-ed25519 BBBB"]).unwrap();
        let file = known_hosts_file(dir.path());
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "a ssh-ed25519 AAAA\nb ssh-ed25519 BBBB\n"
        );
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn ssh_failures_read_as_what_to_do() {
        let reach = Reach {
            destination: "root@192.0.2.1".into(),
            port: None,
            identity: None,
        };
        let dir = Path::new("/d/.hacc");
        let changed = "@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@\nThe fingerprint \
                       for the ED25519 key sent by the remote host is\nSHA256:abc.\n";
        let error = refusal("n1", &reach, dir, changed).to_string();
        assert!(
            error.contains("(now SHA256:abc)") && error.contains("/d/.hacc/known_hosts"),
            "{error}"
        );
        let down = "ssh: connect to host 192.0.2.1 port 22: Connection refused\n";
        let error = refusal("n1", &reach, dir, down).to_string();
        assert!(
            error.starts_with("cannot reach `n1` over ssh (root@192.0.2.1): ssh: connect"),
            "{error}"
        );
    }
}
