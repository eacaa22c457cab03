//! Writing, changing the mode of and deleting files inside the deploy directory.
//!
//! Durable replacement: the new contents go to `.<name>.hacc-tmp` beside the target, created
//! anew (`O_EXCL`), flushed, and renamed over the target; then the directory is flushed so the
//! rename survives a crash. A reader (or a crash) sees the old file or the new one.

use super::temps::{sibling, temp_name};
use super::{DeployDir, Handle, os};
use crate::state::file_kind::{is_regular, kind_name, not_regular_in_dir};
use crate::state::{Error, io_error};
use rustix::fs::{AtFlags, Mode, OFlags};
use rustix::io::Errno;
use std::fs::File;
use std::io::Write;

/// New contents written and flushed next to their target, not yet in place.
#[must_use = "a temp file does nothing until committed"]
pub struct TempFile<'a> {
    owner: &'a DeployDir,
    dir: Handle<'a>,
    temp: String,
    name: String,
    rel: String,
}

impl TempFile<'_> {
    /// Renames the temp file over the target and flushes the directory.
    pub fn commit(self) -> Result<(), Error> {
        let shown = self.owner.shown(&self.rel);
        rustix::fs::renameat(&self.dir, &self.temp, &self.dir, &self.name)
            .map_err(os("rename into", &shown))?;
        rustix::fs::fsync(&self.dir).map_err(os("flush the directory of", &shown))
    }
}

impl DeployDir {
    /// Writes `bytes` with exactly `mode` to a temp file beside `rel`, creating missing
    /// directories (see [`super::dir_mode`]). A leftover temp file of an earlier crash is
    /// replaced; anything else at the temp file's name is refused.
    pub fn write_temp(&self, rel: &str, bytes: &[u8], mode: u32) -> Result<TempFile<'_>, Error> {
        let (dir, name) = self.parent_or_created(rel, mode)?;
        let temp = temp_name(name);
        let temp_rel = sibling(rel, &temp);
        let shown = self.shown(&temp_rel);
        self.remove_leftover(&dir, &temp, &temp_rel)?;
        let flags =
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&dir, temp.as_str(), flags, Mode::from_raw_mode(0o600))
            .map_err(os("create", &shown))?;
        let mut file = File::from(fd);
        let written = file
            .write_all(bytes)
            .and_then(|()| set_exact_mode(&file, mode))
            .and_then(|()| file.sync_all());
        if let Err(e) = written {
            let _ = rustix::fs::unlinkat(&dir, temp.as_str(), AtFlags::empty());
            return Err(io_error("write", &shown)(e));
        }
        Ok(TempFile {
            owner: self,
            dir,
            temp,
            name: name.to_string(),
            rel: rel.to_string(),
        })
    }

    /// Replaces `rel` with `bytes` atomically and durably.
    pub fn write_atomic(&self, rel: &str, bytes: &[u8], mode: u32) -> Result<(), Error> {
        self.write_temp(rel, bytes, mode)?.commit()
    }

    /// Writes `rel` in place with exactly `mode`, without a temp file or a flush (for `hacc
    /// build`). The file is truncated only once it is known to be a regular file; one with
    /// other hard links is replaced by a new file instead, as writing it would change them too.
    pub fn write_in_place(&self, rel: &str, bytes: &[u8], mode: u32) -> Result<(), Error> {
        let (dir, name) = self.parent_or_created(rel, mode)?;
        let open = || {
            self.open_in(&dir, name, rel, OFlags::WRONLY, true)
                .map(|file| file.expect("a created file exists"))
        };
        let (mut file, stat) = open()?;
        if stat.st_nlink > 1 {
            drop(file);
            rustix::fs::unlinkat(&dir, name, AtFlags::empty())
                .map_err(os("delete", &self.shown(rel)))?;
            (file, _) = open()?;
        }
        file.set_len(0)
            .and_then(|()| file.write_all(bytes))
            .and_then(|()| set_exact_mode(&file, mode))
            .map_err(io_error("write", &self.shown(rel)))
    }

    /// Changes the mode of a file whose contents stay.
    pub fn set_mode(&self, rel: &str, mode: u32) -> Result<(), Error> {
        let shown = self.shown(rel);
        let missing = || io_error("change the mode of", &shown)(Errno::NOENT.into());
        let (dir, name) = self.parent_of(rel, None)?.ok_or_else(missing)?;
        let (file, stat) = self
            .open_in(&dir, name, rel, OFlags::RDONLY, false)?
            .ok_or_else(missing)?;
        if stat.st_nlink > 1 {
            return Err(Error::Refused(format!(
                "`{}` has other hard links, whose mode would change too: move it away",
                shown.display()
            )));
        }
        set_exact_mode(&file, mode).map_err(io_error("change the mode of", &shown))
    }

    /// Deletes the regular file `rel` durably, then its directory if that is left empty.
    pub fn remove_file(&self, rel: &str) -> Result<(), Error> {
        if !self.unlink(rel)? {
            return Err(io_error("delete", &self.shown(rel))(Errno::NOENT.into()));
        }
        let Some((parent, _)) = rel.rsplit_once('/') else {
            return Ok(());
        };
        if let Some((dir, name)) = self.parent_of(parent, None)?
            && rustix::fs::unlinkat(&dir, name, AtFlags::REMOVEDIR).is_ok()
        {
            rustix::fs::fsync(&dir).map_err(os("flush", &self.shown(parent)))?;
        }
        Ok(())
    }

    /// Deletes the regular file `rel` durably, leaving its directory; whether it existed.
    pub fn unlink(&self, rel: &str) -> Result<bool, Error> {
        let shown = self.shown(rel);
        let Some((dir, name)) = self.parent_of(rel, None)? else {
            return Ok(false);
        };
        match rustix::fs::statat(&dir, name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(stat) if !is_regular(&stat) => {
                return Err(not_regular_in_dir(&shown, kind_name(&stat)));
            }
            Ok(_) => {}
            Err(Errno::NOENT) => return Ok(false),
            Err(e) => return Err(os("inspect", &shown)(e)),
        }
        rustix::fs::unlinkat(&dir, name, AtFlags::empty()).map_err(os("delete", &shown))?;
        rustix::fs::fsync(&dir).map_err(os("flush the directory of", &shown))?;
        Ok(true)
    }

    fn parent_or_created<'r>(
        &self,
        rel: &'r str,
        mode: u32,
    ) -> Result<(Handle<'_>, &'r str), Error> {
        Ok(self
            .parent_of(rel, Some(mode))?
            .expect("missing directories are created"))
    }
}

