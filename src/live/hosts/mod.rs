//! Real hosts reached over SSH: the second implementation of the transport seam. Everything
//! hacc does with `ssh`, `ssh-keyscan` and a host's known key is here.

pub mod converge;
pub mod distro;
pub mod each;
pub mod host_apply;
pub mod host_keys;
pub mod host_plan;
pub mod host_spec;
pub mod membership;
pub mod progress;
pub mod quote;
pub mod reach;
pub mod record;
pub mod ssh;
pub mod survey;
pub mod target;

pub use reach::Reach;
pub use ssh::SshHost;
pub use target::Hosts;

use crate::model::Checked;
use std::path::Path;

/// A host per node of a spec of the hosts target; `hacc_dir` is the deploy directory's
/// `.hacc/`, where the known hosts and connection sockets are kept.
pub fn of_spec(checked: &Checked, spec_dir: &Path, hacc_dir: &Path) -> Vec<SshHost> {
    checked
        .cluster()
        .nodes
        .iter()
        .map(|node| SshHost::new(&node.name.value, Reach::of(node, spec_dir), hacc_dir))
        .collect()
}
