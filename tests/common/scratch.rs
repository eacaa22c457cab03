//! A scratch directory for files the real tools read: a `tempfile::TempDir`, so it is removed
//! when dropped, also when the test fails, and two tests never share one.

use hacc::render::Artifact;
use std::path::{Path, PathBuf};

pub struct Scratch(tempfile::TempDir);

impl Scratch {
    /// A new empty directory; `label` goes into its name, to tell a leftover one apart.
    pub fn new(label: &str) -> Scratch {
        let dir = tempfile::Builder::new()
            .prefix(&format!("hacc-{label}-"))
            .tempdir()
            .unwrap();
        Scratch(dir)
    }

    /// A new directory holding every artifact, as `hacc build` writes them.
    pub fn with_artifacts(label: &str, artifacts: &[Artifact]) -> Scratch {
        let scratch = Scratch::new(label);
        for artifact in artifacts {
            let path = scratch.join(&artifact.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &artifact.contents).unwrap();
        }
        scratch
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }

    pub fn join(&self, relative: &str) -> PathBuf {
        self.0.path().join(relative)
    }

    /// Writes `contents` to `name` in the directory and returns its path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }
}
