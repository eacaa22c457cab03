//! A deploy directory's identity: random, made by its first apply and kept in
//! `.hacc/identity`. The compose project is named after it, and Compose names the containers,
//! the network and the images after the project, so two directories of the same spec never
//! share a cluster.

use crate::state::{DeployDir, Error, STATE_DIR};
use std::fmt::Write as _;
use std::path::Path;

const IDENTITY_FILE: &str = "identity";
/// Random bytes in an identity: 12 hexadecimal digits, enough that two directories on one
/// Docker host never meet by chance (and the containers' labels are checked anyway).
const IDENTITY_BYTES: usize = 6;

/// The identity recorded in `dir`; `None` when no apply has made one yet.
pub fn read(dir: &Path) -> Result<Option<String>, Error> {
    let path = dir.join(STATE_DIR).join(IDENTITY_FILE);
    let Some(bytes) = read_small(dir, &format!("{STATE_DIR}/{IDENTITY_FILE}"))? else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(&bytes);
    let identity = text.trim();
    if !is_identity(identity) {
        return Err(Error::Refused(format!(
            "`{}` is damaged: it must hold {} lowercase hexadecimal digits, the identity that \
             names this directory's compose project",
            path.display(),
            IDENTITY_BYTES * 2
        )));
    }
    Ok(Some(identity.to_string()))
}

/// The identity of `dir`, made and recorded when it has none. Called by apply under the
/// directory's lock.
pub fn ensure(dir: &Path) -> Result<String, Error> {
    if let Some(identity) = read(dir)? {
        return Ok(identity);
    }
    let random = crate::state::random_bytes(IDENTITY_BYTES)?;
    let identity = random[..IDENTITY_BYTES]
        .iter()
        .fold(String::new(), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        });
    DeployDir::create(dir)?.write_atomic(
        &format!("{STATE_DIR}/{IDENTITY_FILE}"),
        format!("{identity}\n").as_bytes(),
        0o644,
    )?;
    Ok(identity)
}

/// A small state file of `dir`, read without following links; `None` when it or the
/// directory is missing.
pub fn read_small(dir: &Path, rel: &str) -> Result<Option<Vec<u8>>, Error> {
    match DeployDir::open(dir)? {
        Some(dir) => Ok(dir.read(rel, 1 << 16)?.map(|(bytes, _)| bytes)),
        None => Ok(None),
    }
}

fn is_identity(text: &str) -> bool {
    text.len() == IDENTITY_BYTES * 2 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_identity_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(STATE_DIR)).unwrap();
        assert_eq!(read(dir.path()).unwrap(), None);
        let made = ensure(dir.path()).unwrap();
        assert!(is_identity(&made), "{made}");
        assert_eq!(ensure(dir.path()).unwrap(), made);
        assert_eq!(read(dir.path()).unwrap(), Some(made.clone()));
        let other = tempfile::tempdir().unwrap();
        std::fs::create_dir(other.path().join(STATE_DIR)).unwrap();
        assert_ne!(ensure(other.path()).unwrap(), made);
    }

    #[test]
    fn a_damaged_identity_is_refused_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(STATE_DIR)).unwrap();
        let path = dir.path().join(STATE_DIR).join(IDENTITY_FILE);
        for damaged in ["", "../x", "ABCDEF012345", "0123456789abc"] {
            std::fs::write(&path, damaged).unwrap();
            let error = ensure(dir.path()).unwrap_err().to_string();
            assert!(error.contains("is damaged"), "{damaged:?}: {error}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), damaged);
        }
    }
}
