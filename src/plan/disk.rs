//! What is in an output directory now.

use crate::state::{Error, LOCK_PATH, io_error, sha256_hex};
use std::collections::BTreeMap;
use std::io::ErrorKind;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// A file as it is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnDisk {
    pub bytes: Vec<u8>,
    pub sha256: String,
    pub mode: u32,
}

/// Reads `dir/rel`: its bytes and mode, `None` when absent. Anything but a regular file there
/// is an error, since hacc would have to replace something it does not understand. Not hashed
/// here: a plan hashes every file it reads at once, on both cores.
pub fn read_current(dir: &Path, rel: &str) -> Result<Option<(Vec<u8>, u32)>, Error> {
    let path = dir.join(rel);
    let metadata = match std::fs::symlink_metadata(&path) {
        Ok(metadata) => metadata,
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
            return Ok(None);
        }
        Err(e) => return Err(io_error("inspect", &path)(e)),
    };
    if !metadata.is_file() {
        return Err(Error::Refused(format!(
            "`{}` is not a regular file; move it away so hacc can write its generated file there",
            path.display()
        )));
    }
    let bytes = std::fs::read(&path).map_err(io_error("read", &path))?;
    Ok(Some((bytes, metadata.permissions().mode() & 0o7777)))
}

/// A fingerprint of every file under `dir` (path relative to `dir` -> SHA-256; symlinks by their
/// target), except the lock, whose pid changes with every apply, and any `.git` directory. A saved plan records it so that
/// applying the plan can tell whether anything in the directory changed since. Empty when `dir`
/// does not exist.
pub fn dir_state(dir: &Path) -> Result<BTreeMap<String, String>, Error> {
    let mut state = BTreeMap::new();
    if dir.exists() {
        walk(dir, "", &mut state)?;
    }
    state.remove(LOCK_PATH);
    Ok(state)
}

fn walk(dir: &Path, prefix: &str, state: &mut BTreeMap<String, String>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(io_error("list", dir))?;
    for entry in entries {
        let entry = entry.map_err(io_error("list", dir))?;
        let path = entry.path();
        let rel = format!("{prefix}{}", entry.file_name().to_string_lossy());
        let kind = entry.file_type().map_err(io_error("inspect", &path))?;
        if kind.is_dir() && entry.file_name() == ".git" {
            continue;
        } else if kind.is_dir() {
            walk(&path, &format!("{rel}/"), state)?;
        } else if kind.is_symlink() {
            let target = std::fs::read_link(&path).map_err(io_error("read the link", &path))?;
            state.insert(rel, format!("symlink:{}", target.display()));
        } else {
            let bytes = std::fs::read(&path).map_err(io_error("read", &path))?;
            state.insert(rel, sha256_hex(&bytes));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dir_state_sees_nested_files_but_not_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".hacc")).unwrap();
        std::fs::create_dir_all(dir.path().join("files")).unwrap();
        std::fs::write(dir.path().join(LOCK_PATH), "123\n").unwrap();
        std::fs::write(dir.path().join("files/app.py"), "x").unwrap();
        let state = dir_state(dir.path()).unwrap();
        assert_eq!(
            state.keys().collect::<Vec<_>>(),
            vec!["files/app.py"],
            "{state:?}"
        );
        assert_eq!(state["files/app.py"], sha256_hex(b"x"));
    }

    #[test]
    fn read_current_reports_mode_and_absence() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_current(dir.path(), "missing/file").unwrap(), None);
        let path = dir.path().join("run");
        std::fs::write(&path, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o750)).unwrap();
        let (bytes, mode) = read_current(dir.path(), "run").unwrap().unwrap();
        assert_eq!(mode, 0o750);
        assert_eq!(bytes, b"#!/bin/sh\n");
    }
}
