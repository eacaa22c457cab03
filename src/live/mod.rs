//! Live clusters: reading a running cluster (membership, CIB, status) and converging it to the
//! spec, through the transport seam (`transport`); the Docker lab (`lab`) runs the generated
//! files with Docker Compose, and `hosts` reaches machines that already exist over SSH.

pub mod cib;
pub mod converge;
pub mod corosync;
pub mod diff;
pub mod exec;
pub mod first_values;
pub mod front;
pub mod hosts;
pub mod identity;
pub mod lab;
pub mod pending;
pub mod pending_report;
pub mod plan;
pub mod push;
pub mod runtime;
pub mod simulate;
pub mod status;
pub mod transport;
pub mod wait;
pub mod xml;

pub use lab::project_name;
