use crate::spanned::Spanned;
use serde::Serialize;
use std::net::Ipv4Addr;

/// An haproxy container in front of a clustered HTTP service.
///
/// Its backends are every node that may run `service`, health-checked over HTTP, so traffic
/// follows the service wherever Pacemaker places it.
#[derive(Debug, Clone, Serialize)]
pub struct Front {
    pub name: Spanned<String>,
    pub address: Spanned<Ipv4Addr>,
    /// Host port the front listens on.
    pub port: Spanned<u16>,
    pub service: Spanned<String>,
    /// Container port of the service on each node.
    pub backend_port: Spanned<u16>,
    /// haproxy balance algorithm (`first`, `roundrobin`, `leastconn`, `source`).
    pub balance: Spanned<String>,
    pub health_path: Spanned<String>,
}
