//! A temporary working directory holding a copy of the seed example in `spec/`, for tests that
//! run the real binary against deploy directories, and a byte-for-byte record of a directory.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const SPEC: &str = "spec/cluster.kdl";
pub const DIR: &str = "deploy";
pub const AUTHKEY: &str = "secrets/authkey";

pub struct Sandbox {
    root: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let root = tempfile::tempdir().unwrap();
        let example = super::root().join("examples/seed");
        std::fs::create_dir(root.path().join("spec")).unwrap();
        for name in ["cluster.kdl", "app.py"] {
            std::fs::copy(example.join(name), root.path().join("spec").join(name)).unwrap();
        }
        Sandbox { root }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    /// Runs hacc in the sandbox's root.
    pub fn hacc(&self, args: &[&str]) -> Output {
        self.hacc_in("", args)
    }

    /// Runs hacc with the working directory `cwd`, relative to the root.
    pub fn hacc_in(&self, cwd: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_hacc"))
            .current_dir(self.path(cwd))
            .args(args)
            .env_remove("NO_COLOR")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    pub fn apply(&self, dir: &str) -> Output {
        self.hacc(&["apply", SPEC, "--dir", dir, "--auto-approve"])
    }

    /// Rewrites the spec with `edit` applied to its text.
    #[track_caller]
    pub fn edit_spec(&self, edit: impl Fn(&str) -> String) {
        let path = self.path(SPEC);
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = edit(&text);
        assert_ne!(edited, text, "the edit changed nothing");
        std::fs::write(path, edited).unwrap();
    }

    /// What `hacc build` writes for the spec now, by path.
    #[track_caller]
    pub fn build(&self) -> BTreeMap<String, Entry> {
        let out = tempfile::tempdir().unwrap();
        assert_success(&self.hacc(&["build", SPEC, "-o", out.path().to_str().unwrap()]));
        snapshot(out.path())
    }
}

/// One entry of a directory as it is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    File { bytes: Vec<u8>, mode: u32 },
    Dir { mode: u32 },
    Link(PathBuf),
    Other,
}

/// Every entry under `dir`, hacc's own state and directories included, with modes and
/// contents; empty when `dir` does not exist.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Entry> {
    fn walk(dir: &Path, prefix: &str, entries: &mut BTreeMap<String, Entry>) {
        let Ok(list) = std::fs::read_dir(dir) else {
            return;
        };
        for item in list.map(Result::unwrap) {
            let rel = format!("{prefix}{}", item.file_name().to_string_lossy());
            let meta = std::fs::symlink_metadata(item.path()).unwrap();
            let mode = meta.permissions().mode() & 0o7777;
            let entry = if meta.is_dir() {
                walk(&item.path(), &format!("{rel}/"), entries);
                Entry::Dir { mode }
            } else if meta.is_file() {
                let bytes = std::fs::read(item.path()).unwrap();
                Entry::File { bytes, mode }
            } else if meta.file_type().is_symlink() {
                Entry::Link(std::fs::read_link(item.path()).unwrap())
            } else {
                Entry::Other
            };
            entries.insert(rel, entry);
        }
    }
    let mut entries = BTreeMap::new();
    walk(dir, "", &mut entries);
    entries
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[track_caller]
pub fn assert_success(output: &Output) {
    assert_exit(output, 0);
}

#[track_caller]
pub fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}
