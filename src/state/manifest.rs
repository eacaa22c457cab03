//! `.hacc/manifest.json`: every file the last apply wrote, with its hash and mode.
//!
//! Apply writes the manifest twice: first with `pending` listing what it is about to write or
//! delete, then, once every file is in place, with `files` updated and `pending` empty. After a
//! crash, [`Manifest::settle`] keeps each pending change that reached the disk, so files written
//! before the crash count as managed and the next plan shows only what is really left to do.

use super::{
    DEPLOY_FILE_CAP, DeployDir, Error, MANIFEST_CAP, MANIFEST_PATH, is_safe_relative, octal_mode,
    sha256_hex,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Bumped when the manifest's shape changes incompatibly.
pub(super) const MANIFEST_FORMAT: u32 = 1;

/// What hacc knows about a file it wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedFile {
    pub sha256: String,
    #[serde(with = "octal_mode")]
    pub mode: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format_version: u32,
    pub hacc_version: String,
    pub spec_sha256: String,
    /// Managed files by path relative to the directory.
    pub files: BTreeMap<String, ManagedFile>,
    /// Changes an apply in progress is making: the new state of a path, or null for a delete.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pending: BTreeMap<String, Option<ManagedFile>>,
}

impl Manifest {
    pub fn new(spec_sha256: &str, files: BTreeMap<String, ManagedFile>) -> Self {
        Manifest {
            format_version: MANIFEST_FORMAT,
            hacc_version: env!("CARGO_PKG_VERSION").to_string(),
            spec_sha256: spec_sha256.to_string(),
            files,
            pending: BTreeMap::new(),
        }
    }

    /// Reads the manifest of `dir`; `None` when hacc never applied there.
    pub fn load(dir: &Path) -> Result<Option<Manifest>, Error> {
        let path = dir.join(MANIFEST_PATH);
        let Some(deploy) = DeployDir::open(dir)? else {
            return Ok(None);
        };
        let Some((bytes, _)) = deploy.read(MANIFEST_PATH, MANIFEST_CAP)? else {
            return Ok(None);
        };
        let corrupt = |message: String| Error::Corrupt {
            path: path.clone(),
            what: "hacc manifest",
            message,
        };
        let manifest: Manifest =
            serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
        if manifest.format_version != MANIFEST_FORMAT {
            return Err(corrupt(format!(
                "format version {} is not {MANIFEST_FORMAT}; it was written by another hacc version",
                manifest.format_version
            )));
        }
        let paths = manifest.files.keys().chain(manifest.pending.keys());
        if let Some(bad) = paths.into_iter().find(|p| !is_safe_relative(p)) {
            return Err(corrupt(format!(
                "`{bad}` is not a path inside the directory"
            )));
        }
        Ok(Some(manifest))
    }

    /// Resolves an interrupted apply: each pending change that is on disk becomes part of
    /// `files`; the others are dropped, leaving the file as it was before.
    pub fn settle(mut self, dir: &Path) -> Result<Manifest, Error> {
        let deploy = DeployDir::open(dir)?;
        for (path, change) in std::mem::take(&mut self.pending) {
            let on_disk = match &deploy {
                Some(deploy) => deploy.read(&path, DEPLOY_FILE_CAP)?,
                None => None,
            }
            .map(|(bytes, _)| sha256_hex(&bytes));
            match (change, on_disk) {
                (Some(new), Some(hash)) if new.sha256 == hash => {
                    self.files.insert(path, new);
                }
                (None, None) => {
                    self.files.remove(&path);
                }
                _ => {}
            }
        }
        Ok(self)
    }

    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a manifest always serialises");
        json.push('\n');
        json
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn managed(bytes: &[u8]) -> ManagedFile {
        ManagedFile {
            sha256: sha256_hex(bytes),
            mode: 0o644,
        }
    }

    #[test]
    fn settle_keeps_only_the_pending_changes_that_reached_the_disk() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("written"), "new").unwrap();
        std::fs::write(dir.path().join("not-yet"), "old").unwrap();
        let mut manifest = Manifest::new("spec", BTreeMap::new());
        manifest.files.insert("not-yet".into(), managed(b"old"));
        manifest.files.insert("deleted".into(), managed(b"gone"));
        manifest
            .pending
            .insert("written".into(), Some(managed(b"new")));
        manifest
            .pending
            .insert("not-yet".into(), Some(managed(b"new")));
        manifest.pending.insert("deleted".into(), None);

        let settled = manifest.settle(dir.path()).unwrap();

        assert!(settled.pending.is_empty());
        assert_eq!(settled.files.get("written"), Some(&managed(b"new")));
        assert_eq!(settled.files.get("not-yet"), Some(&managed(b"old")));
        assert!(!settled.files.contains_key("deleted"));
    }

    #[test]
    fn load_rejects_a_manifest_naming_a_path_outside_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::new("spec", BTreeMap::new());
        manifest.files.insert("../escape".into(), managed(b"x"));
        std::fs::create_dir(dir.path().join(".hacc")).unwrap();
        std::fs::write(dir.path().join(MANIFEST_PATH), manifest.to_json()).unwrap();
        let error = Manifest::load(dir.path()).unwrap_err().to_string();
        assert!(error.contains("`../escape`"), "{error}");
    }

    #[test]
    fn modes_round_trip_as_octal_strings() {
        let mut manifest = Manifest::new("spec", BTreeMap::new());
        manifest.files.insert(
            "run".into(),
            ManagedFile {
                sha256: "h".into(),
                mode: 0o755,
            },
        );
        let json = manifest.to_json();
        assert!(json.contains("\"mode\": \"0755\""), "{json}");
        assert_eq!(serde_json::from_str::<Manifest>(&json).unwrap(), manifest);
    }
}
