//! What is in an output directory now.

use crate::state::{DEPLOY_FILE_CAP, DeployDir, Entry, Error, LOCK_PATH};
use std::collections::BTreeMap;
use std::path::Path;

/// Where the hosts target's ssh keeps its connection sockets (see `live::hosts::ssh`).
const SSH_SOCKETS: &str = ".hacc/ssh/";

/// A file as it is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnDisk {
    pub bytes: Vec<u8>,
    pub sha256: String,
    pub mode: u32,
}

/// Reads `dir/rel`: its bytes and mode, `None` when absent. Anything but a regular file there
/// (or a link on the way) is an error, since hacc would have to replace something it does not
/// understand. Not hashed here: a plan hashes every file it reads at once, on both cores.
pub fn read_current(dir: &Path, rel: &str) -> Result<Option<(Vec<u8>, u32)>, Error> {
    match DeployDir::open(dir)? {
        Some(dir) => dir.read(rel, DEPLOY_FILE_CAP),
        None => Ok(None),
    }
}

/// A fingerprint of everything under `dir` (path relative to `dir` -> SHA-256 of a regular
/// file, streamed; a link by its target and a FIFO, device or socket by its kind, neither
/// opened), except the lock, whose pid changes with every apply, ssh's connection sockets and
/// any `.git` directory. A saved plan records it so that applying the plan can tell whether
/// anything in the directory changed since. Empty when `dir` does not exist.
pub fn dir_state(dir: &Path) -> Result<BTreeMap<String, String>, Error> {
    let Some(dir) = DeployDir::open(dir)? else {
        return Ok(BTreeMap::new());
    };
    let mut state: BTreeMap<String, String> = dir
        .entries()?
        .into_iter()
        .map(|(rel, entry)| {
            let print = match entry {
                Entry::File(sha256) => sha256,
                Entry::Link(target) => format!("symlink:{target}"),
                Entry::Special(kind) => format!("special:{kind}"),
            };
            (rel, print)
        })
        .collect();
    state.remove(LOCK_PATH);
    // ssh's shared connections come and go on their own.
    state.retain(|rel, _| !rel.starts_with(SSH_SOCKETS));
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::sha256_hex;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn dir_state_sees_nested_files_but_not_the_lock_nor_ssh_sockets() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".hacc")).unwrap();
        std::fs::create_dir_all(dir.path().join("files")).unwrap();
        std::fs::write(dir.path().join(LOCK_PATH), "123\n").unwrap();
        std::fs::create_dir_all(dir.path().join(".hacc/ssh")).unwrap();
        std::fs::write(dir.path().join(".hacc/ssh/0123abcd"), "").unwrap();
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
