//! Carrying out the hosts part of a plan: on every host at once, the files that change are
//! written (atomically), the missing packages installed and the stack started, and nothing
//! else, so a converged host is left alone. Each host says what it changed, also when a later
//! step failed there.

use super::SshHost;
use super::converge::{install_commands, services_command, write_command};
use super::each::on_each;
use super::host_plan::{HostChanges, HostPlan, ServiceStep};
use super::host_spec::WantedFile;
use super::progress::Step;
use crate::live::transport::Shell;
use crate::state::Error;
use std::collections::BTreeMap;
use std::time::Duration;

/// Package installs download and unpack a few hundred megabytes on a bare host.
const INSTALL_LIMIT: Duration = Duration::from_secs(1200);
const STEP_LIMIT: Duration = Duration::from_secs(120);

/// What one host went through.
#[derive(Debug, Default)]
pub struct HostOutcome {
    /// What was done, for people, in order.
    pub done: Vec<String>,
    /// Path -> SHA-256 of each file written.
    pub written: BTreeMap<String, String>,
    pub error: Option<Error>,
}

/// Converges every host of `plan` at once; each host's outcome, in the plan's order.
pub fn apply_hosts(hosts: &[SshHost], plan: &HostPlan, wanted: &[WantedFile]) -> Vec<HostOutcome> {
    apply_hosts_reporting(hosts, plan, wanted, &|_, _| {})
}

/// `apply_hosts`, telling `report` each step of host number `index` as it begins, and how
/// the host ended.
pub fn apply_hosts_reporting(
    hosts: &[SshHost],
    plan: &HostPlan,
    wanted: &[WantedFile],
    report: &(dyn Fn(usize, Step) + Sync),
) -> Vec<HostOutcome> {
    on_each(hosts, |host| {
        let index = hosts
            .iter()
            .position(|h| h.node_name() == host.node_name())
            .unwrap_or_default();
        let changes = plan
            .hosts
            .iter()
            .find(|h| h.name == host.node_name())
            .ok_or_else(|| Error::Refused(format!("`{}` was not planned", host.node_name())))?;
        let mut outcome = HostOutcome::default();
        let step = |step| report(index, step);
        match apply_host(host, changes, wanted, &mut outcome, &step) {
            Ok(()) => step(Step::Done(outcome.summary())),
            Err(e) => {
                step(Step::Failed(e.to_string()));
                outcome.error = Some(e);
            }
        }
        Ok(outcome)
    })
    .into_iter()
    .map(|result| {
        result.unwrap_or_else(|e| HostOutcome {
            error: Some(e),
            ..HostOutcome::default()
        })
    })
    .collect()
}

impl HostOutcome {
    /// What was done, for people.
    pub fn summary(&self) -> String {
        if self.done.is_empty() {
            "nothing to do".to_string()
        } else {
            self.done.join(", ")
        }
    }
}

/// Files first (so the packages' first start already reads them), then packages, then the
/// services; `outcome` is filled as it goes, and `report` told each step as it begins.
fn apply_host(
    host: &dyn Shell,
    changes: &HostChanges,
    wanted: &[WantedFile],
    outcome: &mut HostOutcome,
    report: &dyn Fn(Step),
) -> Result<(), Error> {
    let name = host.node_name();
    report(Step::Connecting);
    if !changes.files.is_empty() {
        report(Step::WritingFiles);
    }
    for step in &changes.files {
        let file = wanted
            .iter()
            .find(|w| w.path == step.path)
            .ok_or_else(|| Error::Refused(format!("`{}` is not a file of the spec", step.path)))?;
        let content = file.content.as_deref().ok_or_else(|| {
            Error::Refused(format!("`{}` has no contents to write yet", file.path))
        })?;
        let mode = format!("{:04o}", file.mode);
        host.run_command(&write_command(&file.path, &mode), Some(content), STEP_LIMIT)?
            .ok(&format!("writing `{}` on `{name}`", file.path))?;
        outcome
            .written
            .insert(file.path.clone(), crate::state::sha256_hex(content));
        outcome.done.push(format!("wrote {}", file.path));
    }
    if !changes.packages.is_empty() {
        report(Step::InstallingPackages);
        for command in install_commands(&changes.manager, &changes.packages) {
            let argv: Vec<&str> = command.iter().map(String::as_str).collect();
            host.run_command(&argv, None, INSTALL_LIMIT)?
                .ok(&format!("installing packages on `{name}`"))?;
        }
        outcome
            .done
            .push(format!("installed {}", changes.packages.join(" ")));
    }
    if changes
        .services
        .iter()
        .any(|s| matches!(s, ServiceStep::Start { .. }))
    {
        report(Step::StartingServices);
        host.run_command(&services_command(), None, STEP_LIMIT)?
            .ok(&format!("starting corosync and pacemaker on `{name}`"))?;
        outcome.done.push("started corosync and pacemaker".into());
    }
    Ok(())
}

