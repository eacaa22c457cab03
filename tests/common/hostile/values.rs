//! The hostile values, each with a short label for the outcome tables.

/// Values no generated format may garble: quotes, shell syntax, line breaks, non-ASCII,
/// control characters, NUL, 10 KB.
pub fn values() -> Vec<(&'static str, String)> {
    let mut ten_kb = String::new();
    while ten_kb.len() < 10 * 1024 {
        ten_kb.push_str("ab'$\"\\;#: <&>{} é`");
    }
    vec![
        ("quotes", r#"it's "quoted""#.into()),
        ("newline", "line1\nline2".into()),
        (
            "shell",
            "$(touch /tmp/hacc-pwned) `id` ${HOME} $$ $1".into(),
        ),
        ("punctuation", "a; b # c: d <e> & f | g".into()),
        ("non-ascii", "ünïcødé ✓ 中文 🚀".into()),
        ("backslashes", r"back\slash \n 'single' \' end\".into()),
        (
            "typography",
            "smart ‘quotes’ “x” !history ~user *glob? [a]".into(),
        ),
        ("controls", "tab\tcr\r nel\u{85} ls\u{2028}".into()),
        ("nul", "nul\0byte".into()),
        ("braces", "{ brace }".into()),
        ("padded", "  padded  ".into()),
        ("10 KB", ten_kb),
    ]
}

/// More values for the spec's file name: what no comment of a generated format can hold.
pub fn file_name_values() -> Vec<(&'static str, String)> {
    vec![
        ("non-characters", "spec\u{FFFE}\u{FFFF}.kdl".into()),
        ("comment ends", "a --> b -- c */ d.kdl".into()),
        ("yaml document", "x\n---\nkey: value".into()),
        ("shell line", "x\nrm -rf /tmp/hacc-pwned #".into()),
    ]
}

/// Values near the limits `hacc check` sets: ids, paths, rule keywords, XML.
pub fn near_limit_values() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("plain", "plain".to_string()),
        ("id-like", "web-1".to_string()),
        ("dotted", "a.b_c-d".to_string()),
        ("leading digit", "1abc".to_string()),
        ("trailing dash", "abc-".to_string()),
        ("hash", "#uname".to_string()),
        ("rule keyword", "defined".to_string()),
        ("ends with backslash", "ends\\".to_string()),
        ("escaped quote", "a\\\"b".to_string()),
        ("xml", "<tag attr=\"x\"> & &amp; ]]>".to_string()),
        ("long name", "a".repeat(64)),
        ("long path", format!("{}/x", "d".repeat(300))),
        ("dot dot", "../up".to_string()),
        ("reserved", "/usr/local/sbin/hacc-entrypoint".to_string()),
        ("image", "registry.example:5000/team/base:1.0".to_string()),
        ("package pin", "curl=7.88.1-10".to_string()),
    ]
}

/// Free text that crmsh can carry: each must reach cib.xml and cib.crm literally.
pub fn crm_carried_values() -> Vec<String> {
    let mut long = String::new();
    while long.len() < 10 * 1024 {
        long.push_str("0123456789 <&> \"q\" 'a' $(x) `y` ;#: ");
    }
    vec![
        "it's \"quoted\" text".into(),
        "$(touch /tmp/hacc-pwned) and `id`".into(),
        "a; b # c: d".into(),
        "<tag attr=\"x\"> & &amp; ]]>".into(),
        "back\\slash and \\\\ double".into(),
        "  padded  ".into(),
        "k=v=w, {braces} [x] (y) %s ~ ^ | !".into(),
        "east;$(id)#:<&>`x`\\back".into(),
        long,
    ]
}

/// Free text that crmsh cannot carry: cib.xml keeps it, and either `hacc check` rejects it or
/// crmsh provably does not keep it (which is what `value_problem` says).
pub fn crm_uncarried_values() -> Vec<String> {
    vec![
        "two\nlines".into(),
        "tab\there".into(),
        "carriage\rreturn".into(),
        "café ü 日本 ✓".into(),
        "ends with a backslash\\".into(),
        "escaped \\\" quote".into(),
    ]
}

/// Values fine elsewhere that crmsh cannot read back in a rule expression.
pub fn crm_uncarried_rule_values() -> Vec<String> {
    vec![
        "two words".into(),
        "it's".into(),
        "6\"tall".into(),
        "src{name}".into(),
    ]
}
