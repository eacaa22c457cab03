//! `plan`, `apply` and `status` for a spec of the hosts target: every host is read and
//! converged over SSH, then the cluster goes through the same protocol as the lab's (waits,
//! live plan, one CIB patch) with the hosts as its target.

use super::failure::Failure;
use super::live::generated_text;
use super::load_spec::LoadedSpec;
use crate::apply::{Applied, confirm, execute};
use crate::live::converge::LiveCluster;
use crate::live::corosync::Handling;
use crate::live::hosts::converge::HostFiles;
use crate::live::hosts::host_apply::{apply_hosts_reporting, failure_report};
use crate::live::hosts::host_plan::{HostPlan, plan_hosts};
use crate::live::hosts::host_spec::{HostSpec, WantedFile};
use crate::live::hosts::membership::{
    MembershipChange, carry_out, joining_and_leaving, quorum_loss, running_nodelist, survey_leaving,
};
use crate::live::hosts::progress::{Board, with_board};
use crate::live::hosts::record::HostsRecord;
use crate::live::hosts::target::{is_active_command, stack_active};
use crate::live::hosts::{Hosts, SshHost, each::on_each};
use crate::live::plan::{LivePlan, plan as live_plan};
use crate::live::transport::Shell;
use crate::live::wait::membership as membership_of;
use crate::plan::{AUTHKEY_PATH, Plan, SavedPlan, blocked_message, short_key_message};
use crate::state::{DEPLOY_FILE_CAP, DeployDir, DirLock, Error};
use std::path::Path;
use std::time::Duration;

/// The hosts of a spec, what they should hold and how far they are from it.
pub(super) struct Surveyed {
    pub hosts: Vec<SshHost>,
    pub plan: HostPlan,
    pub record: Option<HostsRecord>,
}

/// The deploy directory's authkey, unless the file plan generates a new one.
fn authkey(dir: &Path, files: &Plan) -> Result<Option<Vec<u8>>, Error> {
    if files
        .files
        .iter()
        .any(|f| f.step.path == AUTHKEY_PATH && f.step.generates_secret())
    {
        return Ok(None);
    }
    match DeployDir::open(dir)? {
        Some(dir) => Ok(dir.read(AUTHKEY_PATH, DEPLOY_FILE_CAP)?.map(|(key, _)| key)),
        None => Ok(None),
    }
}

fn wanted(loaded: &LoadedSpec, spec: &HostSpec, authkey: Option<Vec<u8>>) -> Vec<WantedFile> {
    let output = |path: &str| {
        loaded
            .files
            .iter()
            .find(|f| f.path == path)
            .and_then(|f| match &f.content {
                crate::plan::Content::Bytes(bytes) => Some(bytes.clone()),
                crate::plan::Content::GeneratedSecret => None,
            })
    };
    spec.wanted(output, authkey)
}

/// Reads every host; an error naming each one that could not be read.
pub(super) fn survey(
    dir: &Path,
    loaded: &LoadedSpec,
    spec: &HostSpec,
    files: &Plan,
) -> Result<Surveyed, Error> {
    let known = crate::live::hosts::host_keys::known_hosts_file(&dir.join(crate::state::STATE_DIR));
    if !known.exists() {
        return Err(Error::Refused(format!(
            "no host key of `{}` is recorded in `{}`; check and record them first with `hacc \
             hosts accept SPEC --dir {}`",
            spec.cluster,
            known.display(),
            dir.display()
        )));
    }
    let hosts = spec.hosts(dir);
    let record = HostsRecord::load(dir)?;
    let wanted = wanted(loaded, spec, authkey(dir, files)?);
    let plan = plan_hosts(&hosts, &wanted, &spec.packages, record.as_ref())?;
    Ok(Surveyed {
        hosts,
        plan,
        record,
    })
}

/// The cluster on `hosts`; `files` are what `install_config` writes on a node.
fn cluster(spec_cluster: &str, hosts: &[SshHost], files: HostFiles) -> LiveCluster {
    LiveCluster::new(Box::new(Hosts::new(spec_cluster, hosts.to_vec(), files)))
}

/// A cluster only read from (plans, status): it installs no configuration.
fn read_only_cluster(name: &str, hosts: &[SshHost]) -> LiveCluster {
    let nothing = HostFiles {
        corosync_conf: String::new(),
        authkey: Vec::new(),
    };
    cluster(name, hosts, nothing)
}

