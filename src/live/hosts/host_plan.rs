//! The hosts part of a plan: per host, the files that would change (diffs, a secret by its
//! hash), the packages to install and what happens to corosync and pacemaker. A file that
//! differs from what hacc last wrote there was edited on the host: drift, refused without
//! `--force` as a hand-edited file of the deploy directory is.

use super::SshHost;
use super::converge::{AUTHKEY, COROSYNC_CONF};
use super::distro::PackageManager;
use super::each::on_each;
use super::host_spec::WantedFile;
use super::membership::MembershipChange;
use super::record::HostsRecord;
use super::survey::{Survey, survey};
use crate::live::corosync::{Handling, classify};
use crate::live::transport::Shell;
use crate::state::Error;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileAction {
    Add,
    Change,
}

/// One file to write on a host.
#[derive(Debug, Clone, Serialize)]
pub struct HostFileStep {
    pub path: String,
    pub action: FileAction,
    /// Edited on the host since hacc wrote it (or removed there).
    pub drifted: bool,
    pub secret: bool,
    pub old_sha256: Option<String>,
    /// `None` for a key generated at apply.
    pub new_sha256: Option<String>,
    pub diff: Option<String>,
}

/// What happens to the cluster stack of a host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum ServiceStep {
    /// Enabled and started (those that do not run yet).
    Start { services: Vec<String> },
    /// corosync.conf changes on a running node: reloaded or restarted as the lab decides.
    Corosync { handling: Handling },
}

impl ServiceStep {
    fn describe(&self) -> String {
        match self {
            ServiceStep::Start { services } => format!("start {}", services.join(", ")),
            ServiceStep::Corosync { handling } => format!("corosync {}", handling.describe()),
        }
    }
}

/// One host's changes.
#[derive(Debug, Clone, Serialize)]
pub struct HostChanges {
    pub name: String,
    pub destination: String,
    pub distro: String,
    /// How packages are installed there.
    #[serde(skip)]
    pub manager: PackageManager,
    pub files: Vec<HostFileStep>,
    pub packages: Vec<String>,
    pub services: Vec<ServiceStep>,
    /// Every managed file's SHA-256 on the host when planned (`None`: absent), which a saved
    /// plan records.
    pub hashes: BTreeMap<String, Option<String>>,
    /// Whether corosync and pacemaker ran when planned.
    pub running: bool,
}

