//! The Docker lab as a target: one container per node of a compose project, started, restarted
//! and rebuilt with Compose, its configuration installed from the mounted deploy directory by
//! the node image's entrypoint.

use super::compose::Compose;
use super::docker::docker;
use super::node::Node;
use crate::live::converge::LiveCluster;
use crate::live::transport::{Shell, Target};
use crate::state::Error;
use std::path::Path;
use std::time::Duration;

/// Lines of `docker logs` shown per node when waiting fails.
const LOG_LINES: &str = "15";
/// The node image's entrypoint; `install-config` copies the mounted files into place.
const ENTRYPOINT: &str = "/usr/local/sbin/hacc-entrypoint";

/// A cluster of the lab: its compose project and the names of its nodes.
#[derive(Debug, Clone)]
pub struct Lab {
    pub compose: Compose,
    names: Vec<String>,
}

impl Lab {
    /// The lab cluster of `dir` (see `Compose::for_dir`).
    pub fn new(dir: &Path, cluster_name: &str, names: Vec<String>) -> Result<Lab, Error> {
        Ok(Lab {
            compose: Compose::for_dir(dir, cluster_name)?,
            names,
        })
    }

    /// The lab cluster of a directory without a spec at hand (see `Compose::for_existing_dir`).
    pub fn for_existing_dir(dir: &Path, names: Vec<String>) -> Result<Lab, Error> {
        Ok(Lab {
            compose: Compose::for_existing_dir(dir)?,
            names,
        })
    }

    /// The running cluster this lab holds.
    pub fn cluster(self) -> LiveCluster {
        LiveCluster::new(Box::new(self))
    }

    /// The running node containers of the project (the front is not a node).
    fn running(&self) -> Result<Vec<Node>, Error> {
        Ok(self
            .compose
            .containers()?
            .into_iter()
            .filter(|c| c.running && self.names.contains(&c.service))
            .map(|c| Node {
                name: c.service,
                container: c.id,
            })
            .collect())
    }

    /// The running container of the service `name`.
    fn container_of(&self, name: &str) -> Result<Option<String>, Error> {
        Ok(self
            .compose
            .containers()?
            .into_iter()
            .find(|c| c.service == name && c.running)
            .map(|c| c.id))
    }
}

impl Target for Lab {
    fn name(&self) -> &str {
        &self.compose.project
    }

    fn describe(&self) -> String {
        format!("compose project `{}`", self.compose.project)
    }

    fn node_names(&self) -> &[String] {
        &self.names
    }

    fn running_nodes(&self) -> Result<Vec<Box<dyn Shell>>, Error> {
        Ok(self
            .running()?
            .into_iter()
            .map(|node| Box::new(node) as Box<dyn Shell>)
            .collect())
    }

    fn node_logs(&self) -> String {
        let containers = self.compose.containers().unwrap_or_default();
        let mut out = String::new();
        for container in containers
            .iter()
            .filter(|c| self.names.contains(&c.service))
        {
            let logs = docker(
                &["logs", "--tail", LOG_LINES, &container.id],
                Duration::from_secs(30),
            );
            let text = match logs {
                Ok(output) => format!("{}{}", output.stdout, output.stderr),
                Err(e) => e.to_string(),
            };
            out.push_str(&format!(
                "--- last log lines of `{}` ---\n",
                container.service
            ));
            for line in text.lines() {
                out.push_str(&format!("  {line}\n"));
            }
        }
        out
    }

    fn start(&self) -> Result<(), Error> {
        self.compose.build()?;
        self.compose.up(&[])?;
        self.compose.record()
    }

    fn install_config(&self, node: &dyn Shell) -> Result<(), Error> {
        node.run_command(
            &[ENTRYPOINT, "install-config"],
            None,
            Duration::from_secs(30),
        )?
        .ok(&format!(
            "installing the configuration on `{}`",
            node.node_name()
        ))
        .map(drop)
    }

    fn restart_node(&self, name: &str) -> Result<(), Error> {
        let container = self.container_of(name)?.ok_or_else(|| {
            Error::Refused(format!(
                "cannot restart `{name}`: its container is not running"
            ))
        })?;
        docker(
            &["restart", "-t", "120", &container],
            Duration::from_secs(300),
        )?
        .ok("docker restart")
        .map(drop)
    }

    fn restart_all(&self) -> Result<(), Error> {
        self.compose.stop()?;
        self.compose.up(&[])
    }

    /// Rebuilds the image and recreates the node containers that changed, one at a time.
    fn roll_out(&self, rejoined: &dyn Fn() -> Result<(), Error>) -> Result<(), Error> {
        self.compose.build()?;
        for name in &self.names {
            let before = self.container_of(name)?;
            self.compose.up(&[name])?;
            if self.container_of(name)? != before {
                rejoined()?;
            }
        }
        // Anything else of the project (the front), and nodes no longer in the spec.
        self.compose.up(&[])
    }

    fn front(&self, name: &str) -> Result<Option<Box<dyn Shell>>, Error> {
        Ok(self.container_of(name)?.map(|container| {
            Box::new(Node {
                name: name.to_string(),
                container,
            }) as Box<dyn Shell>
        }))
    }
}
