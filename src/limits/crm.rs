//! Values crmsh 4.4 cannot load unchanged from a crm shell script (see
//! `render::cib::crm_quote`, which writes them).

/// Why crmsh cannot load `value` unchanged as an attribute value, if it cannot.
///
/// Found by loading values with crmsh 4.4: it reads a file line by line (no newline can be
/// quoted) and expands tabs; it turns every non-ASCII character into literal `&#NNN;` text before
/// parsing; and it re-reads its own quoting of a value, which breaks on a backslash before a
/// double quote or at the end. `hacc check` uses this to reject such values.
pub fn value_problem(value: &str) -> Option<&'static str> {
    if value.chars().any(char::is_control) {
        Some("crmsh cannot load control characters such as newlines or tabs")
    } else if !value.is_ascii() {
        Some("crmsh stores non-ASCII characters as `&#NNN;` text")
    } else if value.ends_with('\\') || value.contains("\\\"") {
        Some("crmsh cannot load a backslash before a double quote or at the end")
    } else {
        None
    }
}

/// Why crmsh cannot load `value` unchanged as the value of a rule expression, if it cannot:
/// crmsh takes a rule value as one bare word (whitespace breaks its parser), re-reads it
/// unquoted (an unpaired quote fails; paired quotes happen to survive but are refused too, for a
/// rule that is simple to state), and reads `source{name}` as a value source.
pub fn rule_value_problem(value: &str) -> Option<&'static str> {
    value_problem(value).or(if value.is_empty() {
        Some("a rule value cannot be empty")
    } else if value.contains(char::is_whitespace) {
        Some("crmsh cannot load whitespace in a rule value")
    } else if value.contains(['\'', '"']) {
        Some("crmsh cannot load quotes in a rule value")
    } else if value.contains(['{', '}']) {
        Some("crmsh reads braces in a rule value as a value source")
    } else {
        None
    })
}

/// Whether crmsh reads `attribute` as a rule's `score-attribute` in `rule ATTRIBUTE: ...`:
/// not as a number, `INFINITY` or one of its score words (`advisory`, `mandatory`), and not
/// cut at a `:`.
pub fn score_attribute_readable(attribute: &str) -> bool {
    let lower = attribute.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    let numeric =
        unsigned.chars().all(|c| c.is_ascii_digit()) || ["inf", "infinity"].contains(&unsigned);
    !attribute.is_empty()
        && attribute
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-#".contains(c))
        && !numeric
        && !["advisory", "mandatory"].contains(&lower.as_str())
}

/// Whether crmsh keeps `attribute` as written in a colocation's `node-attribute=`: it
/// lowercases the value it reads.
pub fn node_attribute_kept(attribute: &str) -> bool {
    attribute
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-#:".contains(c))
}

/// Whether crmsh reads `pattern` back from `location ID /PATTERN/ ...`: one word (its lexer
/// splits at blanks and reads quotes), ending before the closing `/`.
pub fn pattern_readable(pattern: &str) -> bool {
    !pattern.is_empty()
        && pattern
            .chars()
            .all(|c| c.is_ascii_graphic() && !"\"'#\\".contains(c))
}
