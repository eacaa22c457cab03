//! What `plan` and `apply` share about the running cluster of a directory.

use super::load_spec::LoadedSpec;
use crate::live::converge::LiveCluster;
use crate::live::lab::{Compose, Lab, project_running};
use crate::live::plan::{LivePlan, plan};
use crate::live::transport::Shell;
use crate::plan::{Content, Plan};
use crate::state::Error;
use std::path::Path;

/// Generated files the node image or the containers are made from.
const CONTAINER_INPUTS: &[&str] = &[
    "Dockerfile",
    ".dockerignore",
    "hacc-entrypoint",
    "docker-compose.yml",
];

/// The cluster of `dir` when one of its containers runs; `None` when none does, Docker is
/// not there to ask, or no apply has given the directory the identity its project is named
/// after. An error when the project's containers were started from another directory.
pub(super) fn running_cluster(
    dir: &Path,
    loaded: &LoadedSpec,
) -> Result<Option<LiveCluster>, Error> {
    let Some(project) = Compose::project_for(dir, &loaded.cluster_name)? else {
        return Ok(None);
    };
    if !project_running(&project) {
        return Ok(None);
    }
    let cluster = Lab::new(dir, &loaded.cluster_name, loaded.node_names.clone())?.cluster();
    Ok(cluster.is_running()?.then_some(cluster))
}

/// The live plan of a running cluster for the files the spec wants.
pub(super) fn live_plan(
    cluster: &LiveCluster,
    loaded: &LoadedSpec,
    files: &Plan,
) -> Result<LivePlan, Error> {
    let text = |path: &str| generated_text(loaded, path);
    let node = cluster.any_node()?;
    plan(
        &*node,
        cluster.target.name(),
        &cluster.target.describe(),
        &text("cib.xml")?,
        &text("corosync.conf")?,
        rollout_reason(cluster, files)?,
    )
}

/// The text of a generated file of the spec.
pub(super) fn generated_text(loaded: &LoadedSpec, path: &str) -> Result<String, Error> {
    loaded
        .files
        .iter()
        .find(|f| f.path == path)
        .and_then(|f| match &f.content {
            Content::Bytes(bytes) => Some(String::from_utf8_lossy(bytes).into_owned()),
            Content::GeneratedSecret => None,
        })
        .ok_or_else(|| Error::Refused(format!("the spec generates no `{path}`")))
}

/// Why node containers must be recreated: their image or compose file changes, or a node
/// is not running.
fn rollout_reason(cluster: &LiveCluster, files: &Plan) -> Result<Option<String>, Error> {
    let changed: Vec<&str> = files
        .files
        .iter()
        .filter(|f| f.step.is_change())
        .map(|f| f.step.path.as_str())
        .filter(|p| {
            CONTAINER_INPUTS.contains(p) || p.starts_with("files/") || p.starts_with("front/")
        })
        .collect();
    if !changed.is_empty() {
        return Ok(Some(format!("{} changed", changed.join(", "))));
    }
    let running: Vec<String> = cluster
        .nodes()?
        .iter()
        .map(|n| n.node_name().to_string())
        .collect();
    let stopped: Vec<&str> = cluster
        .names()
        .iter()
        .filter(|n| !running.contains(n))
        .map(String::as_str)
        .collect();
    Ok((!stopped.is_empty()).then(|| format!("not running: {}", stopped.join(", "))))
}

/// The file plan, then the cluster section; with a cluster, the file summary reads
/// `Files: no changes.` and a final `No changes.` says that nothing at all changes.
pub(super) fn render_with_cluster(
    files: &Plan,
    live: Option<&LivePlan>,
    dir: &Path,
    color: bool,
) -> String {
    let mut out = crate::plan::render_plan(files, dir, color);
    let Some(live) = live else {
        return out;
    };
    let files_unchanged = files.summary().is_empty();
    if files_unchanged && out.ends_with("No changes.\n") {
        out.truncate(out.len() - "No changes.\n".len());
        out.push_str("Files: no changes.\n");
    }
    out.push_str(&live.render());
    if files_unchanged && !live.has_changes() {
        out.push_str("No changes.\n");
    }
    out
}