/// The hosts a directory's record names, reached with its known hosts and sockets.
fn recorded_hosts(dir: &Path, record: &HostsRecord) -> Vec<SshHost> {
    let hacc_dir = dir.join(crate::state::STATE_DIR);
    record
        .hosts
        .iter()
        .map(|(name, host)| SshHost::new(name, host.reach.clone(), &hacc_dir))
        .collect()
}

/// The cluster on the hosts a directory's record names, only to be read from.
pub(super) fn recorded_cluster(dir: &Path, record: &HostsRecord) -> LiveCluster {
    read_only_cluster(&record.cluster, &recorded_hosts(dir, record))
}

/// The live plan of the hosts' cluster, when a host runs the stack.
pub(super) fn hosts_live_plan(
    cluster: &LiveCluster,
    loaded: &LoadedSpec,
    running: bool,
) -> Result<Option<LivePlan>, Error> {
    if !running {
        return Ok(None);
    }
    let node = cluster.any_node()?;
    live_plan(
        &*node,
        cluster.target.name(),
        &cluster.target.describe(),
        &generated_text(loaded, "cib.xml")?,
        &generated_text(loaded, "corosync.conf")?,
        None,
    )
    .map(Some)
}

/// The file plan, the hosts, then the cluster; `No changes.` when nothing at all changes.
pub(super) fn render(
    files: &Plan,
    hosts: &HostPlan,
    live: Option<&LivePlan>,
    dir: &Path,
    color: bool,
) -> String {
    let mut out = crate::plan::render_plan(files, dir, color);
    if out.ends_with("No changes.\n") {
        out.truncate(out.len() - "No changes.\n".len());
        out.push_str("Files: no changes.\n");
    }
    out.push_str(&hosts.render());
    if let Some(live) = live {
        out.push_str(&live.render());
    }
    if !any_change(files, hosts, live) {
        out.push_str("No changes.\n");
    }
    out
}

pub(super) fn any_change(files: &Plan, hosts: &HostPlan, live: Option<&LivePlan>) -> bool {
    !files.summary().is_empty() || hosts.has_changes() || live.is_some_and(LivePlan::has_changes)
}

fn running(plan: &HostPlan) -> bool {
    plan.hosts.iter().any(|h| h.running)
}

/// `plan` for hosts: what the file plan, the hosts and the cluster would go through.
pub(super) fn plan(
    dir: &Path,
    loaded: &LoadedSpec,
    spec: &HostSpec,
    files: &Plan,
) -> Result<(Surveyed, Option<LivePlan>), Error> {
    let mut surveyed = survey(dir, loaded, spec, files)?;
    let cluster = read_only_cluster(&spec.cluster, &surveyed.hosts);
    let live = hosts_live_plan(&cluster, loaded, running(&surveyed.plan))?;
    surveyed.plan.membership = membership(dir, loaded, spec, &cluster, live.is_some(), &surveyed)?;
    Ok((surveyed, live))
}

/// Which hosts join the running cluster and which nodes leave it, as a quorate member's
/// corosync runs (a joining host may already run alone, out of the membership).
fn membership(
    dir: &Path,
    loaded: &LoadedSpec,
    spec: &HostSpec,
    cluster: &LiveCluster,
    running: bool,
    surveyed: &Surveyed,
) -> Result<MembershipChange, Error> {
    let names: Vec<String> = spec.nodes.iter().map(|(name, _)| name.clone()).collect();
    let mut member = None;
    if running {
        for node in cluster.nodes()? {
            let quorate = membership_of(&*node)?.is_some_and(|m| m.quorate);
            if quorate || member.is_none() {
                member = Some(node);
            }
            if quorate {
                break;
            }
        }
    }
    let nodelist = member.as_deref().map(running_nodelist).transpose()?;
    let (joining, leaving) =
        joining_and_leaving(&names, nodelist.as_deref(), surveyed.record.as_ref());
    let hacc_dir = dir.join(crate::state::STATE_DIR);
    let quorum_loss = match &member {
        Some(node) if !leaving.is_empty() => {
            let members = membership_of(&**node)?
                .map(|m| m.members)
                .unwrap_or_default();
            let remaining = members.iter().filter(|m| names.contains(m)).count();
            quorum_loss(
                &crate::live::corosync::running_conf(&**node)?,
                &generated_text(loaded, "corosync.conf")?,
                remaining,
                &leaving,
            )
        }
        _ => None,
    };
    Ok(MembershipChange {
        joining,
        leaving: survey_leaving(&leaving, surveyed.record.as_ref(), &hacc_dir),
        quorum_loss,
    })
}

