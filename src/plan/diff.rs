//! Unified diffs of file contents for the plan.

use similar::TextDiff;
use std::fmt::Write;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// The hunks (`@@ ... @@` and their lines) turning `old` into `new`, without file headers.
pub(crate) fn unified_hunks(old: &[u8], new: &[u8]) -> String {
    match (std::str::from_utf8(old), std::str::from_utf8(new)) {
        (Ok(old), Ok(new)) => {
            let window = Window::of(old, new);
            let hunks = full_hunks(window.old, window.new);
            shift_headers(&hunks, window.lines_before)
        }
        _ => "binary contents differ\n".to_string(),
    }
}

fn full_hunks(old: &str, new: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(CONTEXT)
        .to_string()
}

/// The part of both texts that can appear in a hunk: the lines from the context before the
/// first difference to the context after the last. Diffing only it gives the same hunks as
/// the whole (the lines around it are equal and beyond any context) with line numbers
/// `lines_before` lower; for a one-line edit of a megabyte file it is a few lines instead of
/// every line split, hashed and compared.
struct Window<'a> {
    old: &'a str,
    new: &'a str,
    lines_before: usize,
}

impl<'a> Window<'a> {
    fn of(old: &'a str, new: &'a str) -> Self {
        let (o, n) = (old.as_bytes(), new.as_bytes());
        let same = common_prefix(o, n);
        // Back to the start of the line holding the first difference, then over the context.
        let first = o[..same]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let mut start = first;
        for _ in 0..CONTEXT {
            start = match start.checked_sub(1) {
                Some(end) => o[..end]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1),
                None => 0,
            };
        }
        // The equal tail may not reach into the equal head, as the diff itself strips the head
        // first.
        let room = o.len().min(n.len()) - first;
        let same_end = common_suffix(&o[start..], &n[start..], room);
        // The equal tail, cut after its first line end: every line there is whole and equal.
        let tail = &o[o.len() - same_end..];
        let mut cut = tail
            .iter()
            .position(|&b| b == b'\n')
            .map_or(same_end, |i| i + 1);
        for _ in 0..CONTEXT {
            cut = match tail[cut..].iter().position(|&b| b == b'\n') {
                Some(i) => cut + i + 1,
                None => same_end,
            };
        }
        let keep = same_end - cut.min(same_end);
        Window {
            old: &old[start..o.len() - keep],
            new: &new[start..n.len() - keep],
            #[allow(clippy::naive_bytecount, reason = "a plan's files are small")]
            lines_before: o[..start].iter().filter(|&&b| b == b'\n').count(),
        }
    }
}

/// Bytes compared at once before the byte-by-byte search: equal blocks are checked by
/// `memcmp`, which matters for the megabytes of equal text around a one-line edit.
const BLOCK: usize = 256;

/// The length of the longest common prefix of `a` and `b`.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let len = a.len().min(b.len());
    let mut same = 0;
    while same + BLOCK <= len && a[same..same + BLOCK] == b[same..same + BLOCK] {
        same += BLOCK;
    }
    same + a[same..len]
        .iter()
        .zip(&b[same..len])
        .take_while(|(x, y)| x == y)
        .count()
}

/// The length of the longest common suffix of `a` and `b`, at most `limit` (which may not
/// exceed either length).
fn common_suffix(a: &[u8], b: &[u8], limit: usize) -> usize {
    let (a_end, b_end) = (a.len(), b.len());
    let mut same = 0;
    while same + BLOCK <= limit
        && a[a_end - same - BLOCK..a_end - same] == b[b_end - same - BLOCK..b_end - same]
    {
        same += BLOCK;
    }
    same + a[..a_end - same]
        .iter()
        .rev()
        .zip(b[..b_end - same].iter().rev())
        .take(limit - same)
        .take_while(|(x, y)| x == y)
        .count()
}

