//! The Docker lab: each node of a cluster is a container of one compose project, started from
//! the deploy directory's generated files. Everything hacc does with `docker` and Compose is
//! here, behind the `Shell` and `Target` traits of `transport`.

pub mod compose;
pub mod containers;
pub mod docker;
pub mod node;
pub mod subnet;
pub mod target;

pub use compose::{Compose, project_name};
pub use containers::{Container, project_running};
pub use node::Node;
pub use target::Lab;
