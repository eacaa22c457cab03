//! The deploy directory, opened once: every read, write, rename, mkdir, chmod, unlink and lock
//! hacc does inside it goes through this handle, one path component at a time with `openat`
//! and `O_NOFOLLOW`, never following a symbolic link. A link planted anywhere in the directory
//! (`files -> /etc`, `.hacc/lock -> ~/.bashrc`) therefore cannot carry a write, a truncation or
//! a deletion outside it: hacc refuses it, and any special file, with an error naming it.
//!
//! The directory itself is the one the user named, links on the way to it included.

mod read;
mod temps;
mod walk;
mod write;

use super::file_kind::{is_dir, kind_name, not_regular_in_dir};
use super::{Error, STATE_DIR, io_error, is_safe_relative};
use rustix::fs::{AtFlags, Mode, OFlags};
use rustix::io::Errno;
use std::fs::DirBuilder;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

pub use walk::Entry;

/// Flags for entering a directory: never through a link.
const DIR_FLAGS: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

/// An open deploy directory.
#[derive(Debug)]
pub struct DeployDir {
    fd: OwnedFd,
    path: PathBuf,
}

/// A directory inside the deploy directory, or the deploy directory itself.
enum Handle<'a> {
    Top(BorrowedFd<'a>),
    Sub(OwnedFd),
}

impl AsFd for Handle<'_> {
    fn as_fd(&self) -> BorrowedFd<'_> {
        match self {
            Handle::Top(fd) => *fd,
            Handle::Sub(fd) => fd.as_fd(),
        }
    }
}

impl DeployDir {
    /// Opens the directory at `path`; `None` when it does not exist.
    pub fn open(path: &Path) -> Result<Option<DeployDir>, Error> {
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        match rustix::fs::open(path, flags, Mode::empty()) {
            Ok(fd) => Ok(Some(DeployDir {
                fd,
                path: path.to_path_buf(),
            })),
            Err(Errno::NOENT) => Ok(None),
            Err(Errno::NOTDIR) => Err(Error::Refused(format!(
                "`{}` is not a directory",
                path.display()
            ))),
            Err(e) => Err(os("open", path)(e)),
        }
    }

    /// Opens the directory at `path`, first creating it and its missing ancestors with mode
    /// 0755 whatever the umask.
    pub fn create(path: &Path) -> Result<DeployDir, Error> {
        let created = create_tree(path)?;
        let dir = DeployDir::open(path)?.ok_or_else(|| {
            Error::Refused(format!(
                "`{}` vanished while hacc created it",
                path.display()
            ))
        })?;
        if created {
            rustix::fs::fchmod(&dir.fd, Mode::from_raw_mode(0o755))
                .map_err(os("change the mode of", path))?;
        }
        Ok(dir)
    }

    /// `rel` as the user sees it in messages.
    pub fn shown(&self, rel: &str) -> PathBuf {
        self.path.join(rel)
    }

