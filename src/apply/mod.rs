//! Applying: making a directory match a plan, atomically per file, under the directory's lock.

mod atomic;
mod confirm;
mod execute;
mod hooks;
mod secret;

pub use atomic::{
    TempFile, dir_mode_for, remove_file, set_mode, write_atomic, write_temp, write_with_mode,
};
pub use confirm::confirm;
pub use execute::{Applied, execute};
pub use hooks::pause_after_lock;
pub use secret::generate_secret;
