//! `hacc check --format json|sarif|github`, run as a CI job runs it: the real binary on the
//! specs of `examples/errors/`, its JSON validated against `schemas/diagnostics.json`, its SARIF
//! against the SARIF 2.1.0 schema, and its GitHub annotations parsed back.

use crate::common;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Fetched by `scripts/fetch-sarif-schema` (run by `scripts/install-test-deps`).
const SARIF_SCHEMA: &str = "target/test-deps/sarif-schema-2.1.0.json";

/// Every `examples/errors/*.kdl`, as the repository-relative path a CI job would pass.
fn error_examples() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(common::root().join("examples/errors"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".kdl"))
        .map(|n| format!("examples/errors/{n}"))
        .collect();
    names.sort();
    names
}

fn hacc_check(dir: &Path, spec: &str, format: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hacc"))
        .args(["check", spec, "--format", format])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// The exit status an example should have: 1 for errors, 0 for warnings only.
fn expected_status(spec: &str) -> i32 {
    if spec.starts_with("examples/errors/W") {
        0
    } else {
        1
    }
}

/// Whether `python3` can run `scripts/validate-json`; otherwise prints why the test skips, or
/// panics when every tool is required.
fn have_jsonschema() -> bool {
    if !common::have_tool("python3") {
        return false;
    }
    let found = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        if std::env::var_os(common::REQUIRE_TOOLS_VAR).is_some() {
            panic!("python3's `jsonschema` is required but missing: run scripts/install-test-deps");
        }
        eprintln!("skipped: python3 has no `jsonschema` module (scripts/install-test-deps)");
    }
    found
}

/// Validates each file against the schema with `scripts/validate-json`.
#[track_caller]
fn assert_valid(schema: &Path, files: &[PathBuf]) {
    let output = Command::new("python3")
        .arg(common::root().join("scripts/validate-json"))
        .arg(schema)
        .args(files)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{} rejects the output:\n{}",
        schema.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The 1-based line and character column of a byte offset, counted here independently.
fn line_column(source: &str, offset: usize) -> (u64, u64) {
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line as u64, column as u64)
}

fn position(value: &Value) -> (u64, u64) {
    (
        value["line"].as_u64().unwrap(),
        value["column"].as_u64().unwrap(),
    )
}

#[test]
fn json_follows_its_schema_and_the_library_diagnostics() {
    let root = common::root();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for spec in error_examples() {
        let output = hacc_check(&root, &spec, "json");
        assert_eq!(output.status.code(), Some(expected_status(&spec)), "{spec}");
        let report = stdout_json(&output);
        let source = std::fs::read_to_string(root.join(&spec)).unwrap();
        let spec_dir = root.join(&spec).parent().unwrap().to_path_buf();
        let expected = hacc::pipeline::check_spec(&source, &spec_dir).diagnostics;
        assert_eq!(report["file"], spec.as_str());
        assert_eq!(report["valid"], expected_status(&spec) == 0, "{spec}");
        let diagnostics = report["diagnostics"].as_array().unwrap();
        assert_eq!(diagnostics.len(), expected.len(), "{spec}");
        for (got, want) in diagnostics.iter().zip(&expected) {
            assert_eq!(got["code"], want.code.id);
            assert_eq!(got["message"], want.message.as_str());
            assert_eq!(got["help"].as_str(), want.help.as_deref());
            assert_eq!(got["span"]["offset"], want.span.offset() as u64);
            assert_eq!(got["span"]["length"], want.span.len() as u64);
            let end = want.span.offset() + want.span.len();
            assert_eq!(
                position(&got["start"]),
                line_column(&source, want.span.offset())
            );
            assert_eq!(position(&got["end"]), line_column(&source, end), "{spec}");
            let labels = got["labels"].as_array().unwrap();
            assert_eq!(labels.len(), 1 + want.related.len());
            assert_eq!(labels[0]["message"].as_str(), want.label.as_deref());
            for (label, (span, text)) in labels[1..].iter().zip(&want.related) {
                assert_eq!(label["primary"], false);
                assert_eq!(label["message"], text.as_str());
                assert_eq!(
                    position(&label["start"]),
                    line_column(&source, span.offset())
                );
            }
        }
        let file = dir.path().join(format!("{}.json", files.len()));
        std::fs::write(&file, &output.stdout).unwrap();
        files.push(file);
    }
    if have_jsonschema() {
        assert_valid(&root.join("schemas/diagnostics.json"), &files);
    }
}

#[test]
fn a_valid_spec_prints_only_json_on_stdout() {
    let output = hacc_check(&common::root(), "examples/seed/cluster.kdl", "json");
    assert_eq!(output.status.code(), Some(0));
    let report = stdout_json(&output);
    assert_eq!(report["valid"], true);
    assert_eq!(report["summary"]["errors"], 0);
    assert!(String::from_utf8_lossy(&output.stderr).contains("is valid"));
}

