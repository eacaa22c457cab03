//! Bringing a running cluster to a plan: corosync changes, node containers recreated one at a
//! time, then the CIB pushed in one transaction, then waiting for the resources to settle.

use super::compose::Compose;
use super::corosync::{Handling, install, reload};
use super::exec::{Node, docker};
use super::plan::LivePlan;
use super::push::{Pushed, push};
use super::status::{ClusterStatus, query, render};
use super::wait::{until_ready, until_settled};
use crate::state::Error;
use std::path::Path;
use std::time::Duration;

/// How long a start, restart or recreation may take to give a whole cluster with a DC
/// (Pacemaker waits its dc-deadtime, 20 s by default, before electing one).
pub const READY_LIMIT: Duration = Duration::from_secs(240);
const SETTLE_LIMIT: Duration = Duration::from_secs(300);

/// A cluster's compose project and the names of its nodes.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub compose: Compose,
    pub names: Vec<String>,
}

impl Cluster {
    pub fn new(dir: &Path, cluster_name: &str, names: Vec<String>) -> Result<Cluster, Error> {
        Ok(Cluster {
            compose: Compose::for_dir(dir, cluster_name)?,
            names,
        })
    }

    pub fn any_node(&self) -> Result<Node, Error> {
        self.compose.any_node(&self.names)
    }

    pub fn nodes(&self) -> Result<Vec<Node>, Error> {
        self.compose.running_nodes(&self.names)
    }

    /// Whether any node container of the project runs.
    pub fn is_running(&self) -> Result<bool, Error> {
        Ok(!self.nodes()?.is_empty())
    }

    /// Builds the image, starts every container and waits for the cluster to form.
    pub fn start(&self) -> Result<ClusterStatus, Error> {
        eprintln!(
            "Starting the cluster (compose project `{}`):",
            self.compose.project
        );
        self.compose.build()?;
        self.compose.up(&[])?;
        self.compose.record()?;
        until_ready(&self.compose, &self.names, READY_LIMIT)
    }

    /// Applies a live plan to the running cluster.
    pub fn converge(&self, plan: &LivePlan) -> Result<(), Error> {
        // Restarts and recreated containers move resources too: wait for them to come back.
        let mut restarted = plan.rollout.is_some();
        if let Some(corosync) = &plan.corosync {
            restarted |= !matches!(corosync.handling, Handling::Reload);
            eprintln!(
                "Applying the corosync.conf change: {}",
                corosync.handling.describe()
            );
            match corosync.handling {
                Handling::Reload => reload(&self.nodes()?)?,
                Handling::RollingRestart => self.rolling_restart()?,
                Handling::FullRestart => {
                    self.compose.stop()?;
                    self.compose.up(&[])?;
                    until_ready(&self.compose, &self.names, READY_LIMIT)?;
                }
            }
        }
        if plan.rollout.is_some() {
            self.rollout()?;
        }
        if !plan.changes.is_empty() {
            let node = self.any_node()?;
            match push(&node, plan.cib_version, &plan.desired)? {
                Pushed::Patched => eprintln!("Pushed the configuration in one CIB patch."),
                Pushed::Unchanged => eprintln!("The CIB already holds this configuration."),
            }
            until_settled(&node, SETTLE_LIMIT)?;
        } else if restarted {
            until_settled(&self.any_node()?, SETTLE_LIMIT)?;
        }
        Ok(())
    }

    /// Restarts each node in turn; the next goes once the cluster is whole again.
    fn rolling_restart(&self) -> Result<(), Error> {
        for node in self.nodes()? {
            install(&node)?;
            eprintln!("Restarting `{}`:", node.name);
            docker(
                &["restart", "-t", "120", &node.container],
                Duration::from_secs(300),
            )?
            .ok("docker restart")?;
            until_ready(&self.compose, &self.names, READY_LIMIT)?;
        }
        Ok(())
    }

    /// Rebuilds the image and recreates the node containers that changed, one at a time.
    fn rollout(&self) -> Result<(), Error> {
        self.compose.build()?;
        for name in &self.names {
            let before = self.container_of(name)?;
            self.compose.up(&[name])?;
            if self.container_of(name)? != before {
                until_ready(&self.compose, &self.names, READY_LIMIT)?;
            }
        }
        // Anything else of the project (the front), and nodes no longer in the spec.
        self.compose.up(&[])
    }

    fn container_of(&self, name: &str) -> Result<Option<String>, Error> {
        Ok(self
            .compose
            .containers()?
            .into_iter()
            .find(|c| c.service == name && c.running)
            .map(|c| c.id))
    }

    /// The status as people read it, with nodes whose container is not running marked.
    pub fn status_text(&self) -> Result<String, Error> {
        let nodes = self.nodes()?;
        let stopped: Vec<String> = self
            .names
            .iter()
            .filter(|n| !nodes.iter().any(|node| &node.name == *n))
            .cloned()
            .collect();
        let status = match nodes.first() {
            Some(node) => query(node)?,
            None => query(&self.any_node()?)?,
        };
        Ok(render(&status, &stopped))
    }
}
