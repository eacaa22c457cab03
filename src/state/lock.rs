//! `.hacc/lock`: one apply at a time per directory, and no plan while an apply runs.
//!
//! An advisory `flock` on the lock file: apply holds it exclusively for its whole run, plan
//! holds it shared, so plans run side by side but never read a directory (or a cluster) that
//! an apply is changing. The kernel drops the lock when the holder exits or crashes, so a lock
//! can never be left stale. An apply writes its pid into the file, and clears it when done,
//! only so that a refused command can say who holds the lock.

use super::{DeployDir, Error, LOCK_PATH, io_error};
use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

/// Held while alive; dropping it (or the process ending) releases the lock. It carries the
/// open directory, so whatever holds the lock writes through the one handle it locked.
#[derive(Debug)]
pub struct DirLock {
    file: File,
    exclusive: bool,
    dir: DeployDir,
}

impl DirLock {
    /// Takes the lock of `dir` for an apply (creating `dir` and `.hacc/`), or fails at once if
    /// another command holds it.
    pub fn acquire(dir: &Path) -> Result<DirLock, Error> {
        let deploy = DeployDir::create(dir)?;
        let path = deploy.shown(LOCK_PATH);
        let mut file = deploy
            .open_lock(LOCK_PATH, true)?
            .expect("a created lock file exists");
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(locked(dir, &mut file)),
            Err(TryLockError::Error(e)) => return Err(io_error("lock", &path)(e)),
        }
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| writeln!(file, "{}", std::process::id()))
            .map_err(io_error("write", &path))?;
        Ok(DirLock {
            file,
            exclusive: true,
            dir: deploy,
        })
    }

    /// Takes the lock of `dir` for a plan, which only reads: shared with other plans, refused
    /// while an apply holds it. `None` when no apply ever ran there (no lock file): a plan
    /// writes nothing into the directory, not even a lock.
    pub fn acquire_shared(dir: &Path) -> Result<Option<DirLock>, Error> {
        let Some(deploy) = DeployDir::open(dir)? else {
            return Ok(None);
        };
        let Some(mut file) = deploy.open_lock(LOCK_PATH, false)? else {
            return Ok(None);
        };
        match file.try_lock_shared() {
            Ok(()) => Ok(Some(DirLock {
                file,
                exclusive: false,
                dir: deploy,
            })),
            Err(TryLockError::WouldBlock) => Err(locked(dir, &mut file)),
            Err(TryLockError::Error(e)) => Err(io_error("lock", &deploy.shown(LOCK_PATH))(e)),
        }
    }

    /// The locked directory.
    pub fn dir(&self) -> &DeployDir {
        &self.dir
    }
}

impl Drop for DirLock {
    /// Clears the pid first, so that a command refused later by a plan's shared lock does not
    /// name a finished apply.
    fn drop(&mut self) {
        if self.exclusive {
            let _ = self.file.set_len(0);
        }
    }
}

/// The refusal, naming the apply that holds the lock when it wrote its pid.
fn locked(dir: &Path, file: &mut File) -> Error {
    let mut pid = String::new();
    let _ = file.read_to_string(&mut pid);
    let holder = match pid.trim() {
        "" => "another `hacc plan` or `hacc apply`".to_string(),
        pid => format!("another `hacc apply` (pid {pid})"),
    };
    Error::Locked {
        dir: dir.to_path_buf(),
        holder,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_directory_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = DirLock::acquire(dir.path()).unwrap();
        let refused = DirLock::acquire(dir.path()).unwrap_err().to_string();
        assert!(
            refused.contains("locked by another `hacc apply`"),
            "{refused}"
        );
        assert!(
            refused.contains(&std::process::id().to_string()),
            "{refused}"
        );
        drop(first);
        DirLock::acquire(dir.path()).unwrap();
    }

    #[test]
    fn plans_share_the_lock_and_exclude_applies_both_ways() {
        let dir = tempfile::tempdir().unwrap();
        assert!(DirLock::acquire_shared(dir.path()).unwrap().is_none());
        assert!(
            !dir.path().join(LOCK_PATH).exists(),
            "a plan must not create the lock file"
        );

        let apply = DirLock::acquire(dir.path()).unwrap();
        let refused = DirLock::acquire_shared(dir.path()).unwrap_err().to_string();
        assert!(
            refused.contains(&format!("(pid {})", std::process::id())),
            "{refused}"
        );
        drop(apply);

        let plan = DirLock::acquire_shared(dir.path()).unwrap().unwrap();
        let other_plan = DirLock::acquire_shared(dir.path()).unwrap().unwrap();
        let refused = DirLock::acquire(dir.path()).unwrap_err().to_string();
        assert!(
            refused.contains("locked by another `hacc plan` or `hacc apply`;"),
            "the finished apply's pid must be gone: {refused}"
        );
        drop((plan, other_plan));
        DirLock::acquire(dir.path()).unwrap();
    }
}
