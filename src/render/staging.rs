//! Where the files that go into the node image sit in the build context (`files/`).
//!
//! Copied app files and generated wrappers share `files/` under names that need no quoting
//! in a Dockerfile; the image build installs each one at its real path with a shell command,
//! where quoting is exact. `hacc build` copies each [`Staged::Copy`] source there.

use crate::model::Image;
use serde::Serialize;
use std::collections::BTreeSet;

/// The build-context directory holding every staged file.
pub(super) const STAGING_DIR: &str = "files";

/// One file placed in `files/` and installed into the image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Staged {
    /// Path in the build context, e.g. `files/app.py`.
    pub staged: String,
    /// Absolute path in the image.
    pub dest: String,
    /// Installed with mode 0755 (scripts, executables) rather than 0644.
    pub executable: bool,
    /// The spec-relative file to copy there, or `None` for a generated wrapper.
    pub source: Option<String>,
}

/// Every staged file of the image, copies first, then wrappers, in spec order.
pub fn staged_files(image: &Image) -> Vec<Staged> {
    let copies = image.copies.iter().map(|c| Staged {
        staged: base_name(&c.source),
        dest: c.dest.value.clone(),
        executable: c.executable,
        source: Some(c.source.value.clone()),
    });
    let wrappers = image.wrappers.iter().map(|w| Staged {
        staged: base_name(&w.path),
        dest: w.path.value.clone(),
        executable: true,
        source: None,
    });
    let mut used = BTreeSet::new();
    copies
        .chain(wrappers)
        .map(|mut file| {
            // A repeated name gets a numbered prefix: distinct, and stable for a given spec.
            let mut name = file.staged.clone();
            let mut n = 1;
            while !used.insert(name.clone()) {
                n += 1;
                name = format!("{n}-{}", file.staged);
            }
            file.staged = format!("{STAGING_DIR}/{name}");
            file
        })
        .collect()
}

/// Longest staged file name; file systems allow 255 bytes, and the prefix of a repeated
/// name needs room.
const MAX_NAME: usize = 100;

/// The last path component, reduced to characters a Dockerfile and a shell read literally,
/// and cut to a length every file system accepts.
fn base_name(path: &str) -> String {
    let last = path.rsplit('/').find(|p| !p.is_empty()).unwrap_or("file");
    let name: String = last
        .chars()
        .take(MAX_NAME)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.chars().all(|c| c == '.') {
        format!("file{name}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_names_are_plain() {
        assert_eq!(base_name("app.py"), "app.py");
        assert_eq!(base_name("dir/my app$(x).py"), "my_app__x_.py");
        assert_eq!(base_name("a/"), "a");
        assert_eq!(base_name(".."), "file..");
        assert_eq!(base_name(&"x".repeat(10_000)).len(), MAX_NAME);
    }

    #[test]
    fn repeated_names_stay_distinct() {
        let spec = r#"cluster "c" {
            property "stonith-enabled" #false {
                unsafe-acknowledged "test lab without fencing"
            }
            image {
                copy "a/run" to="/opt/a/run"
                copy "b/run" to="/opt/b/run"
                wrapper "/usr/local/bin/run" "true"
            }
            node "n1" address="10.0.0.11"
        }"#;
        let checked = crate::pipeline::check_source(spec).checked.unwrap();
        let staged: Vec<String> = staged_files(&checked.cluster().image)
            .into_iter()
            .map(|s| s.staged)
            .collect();
        assert_eq!(staged, ["files/run", "files/2-run", "files/3-run"]);
    }
}
