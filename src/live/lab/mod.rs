//! The Docker lab: each node of a cluster is a container of one compose project, started from
//! the deploy directory's generated files. Everything hacc does with `docker` and Compose is
//! here, behind the `Shell` and `Target` traits of `transport`.

pub mod compose;
mod container_names;
pub mod containers;
pub mod docker;
pub mod fencing_check;
pub mod node;
pub mod subnet;
pub mod target;

pub use compose::{Compose, project_name};
pub use containers::project_running;
pub use target::Lab;