    /// The directory holding `rel`, and `rel`'s last component. `None` when a directory on the
    /// way does not exist, unless `create` gives the mode of the file to be written there: the
    /// missing directories are then made (see [`dir_mode`]).
    fn parent_of<'r>(
        &self,
        rel: &'r str,
        create: Option<u32>,
    ) -> Result<Option<(Handle<'_>, &'r str)>, Error> {
        if !is_safe_relative(rel) {
            return Err(Error::Refused(format!(
                "`{rel}` is not a path inside `{}`",
                self.path.display()
            )));
        }
        let Some((dirs, name)) = rel.rsplit_once('/') else {
            return Ok(Some((Handle::Top(self.fd.as_fd()), rel)));
        };
        let mut handle = Handle::Top(self.fd.as_fd());
        let mut end = 0;
        for part in dirs.split('/') {
            end += part.len();
            let sub = &dirs[..end];
            end += 1;
            let mode = create.map(|file_mode| dir_mode(sub, sub == dirs, file_mode));
            match self.enter(&handle, part, sub, mode)? {
                Some(fd) => handle = Handle::Sub(fd),
                None => return Ok(None),
            }
        }
        Ok(Some((handle, name)))
    }

    /// The directory at `rel`; `None` when it does not exist.
    fn subdir(&self, rel: &str) -> Result<Option<Handle<'_>>, Error> {
        let Some((parent, name)) = self.parent_of(rel, None)? else {
            return Ok(None);
        };
        Ok(self.enter(&parent, name, rel, None)?.map(Handle::Sub))
    }

    /// Opens the directory `name` in `parent` (at `sub`), making it with `create` as its mode
    /// when it is missing.
    fn enter(
        &self,
        parent: &impl AsFd,
        name: &str,
        sub: &str,
        create: Option<u32>,
    ) -> Result<Option<OwnedFd>, Error> {
        let mut created = false;
        // Twice at most: once to find the directory missing, once to open the one just made.
        for _ in 0..2 {
            match rustix::fs::openat(parent, name, DIR_FLAGS, Mode::empty()) {
                Ok(fd) => {
                    if let (true, Some(mode)) = (created, create) {
                        // mkdir applies the umask; the mode must be exact.
                        rustix::fs::fchmod(&fd, Mode::from_raw_mode(mode))
                            .map_err(os("change the mode of", &self.shown(sub)))?;
                        rustix::fs::fsync(parent).map_err(os("flush", &self.path))?;
                    }
                    return Ok(Some(fd));
                }
                Err(Errno::NOENT) => {}
                Err(Errno::LOOP | Errno::NOTDIR) => return Err(self.not_a_dir(parent, name, sub)),
                Err(e) => return Err(os("open", &self.shown(sub))(e)),
            }
            let Some(mode) = create else {
                return Ok(None);
            };
            match rustix::fs::mkdirat(parent, name, Mode::from_raw_mode(mode)) {
                Ok(()) => created = true,
                Err(Errno::EXIST) => {}
                Err(e) => return Err(os("create", &self.shown(sub))(e)),
            }
        }
        Err(Error::Refused(format!(
            "`{}` changed while hacc was creating it",
            self.shown(sub).display()
        )))
    }

    /// Why `name` in `parent` could not be entered as a directory.
    fn not_a_dir(&self, parent: &impl AsFd, name: &str, sub: &str) -> Error {
        let shown = self.shown(sub);
        match rustix::fs::statat(parent, name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(stat) if is_dir(&stat) => Error::Refused(format!(
                "`{}` changed while hacc was opening it",
                shown.display()
            )),
            Ok(stat) if rustix::fs::FileType::from_raw_mode(stat.st_mode).is_file() => {
                Error::Refused(format!(
                    "`{}` is a regular file where hacc needs a directory: move it away",
                    shown.display()
                ))
            }
            Ok(stat) => not_regular_in_dir(&shown, kind_name(&stat)),
            Err(e) => os("inspect", &shown)(e),
        }
    }
}

/// The mode of a directory hacc creates at `sub` on the way to a file of `file_mode`: hacc's
/// own state is private, the file's own directory is private when only the file's owner may
/// read it, and any other directory is 0755.
fn dir_mode(sub: &str, holds_the_file: bool, file_mode: u32) -> u32 {
    if sub == STATE_DIR || sub.starts_with(&format!("{STATE_DIR}/")) {
        0o700
    } else if holds_the_file {
        dir_mode_for(file_mode)
    } else {
        0o755
    }
}

/// The mode of a directory created for a file of `mode`: private when only the file's owner
/// may read it.
pub(super) fn dir_mode_for(mode: u32) -> u32 {
    let group_and_others = mode & 0o077;
    if group_and_others == 0 { 0o700 } else { 0o755 }
}

/// Creates `path` and its missing ancestors, each 0755 whatever the umask; whether `path`
/// itself was made.
fn create_tree(path: &Path) -> Result<bool, Error> {
    if path.is_dir() {
        return Ok(false);
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && create_tree(parent)?
    {
        std::fs::set_permissions(parent, PermissionsExt::from_mode(0o755))
            .map_err(io_error("change the mode of", parent))?;
    }
    match DirBuilder::new().mode(0o755).create(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(io_error("create", path)(e)),
    }
}

/// [`io_error`] for a system call's error number.
fn os<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(Errno) -> Error + 'p {
    move |errno| io_error(action, path)(errno.into())
}