/// Refuses a membership change together with a corosync change that is more than a reload
/// (its nodes would restart while joining or leaving).
fn refuse_mixed(plan: &HostPlan, live: Option<&LivePlan>) -> Result<(), Error> {
    let restart = plan.needs_full_restart()
        || live
            .and_then(|l| l.corosync.as_ref())
            .is_some_and(|c| c.handling != Handling::Reload);
    if plan.membership.is_empty() || !restart {
        return Ok(());
    }
    Err(Error::Refused(
        "nodes join or leave the cluster while corosync.conf or the authkey change in a way \
         that restarts corosync; nothing was changed; apply one change, then the other"
            .into(),
    ))
}

pub(super) struct ApplyHosts<'a> {
    pub dir: &'a Path,
    pub loaded: &'a LoadedSpec,
    pub spec: &'a HostSpec,
    pub auto_approve: bool,
    pub force: bool,
    /// A saved plan being applied: the hosts and the CIB must be as it recorded them.
    pub saved: Option<&'a SavedPlan>,
}

/// `apply` for hosts, under the directory's `lock`: the files, then every host, then the
/// cluster. A host that cannot be read stops it before anything is written; one that fails
/// while converging stops it before the CIB push.
pub(super) fn apply(run: &ApplyHosts<'_>, lock: &DirLock) -> Result<(), Failure> {
    let (dir, loaded, spec) = (run.dir, run.loaded, run.spec);
    let files = crate::plan::compute(dir, &loaded.files, &loaded.sha256)?;
    let (surveyed, live) = plan(dir, loaded, spec, &files)?;
    if let Some(saved) = run.saved {
        saved.check_hosts(&surveyed.plan.hashes())?;
        if let (Some(planned), Some(live)) = (saved.cib_version, &live)
            && planned != live.cib_version
        {
            return Err(crate::live::push::changed_since(planned, live.cib_version).into());
        }
        if saved.cib_version.is_some() != live.is_some() {
            return Err(Error::Refused(
                "the saved plan was made while the cluster ran otherwise than now; run `hacc \
                 plan` again"
                    .into(),
            )
            .into());
        }
    }
    let color = super::use_color(std::io::IsTerminal::is_terminal(&std::io::stdout()));
    print!(
        "{}",
        render(&files, &surveyed.plan, live.as_ref(), dir, color)
    );
    let steps = files.steps();
    if any_change(&files, &surveyed.plan, live.as_ref()) {
        if let Some(refusal) = short_key_message(&files, dir).filter(|_| !run.force) {
            return Err(Error::Refused(refusal).into());
        }
        if let Some(refusal) = blocked_message(&steps, dir).filter(|_| !run.force) {
            return Err(Error::Refused(refusal).into());
        }
        surveyed.plan.refuse_drift(run.force)?;
        surveyed.plan.membership.refuse(run.force)?;
        refuse_mixed(&surveyed.plan, live.as_ref())?;
        if run.saved.is_none() && !run.auto_approve && !confirm("\nApply these changes?")? {
            return Err(Error::Cancelled.into());
        }
    }
    let applied = execute(lock, dir, &loaded.sha256, &steps, run.force)?;
    if applied != Applied::default() {
        println!(
            "Apply complete: {} added, {} changed, {} destroyed.",
            applied.added, applied.changed, applied.destroyed
        );
    }
    let key = DeployDir::open(dir)?
        .map(|d| d.read(AUTHKEY_PATH, DEPLOY_FILE_CAP))
        .transpose()?
        .flatten()
        .map(|(key, _)| key)
        .ok_or_else(|| Error::Refused("the deploy directory has no authkey".into()))?;
    let wanted = wanted(loaded, spec, Some(key.clone()));
    if surveyed.plan.has_changes() {
        converge_hosts(dir, spec, &surveyed, &wanted)?;
    }
    let host_files = HostFiles {
        corosync_conf: generated_text(loaded, "corosync.conf")?,
        authkey: key,
    };
    let cluster = cluster(&spec.cluster, &surveyed.hosts, host_files);
    if !surveyed.plan.membership.is_empty() {
        carry_out(&cluster, &surveyed.plan.membership)?;
        forget_leaving(dir, &surveyed.plan.membership)?;
        // The CIB moved on (nodes joined, `crm_node -R`): planned again against it.
        let live = hosts_live_plan(&cluster, loaded, true)?.expect("the cluster runs");
        if live.has_changes() {
            print!("{}", live.render());
            cluster.converge(&live)?;
        }
    } else if let Some(live) = live {
        if surveyed.plan.needs_full_restart()
            && live.corosync.as_ref().map(|c| c.handling) != Some(Handling::FullRestart)
        {
            eprintln!("A new authkey: restarting every node together.");
            cluster.target.restart_all()?;
            cluster.start()?;
        } else if surveyed.plan.starts_any() {
            // A stopped host was started: the cluster is whole once it joined.
            cluster.start()?;
        }
        if live.has_changes() {
            cluster.converge(&live)?;
        }
    } else {
        cluster.start()?;
        let live = hosts_live_plan(&cluster, loaded, true)?.expect("the cluster runs");
        print!("{}", live.render());
        cluster.bring_up(&live)?;
    }
    println!("\n{}", cluster.status_text()?);
    Ok(())
}

