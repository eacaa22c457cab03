//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod hostile;
pub mod sandbox;
pub mod scratch;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Set by `.ci/run`: a missing outside tool is then a failure, not a skip.
pub const REQUIRE_TOOLS_VAR: &str = "HACC_REQUIRE_TOOLS";

/// Returns true when `tool` is on PATH. Otherwise prints why the test is skipped and returns
/// false, or panics when `.ci/run` asked for every tool to be present.
#[track_caller]
pub fn have_tool(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var_os(REQUIRE_TOOLS_VAR).is_some() {
            panic!("`{tool}` is required ({REQUIRE_TOOLS_VAR} is set) but not installed");
        }
        eprintln!("skipped: `{tool}` is not installed");
    }
    found
}

/// Whether the binary under test has the test hooks of src/apply/hooks.rs (the `test-hooks`
/// feature, which `scripts/test` enables). Otherwise prints why the test is skipped, or panics
/// when `.ci/run` asked for every test to run.
#[track_caller]
pub fn have_test_hooks() -> bool {
    if cfg!(feature = "test-hooks") {
        return true;
    }
    let why =
        "hacc was built without the `test-hooks` feature (`cargo test --features test-hooks`)";
    if std::env::var_os(REQUIRE_TOOLS_VAR).is_some() {
        panic!("{why}, and {REQUIRE_TOOLS_VAR} is set");
    }
    eprintln!("skipped: {why}");
    false
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every example spec: `examples/<name>/cluster.kdl`, sorted by name.
pub fn example_specs() -> Vec<(String, PathBuf)> {
    let mut specs: Vec<(String, PathBuf)> = std::fs::read_dir(root().join("examples"))
        .expect("examples/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("cluster.kdl").is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                p.join("cluster.kdl"),
            )
        })
        .collect();
    specs.sort();
    specs
}

/// Checks a spec file and returns the checked model, panicking with the diagnostics if invalid.
#[track_caller]
pub fn checked(path: &Path) -> hacc::model::Checked {
    let source = std::fs::read_to_string(path).unwrap();
    let outcome = hacc::pipeline::check_source(&source);
    match outcome.checked {
        Some(checked) => checked,
        None => panic!(
            "{} is invalid: {:#?}",
            path.display(),
            outcome
                .diagnostics
                .iter()
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        ),
    }
}

/// Whether golden files may be rewritten: asked for with UPDATE_GOLDEN=1, never under CI.
pub fn update_golden() -> bool {
    let asked = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    if asked && std::env::var_os("CI").is_some() {
        panic!("UPDATE_GOLDEN is refused when CI is set: review and commit golden files locally");
    }
    asked
}

/// Compares `actual` with the golden file, rewriting it when asked; returns a unified diff
/// describing the mismatch, or None when equal.
pub fn compare_golden(golden: &Path, actual: &str) -> Option<String> {
    let expected = std::fs::read_to_string(golden).unwrap_or_default();
    if expected == actual {
        return None;
    }
    if update_golden() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(golden, actual).unwrap();
        return None;
    }
    let diff = similar::TextDiff::from_lines(&expected, actual)
        .unified_diff()
        .context_radius(3)
        .header(&golden.display().to_string(), "actual")
        .to_string();
    Some(diff)
}

/// A KDL v2 quoted string holding exactly `text`.
pub fn kdl_string(text: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Control, bidi-override and BOM characters may not appear literally in KDL.
            c if c.is_control()
                || matches!(c, '\u{200E}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{2028}' | '\u{2029}') =>
            {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
