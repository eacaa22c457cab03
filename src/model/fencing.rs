use crate::spanned::Spanned;
use serde::Serialize;
use std::net::Ipv4Addr;

/// The fencing kinds hacc can build: `docker-lab` fences node containers through a gateway to
/// the Docker Engine API.
pub const FENCING_KINDS: &[&str] = &["docker-lab"];

/// `fencing "docker-lab" address=...`: a fencing gateway container on the cluster network and
/// a `stonith:fence_docker` device that reaches the node containers through it.
#[derive(Debug, Clone, Serialize)]
pub struct Fencing {
    pub kind: Spanned<String>,
    /// The gateway's address on the cluster network.
    pub address: Spanned<Ipv4Addr>,
}

/// The gateway's host name: the nodes' `/etc/hosts` maps it to its address, and its server
/// certificate names it, so the certificate does not depend on the address.
pub const GATEWAY_HOST: &str = "hacc-fence-gateway";
/// The port the gateway listens on (the Docker Engine's TLS port).
pub const GATEWAY_PORT: u16 = 2376;
/// The Docker Engine API version `fence_docker` asks for (its default, 1.11, is refused).
pub const DOCKER_API_VERSION: &str = "1.41";
/// The id of the `stonith:fence_docker` primitive that `fencing` adds.
pub const DEVICE_ID: &str = "fence-docker";

/// The cluster's CA certificate, relative to the deploy directory (nodes and gateway trust it).
pub const CA_CERT: &str = "secrets/fence/ca.crt";
/// The nodes' client certificate and key for the gateway.
pub const CLIENT_CERT: &str = "secrets/fence/client.crt";
pub const CLIENT_KEY: &str = "secrets/fence/client.key";
/// The gateway's server certificate followed by its key, as haproxy reads them.
pub const GATEWAY_PEM: &str = "secrets/fence/gateway.pem";
/// Every file of one certificate set: generated together, since each is signed by one CA.
pub const CERT_FILES: [&str; 4] = [CA_CERT, CLIENT_CERT, CLIENT_KEY, GATEWAY_PEM];

/// Where a node sees a file of the deploy directory (compose mounts it there).
pub fn node_path(relative: &str) -> String {
    format!("/etc/hacc/{relative}")
}