impl HostChanges {
    pub fn has_changes(&self) -> bool {
        !self.files.is_empty() || !self.packages.is_empty() || !self.services.is_empty()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct HostPlan {
    pub hosts: Vec<HostChanges>,
    /// Hosts joining the running cluster and nodes leaving it.
    pub membership: MembershipChange,
}

/// Per host, how far it is from the wanted files and packages; an error naming each host
/// that could not be read.
pub fn plan_hosts(
    hosts: &[SshHost],
    wanted: &[WantedFile],
    packages: &[String],
    record: Option<&HostsRecord>,
) -> Result<HostPlan, Error> {
    let paths: Vec<&str> = wanted.iter().map(|w| w.path.as_str()).collect();
    let surveys = on_each(hosts, |host| {
        let found = survey(host, &paths, packages)?;
        let on_host = read_changed_texts(host, wanted, &found)?;
        Ok((found, on_host))
    });
    let mut planned = Vec::new();
    let mut failed = Vec::new();
    for (host, result) in hosts.iter().zip(surveys) {
        match result {
            Ok((found, texts)) => planned.push(plan_host(
                host.node_name(),
                &host.reach().destination,
                &found,
                &texts,
                wanted,
                packages,
                record,
            )),
            Err(e) => failed.push(format!("  {}: {e}", host.node_name())),
        }
    }
    if !failed.is_empty() {
        return Err(Error::Refused(format!(
            "{} of {} host(s) could not be read; nothing was changed on any host:\n{}",
            failed.len(),
            hosts.len(),
            failed.join("\n")
        )));
    }
    Ok(HostPlan {
        hosts: planned,
        membership: MembershipChange::default(),
    })
}

/// The current text of each non-secret file that will change, for its diff.
fn read_changed_texts(
    host: &dyn Shell,
    wanted: &[WantedFile],
    found: &Survey,
) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let mut texts = BTreeMap::new();
    for file in wanted.iter().filter(|w| !w.secret) {
        let present = found.files.get(&file.path).cloned().flatten();
        if present.is_some() && present != file.sha256() {
            let text = host
                .run_command(&["cat", "--", &file.path], None, Duration::from_secs(30))?
                .ok(&format!(
                    "reading `{}` on `{}`",
                    file.path,
                    host.node_name()
                ))?;
            texts.insert(file.path.clone(), text.into_bytes());
        }
    }
    Ok(texts)
}

/// One host's changes from what it holds (`found`, and the old text of changed files).
pub fn plan_host(
    name: &str,
    destination: &str,
    found: &Survey,
    texts: &BTreeMap<String, Vec<u8>>,
    wanted: &[WantedFile],
    packages: &[String],
    record: Option<&HostsRecord>,
) -> HostChanges {
    let mut files = Vec::new();
    for file in wanted {
        let on_host = found.files.get(&file.path).cloned().flatten();
        let new = file.sha256();
        if on_host.is_some() && on_host == new {
            continue;
        }
        let written = record.and_then(|r| r.written(name, &file.path));
        let drifted = match (&on_host, written) {
            (_, None) => false,
            (Some(now), Some(written)) => now != written,
            (None, Some(_)) => true,
        };
        let diff = match (texts.get(&file.path), &file.content) {
            (Some(old), Some(new)) if !file.secret => Some(crate::plan::unified_hunks(old, new)),
            _ => None,
        };
        files.push(HostFileStep {
            path: file.path.clone(),
            action: if on_host.is_some() {
                FileAction::Change
            } else {
                FileAction::Add
            },
            drifted,
            secret: file.secret,
            old_sha256: on_host,
            new_sha256: new,
            diff,
        });
    }
    let missing: Vec<String> = packages
        .iter()
        .filter(|p| !found.installed.contains(*p))
        .cloned()
        .collect();
    let mut services = Vec::new();
    let stopped: Vec<String> = found
        .services
        .iter()
        .filter(|s| !s.active || !s.enabled)
        .map(|s| s.name.clone())
        .collect();
    if !stopped.is_empty() {
        services.push(ServiceStep::Start { services: stopped });
    }
    let running = found.stack_active();
    let conf = wanted.iter().find(|w| w.path == COROSYNC_CONF);
    // A running node reads a new corosync.conf only when reloaded or restarted.
    let mut handling = match (texts.get(COROSYNC_CONF), conf.map(|c| &c.content)) {
        (Some(old), Some(Some(new))) => {
            classify(&String::from_utf8_lossy(old), &String::from_utf8_lossy(new))
                .map(|change| change.handling)
        }
        _ => None,
    };
    // A new key is read only at start, and nodes with different keys cannot talk.
    if files.iter().any(|f| f.path == AUTHKEY) {
        handling = Some(Handling::FullRestart);
    }
    if let Some(handling) = handling.filter(|_| running) {
        services.push(ServiceStep::Corosync { handling });
    }
    HostChanges {
        name: name.to_string(),
        destination: destination.to_string(),
        distro: found.distro.name.clone(),
        manager: found.distro.packages.clone(),
        files,
        packages: missing,
        services,
        hashes: found.files.clone(),
        running,
    }
}

/// A secret's hash for people: enough to tell two apart, never the key.
fn short(hash: &Option<String>) -> String {
    match hash {
        Some(hash) => format!("sha256 {}", &hash[..hash.len().min(12)]),
        None => "none".to_string(),
    }
}

impl HostPlan {
    pub fn has_changes(&self) -> bool {
        self.hosts.iter().any(HostChanges::has_changes) || !self.membership.is_empty()
    }