/// Adds `lines` to both start lines of every `@@ -a,b +c,d @@` header.
fn shift_headers(hunks: &str, lines: usize) -> String {
    if lines == 0 {
        return hunks.to_string();
    }
    let mut out = String::with_capacity(hunks.len() + 16);
    for line in hunks.split_inclusive('\n') {
        match header_starts(line) {
            Some((old, old_len, new, new_len)) => {
                let _ = writeln!(
                    out,
                    "@@ -{}{old_len} +{}{new_len} @@",
                    old + lines,
                    new + lines
                );
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The start lines of a hunk header and what follows each (`,len` or nothing).
fn header_starts(line: &str) -> Option<(usize, &str, usize, &str)> {
    let rest = line.strip_prefix("@@ -")?.strip_suffix(" @@\n")?;
    let (old, new) = rest.split_once(" +")?;
    let ((old, old_len), (new, new_len)) = (start_and_rest(old)?, start_and_rest(new)?);
    Some((old, old_len, new, new_len))
}

fn start_and_rest(range: &str) -> Option<(usize, &str)> {
    let digits = range.find(',').unwrap_or(range.len());
    Some((range[..digits].parse().ok()?, &range[digits..]))
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

    /// Lines with many repeats (so a change could be placed in several ways), some without
    /// a final newline, multi-byte characters, and empty texts.
    fn texts() -> Vec<String> {
        let words = ["x", "x", "y", "é", "", "x y", "z"];
        let mut texts = vec![String::new(), "x".into(), "\n".into()];
        let mut seed = 7u32;
        for len in [1, 2, 5, 9, 20, 40] {
            let mut text = String::new();
            for _ in 0..len {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                text.push_str(words[(seed >> 16) as usize % words.len()]);
                text.push('\n');
            }
            texts.push(text.clone());
            text.pop();
            texts.push(text);
        }
        texts
    }

    /// Edits of one text: a line inserted, removed or replaced, at several places.
    fn edits(text: &str) -> Vec<String> {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let mut out = Vec::new();
        for at in 0..=lines.len() {
            for edit in ["insert x", "insert new", "remove", "replace"] {
                let mut changed: Vec<&str> = lines.clone();
                match edit {
                    "insert x" => changed.insert(at, "x\n"),
                    "insert new" => changed.insert(at, "new\n"),
                    _ if at == lines.len() => continue,
                    "remove" => {
                        changed.remove(at);
                    }
                    _ => changed[at] = "other\n",
                }
                out.push(changed.concat());
            }
        }
        out
    }

    /// Texts longer than a comparison block, edited near either end and in the middle.
    #[test]
    fn the_window_of_long_texts_gives_the_same_hunks() {
        let lines: Vec<String> = (0..600).map(|i| format!("line {}\n", i % 7)).collect();
        let old = lines.concat();
        for at in [0, 1, 2, 40, 41, 300, 558, 597, 598, 599] {
            // Not a line equal to a neighbour: the window may then place the change elsewhere
            // than the whole-text diff does (a valid diff, but not the same text).
            for replacement in ["other\n", "x\ny\n", ""] {
                let mut changed = lines.clone();
                changed[at] = replacement.to_string();
                let new = changed.concat();
                assert_eq!(
                    unified_hunks(old.as_bytes(), new.as_bytes()),
                    full_hunks(&old, &new),
                    "line {at} made {replacement:?}"
                );
            }
        }
        let longer = format!("{old}tail\n");
        assert_eq!(
            unified_hunks(old.as_bytes(), longer.as_bytes()),
            full_hunks(&old, &longer)
        );
    }

    #[test]
    fn the_window_gives_the_same_hunks_as_the_whole_texts() {
        let mut compared = 0;
        for old in texts() {
            for new in edits(&old).iter().chain(texts().iter()) {
                assert_eq!(
                    unified_hunks(old.as_bytes(), new.as_bytes()),
                    full_hunks(&old, new),
                    "old {old:?}, new {new:?}"
                );
                compared += 1;
            }
        }
        assert!(compared > 500, "only {compared} pairs compared");
    }
}
