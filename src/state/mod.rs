//! What `apply` keeps inside an output directory: the manifest of the files hacc manages and the
//! lock that serialises applies. The lowest layer of plan/apply: it knows nothing of renderers.

mod error;
mod hash;
mod lock;
mod manifest;
mod mode;
mod rel_path;

pub use error::{Error, io_error};
pub use hash::sha256_hex;
pub use lock::DirLock;
pub use manifest::{MANIFEST_FORMAT, ManagedFile, Manifest};
pub use mode::{octal_mode, optional_octal_mode};
pub use rel_path::is_safe_relative;

/// hacc's own directory inside an output directory.
pub const STATE_DIR: &str = ".hacc";
/// The manifest, relative to the output directory.
pub const MANIFEST_PATH: &str = ".hacc/manifest.json";
/// The lock file, relative to the output directory.
pub const LOCK_PATH: &str = ".hacc/lock";
