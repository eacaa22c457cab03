//! `hacc apply SPEC --dir DIR` plans and applies after confirmation; `hacc apply FILE` applies a
//! plan saved by `hacc plan --out FILE`, exactly as it was shown. When the directory's cluster
//! runs, its configuration is converged too; `--up` starts it when it does not.

use super::failure::{Failure, Outcome};
use super::live::{live_plan, render_with_cluster, running_cluster};
use super::load_spec::{LoadedSpec, load_spec};
use super::on_hosts::{self, ApplyHosts};
use super::use_color;
use crate::apply::{Applied, confirm, execute, pause_after_lock};
use crate::live::converge::LiveCluster;
use crate::live::front::{FRONT_LIMIT, until_answering};
use crate::live::identity;
use crate::live::lab::{Compose, Lab};
use crate::live::plan::LivePlan;
use crate::live::push::changed_since;
use crate::plan::{SavedPlan, blocked_message, compute, render_steps, short_key_message};
use crate::state::{DirLock, Error, io_error};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub(super) struct ApplyArgs {
    /// A spec, or a saved plan.
    pub target: PathBuf,
    pub dir: Option<PathBuf>,
    pub auto_approve: bool,
    pub force: bool,
    /// Start the cluster when it is not running.
    pub up: bool,
}

pub(super) fn run(args: &ApplyArgs) -> Outcome {
    match SavedPlan::load(&args.target)? {
        Some(saved) => apply_saved(&saved, args)?,
        None => apply_spec(args)?,
    }
    Ok(0)
}

fn apply_spec(args: &ApplyArgs) -> Result<(), Failure> {
    let Some(dir) = &args.dir else {
        return Err(Error::Refused(format!(
            "`--dir` is required to apply the spec `{}` (a plan saved with `hacc plan --out` \
             needs none)",
            args.target.display()
        ))
        .into());
    };
    let loaded = load_spec(&args.target)?;
    let lock = lock(dir)?;
    if let Some(spec) = &loaded.hosts {
        let run = ApplyHosts {
            dir,
            loaded: &loaded,
            spec,
            auto_approve: args.auto_approve,
            force: args.force,
            saved: None,
        };
        return on_hosts::apply(&run, &lock);
    }
    let plan = compute(dir, &loaded.files, &loaded.sha256)?;
    let cluster = running_cluster(dir, &loaded)?;
    let live = match &cluster {
        Some(cluster) => Some(live_plan(cluster, &loaded, &plan)?),
        None => None,
    };
    print!(
        "{}",
        render_with_cluster(&plan, live.as_ref(), dir, color())
    );
    let start = args.up && cluster.is_none();
    if start {
        println!("\nCluster: not running; it will be built and started.");
        // Another directory's cluster of the same spec holds the addresses: refused before
        // anything is written.
        let project = Compose::project_for(dir, &loaded.cluster_name)?;
        crate::live::lab::subnet::refuse_taken(&loaded.subnet, project.as_deref())?;
    }
    let steps = plan.steps();
    let changes = !plan.summary().is_empty() || live.as_ref().is_some_and(LivePlan::has_changes);
    if changes || start {
        refuse_short_key(&plan, dir, args.force)?;
        refuse_blocked(&steps, dir, args.force)?;
        if !args.auto_approve && !confirm("\nApply these changes?")? {
            return Err(Error::Cancelled.into());
        }
    }
    let applied = execute(&lock, dir, &loaded.sha256, &steps, args.force)?;
    identity::ensure(dir)?;
    if applied != Applied::default() {
        report(applied);
    }
    match (cluster, live) {
        (Some(cluster), Some(live)) => {
            if live.has_changes() {
                cluster.converge(&live)?;
                wait_for_front(&cluster, &loaded)?;
            }
            print_status(&cluster)?;
        }
        (None, _) if start => start_cluster(dir, &loaded, &plan)?,
        _ => {}
    }
    Ok(())
}

/// Starts the cluster, then pushes the configuration to it.
fn start_cluster(dir: &Path, loaded: &LoadedSpec, plan: &crate::plan::Plan) -> Result<(), Error> {
    let cluster = Lab::new(dir, &loaded.cluster_name, loaded.node_names.clone())?.cluster();
    let started = std::time::Instant::now();
    cluster.start()?;
    // The image and containers are new: nothing to roll out, only the configuration to push.
    let mut live = live_plan(&cluster, loaded, plan)?;
    live.rollout = None;
    print!("{}", live.render());
    let converge = || {
        cluster.bring_up(&live)?;
        wait_for_front(&cluster, loaded)
    };
    if loaded.fencing {
        // The self-test waits for the pushed device and then runs while the resources settle.
        crate::live::lab::fencing_check::self_test_alongside(
            dir,
            &loaded.cluster_name,
            &loaded.node_names,
            converge,
        )?;
    } else {
        converge()?;
    }
    eprintln!(
        "The cluster is up and converged ({:.1} s).",
        started.elapsed().as_secs_f64()
    );
    print_status(&cluster)
}

