//! What `apply` keeps inside an output directory: the manifest of the files hacc manages and the
//! lock that serialises applies, and the one way into that directory ([`DeployDir`]). The lowest
//! layer of plan/apply: it knows nothing of renderers.

mod deploy_dir;
mod error;
mod file_kind;
mod hash;
mod input;
mod lock;
mod manifest;
mod mode;
mod random;
mod rel_path;

pub use deploy_dir::{DeployDir, Entry};
pub use error::{Error, io_error};
pub use hash::{sha256_hex, sha256_hex_of};
pub use input::{Input, hash_input, read_input, read_input_text};
pub use lock::DirLock;
pub use manifest::{ManagedFile, Manifest};
pub use mode::{octal_mode, optional_octal_mode};
pub use random::random_bytes;
pub use rel_path::is_safe_relative;

/// hacc's own directory inside an output directory.
pub const STATE_DIR: &str = ".hacc";
/// The manifest, relative to the output directory.
pub const MANIFEST_PATH: &str = ".hacc/manifest.json";
/// The lock file, relative to the output directory.
pub const LOCK_PATH: &str = ".hacc/lock";
/// The largest file hacc reads from an output directory to compare it with a generated one.
pub const DEPLOY_FILE_CAP: u64 = 512 << 20;
/// The largest manifest hacc reads: a few hundred bytes per managed file.
pub const MANIFEST_CAP: u64 = 64 << 20;
