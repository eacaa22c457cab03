use crate::cib::CibVersion;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

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
    /// A program hacc needs could not be started or waited for.
    #[error("cannot {action} {program}: {source}")]
    CannotRun {
        action: &'static str,
        program: String,
        source: io::Error,
    },
    /// A command ran and failed; `said` is its own message.
    #[error("{what} failed (exit status {code}): {said}")]
    CommandFailed {
        what: String,
        code: i32,
        said: String,
    },
    /// A command that did not finish in time, and was killed.
    #[error("{what} did not finish within {} s", limit.as_secs())]
    Timeout { what: String, limit: Duration },
    /// A tool printed something hacc cannot read.
    #[error("{what}: {reason}")]
    Unreadable { what: String, reason: String },
    /// The live configuration moved on since hacc read it.
    #[error(
        "the cluster configuration changed since it was planned ({planned} -> {now}); run \
         `hacc plan` again to see the changes"
    )]
    CibMoved {
        planned: CibVersion,
        now: CibVersion,
    },
    /// The cluster, its resources or its front did not reach the state waited for; `state`
    /// is the last one seen, `detail` what helps to find out why.
    #[error("{what} within {} s: {state}{detail}", limit.as_secs())]
    NotReady {
        what: String,
        limit: Duration,
        state: String,
        detail: String,
    },
    /// The user said no.
    #[error("apply cancelled; nothing was changed")]
    Cancelled,
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
