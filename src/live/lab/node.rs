//! A machine of the lab (a node, or the front): a running container, reached with
//! `docker exec`.

use super::docker::in_container;
use crate::live::exec::Output;
use crate::live::transport::Shell;
use crate::state::Error;
use std::time::Duration;

/// A running container of the project; `name` is its compose service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    pub container: String,
}

impl Shell for Node {
    fn node_name(&self) -> &str {
        &self.name
    }

    fn run_command(
        &self,
        argv: &[&str],
        stdin: Option<&[u8]>,
        limit: Duration,
    ) -> Result<Output, Error> {
        in_container(&self.container, argv, stdin, limit)
    }
}
