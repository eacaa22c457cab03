//! Where the cluster runs: the container network, the node image and the nodes.

use super::{NvPair, Ssh};
use crate::spanned::Spanned;
use serde::Serialize;
use std::net::Ipv4Addr;

/// The bridge network the node containers share.
#[derive(Debug, Clone, Serialize)]
pub struct Network {
    pub name: Spanned<String>,
    /// Network address of the subnet (host bits zero after validation).
    pub subnet: Spanned<Ipv4Addr>,
    pub prefix: u8,
}

impl Network {
    pub fn contains(&self, address: Ipv4Addr) -> bool {
        let mask = if self.prefix == 0 {
            0
        } else {
            u32::MAX << (32 - u32::from(self.prefix))
        };
        u32::from(address) & mask == u32::from(self.subnet.value) & mask
    }

    pub fn cidr(&self) -> String {
        format!("{}/{}", self.subnet.value, self.prefix)
    }
}

/// The node image every container runs.
#[derive(Debug, Clone, Serialize)]
pub struct Image {
    pub base: Spanned<String>,
    pub packages: Vec<Spanned<String>>,
    pub copies: Vec<CopyFile>,
    pub wrappers: Vec<Wrapper>,
}

/// A file from the spec's directory copied into the image.
#[derive(Debug, Clone, Serialize)]
pub struct CopyFile {
    pub source: Spanned<String>,
    pub dest: Spanned<String>,
    pub executable: bool,
}

/// A generated start script that `exec`s a command, so the agent tracks the real pid.
#[derive(Debug, Clone, Serialize)]
pub struct Wrapper {
    pub path: Spanned<String>,
    pub command: Vec<Spanned<String>>,
}

/// One cluster node: a container, a corosync member and a Pacemaker node.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    pub name: Spanned<String>,
    /// Corosync node id; defaults to the position in the spec, starting at 1.
    pub id: Spanned<u32>,
    /// The id of the node's CIB entry when it is not the corosync node id: a UUID or a name
    /// that another stack (Heartbeat, an old CMAN cluster) or a hand-written CIB gave it.
    pub cib_id: Option<Spanned<String>>,
    /// Free text for people (`description=`), kept in the CIB.
    pub description: Option<Spanned<String>>,
    /// The node's base score, which Pacemaker adds to every resource's score for it.
    pub score: Option<Spanned<super::Score>>,
    /// One address per corosync link; the first is also the container address.
    pub addresses: Vec<Spanned<Ipv4Addr>>,
    pub standby: bool,
    pub publish: Vec<Publish>,
    pub env: Vec<NvPair>,
    pub attributes: Vec<NvPair>,
    pub utilization: Vec<NvPair>,
    /// `attribute-set`s: node attributes under a rule or with an id of their own.
    pub attribute_sets: Vec<super::NvSet>,
    /// `utilization-set`s: capacities under a rule or with an id of their own.
    pub utilization_sets: Vec<super::NvSet>,
    /// How the hosts target reaches it; without it, ssh connects to the first address.
    pub ssh: Option<Ssh>,
}

/// A host port forwarded to a container port.
#[derive(Debug, Clone, Serialize)]
pub struct Publish {
    pub host: Spanned<u16>,
    pub container: Spanned<u16>,
}
