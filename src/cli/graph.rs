//! `hacc graph SPEC [--format svg|dot] [-o FILE] [--dir DIR]`: the picture of a checked spec,
//! with the running cluster of DIR drawn over it, on standard output or written to a file in
//! one piece.

use super::failure::{Failure, Outcome};
use super::load_spec::load_checked;
use super::status::running_cluster_of_dir;
use crate::graph::{Format, Instance, NodeState, Observed, render, render_observed};
use crate::live::status::{ClusterStatus, query};
use crate::state::{DeployDir, Error};
use std::io::Write;
use std::path::Path;

pub(super) fn run(
    spec: &Path,
    format: Format,
    output: Option<&Path>,
    dir: Option<&Path>,
) -> Outcome {
    let checked = load_checked(spec)?;
    let text = match dir {
        Some(dir) => {
            let status = query(&*running_cluster_of_dir(dir)?.any_node()?)?;
            let spec_nodes = checked.cluster().nodes.iter().map(|n| &n.name.value);
            if !spec_nodes.clone().any(|n| status.node(n).is_some()) {
                return Err(Failure::refused(format!(
                    "the cluster of `{}` has none of the nodes of `{}`: it runs another spec",
                    dir.display(),
                    spec.display()
                )));
            }
            render_observed(&checked, &observed(&status), format)
        }
        None => render(&checked, format),
    };
    match output {
        // A reader sees the old file or the new one, never a part of it.
        Some(path) => write_file(path, text.as_bytes())?,
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|error| {
                Failure::refused(format!(
                    "cannot write the graph to standard output: {error}"
                ))
            })?,
    }
    Ok(0)
}

/// The cluster's status in the graph's terms.
fn observed(status: &ClusterStatus) -> Observed {
    Observed {
        dc: status.dc.clone(),
        quorum: status.quorum,
        nodes: status
            .nodes
            .iter()
            .map(|n| {
                let state = match (n.online, n.standby) {
                    (false, _) => NodeState::Offline,
                    (true, true) => NodeState::Standby,
                    (true, false) => NodeState::Online,
                };
                (n.name.clone(), state)
            })
            .collect(),
        instances: status
            .resources
            .iter()
            .map(|r| Instance {
                id: Instance::resource_id(&r.id).to_string(),
                role: r.role.clone(),
                nodes: r.nodes.clone(),
                failed: r.failed,
            })
            .collect(),
    }
}

/// Writes through a temp file and a rename in the file's directory, never through a link.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::Refused(format!("`{}` names no file", path.display())))?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    DeployDir::create(dir)?.write_atomic(&name.to_string_lossy(), bytes, 0o644)
}
