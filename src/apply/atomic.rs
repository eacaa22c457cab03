//! Durable file replacement: a reader (or a crash) sees the old file or the new one, never a
//! mix. The new contents go to a temp file beside the target, are flushed to disk, and are
//! renamed over the target; then the directory is flushed so the rename itself survives.

use crate::state::{Error, io_error};
use std::fs::{DirBuilder, File, OpenOptions, Permissions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// New contents written and flushed next to their target, not yet in place.
#[must_use = "a temp file does nothing until committed"]
pub struct TempFile {
    temp: PathBuf,
    target: PathBuf,
}

impl TempFile {
    /// Renames the temp file over the target and flushes the directory.
    pub fn commit(self) -> Result<(), Error> {
        std::fs::rename(&self.temp, &self.target).map_err(io_error("rename into", &self.target))?;
        sync_dir(parent(&self.target))
    }
}

/// Writes `bytes` with `mode` to `.<name>.hacc-tmp` beside `target`, creating missing parent
/// directories (private ones for files only their owner may read). A temp file left by a crash
/// is simply overwritten next time; no other apply can be writing it, as applies hold the lock.
pub fn write_temp(target: &Path, bytes: &[u8], mode: u32) -> Result<TempFile, Error> {
    let dir = parent(target);
    create_dirs(dir, dir_mode_for(mode))?;
    let name = target.file_name().expect("a target names a file");
    let temp = dir.join(format!(".{}.hacc-tmp", name.to_string_lossy()));
    if let Err(e) = write_with_mode(&temp, bytes, mode).and_then(|file| file.sync_all()) {
        let _ = std::fs::remove_file(&temp);
        return Err(io_error("write", &temp)(e));
    }
    Ok(TempFile {
        temp,
        target: target.to_path_buf(),
    })
}

/// Creates or truncates `path` and writes `bytes` with exactly `mode`, set explicitly: the
/// umask, or an older file's mode, must not decide whether a script is executable. Returns the
/// file, for a caller that flushes it.
pub fn write_with_mode(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<File> {
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(bytes)?;
    file.set_permissions(Permissions::from_mode(mode))?;
    Ok(file)
}

/// The mode of a directory created for a file of `mode`: private when only the file's owner
/// may read it.
pub fn dir_mode_for(mode: u32) -> u32 {
    if mode & 0o077 == 0 { 0o700 } else { 0o755 }
}

/// Replaces `target` with `bytes` atomically and durably.
pub fn write_atomic(target: &Path, bytes: &[u8], mode: u32) -> Result<(), Error> {
    write_temp(target, bytes, mode)?.commit()
}

/// Changes the mode of a file whose contents stay.
pub fn set_mode(target: &Path, mode: u32) -> Result<(), Error> {
    std::fs::set_permissions(target, Permissions::from_mode(mode))
        .map_err(io_error("change the mode of", target))
}

/// Deletes `target` durably, then its directory if that is left empty.
pub fn remove_file(target: &Path) -> Result<(), Error> {
    std::fs::remove_file(target).map_err(io_error("delete", target))?;
    let dir = parent(target);
    sync_dir(dir)?;
    if std::fs::remove_dir(dir).is_ok() {
        sync_dir(parent(dir))?;
    }
    Ok(())
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Creates `dir` and its missing ancestors with `mode`, flushing each new entry's parent.
fn create_dirs(dir: &Path, mode: u32) -> Result<(), Error> {
    if dir.is_dir() {
        return Ok(());
    }
    create_dirs(parent(dir), 0o755)?;
    match DirBuilder::new().mode(mode).create(dir) {
        Ok(()) => sync_dir(parent(dir)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(io_error("create", dir)(e)),
    }
}

fn sync_dir(dir: &Path) -> Result<(), Error> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_error("flush", dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncommitted_write_leaves_the_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub/file");
        write_atomic(&target, b"old", 0o644).unwrap();
        let pending = write_temp(&target, b"new", 0o755).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
        pending.commit().unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o755);
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub")).unwrap().collect();
        assert_eq!(names.len(), 1, "the temp file was renamed away");
    }

    #[test]
    fn files_for_the_owner_only_get_a_private_new_directory() {
        let dir = tempfile::tempdir().unwrap();
        write_atomic(&dir.path().join("secrets/key"), b"k", 0o600).unwrap();
        let mode = std::fs::metadata(dir.path().join("secrets"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }

    #[test]
    fn removing_the_last_file_removes_its_directory() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("files/app.py");
        write_atomic(&target, b"x", 0o644).unwrap();
        remove_file(&target).unwrap();
        assert!(!dir.path().join("files").exists());
    }
}
