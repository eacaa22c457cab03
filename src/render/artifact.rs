/// One generated file, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Relative path with `/` separators, e.g. `corosync.conf`.
    pub path: String,
    pub contents: String,
    /// Unix permission bits (0o644 for data, 0o755 for scripts).
    pub mode: u32,
}

impl Artifact {
    pub fn file(path: &str, contents: String) -> Self {
        Artifact {
            path: path.to_string(),
            contents,
            mode: 0o644,
        }
    }

    pub fn script(path: &str, contents: String) -> Self {
        Artifact {
            path: path.to_string(),
            contents,
            mode: 0o755,
        }
    }
}
