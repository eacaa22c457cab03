//! The seam between the cluster protocol and the place a cluster runs.
//!
//! Everything hacc does on a running cluster (querying and patching the CIB, reloading or
//! restarting corosync, reading membership, quorum and the DC, waiting for the cluster to
//! settle, running `crm_simulate`) is a command run on one node with some input: a `Shell`.
//! What differs between places (how nodes are found, started, restarted and given new
//! software, where their logs are) is a `Target`. The protocol is written once against these
//! two traits; the Docker lab (`live::lab`) implements them, real hosts reached over SSH are
//! the second implementation.

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

impl<T: Shell + ?Sized> Shell for Box<T> {
    fn node_name(&self) -> &str {
        (**self).node_name()
    }

    fn run_command(
        &self,
        argv: &[&str],
        stdin: Option<&[u8]>,
        limit: Duration,
    ) -> Result<Output, Error> {
        (**self).run_command(argv, stdin, limit)
    }
}

/// Where a cluster runs, and what only that place knows how to do. Each method acts on the
/// cluster of one deploy directory; none waits for the cluster (the protocol does, between
/// the steps it asks for).
pub trait Target {
    /// The cluster's name on the target (the lab's compose project), recorded in plans.
    fn name(&self) -> &str;

    /// The target and that name for people, e.g. ``compose project `hacc-web-0123456789ab` ``.
    fn describe(&self) -> String;

    /// The names of the cluster's nodes, as the spec gives them.
    fn node_names(&self) -> &[String];

    /// The nodes of `node_names` that run now, in name order.
    fn running_nodes(&self) -> Result<Vec<Box<dyn Shell>>, Error>;

    /// The last lines of each node's log, for a failure message (a line saying why when the
    /// logs cannot be read).
    fn node_logs(&self) -> String;

    /// Starts every node that does not run (a cluster's first start included).
    fn start(&self) -> Result<(), Error>;

    /// Puts the deploy directory's current configuration (corosync.conf, authkey) in place on
    /// `node`, restarting nothing.
    fn install_config(&self, node: &dyn Shell) -> Result<(), Error>;

    /// Restarts the cluster stack of the node called `name`.
    fn restart_node(&self, name: &str) -> Result<(), Error>;

    /// Stops every node, then starts them all: for settings no two nodes may differ in.
    fn restart_all(&self) -> Result<(), Error>;

    /// Brings every node to the deploy directory's software and files, one node at a time,
    /// calling `rejoined` after each node restarted on the way; `rejoined` returns once the
    /// cluster is whole again.
    fn roll_out(&self, rejoined: &dyn Fn() -> Result<(), Error>) -> Result<(), Error>;

    /// A shell on the machine where the front called `name` runs (it listens on the loopback
    /// address there), to ask it from inside; `None` while it does not run.
    fn front(&self, name: &str) -> Result<Option<Box<dyn Shell>>, Error>;
}
