use std::io;
use std::path::{Path, PathBuf};

/// Why building, planning or applying could not go on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot {action} `{}`: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    /// A file hacc wrote earlier (manifest, saved plan) that it cannot understand.
    #[error("`{}` is not a valid {what}: {message}", path.display())]
    Corrupt {
        path: PathBuf,
        what: &'static str,
        message: String,
    },
    #[error(
        "`{}` is locked by {holder}; wait for it to finish",
        dir.display()
    )]
    Locked { dir: PathBuf, holder: String },
    /// hacc declines to go on; the message says why and what to do.
    #[error("{0}")]
    Refused(String),
}

/// Wraps an I/O error with what was being done and to which path: `.map_err(io_error("read", p))`.
pub fn io_error<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(io::Error) -> Error + 'p {
    move |source| Error::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}
