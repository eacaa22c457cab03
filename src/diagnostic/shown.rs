//! Spec values as messages show them: on one line and short, however long the value is.

/// How many characters of a value a message shows.
const SHOWN_CHARS: usize = 40;

/// The start of `value`, with control characters escaped and `...` when it was cut.
pub fn shown(value: &str) -> String {
    let mut out = String::new();
    for (index, c) in value.chars().enumerate() {
        if index == SHOWN_CHARS {
            out.push_str("...");
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn values_are_shown_short_and_on_one_line() {
        assert_eq!(shown("node1"), "node1");
        assert_eq!(shown("a\nb\tc\0"), r"a\nb\tc\u{0}");
        let long = "x".repeat(10_000);
        assert_eq!(shown(&long), format!("{}...", "x".repeat(40)));
        assert_eq!(shown(&"é".repeat(40)), "é".repeat(40));
    }
}
