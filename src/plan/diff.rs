//! Unified diffs of file contents for the plan.

use similar::TextDiff;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// The hunks (`@@ ... @@` and their lines) turning `old` into `new`, without file headers.
pub fn unified_hunks(old: &[u8], new: &[u8]) -> String {
    match (std::str::from_utf8(old), std::str::from_utf8(new)) {
        (Ok(old), Ok(new)) => TextDiff::from_lines(old, new)
            .unified_diff()
            .context_radius(CONTEXT)
            .to_string(),
        _ => "binary contents differ\n".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_changed_line_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
        let diff = unified_hunks(old.as_bytes(), new.as_bytes());
        assert!(diff.starts_with("@@ -2,7 +2,7 @@\n"), "{diff}");
        assert!(diff.contains("\n-e\n+E\n"), "{diff}");
        assert!(!diff.contains("\n a\n"), "more context than asked: {diff}");
    }

    #[test]
    fn binary_contents_are_not_printed() {
        assert_eq!(unified_hunks(&[0xff], &[0xfe]), "binary contents differ\n");
    }
}
