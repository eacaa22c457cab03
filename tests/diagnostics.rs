//! The bad specs in `examples/errors/` (and the CIBs `hacc import` refuses, in
//! `examples/import-errors/`): each triggers the code its name starts with, every code has
//! one, and what a user sees for each is stored in `golden/errors/` (`golden/import-errors/`).

use crate::common;

use hacc::diagnostic::{ALL_CODES, Diagnostic, render_all};
use hacc::pipeline::check_spec;
use miette::NamedSource;
use std::path::PathBuf;

/// Every `examples/errors/<code>-<slug>.kdl`, with its code, sorted by name.
fn error_examples() -> Vec<(String, PathBuf)> {
    let dir = common::root().join("examples/errors");
    let mut examples: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("examples/errors exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "kdl"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    examples.sort();
    examples
}

/// The code a file is named after: `E0203` in `E0203-unknown-reference`.
fn code_of(stem: &str) -> &str {
    stem.split('-').next().unwrap_or_default()
}

/// Checks an example under its repository-relative name, so output never holds a local path,
/// with the files it copies looked up beside it, as `hacc check` does.
fn check(stem: &str, path: &PathBuf) -> (String, NamedSource<String>, Vec<Diagnostic>) {
    let source = std::fs::read_to_string(path).unwrap();
    let name = format!("examples/errors/{stem}.kdl");
    let diagnostics = check_spec(&source, path.parent().unwrap()).diagnostics;
    (name.clone(), NamedSource::new(name, source), diagnostics)
}

#[test]
fn each_example_triggers_only_its_code() {
    let examples = error_examples();
    assert!(!examples.is_empty());
    for (stem, path) in &examples {
        let code = code_of(stem);
        assert!(
            ALL_CODES.iter().any(|c| c.id == code),
            "{stem}: the name must start with a known code"
        );
        let (_, _, diagnostics) = check(stem, path);
        let codes: Vec<_> = diagnostics.iter().map(|d| d.code.id).collect();
        assert!(
            codes.contains(&code),
            "{stem} does not trigger {code}: {codes:?}"
        );
        assert!(
            codes.iter().all(|c| *c == code),
            "{stem} should show {code} alone: {codes:?}"
        );
    }
}

/// Every `examples/import-errors/<code>-<slug>.xml`: the CIBs `hacc import` refuses (or
/// warns about), one per import code, sorted by name.
fn import_examples() -> Vec<(String, PathBuf)> {
    let dir = common::root().join("examples/import-errors");
    let mut examples: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("examples/import-errors exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    examples.sort();
    examples
}

/// What `hacc import` reports for an example, under its repository-relative name.
fn import(stem: &str, path: &PathBuf) -> (Vec<&'static str>, String) {
    let source = std::fs::read_to_string(path).unwrap();
    let findings = hacc::import::import(&source, None).findings;
    let name = format!("examples/import-errors/{stem}.xml");
    let rendered = hacc::import::render_findings(&findings, &name, &source, false);
    (
        findings.iter().map(|f| f.diagnostic.code.id).collect(),
        rendered,
    )
}

#[test]
fn each_import_example_triggers_only_its_code_as_its_golden_shows() {
    let examples = import_examples();
    assert!(!examples.is_empty());
    let mut mismatches = Vec::new();
    for (stem, path) in &examples {
        let code = code_of(stem);
        let (codes, rendered) = import(stem, path);
        assert!(
            !codes.is_empty() && codes.iter().all(|c| *c == code),
            "{stem} should show {code} alone: {codes:?}"
        );
        let golden = common::root().join(format!("golden/import-errors/{stem}.txt"));
        if let Some(diff) = common::compare_golden(&golden, &rendered) {
            mismatches.push(diff);
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} golden file(s) differ (UPDATE_GOLDEN=1 rewrites them):\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn every_code_is_explained_and_has_an_example() {
    let mut triggered = Vec::new();
    for (stem, path) in error_examples() {
        let (_, _, diagnostics) = check(&stem, &path);
        triggered.extend(diagnostics.iter().map(|d| d.code.id));
    }
    for (stem, path) in import_examples() {
        triggered.extend(import(&stem, &path).0);
    }
    for code in ALL_CODES {
        assert!(!code.title.is_empty(), "{} has no title", code.id);
        assert!(
            code.explanation.len() > 40,
            "{} needs a real explanation",
            code.id
        );
        assert!(
            triggered.contains(&code.id),
            "no example in examples/errors triggers {}",
            code.id
        );
    }
}

#[test]
fn rendered_diagnostics_match_the_goldens() {
    let mut mismatches = Vec::new();
    for (stem, path) in error_examples() {
        let (_, source, diagnostics) = check(&stem, &path);
        let rendered = render_all(&diagnostics, &source, false);
        let golden = common::root().join(format!("golden/errors/{stem}.txt"));
        if let Some(diff) = common::compare_golden(&golden, &rendered) {
            mismatches.push(diff);
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} golden file(s) differ (UPDATE_GOLDEN=1 rewrites them):\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// `hacc check` of `source`, written to a scratch file: exit status and standard error.
fn check_with_binary(source: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.kdl");
    std::fs::write(&path, source).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_hacc"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr)
}

fn nested_blocks(levels: usize) -> String {
    format!(
        "cluster \"c\" {{\n{}{}\n}}\n",
        "a {".repeat(levels),
        "}".repeat(levels)
    )
}

#[test]
fn deep_nesting_is_a_diagnostic_not_a_stack_overflow() {
    // The first took the fast path, the second (one non-ASCII character) the kdl crate's.
    let sources = [
        nested_blocks(20_000),
        format!("// é\n{}", nested_blocks(1_300)),
    ];
    for source in sources {
        let (status, stderr) = check_with_binary(&source);
        assert_eq!(status, Some(1), "{}", &stderr[..stderr.len().min(2000)]);
        assert!(stderr.starts_with("E0003\n"), "{stderr}");
        assert!(stderr.contains("level 33 opens here"), "{stderr}");
    }
}

/// Unclosed blocks, each of which the kdl crate reports twice with a span to the end of the
/// file: the output grew with their number times the file's length.
#[test]
fn a_flood_of_diagnostics_is_bounded() {
    let tail = "node \"n\" address=\"10.0.0.1\"\n".repeat(20_000);
    let floods = [
        // Past the nesting limit: one diagnostic.
        format!("cluster \"c\" {{\n{}", "a {\n".repeat(1_000)),
        // Within it, over a long file.
        format!("cluster \"c\" {{\n{}{tail}", "a {\n".repeat(30)),
        // Thousands of problems of their own.
        format!("cluster \"c\" {{\n{}}}\n", "colour \"red\"\n".repeat(5_000)),
    ];
    for source in floods {
        let (status, stderr) = check_with_binary(&source);
        assert_eq!(status, Some(1));
        assert!(
            stderr.len() < 400_000,
            "{} bytes of diagnostics: {}",
            stderr.len(),
            &stderr[..2000]
        );
        let shown = stderr.lines().filter(|l| is_code_line(l)).count();
        assert!(shown <= 100, "{shown} diagnostics shown");
    }
    // What is not shown is counted: with those shown, every problem the summary counts.
    let source = format!("cluster \"c\" {{\n{}}}\n", "colour \"red\"\n".repeat(5_000));
    let (_, stderr) = check_with_binary(&source);
    let number_after = |marker: &str| -> usize {
        let at = stderr
            .find(marker)
            .unwrap_or_else(|| panic!("no {marker:?}"))
            + marker.len();
        let digits: String = stderr[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().unwrap()
    };
    let hidden = number_after("... and ");
    let errors = number_after("` has ");
    assert!(errors >= 5_000, "{errors}");
    assert_eq!(stderr.lines().filter(|l| is_code_line(l)).count(), 100);
    assert_eq!(hidden + 100, errors, "{}", &stderr[stderr.len() - 500..]);
}

/// The first line of a rendered diagnostic: its code.
fn is_code_line(line: &str) -> bool {
    line.len() == 5
        && (line.starts_with('E') || line.starts_with('W'))
        && line[1..].bytes().all(|b| b.is_ascii_digit())
}
