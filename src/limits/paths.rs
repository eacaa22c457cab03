//! Paths of the files copied or generated into the node image.

/// The entrypoint hacc installs in every node image (see `Dockerfile.j2`).
pub const ENTRYPOINT: &str = "/usr/local/sbin/hacc-entrypoint";

/// Where the image build stages files before installing them (see `Dockerfile.j2`).
pub const STAGING_ROOT: &str = "/usr/local/share/hacc";

/// Longest path Linux accepts (`PATH_MAX` less the terminating NUL).
const PATH_MAX: usize = 4095;

/// Longest file name Linux file systems accept (`NAME_MAX`).
const NAME_MAX: usize = 255;

/// The source of a `copy`: a file inside the spec's directory, named relative to it.
pub fn copy_source(text: &str) -> Option<&'static str> {
    if text.starts_with('/') {
        Some("is an absolute path")
    } else if text.split('/').any(|c| c == "..") {
        Some("leaves the spec's directory with `..`")
    } else {
        None
    }
}

/// A path a file is installed at in the image (a `copy` destination or a wrapper).
pub fn install_path(text: &str) -> Option<&'static str> {
    let path = normalized(text);
    if text.len() > PATH_MAX {
        Some("is longer than 4095 bytes")
    } else if text.split('/').any(|c| c.len() > NAME_MAX) {
        Some("has a component longer than 255 bytes")
    } else if path == ENTRYPOINT {
        Some("is the entrypoint hacc installs")
    } else if path == STAGING_ROOT || path.starts_with(&format!("{STAGING_ROOT}/")) {
        Some("is inside the directory hacc stages files in")
    } else {
        None
    }
}

/// An absolute path with empty and `.` components dropped and `..` resolved, so two spellings
/// of one file compare equal.
pub fn normalized(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reserved_paths_are_the_ones_the_dockerfile_uses() {
        let dockerfile = include_str!("../render/templates/Dockerfile.j2");
        assert!(dockerfile.contains(ENTRYPOINT));
        assert!(dockerfile.contains(&format!("{STAGING_ROOT}/files")));
    }

    #[test]
    fn copy_sources_stay_inside() {
        assert_eq!(copy_source("app.py"), None);
        assert_eq!(copy_source("dir/..x/a"), None);
        assert!(copy_source("/etc/passwd").is_some());
        assert!(copy_source("../secret").is_some() && copy_source("a/../../b").is_some());
    }

    #[test]
    fn install_paths() {
        assert_eq!(install_path("/usr/local/bin/app.py"), None);
        assert_eq!(install_path("/usr/local/share/hacco"), None);
        for bad in [
            "/usr/local/sbin/hacc-entrypoint",
            "/usr/local/sbin/./hacc-entrypoint",
            "/usr/local/share/hacc",
            "/usr/local/share//hacc/files/x",
            "/tmp/../usr/local/share/hacc/x",
        ] {
            assert!(install_path(bad).is_some(), "{bad}");
        }
        assert!(install_path(&format!("/opt/{}", "x".repeat(256))).is_some());
        assert!(install_path(&"/abc".repeat(1024)).is_some());
    }

    #[test]
    fn normalizing() {
        assert_eq!(normalized("/a//b/./c/../d/"), "/a/b/d");
        assert_eq!(normalized("/../a"), "/a");
    }
}
