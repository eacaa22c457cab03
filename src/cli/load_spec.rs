//! The front of `build`, `plan` and `apply`: a spec checked like `hacc check` does, then
//! turned into the files it wants.

use super::failure::Failure;
use super::use_color;
use crate::diagnostic::render_all;
use crate::live::front::Front;
use crate::live::hosts::host_spec::HostSpec;
use crate::model::Checked;
use crate::pipeline::{CheckOutcome, check_spec};
use crate::plan::{DesiredFile, desired_files};
use crate::state::{Input, read_input_text, sha256_hex};
use miette::NamedSource;
use std::io::IsTerminal;
use std::path::Path;

pub(super) struct LoadedSpec {
    pub sha256: String,
    pub files: Vec<DesiredFile>,
    /// For running the cluster: its name (the compose project's) and its nodes' names.
    pub cluster_name: String,
    pub node_names: Vec<String>,
    /// The container network's address range, which must be free to start the cluster.
    pub subnet: String,
    /// The front that `apply` waits for once the cluster has settled.
    pub front: Option<Front>,
    /// Whether the spec has the lab's fencing, which `apply --up` tests before it is done.
    pub fencing: bool,
    /// The hosts and what they get, for a spec of the hosts target.
    pub hosts: Option<HostSpec>,
}

/// Checks the spec at `path`, printing its diagnostics (warnings too); any error fails with
/// exit status 1, as plan's `--detailed-exitcode` reserves 2 for "changes".
pub(super) fn load_spec(path: &Path) -> Result<LoadedSpec, Failure> {
    let (source, shown) = read_named(path)?;
    // Plan and apply record the spec's hash: it is taken on the other core meanwhile.
    let (sha256, outcome) = crate::parallel::join(
        || sha256_hex(source.as_bytes()),
        || check_spec(&source, spec_dir(path)),
    );
    let checked = report(outcome, &shown, &source)?;
    let files = desired_files(path, &checked)?;
    let cluster = checked.cluster();
    let loaded = LoadedSpec {
        sha256,
        files,
        cluster_name: cluster.name.value.clone(),
        node_names: cluster.nodes.iter().map(|n| n.name.value.clone()).collect(),
        subnet: cluster.network.cidr(),
        front: cluster.front.as_ref().map(|front| Front {
            service: front.name.value.clone(),
            health: front.health_path.value.clone(),
        }),
        fencing: cluster.fencing.is_some(),
        hosts: (cluster.target.value == crate::model::Target::Hosts)
            .then(|| HostSpec::of_spec(&checked, spec_dir(path))),
    };
    // The model is no longer needed and the process ends soon: freeing its millions of small
    // allocations one by one would cost more at scale than the operating system's cleanup.
    std::mem::forget(checked);
    std::mem::forget(source);
    Ok(loaded)
}

/// The directory a spec's relative paths are read from: the one holding it.
pub(super) fn spec_dir(spec: &Path) -> &Path {
    match spec.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// The spec's text, its path as shown in messages, and the file name diagnostics name it by.
fn read_named(path: &Path) -> Result<(String, String), Failure> {
    let source = read_input_text(path, Input::Spec)?;
    Ok((source, path.display().to_string()))
}

/// Checks the spec at `path` as [`load_spec`] does, for commands that need only the model.
pub(super) fn load_checked(path: &Path) -> Result<Checked, Failure> {
    let (source, shown) = read_named(path)?;
    report(check_spec(&source, spec_dir(path)), &shown, &source)
}

/// Prints the diagnostics of a check (warnings too); the model when there is no error.
fn report(outcome: CheckOutcome, shown: &str, source: &str) -> Result<Checked, Failure> {
    eprint!(
        "{}",
        render_all(
            &outcome.diagnostics,
            &NamedSource::new(shown, source.to_string()),
            use_color(std::io::stderr().is_terminal())
        )
    );
    let has_errors = outcome.has_errors();
    let Some(checked) = outcome.checked.filter(|_| !has_errors) else {
        let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
        return Err(Failure::refused(format!(
            "`{shown}` has {errors} error(s); run `hacc check` after fixing them"
        )));
    };
    Ok(checked)
}