/// Sets `mode` explicitly: the umask, or an older file's mode, must not decide whether a script
/// is executable.
fn set_exact_mode(file: &File, mode: u32) -> std::io::Result<()> {
    rustix::fs::fchmod(file, Mode::from_raw_mode(mode)).map_err(Into::into)
}

#[cfg(test)]
mod tests {
    use crate::state::DeployDir;
    use std::os::unix::fs::{PermissionsExt, symlink};

    fn mode(path: &std::path::Path) -> u32 {
        std::fs::symlink_metadata(path)
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    }

    #[test]
    fn an_uncommitted_write_leaves_the_target_untouched() {
        let root = tempfile::tempdir().unwrap();
        let dir = DeployDir::open(root.path()).unwrap().unwrap();
        dir.write_atomic("sub/file", b"old", 0o644).unwrap();
        let pending = dir.write_temp("sub/file", b"new", 0o755).unwrap();
        assert_eq!(std::fs::read(root.path().join("sub/file")).unwrap(), b"old");
        pending.commit().unwrap();
        assert_eq!(std::fs::read(root.path().join("sub/file")).unwrap(), b"new");
        assert_eq!(mode(&root.path().join("sub/file")), 0o755);
        let names: Vec<_> = std::fs::read_dir(root.path().join("sub"))
            .unwrap()
            .collect();
        assert_eq!(names.len(), 1, "the temp file was renamed away");
    }

    #[test]
    fn new_directories_are_private_for_private_files_and_for_hacc_state() {
        let root = tempfile::tempdir().unwrap();
        let dir = DeployDir::open(root.path()).unwrap().unwrap();
        dir.write_atomic("secrets/key", b"k", 0o600).unwrap();
        dir.write_atomic(".hacc/manifest.json", b"{}", 0o644)
            .unwrap();
        dir.write_atomic("files/app.py", b"x", 0o644).unwrap();
        assert_eq!(mode(&root.path().join("secrets")), 0o700);
        assert_eq!(mode(&root.path().join(".hacc")), 0o700);
        assert_eq!(mode(&root.path().join("files")), 0o755);
    }

    #[test]
    fn removing_the_last_file_removes_its_directory() {
        let root = tempfile::tempdir().unwrap();
        let dir = DeployDir::open(root.path()).unwrap().unwrap();
        dir.write_atomic("files/app.py", b"x", 0o644).unwrap();
        dir.remove_file("files/app.py").unwrap();
        assert!(!root.path().join("files").exists());
    }

    #[test]
    fn nothing_is_written_deleted_or_chmoded_through_a_link() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        std::fs::set_permissions(&victim, PermissionsExt::from_mode(0o600)).unwrap();
        symlink(outside.path(), root.path().join("files")).unwrap();
        symlink(&victim, root.path().join("cib.crm")).unwrap();
        symlink(&victim, root.path().join(".cib.xml.hacc-tmp")).unwrap();
        let dir = DeployDir::open(root.path()).unwrap().unwrap();

        let refusals = [
            dir.write_atomic("files/victim", b"x", 0o644).unwrap_err(),
            dir.write_in_place("cib.crm", b"x", 0o644).unwrap_err(),
            dir.write_atomic("cib.xml", b"x", 0o644).unwrap_err(),
            dir.set_mode("cib.crm", 0o644).unwrap_err(),
            dir.remove_file("files/victim").unwrap_err(),
            dir.remove_file("cib.crm").unwrap_err(),
        ];
        for refusal in refusals {
            assert!(
                refusal.to_string().contains("is a symbolic link"),
                "{refusal}"
            );
        }
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(mode(&victim), 0o600);
    }

    #[test]
    fn a_hard_link_is_replaced_not_written_through() {
        let root = tempfile::tempdir().unwrap();
        let victim = root.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        std::fs::set_permissions(&victim, PermissionsExt::from_mode(0o600)).unwrap();
        std::fs::create_dir(root.path().join("out")).unwrap();
        std::fs::hard_link(&victim, root.path().join("out/Dockerfile")).unwrap();
        let dir = DeployDir::open(&root.path().join("out")).unwrap().unwrap();
        let refusal = dir.set_mode("Dockerfile", 0o755).unwrap_err().to_string();
        assert!(refusal.contains("has other hard links"), "{refusal}");
        dir.write_in_place("Dockerfile", b"new", 0o644).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(mode(&victim), 0o600);
        let written = root.path().join("out/Dockerfile");
        assert_eq!(std::fs::read_to_string(written).unwrap(), "new");
    }
}
