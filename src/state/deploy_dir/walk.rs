//! Listing everything inside the deploy directory without opening what is not a regular file.

use super::{DIR_FLAGS, DeployDir, os};
use crate::state::file_kind::{is_dir, is_regular, is_symlink, kind_name, not_regular_in_dir};
use crate::state::{Error, io_error, sha256_hex_of};
use rustix::fs::{AtFlags, Mode, OFlags};
use std::ffi::CStr;
use std::fs::File;
use std::os::fd::{AsFd, OwnedFd};

/// One thing found in the directory: links and special files are told by what they are,
/// never opened, so a FIFO cannot block and a device cannot stream without end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A regular file and the SHA-256 of its contents, read as a stream.
    File(String),
    /// A symbolic link and its target.
    Link(String),
    /// A FIFO, device or socket, by its kind.
    Special(&'static str),
}

impl DeployDir {
    /// Every entry below the directory by path relative to it, in no set order, except the
    /// contents of `.git` directories.
    pub fn entries(&self) -> Result<Vec<(String, Entry)>, Error> {
        let mut found = Vec::new();
        self.walk(&self.fd, "", &mut found)?;
        Ok(found)
    }

    fn walk(
        &self,
        dir: &impl AsFd,
        prefix: &str,
        found: &mut Vec<(String, Entry)>,
    ) -> Result<(), Error> {
        let shown_dir = self.shown(prefix.trim_end_matches('/'));
        let mut listing = rustix::fs::Dir::read_from(dir).map_err(os("list", &shown_dir))?;
        let mut names: Vec<std::ffi::CString> = Vec::new();
        while let Some(entry) = listing.read() {
            let entry = entry.map_err(os("list", &shown_dir))?;
            let name = entry.file_name();
            if name != c"." && name != c".." {
                names.push(name.to_owned());
            }
        }
        for name in names {
            let rel = format!("{prefix}{}", name.to_string_lossy());
            let shown = self.shown(&rel);
            let stat = rustix::fs::statat(dir, name.as_c_str(), AtFlags::SYMLINK_NOFOLLOW)
                .map_err(os("inspect", &shown))?;
            if is_dir(&stat) {
                if name.as_c_str() != c".git" {
                    let sub = self.open_sub(dir, &name, &rel)?;
                    self.walk(&sub, &format!("{rel}/"), found)?;
                }
            } else if is_regular(&stat) {
                let file = self.open_file(dir, &name, &rel)?;
                let hash = sha256_hex_of(file).map_err(io_error("read", &shown))?;
                found.push((rel, Entry::File(hash)));
            } else if is_symlink(&stat) {
                let target = rustix::fs::readlinkat(dir, name.as_c_str(), Vec::new())
                    .map_err(os("read the link", &shown))?;
                found.push((rel, Entry::Link(target.to_string_lossy().into_owned())));
            } else {
                found.push((rel, Entry::Special(kind_name(&stat))));
            }
        }
        Ok(())
    }

    fn open_sub(&self, dir: &impl AsFd, name: &CStr, rel: &str) -> Result<OwnedFd, Error> {
        rustix::fs::openat(dir, name, DIR_FLAGS, Mode::empty())
            .map_err(os("open", &self.shown(rel)))
    }

    /// Opens a file found regular a moment ago, checking again now that it is open.
    fn open_file(&self, dir: &impl AsFd, name: &CStr, rel: &str) -> Result<File, Error> {
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(dir, name, flags, Mode::empty())
            .map_err(os("open", &self.shown(rel)))?;
        let stat = rustix::fs::fstat(&fd).map_err(os("inspect", &self.shown(rel)))?;
        if !is_regular(&stat) {
            return Err(not_regular_in_dir(&self.shown(rel), kind_name(&stat)));
        }
        Ok(File::from(fd))
    }
}
