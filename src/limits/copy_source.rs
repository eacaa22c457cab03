//! Where a `copy` source is read from: a regular file inside the spec's directory once every
//! symbolic link is resolved, so `copy "rootlink/etc/shadow"` with `rootlink -> /` copies
//! nothing. `hacc check` reports a source that is not; reading it for a build checks again,
//! since the file system may have changed in between.

use std::io::ErrorKind;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

/// Why `source` names no file whatever the file system holds: it is empty, or only `.`.
pub fn names_no_file(source: &str) -> Option<&'static str> {
    if source.is_empty() {
        Some("is empty")
    } else if source.split('/').all(|part| part.is_empty() || part == ".") {
        Some("names the spec's directory, not a file")
    } else {
        None
    }
}

/// The real path of `source` (relative to `spec_dir`), or why it cannot be copied, as a phrase
/// that follows the source ("does not exist in the spec's directory").
pub fn resolve(spec_dir: &Path, source: &str) -> Result<PathBuf, String> {
    if let Some(why) = names_no_file(source) {
        return Err(why.to_string());
    }
    let root = spec_dir
        .canonicalize()
        .map_err(|e| format!("cannot be looked up: the spec's directory cannot be read ({e})"))?;
    let real = match root.join(source).canonicalize() {
        Ok(real) => real,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err("does not exist in the spec's directory".into());
        }
        Err(e) => return Err(format!("cannot be read ({e})")),
    };
    if !real.starts_with(&root) {
        return Err("leads outside the spec's directory through a symbolic link".into());
    }
    let kind = std::fs::symlink_metadata(&real)
        .map_err(|e| format!("cannot be read ({e})"))?
        .file_type();
    let not = if kind.is_file() {
        return Ok(real);
    } else if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "a socket"
    };
    Err(format!("is {not}, not a regular file"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_inside_the_directory_resolve() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("app.py"), "x").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::os::unix::fs::symlink("/", dir.path().join("rootlink")).unwrap();
        std::os::unix::fs::symlink("app.py", dir.path().join("alias")).unwrap();
        let real = dir.path().canonicalize().unwrap().join("app.py");
        assert_eq!(resolve(dir.path(), "app.py"), Ok(real.clone()));
        assert_eq!(
            resolve(dir.path(), "alias"),
            Ok(real),
            "a link inside is fine"
        );
        for (source, why) in [
            ("", "is empty"),
            (".", "names the spec's directory, not a file"),
            ("./", "names the spec's directory, not a file"),
            ("missing", "does not exist in the spec's directory"),
            ("sub", "is a directory, not a regular file"),
            (
                "rootlink/etc/passwd",
                "leads outside the spec's directory through a symbolic link",
            ),
        ] {
            assert_eq!(
                resolve(dir.path(), source),
                Err(why.to_string()),
                "{source}"
            );
        }
    }
}
