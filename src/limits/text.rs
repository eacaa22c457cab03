//! Free text written into formats without quoting: corosync.conf values and the front's
//! health-check path.

/// Longest value hacc writes into corosync.conf: corosync reads lines of at most 511 bytes.
pub const COROSYNC_VALUE_MAX: usize = 255;

/// A corosync.conf value. corosync has no quoting: it trims spaces and tabs, splits on the
/// first `:`, treats any line holding `{` as a section start, and reads 511-byte lines.
pub fn corosync_value(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        Some("is empty, which corosync.conf cannot hold")
    } else if text.starts_with([' ', '\t']) || text.ends_with([' ', '\t']) {
        Some("has leading or trailing spaces, which corosync drops")
    } else if text.chars().any(char::is_control) {
        Some("holds line breaks or control characters, which corosync.conf cannot hold")
    } else if text.contains('{') {
        Some("holds `{`, which corosync reads as the start of a section")
    } else if text.len() > COROSYNC_VALUE_MAX {
        Some("is longer than the 255 bytes hacc writes into corosync.conf")
    } else {
        None
    }
}

/// The path haproxy requests to check a backend's health: an HTTP request target, written
/// into the request line as it is.
pub fn health_path(text: &str) -> Option<&'static str> {
    if !text.starts_with('/') {
        Some("does not start with `/`")
    } else if !text.chars().all(|c| c.is_ascii_graphic()) {
        Some(
            "holds spaces, control or non-ASCII characters, which an HTTP request line cannot carry",
        )
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corosync_values() {
        assert_eq!(corosync_value("docker-cluster"), None);
        assert_eq!(corosync_value("a:b}#c"), None);
        for bad in ["", " a", "a\t", "a\nb", "a{b", &"x".repeat(256)] {
            assert!(corosync_value(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn health_paths() {
        assert_eq!(health_path("/health?x=1&y=%20#f"), None);
        for bad in ["health", "/a b", "/a\tb", "/é", ""] {
            assert!(health_path(bad).is_some(), "{bad:?}");
        }
    }
}
