//! Live clusters: running the generated files with Docker Compose, reading the running
//! cluster (membership, CIB, status) and converging it to the spec.

pub mod cib;
pub mod compose;
pub mod converge;
pub mod corosync;
pub mod diff;
pub mod exec;
pub mod front;
pub mod identity;
pub mod pending;
pub mod pending_report;
pub mod plan;
pub mod push;
pub mod runtime;
pub mod simulate;
pub mod status;
pub mod subnet;
pub mod transport;
pub mod wait;
pub mod xml;

pub use compose::{Compose, Container, project_name};
pub use exec::{Node, Output};