/// Per host what changed, and the error of each host that failed; `None` when none did.
pub fn failure_report(hosts: &[SshHost], outcomes: &[HostOutcome]) -> Option<String> {
    let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
    if failed == 0 {
        return None;
    }
    let mut lines = vec![format!(
        "{failed} of {} host(s) failed; the CIB was not pushed. What changed where:",
        hosts.len()
    )];
    for (host, outcome) in hosts.iter().zip(outcomes) {
        let done = if outcome.done.is_empty() {
            "nothing changed".to_string()
        } else {
            outcome.done.join(", ")
        };
        match &outcome.error {
            Some(e) => lines.push(format!("  {}: {done}; then failed: {e}", host.node_name())),
            None => lines.push(format!("  {}: {done}", host.node_name())),
        }
    }
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::super::Reach;
    use super::super::converge::{AUTHKEY, COROSYNC_CONF};
    use super::super::distro::PackageManager;
    use super::super::host_plan::{FileAction, HostFileStep};
    use super::*;
    use crate::live::exec::Output;
    use std::sync::Mutex;

    /// A host that records every command and fails the one starting with `fail_on`.
    struct Fake {
        ran: Mutex<Vec<String>>,
        fail_on: &'static str,
    }

    impl Shell for Fake {
        fn node_name(&self) -> &'static str {
            "n1"
        }
        fn run_command(
            &self,
            argv: &[&str],
            _stdin: Option<&[u8]>,
            _limit: Duration,
        ) -> Result<Output, Error> {
            let line = argv.join(" ");
            let failed = line.contains(self.fail_on);
            self.ran.lock().unwrap().push(line);
            Ok(Output {
                code: if failed { 100 } else { 0 },
                stdout: String::new(),
                stderr: if failed {
                    "E: no mirror".into()
                } else {
                    String::new()
                },
            })
        }
    }

    fn changes(files: &[&str], packages: &[&str], start: bool) -> HostChanges {
        HostChanges {
            name: "n1".into(),
            destination: "root@h".into(),
            distro: "Debian".into(),
            manager: PackageManager::Apt,
            files: files
                .iter()
                .map(|path| HostFileStep {
                    path: path.to_string(),
                    action: FileAction::Change,
                    drifted: false,
                    secret: false,
                    old_sha256: None,
                    new_sha256: None,
                    diff: None,
                })
                .collect(),
            packages: packages
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            services: if start {
                vec![ServiceStep::Start {
                    services: vec!["corosync".into()],
                }]
            } else {
                Vec::new()
            },
            hashes: BTreeMap::new(),
            running: !start,
        }
    }

    fn wanted() -> Vec<WantedFile> {
        [COROSYNC_CONF, AUTHKEY]
            .map(|path| WantedFile {
                path: path.into(),
                mode: 0o644,
                content: Some(path.as_bytes().to_vec()),
                secret: false,
            })
            .to_vec()
    }

    #[test]
    fn only_what_the_plan_lists_is_done() {
        let host = Fake {
            ran: Mutex::new(Vec::new()),
            fail_on: "never",
        };
        let mut outcome = HostOutcome::default();
        apply_host(
            &host,
            &changes(&[COROSYNC_CONF], &[], false),
            &wanted(),
            &mut outcome,
            &|_| {},
        )
        .unwrap();
        let ran = host.ran.lock().unwrap().clone();
        assert_eq!(ran.len(), 1, "{ran:?}");
        assert!(
            ran[0].ends_with(&format!("{COROSYNC_CONF} 0644")),
            "{ran:?}"
        );
        assert_eq!(outcome.done, [format!("wrote {COROSYNC_CONF}")]);
        assert_eq!(
            outcome.written[COROSYNC_CONF],
            crate::state::sha256_hex(COROSYNC_CONF.as_bytes())
        );
        let idle = Fake {
            ran: Mutex::new(Vec::new()),
            fail_on: "never",
        };
        let mut outcome = HostOutcome::default();
        apply_host(
            &idle,
            &changes(&[], &[], false),
            &wanted(),
            &mut outcome,
            &|_| {},
        )
        .unwrap();
        assert!(
            idle.ran.lock().unwrap().is_empty(),
            "a converged host is left alone"
        );
    }

    #[test]
    fn a_failed_install_says_what_was_written_before_it() {
        let host = Fake {
            ran: Mutex::new(Vec::new()),
            fail_on: "apt-get install",
        };
        let mut outcome = HostOutcome::default();
        let steps = Mutex::new(Vec::new());
        let error = apply_host(
            &host,
            &changes(&[COROSYNC_CONF, AUTHKEY], &["pacemaker"], true),
            &wanted(),
            &mut outcome,
            &|step| steps.lock().unwrap().push(step),
        )
        .unwrap_err();
        assert_eq!(
            steps.into_inner().unwrap(),
            [
                Step::Connecting,
                Step::WritingFiles,
                Step::InstallingPackages
            ],
            "the steps begun, up to the failed one"
        );
        assert!(
            error.to_string().contains("installing packages on `n1`"),
            "{error}"
        );
        assert!(
            !host
                .ran
                .lock()
                .unwrap()
                .iter()
                .any(|l| l.contains("systemctl")),
            "nothing started after the failure"
        );
        outcome.error = Some(error);
        let other = HostOutcome::default();
        let reach = |d: &str| Reach {
            destination: d.into(),
            port: None,
            identity: None,
        };
        let hosts = [
            SshHost::new("n1", reach("root@a"), std::path::Path::new("/d/.hacc")),
            SshHost::new("n2", reach("root@b"), std::path::Path::new("/d/.hacc")),
        ];
        let report = failure_report(&hosts, &[outcome, other]).unwrap();
        assert!(
            report.starts_with("1 of 2 host(s) failed; the CIB was not pushed"),
            "{report}"
        );
        assert!(
            report.contains(&format!(
                "  n1: wrote {COROSYNC_CONF}, wrote {AUTHKEY}; then failed: installing packages"
            )),
            "{report}"
        );
        assert!(report.contains("  n2: nothing changed"), "{report}");
        assert_eq!(
            failure_report(&hosts, &[HostOutcome::default(), HostOutcome::default()]),
            None
        );
    }
}
