//! Quoting for the crm shell.
//!
//! crmsh splits each line of a loaded file with Python's `shlex` (POSIX mode): inside double
//! quotes a backslash escapes only `"` and `\`, and `$`, backticks, `;` and `#` are plain text.
//! A value that needs no quotes is written bare, so common scripts stay readable.

/// What crmsh cannot load unchanged; `hacc check` rejects such values.
pub use crate::limits::crm::{rule_value_problem, value_problem};

/// Characters a bare token may hold without any special meaning to crmsh.
fn is_bare(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_-./:@%+,".contains(c)
}

/// Appends `value` as one crm shell token to `out`: bare when crmsh reads it as it is, else
/// in double quotes with `"` and `\\` escaped.
pub fn push_quoted(out: &mut String, value: &str) {
    if !value.is_empty() && value.chars().all(is_bare) {
        out.push_str(value);
        return;
    }
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(value: &str) -> String {
        let mut out = String::new();
        push_quoted(&mut out, value);
        out
    }

    #[test]
    fn leaves_plain_values_bare() {
        assert_eq!(
            quote("/usr/local/bin/start-api"),
            "/usr/local/bin/start-api"
        );
        assert_eq!(quote("10s"), "10s");
    }

    #[test]
    fn quotes_and_escapes_everything_else() {
        assert_eq!(quote(""), "\"\"");
        assert_eq!(quote("a b"), "\"a b\"");
        assert_eq!(quote("it's"), "\"it's\"");
        assert_eq!(quote("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(quote("a\\b"), "\"a\\\\b\"");
        assert_eq!(quote("$(x) `y`; #z"), "\"$(x) `y`; #z\"");
    }

    #[test]
    fn names_what_crmsh_cannot_carry() {
        assert_eq!(value_problem("plain value; $(x) `y` #z <&>"), None);
        assert!(value_problem("two\nlines").is_some());
        assert!(value_problem("caf\u{e9}").is_some());
        assert!(value_problem("ends\\").is_some());
        assert!(value_problem("a\\\"b").is_some());
        assert_eq!(value_problem("a\\b \"q\""), None);
        assert_eq!(rule_value_problem("east;$(x)#<&>"), None);
        assert!(rule_value_problem("two words").is_some());
        assert!(rule_value_problem("it's").is_some());
        assert!(rule_value_problem("src{name}").is_some());
    }
}
