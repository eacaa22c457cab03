//! Reading what hacc is given from outside a deploy directory: the spec, a saved plan and the
//! files a spec copies. Only a regular file is read (a FIFO would block, `/dev/zero` would fill
//! memory), opened without blocking, and each kind only up to its size cap.

use super::file_kind::{is_regular, not_regular_input};
use super::{Error, io_error};
use rustix::fs::{Mode, OFlags};
use std::fs::File;
use std::io::Read;
use std::path::Path;

const MIB: u64 = 1 << 20;

/// A kind of input file, with its size cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A KDL spec: 10,000 primitives take a few MiB.
    Spec,
    /// A saved plan carries the full contents of every file it writes.
    SavedPlan,
    /// A file a spec copies into the node image.
    CopySource,
}

impl Input {
    /// The largest file of this kind hacc reads.
    pub const fn cap(self) -> u64 {
        match self {
            Input::Spec => 64 * MIB,
            Input::SavedPlan => 1024 * MIB,
            Input::CopySource => 256 * MIB,
        }
    }

    pub const fn what(self) -> &'static str {
        match self {
            Input::Spec => "spec",
            Input::SavedPlan => "saved plan",
            Input::CopySource => "copied file",
        }
    }

    /// A copied file is opened by its canonical path, so a link there is one swapped in since.
    fn follows_links(self) -> bool {
        self != Input::CopySource
    }
}

/// The whole contents of `path`, refused when it is not a regular file or exceeds the cap.
pub fn read_input(path: &Path, kind: Input) -> Result<Vec<u8>, Error> {
    let (file, size) = open_input(path, kind)?;
    if size > kind.cap() {
        return Err(too_large(path, kind, size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // One byte past the cap tells a file that grew since `fstat` from one that fits.
    file.take(kind.cap() + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error("read", path))?;
    if bytes.len() as u64 > kind.cap() {
        return Err(too_large(path, kind, bytes.len() as u64));
    }
    Ok(bytes)
}

/// [`read_input`] as UTF-8 text.
pub fn read_input_text(path: &Path, kind: Input) -> Result<String, Error> {
    String::from_utf8(read_input(path, kind)?).map_err(|_| {
        Error::Refused(format!(
            "cannot read `{}`: it is not UTF-8 text",
            path.display()
        ))
    })
}

/// The SHA-256 of `path` as 64 hex digits, read as a stream: no size cap, little memory.
pub fn hash_input(path: &Path, kind: Input) -> Result<String, Error> {
    let (file, _) = open_input(path, kind)?;
    super::sha256_hex_of(file).map_err(io_error("read", path))
}

/// Opens `path` for reading when it is a regular file, with its size. `O_NONBLOCK` makes the
/// open itself return at once even if a FIFO was swapped in after the `stat`.
fn open_input(path: &Path, kind: Input) -> Result<(File, u64), Error> {
    let stat = if kind.follows_links() {
        rustix::fs::stat(path)
    } else {
        rustix::fs::lstat(path)
    }
    .map_err(|e| io_error("read", path)(e.into()))?;
    if !is_regular(&stat) {
        return Err(not_regular_input(path, kind.what(), &stat));
    }
    let mut flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    if !kind.follows_links() {
        flags |= OFlags::NOFOLLOW;
    }
    let fd = rustix::fs::open(path, flags, Mode::empty())
        .map_err(|e| io_error("read", path)(e.into()))?;
    let stat = rustix::fs::fstat(&fd).map_err(|e| io_error("read", path)(e.into()))?;
    if !is_regular(&stat) {
        return Err(not_regular_input(path, kind.what(), &stat));
    }
    Ok((File::from(fd), u64::try_from(stat.st_size).unwrap_or(0)))
}

fn too_large(path: &Path, kind: Input, size: u64) -> Error {
    Error::Refused(format!(
        "`{}` is {size} bytes, more than the {} MiB a {} may have",
        path.display(),
        kind.cap() / MIB,
        kind.what()
    ))
}
