//! What a path holds, told from `lstat` without opening it: hacc reads and writes regular files
//! only, since opening a FIFO blocks, a device streams without end, and a link leads elsewhere.

use super::Error;
use rustix::fs::{FileType, Stat};
use std::path::Path;

/// What `stat` found, in the words of an error message.
pub(super) fn kind_name(stat: &Stat) -> &'static str {
    match FileType::from_raw_mode(stat.st_mode) {
        FileType::RegularFile => "a regular file",
        FileType::Directory => "a directory",
        FileType::Symlink => "a symbolic link",
        FileType::Fifo => "a FIFO",
        FileType::CharacterDevice => "a character device",
        FileType::BlockDevice => "a block device",
        FileType::Socket => "a socket",
        FileType::Unknown => "an unknown kind of file",
    }
}

pub(super) fn is_regular(stat: &Stat) -> bool {
    FileType::from_raw_mode(stat.st_mode) == FileType::RegularFile
}

pub(super) fn is_dir(stat: &Stat) -> bool {
    FileType::from_raw_mode(stat.st_mode) == FileType::Directory
}

pub(super) fn is_symlink(stat: &Stat) -> bool {
    FileType::from_raw_mode(stat.st_mode) == FileType::Symlink
}

/// The permission bits of `stat`.
pub(super) fn mode_of(stat: &Stat) -> u32 {
    stat.st_mode & 0o7777
}

/// The refusal for `kind` (see [`kind_name`]) where hacc reads, writes, deletes or locks inside
/// a deploy directory.
pub(super) fn not_regular_in_dir(shown: &Path, kind: &str) -> Error {
    Error::Refused(format!(
        "`{}` is {kind}; inside its directory hacc only reads and writes regular files and \
         follows no symbolic link: move it away",
        shown.display()
    ))
}

/// The refusal for an input (a spec, a saved plan, a copied file) that is not a regular file.
pub(super) fn not_regular_input(shown: &Path, what: &str, stat: &Stat) -> Error {
    Error::Refused(format!(
        "`{}` is {}, not a regular file; hacc reads a {what} only from a regular file",
        shown.display(),
        kind_name(stat)
    ))
}
