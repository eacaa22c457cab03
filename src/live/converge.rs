//! Bringing a running cluster to a plan: corosync changes, nodes given new software one at a
//! time, then the CIB pushed in one transaction, then waiting for the resources to settle.

use super::corosync::{Handling, reload};
use super::first_values::FirstValues;
use super::plan::LivePlan;
use super::push::{Pushed, push};
use super::status::{ClusterStatus, query, render};
use super::transport::{Shell, Target};
use super::wait::{until_ready, until_settled};
use crate::state::Error;
use std::time::Duration;

/// How long a start, restart or recreation may take to give a whole cluster with a DC
/// (Pacemaker waits its dc-deadtime, 20 s by default, before electing one).
pub const READY_LIMIT: Duration = Duration::from_secs(240);
const SETTLE_LIMIT: Duration = Duration::from_secs(300);

/// The running cluster of a deploy directory, wherever it runs.
pub struct LiveCluster {
    pub target: Box<dyn Target>,
}

impl LiveCluster {
    pub fn new(target: Box<dyn Target>) -> LiveCluster {
        LiveCluster { target }
    }

    /// The names of its nodes, as the spec gives them.
    pub fn names(&self) -> &[String] {
        self.target.node_names()
    }

    /// Any running node, to ask about the cluster; an error when none runs.
    pub fn any_node(&self) -> Result<Box<dyn Shell>, Error> {
        self.nodes()?.into_iter().next().ok_or_else(|| {
            Error::Refused(format!(
                "no node of the {} is running; start the cluster with `hacc apply SPEC --dir \
                 DIR --up`",
                self.target.describe()
            ))
        })
    }

    pub fn nodes(&self) -> Result<Vec<Box<dyn Shell>>, Error> {
        self.target.running_nodes()
    }

    /// Whether any node of the cluster runs.
    pub fn is_running(&self) -> Result<bool, Error> {
        Ok(!self.nodes()?.is_empty())
    }

    /// Starts every node and waits for the cluster to form.
    pub fn start(&self) -> Result<ClusterStatus, Error> {
        eprintln!("Starting the cluster ({}):", self.target.describe());
        self.target.start()?;
        self.until_ready()
    }

    fn until_ready(&self) -> Result<ClusterStatus, Error> {
        until_ready(&*self.target, READY_LIMIT)
    }

    /// Applies a live plan to the running cluster.
    pub fn converge(&self, plan: &LivePlan) -> Result<(), Error> {
        self.apply_plan(plan, None)
    }

    /// Applies a live plan to a cluster this command just started: node attributes' first
    /// values are written without their dampening (see `first_values`).
    pub fn bring_up(&self, plan: &LivePlan) -> Result<(), Error> {
        self.apply_plan(plan, Some(FirstValues::read_by(&plan.desired)))
    }

    fn apply_plan(&self, plan: &LivePlan, first_values: Option<FirstValues>) -> Result<(), Error> {
        // Restarts and recreated nodes move resources too: wait for them to come back.
        let mut restarted = plan.rollout.is_some();
        if let Some(corosync) = &plan.corosync {
            restarted |= !matches!(corosync.handling, Handling::Reload);
            eprintln!(
                "Applying the corosync.conf change: {}",
                corosync.handling.describe()
            );
            match corosync.handling {
                Handling::Reload => {
                    // `corosync-cfgtool -R` reaches the members only: a node still joining
                    // (just restarted, just started) would keep the old settings.
                    self.until_ready()?;
                    reload(&*self.target, &self.nodes()?)?;
                }
                Handling::RollingRestart => self.rolling_restart()?,
                Handling::FullRestart => {
                    self.target.restart_all()?;
                    self.until_ready()?;
                }
            }
        }
        if plan.rollout.is_some() {
            self.target.roll_out(&|| self.until_ready().map(drop))?;
        }
        if !plan.changes.is_empty() {
            let node = self.any_node()?;
            match push(&*node, plan.cib_version, &plan.desired)? {
                Pushed::Patched => eprintln!("Pushed the configuration in one CIB patch."),
                Pushed::Unchanged => eprintln!("The CIB already holds this configuration."),
            }
            until_settled(&*node, SETTLE_LIMIT, first_values)?;
        } else if restarted {
            until_settled(&*self.any_node()?, SETTLE_LIMIT, first_values)?;
        }
        Ok(())
    }

    /// Restarts each node in turn; the next goes once the cluster is whole again.
    fn rolling_restart(&self) -> Result<(), Error> {
        for node in self.nodes()? {
            self.target.install_config(&*node)?;
            eprintln!("Restarting `{}`:", node.node_name());
            self.target.restart_node(node.node_name())?;
            self.until_ready()?;
        }
        Ok(())
    }

    /// The status as people read it, with nodes that are not running marked.
    pub fn status_text(&self) -> Result<String, Error> {
        let nodes = self.nodes()?;
        let stopped: Vec<String> = self
            .names()
            .iter()
            .filter(|n| !nodes.iter().any(|node| node.node_name() == n.as_str()))
            .cloned()
            .collect();
        let status = match nodes.first() {
            Some(node) => query(&**node)?,
            None => query(&*self.any_node()?)?,
        };
        Ok(render(&status, &stopped))
    }
}
