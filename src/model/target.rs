//! Where the cluster runs, and how hacc reaches a node there.

use crate::spanned::Spanned;
use serde::Serialize;

/// The kind of machines the cluster runs on (`cluster "x" target="..."`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Target {
    /// Containers hacc starts itself with Docker Compose (the default).
    DockerLab,
    /// Machines that already exist, reached over SSH.
    Hosts,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::DockerLab => "docker-lab",
            Target::Hosts => "hosts",
        }
    }
}

/// How a node of the hosts target is reached (`ssh "user@host" port=22 identity="key"`).
#[derive(Debug, Clone, Serialize)]
pub struct Ssh {
    /// `[user@]host` as OpenSSH takes it; the host may be a `Host` of the user's ssh config.
    pub destination: Spanned<String>,
    pub port: Option<Spanned<u16>>,
    /// A private key file, relative to the spec's directory; without it ssh uses the user's
    /// agent and configuration.
    pub identity: Option<Spanned<String>>,
}

impl Ssh {
    /// The user part of the destination, when it has one.
    pub fn user(&self) -> Option<&str> {
        self.destination
            .value
            .rsplit_once('@')
            .map(|(user, _)| user)
    }

    /// The host part of the destination.
    pub fn host(&self) -> &str {
        self.destination
            .value
            .rsplit_once('@')
            .map_or(self.destination.value.as_str(), |(_, host)| host)
    }
}