/// Waits, when the spec has a front, until it reaches a backend: the cluster is not converged
/// while the front still answers 503.
fn wait_for_front(cluster: &LiveCluster, loaded: &LoadedSpec) -> Result<(), Error> {
    match &loaded.front {
        Some(front) => until_answering(&*cluster.target, front, FRONT_LIMIT),
        None => Ok(()),
    }
}

fn print_status(cluster: &LiveCluster) -> Result<(), Error> {
    println!("\n{}", cluster.status_text()?);
    Ok(())
}

/// A saved plan is applied without asking: saving it after reading it was the decision. It is
/// applied only when its steps are those the spec produces for the directory now, checked
/// before the directory is created or locked for writing.
fn apply_saved(saved: &SavedPlan, args: &ApplyArgs) -> Result<(), Failure> {
    if let Some(dir) = &args.dir
        && !same_dir(dir, &saved.dir)?
    {
        return Err(Error::Refused(format!(
            "the saved plan `{}` is for `{}`, not `{}`",
            args.target.display(),
            saved.dir.display(),
            dir.display()
        ))
        .into());
    }
    let (loaded, derived) = {
        // Shared, as a plan's: nothing is written until the plan is known to be the spec's.
        let _shared = DirLock::acquire_shared(&saved.dir)?;
        saved.check_fresh()?;
        let loaded = load_spec(&saved.spec)?;
        let derived = compute(&saved.dir, &loaded.files, &loaded.sha256)?;
        saved.check_derived(&args.target, &derived)?;
        (loaded, derived)
    };
    let lock = lock(&saved.dir)?;
    // Unchanged since the steps were derived, so they still hold.
    saved.check_fresh()?;
    if let Some(spec) = &loaded.hosts {
        let run = ApplyHosts {
            dir: &saved.dir,
            loaded: &loaded,
            spec,
            auto_approve: true,
            force: args.force,
            saved: Some(saved),
        };
        return on_hosts::apply(&run, &lock);
    }
    // The live configuration must be the one the plan was made against.
    let live = match saved.cib_version {
        Some(recorded) => {
            let Some(cluster) = running_cluster(&saved.dir, &loaded)? else {
                return Err(Error::Refused(
                    "the saved plan was made against a running cluster, which no longer runs; \
                     run `hacc plan` again"
                        .into(),
                )
                .into());
            };
            let now = crate::live::cib::Cib::fetch(&*cluster.any_node()?)?.version();
            if now != recorded {
                return Err(changed_since(recorded, now).into());
            }
            Some(cluster)
        }
        None => None,
    };
    print!("{}", render_steps(&saved.steps, &saved.dir, color()));
    refuse_short_key(&derived, &saved.dir, args.force)?;
    refuse_blocked(&saved.steps, &saved.dir, args.force)?;
    let applied = execute(
        &lock,
        &saved.dir,
        &saved.spec_sha256,
        &saved.steps,
        args.force,
    )?;
    identity::ensure(&saved.dir)?;
    if applied != Applied::default() {
        report(applied);
    }
    if let Some(cluster) = live {
        let files = compute(&saved.dir, &loaded.files, &loaded.sha256)?;
        let plan = live_plan(&cluster, &loaded, &files)?;
        if plan.cib_version != saved.cib_version.expect("matched above") {
            return Err(changed_since(saved.cib_version.expect("set"), plan.cib_version).into());
        }
        print!("{}", plan.render());
        cluster.converge(&plan)?;
        wait_for_front(&cluster, &loaded)?;
        print_status(&cluster)?;
    }
    Ok(())
}

/// Whether `given` names `planned` (absolute): the same directory once both exist, else the
/// same absolute path.
fn same_dir(given: &Path, planned: &Path) -> Result<bool, Error> {
    if let (Ok(a), Ok(b)) = (given.canonicalize(), planned.canonicalize()) {
        return Ok(a == b);
    }
    Ok(std::path::absolute(given).map_err(io_error("resolve", given))? == planned)
}

/// Creates `dir` if needed and takes its lock; the plan is computed after, so no other apply can
/// change the directory between plan and writes.
fn lock(dir: &Path) -> Result<DirLock, Error> {
    let lock = DirLock::acquire(dir)?;
    pause_after_lock();
    Ok(lock)
}

fn refuse_short_key(plan: &crate::plan::Plan, dir: &Path, force: bool) -> Result<(), Error> {
    match short_key_message(plan, dir) {
        Some(refusal) if !force => Err(Error::Refused(refusal)),
        _ => Ok(()),
    }
}

fn refuse_blocked(steps: &[crate::plan::Step], dir: &Path, force: bool) -> Result<(), Error> {
    match blocked_message(steps, dir) {
        Some(refusal) if !force => Err(Error::Refused(refusal)),
        _ => Ok(()),
    }
}

fn report(applied: Applied) {
    println!(
        "Apply complete: {} added, {} changed, {} destroyed.",
        applied.added, applied.changed, applied.destroyed
    );
}

fn color() -> bool {
    use_color(std::io::stdout().is_terminal())
}
