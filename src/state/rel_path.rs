/// Whether `path` names a file inside a directory: relative, `/`-separated, and with no empty,
/// `.` or `..` component. Paths read back from a manifest or a saved plan are checked with this
/// so an edited file cannot make hacc write or delete outside the directory.
pub fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\0')
        && !path.contains('\\')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

#[cfg(test)]
mod tests {
    use super::is_safe_relative;

    #[test]
    fn accepts_plain_relative_paths() {
        assert!(is_safe_relative("cib.crm"));
        assert!(is_safe_relative("secrets/authkey"));
        assert!(is_safe_relative(".gitignore"));
    }

    #[test]
    fn rejects_paths_that_leave_the_directory() {
        for path in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "./a",
            "a/",
            "a\\b",
        ] {
            assert!(!is_safe_relative(path), "{path:?}");
        }
    }
}