    /// Each drifted file as `host:path`.
    pub fn drifted(&self) -> Vec<String> {
        self.hosts
            .iter()
            .flat_map(|h| {
                h.files
                    .iter()
                    .filter(|f| f.drifted)
                    .map(move |f| format!("`{}` on `{}`", f.path, h.name))
            })
            .collect()
    }

    /// Refuses drift unless forced.
    pub fn refuse_drift(&self, force: bool) -> Result<(), Error> {
        let drifted = self.drifted();
        if drifted.is_empty() || force {
            return Ok(());
        }
        Err(Error::Refused(format!(
            "{} edited on the host since hacc wrote it; nothing was changed; look at the \
             plan, then apply with `--force` to overwrite",
            drifted.join(", ")
        )))
    }

    /// Whether a host's new files need every node stopped and started together (a new
    /// authkey, or settings no two nodes may differ in).
    pub fn needs_full_restart(&self) -> bool {
        self.hosts.iter().flat_map(|h| &h.services).any(|s| {
            *s == ServiceStep::Corosync {
                handling: Handling::FullRestart,
            }
        })
    }

    /// Whether a host's stack is started.
    pub fn starts_any(&self) -> bool {
        self.hosts
            .iter()
            .flat_map(|h| &h.services)
            .any(|s| matches!(s, ServiceStep::Start { .. }))
    }

    /// Every host's file hashes, for a saved plan.
    pub fn hashes(&self) -> BTreeMap<String, BTreeMap<String, Option<String>>> {
        self.hosts
            .iter()
            .map(|h| (h.name.clone(), h.hashes.clone()))
            .collect()
    }

    /// The "Hosts" section of a plan, ending with its summary line.
    pub fn render(&self) -> String {
        let mut out = String::from("\nHosts:\n");
        for host in &self.hosts {
            let joins = self.membership.joining.contains(&host.name);
            let _ = write!(
                out,
                "  {}{} ({}, {})",
                if joins { "+ " } else { "" },
                host.name,
                host.destination,
                host.distro
            );
            if joins {
                out.push_str("   (joins the running cluster)");
            }
            if !host.has_changes() {
                out.push_str(": no changes\n");
                continue;
            }
            out.push_str(":\n");
            for file in &host.files {
                let symbol = match (file.drifted, file.action) {
                    (true, _) => '!',
                    (false, FileAction::Add) => '+',
                    (false, FileAction::Change) => '~',
                };
                let mut notes = Vec::new();
                if file.drifted {
                    notes.push(match file.old_sha256 {
                        Some(_) => "edited on the host since hacc wrote it".to_string(),
                        None => "removed on the host since hacc wrote it".to_string(),
                    });
                }
                if file.secret {
                    notes.push(match &file.new_sha256 {
                        None => format!(
                            "{} -> generated at apply, not shown",
                            short(&file.old_sha256)
                        ),
                        new => format!("{} -> {}, not shown", short(&file.old_sha256), short(new)),
                    });
                }
                let _ = write!(out, "    {symbol} {}", file.path);
                if !notes.is_empty() {
                    let _ = write!(out, "   ({})", notes.join("; "));
                }
                out.push('\n');
                for line in file.diff.iter().flat_map(|d| d.lines()) {
                    let _ = writeln!(out, "        {line}");
                }
            }
            if !host.packages.is_empty() {
                let _ = writeln!(out, "    + packages: {}", host.packages.join(" "));
            }
            for service in &host.services {
                let _ = writeln!(out, "    ~ services: {}", service.describe());
            }
        }
        self.render_leaving(&mut out);
        out.push_str(&self.summary_line());
        out
    }

