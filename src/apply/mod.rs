//! Applying: making a directory match a plan, atomically per file, under the directory's lock,
//! writing only through the locked [`crate::state::DeployDir`].

mod certificates;
mod confirm;
mod execute;
mod hooks;
mod secret;

pub use certificates::generate_certificates;
pub use confirm::confirm;
pub use execute::{Applied, execute};
pub use hooks::pause_after_lock;
pub use secret::generate_secret;
