//! Carrying out the hosts part of a plan: on every host at once, the files that change are
//! written (atomically), the missing packages installed and the stack started, and nothing
//! else, so a converged host is left alone. Each host says what it changed, also when a later
//! step failed there.

use super::SshHost;
use super::converge::{install_commands, services_command, write_command};
use super::each::on_each;
use super::host_plan::{HostChanges, HostPlan, ServiceStep};
use super::host_spec::WantedFile;
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
    on_each(hosts, |host| {
        let changes = plan
            .hosts
            .iter()
            .find(|h| h.name == host.node_name())
            .ok_or_else(|| Error::Refused(format!("`{}` was not planned", host.node_name())))?;
        let mut outcome = HostOutcome::default();
        if let Err(e) = apply_host(host, changes, wanted, &mut outcome) {
            outcome.error = Some(e);
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

/// Files first (so the packages' first start already reads them), then packages, then the
/// services; `outcome` is filled as it goes.
fn apply_host(
    host: &dyn Shell,
    changes: &HostChanges,
    wanted: &[WantedFile],
    outcome: &mut HostOutcome,
) -> Result<(), Error> {
    let name = host.node_name();
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
        let done = match outcome.done.is_empty() {
            true => "nothing changed".to_string(),
            false => outcome.done.join(", "),
        };
        match &outcome.error {
            Some(e) => lines.push(format!("  {}: {done}; then failed: {e}", host.node_name())),
            None => lines.push(format!("  {}: {done}", host.node_name())),
        }
    }
    Some(lines.join("\n"))
}