    /// Each leaving node: what stops there, and what the rest do without it.
    fn render_leaving(&self, out: &mut String) {
        for leaving in &self.membership.leaving {
            let place = leaving.destination().unwrap_or("not recorded");
            let _ = writeln!(
                out,
                "  - {} ({place})   (leaves the cluster):",
                leaving.name
            );
            match &leaving.state {
                Ok(services) => {
                    let running: Vec<&str> = services
                        .iter()
                        .rev()
                        .filter(|s| s.active || s.enabled)
                        .map(|s| s.name.as_str())
                        .collect();
                    if running.is_empty() {
                        out.push_str("    - services: none running\n");
                    } else {
                        let _ = writeln!(
                            out,
                            "    - services: stop and disable {}",
                            running.join(", ")
                        );
                    }
                }
                Err(e) => {
                    let _ = writeln!(
                        out,
                        "    ! unreachable: {e}   (apply refuses without --force, then goes on \
                         with the rest)"
                    );
                }
            }
            let _ = writeln!(
                out,
                "    - membership: `crm_node -R {} --force` on a remaining member; files on \
                 the host are left as they are",
                leaving.name
            );
        }
        if let Some(why) = &self.membership.quorum_loss {
            let _ = writeln!(out, "  ! refused: {why}");
        }
    }

