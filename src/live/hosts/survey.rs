//! What is on a host now, read over SSH without changing anything: the SHA-256 of each file
//! hacc manages there (a secret never leaves the host, only its hash), which packages are
//! installed, and whether corosync and pacemaker are enabled and active.

use super::converge::SERVICES;
use super::distro::{self, Distro, PackageManager};
use crate::live::transport::Shell;
use crate::state::Error;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);

/// Prints one line per argument: the file's SHA-256, or `-` when there is no regular file.
const HASH_SCRIPT: &str = "for f; do if [ -f \"$f\" ]; then sha256sum <\"$f\" | cut -d' ' -f1; \
    else echo -; fi; done";
/// Prints `SERVICE|ENABLED|ACTIVE` per argument, as systemctl says them (empty when the unit
/// does not exist).
const SERVICE_SCRIPT: &str = "for s; do printf '%s|%s|%s\\n' \"$s\" \
    \"$(systemctl is-enabled \"$s\" 2>/dev/null)\" \"$(systemctl is-active \"$s\" 2>/dev/null)\"; done";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceState {
    pub name: String,
    pub enabled: bool,
    pub active: bool,
}

/// One host as it is.
#[derive(Debug, Clone)]
pub struct Survey {
    pub distro: Distro,
    /// Path -> SHA-256 of the file there, `None` when there is none.
    pub files: BTreeMap<String, Option<String>>,
    pub installed: BTreeSet<String>,
    pub services: Vec<ServiceState>,
}

impl Survey {
    /// Whether corosync and pacemaker both run.
    pub fn stack_active(&self) -> bool {
        !self.services.is_empty() && self.services.iter().all(|s| s.active)
    }
}

/// Reads `files`, `packages` and the services on `host`.
pub fn survey(host: &dyn Shell, files: &[&str], packages: &[String]) -> Result<Survey, Error> {
    let distro = distro::detect(host)?;
    let name = host.node_name();
    let mut argv = vec!["sh", "-c", HASH_SCRIPT, "hacc-hash"];
    argv.extend(files);
    let hashes = host
        .run_command(&argv, None, LIMIT)?
        .ok(&format!("hashing hacc's files on `{name}`"))?;
    let files = parse_hashes(files, &hashes)
        .map_err(|why| Error::Refused(format!("hashing hacc's files on `{name}`: {why}")))?;
    let query = package_query(&distro.packages, packages);
    let argv: Vec<&str> = query.iter().map(String::as_str).collect();
    // Exits non-zero when a package is missing: only what it printed counts.
    let listed = host.run_command(&argv, None, LIMIT)?.stdout;
    Ok(Survey {
        distro,
        files,
        installed: parse_installed(&listed),
        services: services(host)?,
    })
}

/// Whether corosync and pacemaker are enabled and active on `host`.
pub fn services(host: &dyn Shell) -> Result<Vec<ServiceState>, Error> {
    let mut argv = vec!["sh", "-c", SERVICE_SCRIPT, "hacc-services"];
    argv.extend(SERVICES);
    let services = host.run_command(&argv, None, LIMIT)?.ok(&format!(
        "asking systemd about the services on `{}`",
        host.node_name()
    ))?;
    Ok(parse_services(&services))
}

/// The command that lists which of `packages` are installed, as `NAME ii` lines.
pub fn package_query(manager: &PackageManager, packages: &[String]) -> Vec<String> {
    let mut argv: Vec<String> = match manager {
        PackageManager::Apt => [
            "dpkg-query",
            "-W",
            "--showformat=${Package} ${db:Status-Abbrev}\\n",
            "--",
        ]
        .map(String::from)
        .to_vec(),
        PackageManager::Dnf => ["rpm", "-q", "--qf", "%{NAME} ii\\n", "--"]
            .map(String::from)
            .to_vec(),
    };
    argv.extend(packages.iter().cloned());
    argv
}

fn parse_hashes(files: &[&str], text: &str) -> Result<BTreeMap<String, Option<String>>, String> {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() != files.len() {
        return Err(format!("{} answers for {} files", lines.len(), files.len()));
    }
    files
        .iter()
        .zip(lines)
        .map(|(path, line)| match line.trim() {
            "-" => Ok((path.to_string(), None)),
            hash if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
                Ok((path.to_string(), Some(hash.to_string())))
            }
            other => Err(format!("`{other}` is not a SHA-256")),
        })
        .collect()
}

/// The packages a query listed as installed (`ii`: wanted install, installed).
pub fn parse_installed(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let name = words.next()?;
            words
                .next()
                .is_some_and(|s| s.starts_with("ii"))
                .then(|| name.to_string())
        })
        .collect()
}

fn parse_services(text: &str) -> Vec<ServiceState> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.split('|');
            let name = parts.next()?.to_string();
            Some(ServiceState {
                name,
                enabled: parts.next()? == "enabled",
                active: parts.next()? == "active",
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::exec::{Output, run};
    use std::process::Command;

    #[test]
    fn hashes_are_read_per_file_and_a_missing_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let present = dir.path().join("a b");
        std::fs::write(&present, b"abc").unwrap();
        let present = present.to_str().unwrap();
        let missing = dir.path().join("gone");
        let missing = missing.to_str().unwrap();
        let out = Command::new("sh")
            .args(["-c", HASH_SCRIPT, "hacc-hash", present, missing])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let hashes = parse_hashes(&[present, missing], &text).unwrap();
        assert_eq!(
            hashes[present].as_deref(),
            Some(crate::state::sha256_hex(b"abc").as_str())
        );
        assert_eq!(hashes[missing], None);
        assert!(parse_hashes(&[present], "").is_err());
        assert!(parse_hashes(&[present], "oops\n").is_err());
    }

    #[test]
    fn packages_and_services_are_read_from_what_the_tools_print() {
        let installed = parse_installed("corosync ii \npacemaker un \ncrmsh ii\n");
        assert_eq!(
            installed.into_iter().collect::<Vec<_>>(),
            ["corosync", "crmsh"]
        );
        let apt = package_query(&PackageManager::Apt, &["corosync".into()]);
        assert_eq!(apt[0], "dpkg-query");
        assert_eq!(apt.last().unwrap(), "corosync");
        let services = parse_services("corosync|enabled|active\npacemaker||inactive\n");
        assert_eq!(
            services,
            [
                ServiceState {
                    name: "corosync".into(),
                    enabled: true,
                    active: true
                },
                ServiceState {
                    name: "pacemaker".into(),
                    enabled: false,
                    active: false
                }
            ]
        );
        // The script itself, with a systemctl that knows nothing.
        let out: Output = run(
            Command::new("sh").args(["-c", SERVICE_SCRIPT, "s", "hacc-no-such-unit"]),
            None,
            LIMIT,
        )
        .unwrap();
        let parsed = parse_services(&out.stdout);
        assert_eq!(parsed.len(), 1, "{out:?}");
        assert!(!parsed[0].active, "{out:?}");
    }
}