#[test]
fn sarif_follows_the_sarif_schema_and_names_every_rule() {
    let root = common::root();
    let schema = root.join(SARIF_SCHEMA);
    let have_schema = schema.is_file();
    if !have_schema {
        if std::env::var_os(common::REQUIRE_TOOLS_VAR).is_some() {
            panic!("{SARIF_SCHEMA} is required: run scripts/fetch-sarif-schema");
        }
        eprintln!("skipped schema check: no {SARIF_SCHEMA} (scripts/fetch-sarif-schema)");
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for spec in error_examples() {
        let output = hacc_check(&root, &spec, "sarif");
        assert_eq!(output.status.code(), Some(expected_status(&spec)), "{spec}");
        let log = stdout_json(&output);
        let json = stdout_json(&hacc_check(&root, &spec, "json"));
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), hacc::diagnostic::ALL_CODES.len());
        for (rule, code) in rules.iter().zip(hacc::diagnostic::ALL_CODES) {
            assert_eq!(rule["id"], code.id);
            assert_eq!(rule["shortDescription"]["text"], code.title);
        }
        let results = run["results"].as_array().unwrap();
        let diagnostics = json["diagnostics"].as_array().unwrap();
        assert_eq!(results.len(), diagnostics.len(), "{spec}");
        for (result, diagnostic) in results.iter().zip(diagnostics) {
            assert_eq!(result["ruleId"], diagnostic["code"]);
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], diagnostic["code"]);
            assert_eq!(result["level"], diagnostic["severity"]);
            let text = result["message"]["text"].as_str().unwrap();
            assert!(text.starts_with(diagnostic["message"].as_str().unwrap()));
            let location = &result["locations"][0]["physicalLocation"];
            assert_eq!(location["artifactLocation"]["uri"], spec.as_str());
            let region = &location["region"];
            let start = (region["startLine"].as_u64(), region["startColumn"].as_u64());
            let end = (region["endLine"].as_u64(), region["endColumn"].as_u64());
            let (json_start, json_end) =
                (position(&diagnostic["start"]), position(&diagnostic["end"]));
            assert_eq!(start, (Some(json_start.0), Some(json_start.1)));
            assert_eq!(end, (Some(json_end.0), Some(json_end.1)));
            assert_eq!(region["byteOffset"], diagnostic["span"]["offset"]);
        }
        let file = dir.path().join(format!("{}.sarif", files.len()));
        std::fs::write(&file, &output.stdout).unwrap();
        files.push(file);
    }
    if have_schema && have_jsonschema() {
        assert_valid(&schema, &files);
    }
}

/// One workflow command read back as the runner reads it.
struct Annotation {
    command: String,
    properties: BTreeMap<String, String>,
    message: String,
}

/// Undoes GitHub's percent-encoding of workflow command values.
fn unescape(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

fn parse_annotation(line: &str) -> Annotation {
    let rest = line
        .strip_prefix("::")
        .expect("a workflow command starts with ::");
    let (head, message) = rest.split_once("::").expect("the command ends with ::");
    let (command, properties) = head.split_once(' ').unwrap_or((head, ""));
    let properties = properties
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (key, value) = p.split_once('=').expect("a property is key=value");
            (key.to_string(), unescape(value))
        })
        .collect();
    Annotation {
        command: command.to_string(),
        properties,
        message: unescape(message),
    }
}

fn number(annotation: &Annotation, key: &str) -> u64 {
    annotation.properties[key].parse().unwrap()
}

#[test]
fn github_annotations_parse_back_to_the_diagnostics() {
    let root = common::root();
    for spec in error_examples() {
        let output = hacc_check(&root, &spec, "github");
        assert_eq!(output.status.code(), Some(expected_status(&spec)), "{spec}");
        let json = stdout_json(&hacc_check(&root, &spec, "json"));
        let stdout = String::from_utf8(output.stdout).unwrap();
        let lines: Vec<&str> = stdout.lines().collect();
        let diagnostics = json["diagnostics"].as_array().unwrap();
        assert_eq!(lines.len(), diagnostics.len(), "{spec}:\n{stdout}");
        for (line, diagnostic) in lines.iter().zip(diagnostics) {
            let annotation = parse_annotation(line);
            assert_eq!(annotation.command, diagnostic["severity"].as_str().unwrap());
            assert_eq!(annotation.properties["file"], spec);
            assert_eq!(
                annotation.properties["title"],
                diagnostic["code"].as_str().unwrap()
            );
            let (start, end) = (position(&diagnostic["start"]), position(&diagnostic["end"]));
            assert_eq!(number(&annotation, "line"), start.0);
            if start.0 == end.0 {
                assert_eq!(number(&annotation, "col"), start.1);
                // GitHub's end column is the span's last character; an empty span has one column.
                let last = (end.1 - 1).max(start.1);
                assert_eq!(number(&annotation, "endColumn"), last, "{line}");
            }
            let mut message = diagnostic["message"].as_str().unwrap().to_string();
            if let Some(label) = diagnostic["labels"][0]["message"].as_str() {
                message.push_str(&format!("\n{label}"));
            }
            if let Some(help) = diagnostic["help"].as_str() {
                message.push_str(&format!("\nhelp: {help}"));
            }
            assert_eq!(annotation.message, message);
        }
    }
}

#[test]
fn odd_file_names_survive_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a,b:c%d é.kdl";
    let source =
        std::fs::read_to_string(common::root().join("examples/errors/E0201-duplicate-node.kdl"))
            .unwrap();
    std::fs::write(dir.path().join(name), source).unwrap();
    let github = hacc_check(dir.path(), name, "github");
    let stdout = String::from_utf8(github.stdout).unwrap();
    let annotation = parse_annotation(stdout.lines().next().unwrap());
    assert_eq!(annotation.properties["file"], name);
    let json = stdout_json(&hacc_check(dir.path(), name, "json"));
    assert_eq!(json["diagnostics"][0]["file"], name);
    let sarif = stdout_json(&hacc_check(dir.path(), name, "sarif"));
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "a%2Cb%3Ac%25d%20%C3%A9.kdl");
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let output = hacc_check(&common::root(), "examples/seed/cluster.kdl", "xml");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        ["human", "json", "sarif", "github"]
            .iter()
            .all(|f| stderr.contains(f)),
        "the error lists the formats: {stderr}"
    );
}