    pub fn summary_line(&self) -> String {
        let changed = self.hosts.iter().filter(|h| h.has_changes()).count();
        let (joining, leaving) = (self.membership.joining.len(), self.membership.leaving.len());
        if changed == 0 && leaving == 0 {
            return "Hosts: no changes.\n".to_string();
        }
        let count = |f: &dyn Fn(&HostChanges) -> usize| self.hosts.iter().map(f).sum::<usize>();
        let membership = if joining + leaving > 0 {
            format!(", {joining} host(s) to join, {leaving} to leave")
        } else {
            String::new()
        };
        format!(
            "Hosts: {changed} of {} to change: {} file(s) to write, {} drifted, {} package(s) \
             to install, {} service action(s){membership}.\n",
            self.hosts.len(),
            count(&|h| h.files.len()),
            count(&|h| h.files.iter().filter(|f| f.drifted).count()),
            count(&|h| h.packages.len()),
            count(&|h| h.services.len()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::distro::Distro;
    use super::super::survey::ServiceState;
    use super::*;
    use crate::state::sha256_hex;

    const CONF: &str = "totem {\n    token: 3000\n}\n";

    fn wanted(conf: &str) -> Vec<WantedFile> {
        vec![
            WantedFile {
                path: COROSYNC_CONF.into(),
                mode: 0o644,
                content: Some(conf.as_bytes().to_vec()),
                secret: false,
            },
            WantedFile {
                path: AUTHKEY.into(),
                mode: 0o400,
                content: Some(vec![1; 128]),
                secret: true,
            },
        ]
    }

    fn survey_of(conf: Option<&str>, key: Option<&[u8]>, active: bool) -> Survey {
        Survey {
            distro: Distro {
                name: "Debian".into(),
                packages: PackageManager::Apt,
            },
            files: BTreeMap::from([
                (
                    COROSYNC_CONF.to_string(),
                    conf.map(|c| sha256_hex(c.as_bytes())),
                ),
                (AUTHKEY.to_string(), key.map(sha256_hex)),
            ]),
            installed: ["corosync".to_string()].into(),
            services: ["corosync", "pacemaker"]
                .map(|name| ServiceState {
                    name: name.into(),
                    enabled: active,
                    active,
                })
                .to_vec(),
        }
    }

    fn texts(conf: Option<&str>) -> BTreeMap<String, Vec<u8>> {
        conf.map(|c| (COROSYNC_CONF.to_string(), c.as_bytes().to_vec()))
            .into_iter()
            .collect()
    }

    fn packages() -> Vec<String> {
        vec!["corosync".into(), "pacemaker".into()]
    }

    #[test]
    fn a_bare_host_gets_everything_and_a_converged_one_nothing() {
        let bare = plan_host(
            "n1",
            "root@h",
            &survey_of(None, None, false),
            &texts(None),
            &wanted(CONF),
            &packages(),
            None,
        );
        let paths: Vec<(&str, FileAction)> = bare
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.action))
            .collect();
        assert_eq!(
            paths,
            [(COROSYNC_CONF, FileAction::Add), (AUTHKEY, FileAction::Add)]
        );
        assert_eq!(bare.packages, ["pacemaker"]);
        assert_eq!(
            bare.services,
            [ServiceStep::Start {
                services: vec!["corosync".into(), "pacemaker".into()]
            }]
        );
        let plan = HostPlan {
            hosts: vec![bare],
            membership: MembershipChange::default(),
        };
        let shown = plan.render();
        assert!(
            shown.contains("    + /etc/corosync/corosync.conf\n"),
            "{shown}"
        );
        assert!(shown.contains("    + packages: pacemaker\n"), "{shown}");
        assert!(
            shown.contains("~ services: start corosync, pacemaker"),
            "{shown}"
        );

        let mut found = survey_of(Some(CONF), Some(&[1; 128]), true);
        found.installed.insert("pacemaker".into());
        let done = plan_host(
            "n1",
            "root@h",
            &found,
            &texts(None),
            &wanted(CONF),
            &packages(),
            None,
        );
        assert!(!done.has_changes(), "{done:?}");
        let plan = HostPlan {
            hosts: vec![done],
            membership: MembershipChange::default(),
        };
        assert!(
            plan.render()
                .ends_with("  n1 (root@h, Debian): no changes\nHosts: no changes.\n"),
            "{}",
            plan.render()
        );
    }

    #[test]
    fn a_joining_host_is_marked_and_a_leaving_one_says_what_stops_there() {
        use super::super::membership::Leaving;
        let bare = plan_host(
            "n4",
            "root@h4",
            &survey_of(None, None, false),
            &texts(None),
            &wanted(CONF),
            &packages(),
            None,
        );
        let running = |name: &str| ServiceState {
            name: name.into(),
            enabled: true,
            active: true,
        };
        let reach = super::super::Reach {
            destination: "root@h5".into(),
            port: None,
            identity: None,
        };
        let plan = HostPlan {
            hosts: vec![bare],
            membership: MembershipChange {
                joining: vec!["n4".into()],
                leaving: vec![
                    Leaving {
                        name: "n5".into(),
                        host: Some(SshHost::new("n5", reach, std::path::Path::new("/d"))),
                        state: Ok(vec![running("corosync"), running("pacemaker")]),
                    },
                    Leaving {
                        name: "n6".into(),
                        host: None,
                        state: Err("not recorded".into()),
                    },
                ],
                quorum_loss: None,
            },
        };
        let shown = plan.render();
        assert!(
            shown.contains("  + n4 (root@h4, Debian)   (joins the running cluster):\n"),
            "{shown}"
        );
        assert!(
            shown.contains(
                "  - n5 (root@h5)   (leaves the cluster):\n    - services: stop and disable \
                 pacemaker, corosync\n    - membership: `crm_node -R n5 --force` on a remaining \
                 member; files on the host are left as they are\n"
            ),
            "{shown}"
        );
        assert!(
            shown.contains("  - n6 (not recorded)   (leaves the cluster):\n    ! unreachable"),
            "{shown}"
        );
        assert!(
            shown.ends_with(", 1 host(s) to join, 2 to leave.\n"),
            "{shown}"
        );
        // Nothing else to do on the hosts: the leaving node alone is a change.
        let only_leaving = HostPlan {
            hosts: Vec::new(),
            membership: MembershipChange {
                joining: Vec::new(),
                leaving: plan.membership.leaving[..1].to_vec(),
                quorum_loss: None,
            },
        };
        assert!(only_leaving.has_changes());
        assert_ne!(only_leaving.summary_line(), "Hosts: no changes.\n");
    }

    #[test]
    fn a_file_edited_on_the_host_is_drift_and_a_secret_is_shown_by_hash_only() {
        let edited = "totem {\n    token: 9999\n}\n";
        let mut record = HostsRecord::new("c");
        let reach = super::super::Reach {
            destination: "root@h".into(),
            port: None,
            identity: None,
        };
        record.wrote(
            "n1",
            &reach,
            BTreeMap::from([
                (COROSYNC_CONF.to_string(), sha256_hex(CONF.as_bytes())),
                (AUTHKEY.to_string(), sha256_hex(&[2; 128])),
            ]),
        );
        let found = survey_of(Some(edited), Some(&[2; 128]), true);
        let plan = plan_host(
            "n1",
            "root@h",
            &found,
            &texts(Some(edited)),
            &wanted(CONF),
            &packages(),
            Some(&record),
        );
        let conf = &plan.files[0];
        assert!(
            conf.drifted && conf.action == FileAction::Change,
            "{conf:?}"
        );
        assert!(
            conf.diff.as_deref().unwrap().contains("-    token: 9999"),
            "{conf:?}"
        );
        let key = &plan.files[1];
        assert!(!key.drifted && key.secret && key.diff.is_none(), "{key:?}");
        // The key changes too: read only at start, by every node together.
        assert_eq!(
            plan.services,
            [ServiceStep::Corosync {
                handling: Handling::FullRestart
            }]
        );
        let plan = HostPlan {
            hosts: vec![plan],
            membership: MembershipChange::default(),
        };
        assert_eq!(plan.drifted(), ["`/etc/corosync/corosync.conf` on `n1`"]);
        let refused = plan.refuse_drift(false).unwrap_err().to_string();
        assert!(refused.contains("--force"), "{refused}");
        assert!(plan.refuse_drift(true).is_ok());
        let shown = plan.render();
        assert!(
            shown.contains("! /etc/corosync/corosync.conf   (edited on the host"),
            "{shown}"
        );
        let hash = sha256_hex(&[2; 128]);
        assert!(
            shown.contains(&format!("sha256 {}", &hash[..12])),
            "{shown}"
        );
        assert!(!shown.contains(&hash), "a short hash only: {shown}");
        assert!(
            shown.contains("corosync restart of every node together"),
            "{shown}"
        );
        // Written by something else than hacc (a package's default): changed, not drift.
        let unrecorded = plan_host(
            "n1",
            "root@h",
            &found,
            &texts(Some(edited)),
            &wanted(CONF),
            &packages(),
            None,
        );
        assert!(!unrecorded.files[0].drifted);
    }

    #[test]
    fn a_changed_node_address_on_a_running_host_is_a_rolling_restart() {
        let old = "nodelist {\n    node {\n        name: a\n        nodeid: 1\n        ring0_addr: 10.0.0.1\n    }\n}\n";
        let new = old.replace("10.0.0.1", "10.0.0.9");
        let found = survey_of(Some(old), Some(&[1; 128]), true);
        let plan = plan_host(
            "n1",
            "root@h",
            &found,
            &texts(Some(old)),
            &wanted(&new),
            &packages(),
            None,
        );
        assert_eq!(
            plan.services,
            [ServiceStep::Corosync {
                handling: Handling::RollingRestart
            }]
        );
        let rekeyed = survey_of(Some(old), Some(&[2; 128]), true);
        let plan = plan_host(
            "n1",
            "root@h",
            &rekeyed,
            &texts(Some(old)),
            &wanted(old),
            &packages(),
            None,
        );
        assert_eq!(
            plan.services,
            [ServiceStep::Corosync {
                handling: Handling::FullRestart
            }]
        );
        assert!(
            HostPlan {
                hosts: vec![plan],
                membership: MembershipChange::default(),
            }
            .needs_full_restart()
        );
        // Stopped, the node reads the new file when it starts: nothing to reload.
        let stopped = survey_of(Some(old), Some(&[1; 128]), false);
        let plan = plan_host(
            "n1",
            "root@h",
            &stopped,
            &texts(Some(old)),
            &wanted(&new),
            &packages(),
            None,
        );
        assert!(
            matches!(plan.services[..], [ServiceStep::Start { .. }]),
            "{plan:?}"
        );
    }
}
