//! The seam between the cluster protocol and the way hacc reaches a node.
//!
//! Everything hacc does on a running cluster (querying and patching the CIB, reloading or
//! restarting corosync, reading membership, quorum and the DC, waiting for the cluster to
//! settle, running crm_simulate) is a command run on one node with some input. Writing that
//! protocol against this trait, not against `docker exec`, lets the Docker lab and real hosts
//! reached over SSH share it.

use super::exec::Output;
use crate::state::Error;
use std::time::Duration;

/// One node of a running cluster that commands can be run on, as root.
pub trait Shell: Send + Sync {
    /// The node's name in the spec (its corosync `name` and Pacemaker `uname`).
    fn node_name(&self) -> &str;

    /// Runs `argv` on the node with `stdin` as its input, and kills it after `limit`.
    fn run_command(
        &self,
        argv: &[&str],
        stdin: Option<&[u8]>,
        limit: Duration,
    ) -> Result<Output, Error>;
}

impl Shell for super::exec::Node {
    fn node_name(&self) -> &str {
        &self.name
    }

    fn run_command(
        &self,
        argv: &[&str],
        stdin: Option<&[u8]>,
        limit: Duration,
    ) -> Result<Output, Error> {
        super::exec::in_container(&self.container, argv, stdin, limit)
    }
}