/// Drops the nodes that left from the record of the hosts.
fn forget_leaving(dir: &Path, change: &MembershipChange) -> Result<(), Error> {
    if change.leaving.is_empty() {
        return Ok(());
    }
    if let Some(mut record) = HostsRecord::load(dir)? {
        for leaving in &change.leaving {
            record.forget(&leaving.name);
        }
        record.save(dir)?;
    }
    Ok(())
}

/// Every host at once, with a line per host that moves on when stderr is a terminal;
/// records what was written on each, then fails with what changed where when a host failed.
fn converge_hosts(
    dir: &Path,
    spec: &HostSpec,
    surveyed: &Surveyed,
    wanted: &[WantedFile],
) -> Result<(), Error> {
    eprintln!("Converging {} host(s):", surveyed.hosts.len());
    let names = surveyed
        .hosts
        .iter()
        .map(|h| h.node_name().to_string())
        .collect();
    let board = Board::new(names, std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let (outcomes, drawn) = with_board(&board, || {
        apply_hosts_reporting(&surveyed.hosts, &surveyed.plan, wanted, &|index, step| {
            board.set(index, step);
        })
    });
    let mut record = surveyed
        .record
        .clone()
        .unwrap_or_else(|| HostsRecord::new(&spec.cluster));
    for (host, outcome) in surveyed.hosts.iter().zip(&outcomes) {
        let files = match outcome.error {
            // Converged: every file is now what the spec wants.
            None => wanted
                .iter()
                .filter_map(|w| Some((w.path.clone(), w.sha256()?)))
                .collect(),
            Some(_) => outcome.written.clone(),
        };
        record.wrote(host.node_name(), host.reach(), files);
        if drawn {
            continue;
        }
        match &outcome.error {
            None => eprintln!("  {}: {}", host.node_name(), outcome.summary()),
            Some(e) => eprintln!("  {}: failed: {e}", host.node_name()),
        }
    }
    record.save(dir)?;
    match failure_report(&surveyed.hosts, &outcomes) {
        Some(report) => Err(Error::Refused(report)),
        None => Ok(()),
    }
}

/// `status --dir` for a directory whose hosts an apply recorded: each host's reachability and
/// stack, then Pacemaker's view from any host that runs it.
pub(super) fn status(dir: &Path, record: &HostsRecord) -> Result<String, Error> {
    let hosts = recorded_hosts(dir, record);
    let answers = on_each(&hosts, |host| {
        host.run_command(&is_active_command(), None, Duration::from_secs(20))
    });
    let mut out = format!("Hosts of cluster `{}`:\n", record.cluster);
    for (host, answer) in hosts.iter().zip(answers) {
        let state = match answer {
            Ok(answer) if stack_active(&answer) => {
                "reachable, corosync and pacemaker active".into()
            }
            Ok(answer) => format!(
                "reachable, cluster stack not active ({})",
                answer
                    .stdout
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            Err(e) => format!("unreachable: {e}"),
        };
        out.push_str(&format!(
            "  {} ({}): {state}\n",
            host.node_name(),
            host.reach().destination
        ));
    }
    let cluster = read_only_cluster(&record.cluster, &hosts);
    if !cluster.is_running()? {
        return Err(Error::Refused(format!(
            "{out}no host of `{}` runs the cluster stack; converge them with `hacc apply SPEC \
             --dir {}`",
            dir.display(),
            dir.display()
        )));
    }
    out.push('\n');
    out.push_str(&cluster.status_text()?);
    Ok(out)
}
