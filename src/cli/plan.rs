//! `hacc plan SPEC --dir DIR`: what `apply` would change, for people, machines or later.

use super::failure::Outcome;
use super::live::{live_plan, render_with_cluster, running_cluster};
use super::load_spec::{LoadedSpec, load_spec};
use super::on_hosts;
use super::use_color;
use crate::live::hosts::host_spec::HostSpec;
use crate::live::plan::LivePlan;
use crate::plan::{Plan, SavedPlan, compute, dir_state, json_report};
use crate::state::{DirLock, Error, io_error};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub(super) struct PlanArgs {
    pub spec: PathBuf,
    pub dir: PathBuf,
    pub json: bool,
    pub out: Option<PathBuf>,
    pub detailed_exitcode: bool,
}

/// Exit status: 0, or with `--detailed-exitcode` 2 when there are changes; 1 on error.
pub(super) fn run(args: &PlanArgs) -> Outcome {
    let loaded = load_spec(&args.spec)?;
    let changes = plan(args, &loaded)?;
    // The process exits next: the rendered files need not be freed one by one.
    std::mem::forget(loaded);
    Ok(if changes && args.detailed_exitcode {
        2
    } else {
        0
    })
}

/// Prints (and saves) the plan; returns whether it has changes. When the directory's cluster
/// runs, the plan also shows what applying changes in it.
fn plan(args: &PlanArgs, loaded: &LoadedSpec) -> Result<bool, Error> {
    if let Some(out) = &args.out {
        refuse_inside(out, &args.dir)?;
    }
    // Shared with other plans; refused while an apply changes the directory or its cluster.
    let _lock = DirLock::acquire_shared(&args.dir)?;
    // Taken first: a file changed while planning must make the saved plan stale.
    let state_before = args
        .out
        .as_ref()
        .map(|_| dir_state(&args.dir))
        .transpose()?;
    let plan = compute(&args.dir, &loaded.files, &loaded.sha256)?;
    if let Some(spec) = &loaded.hosts {
        return plan_hosts(args, loaded, spec, &plan, state_before);
    }
    let live = match running_cluster(&args.dir, loaded)? {
        Some(cluster) => Some(live_plan(&cluster, loaded, &plan)?),
        None => None,
    };
    let changes = !plan.summary().is_empty() || live.as_ref().is_some_and(LivePlan::has_changes);
    if args.json {
        print!(
            "{}",
            with_cluster(
                &json_report(&plan, &args.spec, &args.dir),
                live.as_ref(),
                changes
            )
        );
    } else {
        let color = use_color(std::io::stdout().is_terminal());
        print!(
            "{}",
            render_with_cluster(&plan, live.as_ref(), &args.dir, color)
        );
    }
    if let (Some(out), Some(state)) = (&args.out, state_before) {
        save(
            args,
            out,
            SavedPlan::new(&plan, Path::new(""), Path::new(""), state),
            |saved| {
                saved.cib_version = live.as_ref().map(|l| l.cib_version);
            },
        )?;
    }
    Ok(changes)
}

/// Saves `saved` to `out` with the spec and directory made absolute, after `fill` adds what
/// only the caller knows.
fn save(
    args: &PlanArgs,
    out: &Path,
    mut saved: SavedPlan,
    fill: impl FnOnce(&mut SavedPlan),
) -> Result<(), Error> {
    // Absolute, so that applying from another working directory means the same files.
    saved.spec = std::path::absolute(&args.spec).map_err(io_error("resolve", &args.spec))?;
    saved.dir = std::path::absolute(&args.dir).map_err(io_error("resolve", &args.dir))?;
    fill(&mut saved);
    saved.save(out)?;
    eprintln!(
        "saved the plan to `{}`; apply exactly it with `hacc apply {}`",
        out.display(),
        shell_word(out)
    );
    Ok(())
}

/// The plan of a spec of the hosts target: files, hosts, then the cluster when it runs.
fn plan_hosts(
    args: &PlanArgs,
    loaded: &LoadedSpec,
    spec: &HostSpec,
    plan: &Plan,
    state_before: Option<BTreeMap<String, String>>,
) -> Result<bool, Error> {
    let (surveyed, live) = on_hosts::plan(&args.dir, loaded, spec, plan)?;
    let changes = on_hosts::any_change(plan, &surveyed.plan, live.as_ref());
    if args.json {
        let mut report = with_cluster(
            &json_report(plan, &args.spec, &args.dir),
            live.as_ref(),
            changes,
        );
        let mut value: serde_json::Value = serde_json::from_str(&report).expect("hacc's own JSON");
        value["hosts"] =
            serde_json::to_value(&surveyed.plan.hosts).expect("a host plan serialises");
        value["membership"] = serde_json::to_value(&surveyed.plan.membership)
            .expect("a membership change serialises");
        value["changes"] = serde_json::Value::Bool(changes);
        report = serde_json::to_string_pretty(&value).expect("a report always serialises");
        println!("{report}");
    } else {
        let color = use_color(std::io::stdout().is_terminal());
        print!(
            "{}",
            on_hosts::render(plan, &surveyed.plan, live.as_ref(), &args.dir, color)
        );
    }
    if let (Some(out), Some(state)) = (&args.out, state_before) {
        save(
            args,
            out,
            SavedPlan::new(plan, Path::new(""), Path::new(""), state),
            |saved| {
                saved.cib_version = live.as_ref().map(|l| l.cib_version);
                saved.hosts = Some(surveyed.plan.hashes());
            },
        )?;
    }
    Ok(changes)
}

/// Adds the live plan to the JSON report as `cluster`, counting its changes in `changes`.
fn with_cluster(report: &str, live: Option<&LivePlan>, changes: bool) -> String {
    let Some(live) = live else {
        return report.to_string();
    };
    let mut value: serde_json::Value = serde_json::from_str(report).expect("hacc's own JSON");
    let mut cluster = serde_json::to_value(live).expect("a live plan always serialises");
    cluster["summary"] = serde_json::to_value(live.summary()).expect("counts serialise");
    value["cluster"] = cluster;
    value["changes"] = serde_json::Value::Bool(changes);
    let mut json = serde_json::to_string_pretty(&value).expect("a report always serialises");
    json.push('\n');
    json
}

/// A plan saved inside the directory would itself make the plan stale.
fn refuse_inside(out: &Path, dir: &Path) -> Result<(), Error> {
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let (Ok(parent), Ok(dir)) = (parent.canonicalize(), dir.canonicalize()) else {
        return Ok(());
    };
    if parent.starts_with(&dir) {
        return Err(Error::Refused(format!(
            "save the plan outside `{}`: a new file there makes the saved plan stale",
            dir.display()
        )));
    }
    Ok(())
}

fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
