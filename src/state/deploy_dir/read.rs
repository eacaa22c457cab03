//! Opening regular files inside the deploy directory, for reading, writing or locking.

use super::{DeployDir, Handle, os};
use crate::state::Error;
use crate::state::file_kind::{is_regular, kind_name, mode_of, not_regular_in_dir};
use rustix::fs::{AtFlags, Mode, OFlags, Stat};
use rustix::io::Errno;
use std::fs::File;
use std::io::Read;

/// Added to every open: no link followed, no wait on a FIFO swapped in after the `lstat`.
const SAFE: OFlags = OFlags::NOFOLLOW
    .union(OFlags::NONBLOCK)
    .union(OFlags::CLOEXEC)
    .union(OFlags::NOCTTY);

impl DeployDir {
    /// The bytes and mode of `rel`; `None` when it does not exist. Refuses a link or a special
    /// file there or on the way, and a file of more than `cap` bytes.
    pub fn read(&self, rel: &str, cap: u64) -> Result<Option<(Vec<u8>, u32)>, Error> {
        let Some((dir, name)) = self.parent_of(rel, None)? else {
            return Ok(None);
        };
        let Some((file, stat)) = self.open_in(&dir, name, rel, OFlags::RDONLY, false)? else {
            return Ok(None);
        };
        let size = u64::try_from(stat.st_size).unwrap_or(0);
        let too_large = |size: u64| {
            Error::Refused(format!(
                "`{}` is {size} bytes, more than the {} MiB hacc reads of a file in its directory",
                self.shown(rel).display(),
                cap >> 20
            ))
        };
        if size > cap {
            return Err(too_large(size));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        file.take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(crate::state::io_error("read", &self.shown(rel)))?;
        if bytes.len() as u64 > cap {
            return Err(too_large(bytes.len() as u64));
        }
        Ok(Some((bytes, mode_of(&stat))))
    }

    /// Opens the regular file `name` in `dir` (at `rel`) with `flags`; `None` when it does not
    /// exist, unless `create` asks to make it (empty, mode 0600 until the caller sets one).
    pub(super) fn open_in(
        &self,
        dir: &Handle,
        name: &str,
        rel: &str,
        flags: OFlags,
        create: bool,
    ) -> Result<Option<(File, Stat)>, Error> {
        let shown = self.shown(rel);
        // Twice at most: the file may be made or removed by someone else in between.
        for _ in 0..2 {
            match rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(stat) if !is_regular(&stat) => {
                    return Err(not_regular_in_dir(&shown, kind_name(&stat)));
                }
                Ok(_) => {}
                Err(Errno::NOENT) if !create => return Ok(None),
                Err(Errno::NOENT) => {
                    let new = flags | SAFE | OFlags::CREATE | OFlags::EXCL;
                    match rustix::fs::openat(dir, name, new, Mode::from_raw_mode(0o600)) {
                        Ok(fd) => return self.regular(fd, rel).map(Some),
                        Err(Errno::EXIST) => continue,
                        Err(e) => return Err(os("create", &shown)(e)),
                    }
                }
                Err(e) => return Err(os("inspect", &shown)(e)),
            }
            match rustix::fs::openat(dir, name, flags | SAFE, Mode::empty()) {
                Ok(fd) => return self.regular(fd, rel).map(Some),
                Err(Errno::NOENT) => {}
                Err(Errno::LOOP) => return Err(not_regular_in_dir(&shown, "a symbolic link")),
                Err(e) => return Err(os("open", &shown)(e)),
            }
        }
        Err(Error::Refused(format!(
            "`{}` changed while hacc was opening it",
            shown.display()
        )))
    }

    /// The file opened at `rel`, checked to be a regular file now that it is open.
    fn regular(&self, fd: std::os::fd::OwnedFd, rel: &str) -> Result<(File, Stat), Error> {
        let stat = rustix::fs::fstat(&fd).map_err(os("inspect", &self.shown(rel)))?;
        if !is_regular(&stat) {
            return Err(not_regular_in_dir(&self.shown(rel), kind_name(&stat)));
        }
        Ok((File::from(fd), stat))
    }

    /// Opens `rel` for an advisory lock: read-write and created when `create` (with missing
    /// directories), else read-only and `None` when it does not exist.
    pub fn open_lock(&self, rel: &str, create: bool) -> Result<Option<File>, Error> {
        let Some((dir, name)) = self.parent_of(rel, create.then_some(0o600))? else {
            return Ok(None);
        };
        let flags = if create { OFlags::RDWR } else { OFlags::RDONLY };
        Ok(self
            .open_in(&dir, name, rel, flags, create)?
            .map(|(file, _)| file))
    }
}

#[cfg(test)]
mod tests {
    use crate::state::DeployDir;
    use std::os::unix::fs::symlink;

    #[test]
    fn reads_regular_files_and_refuses_links_on_the_way_or_at_the_end() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x"), "outside").unwrap();
        std::fs::create_dir(root.path().join("sub")).unwrap();
        std::fs::write(root.path().join("sub/in"), "inside").unwrap();
        symlink(outside.path(), root.path().join("link")).unwrap();
        symlink(outside.path().join("x"), root.path().join("sub/x")).unwrap();
        let dir = DeployDir::open(root.path()).unwrap().unwrap();

        let (bytes, _) = dir.read("sub/in", 100).unwrap().unwrap();
        assert_eq!(bytes, b"inside");
        assert_eq!(dir.read("sub/missing", 100).unwrap(), None);
        for rel in ["link/x", "sub/x"] {
            let error = dir.read(rel, 100).unwrap_err().to_string();
            assert!(error.contains("is a symbolic link"), "{rel}: {error}");
        }
        let error = dir.read("sub/in", 3).unwrap_err().to_string();
        assert!(error.contains("is 6 bytes, more than the 0 MiB"), "{error}");
    }
}
