//! `hacc fmt`, run as a user runs it: canonical files stay as they are, others are rewritten
//! to the canonical layout with their comments, and `--check` changes nothing.

use crate::common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn hacc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hacc"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("hacc runs")
}

fn fixture(name: &str) -> PathBuf {
    common::root().join("tests/specs/fmt").join(name)
}

/// Every spec of the repository that is KDL v2.
fn repository_specs() -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = common::example_specs()
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    specs.push(common::root().join("tests/specs/kitchen-sink.kdl"));
    specs.push(common::root().join("tests/specs/kitchen-sink-hosts.kdl"));
    let errors = std::fs::read_dir(common::root().join("examples/errors")).unwrap();
    specs.extend(
        errors
            .map(|e| e.unwrap().path())
            // Not KDL, or refused before parsing: nothing to lay out.
            .filter(|p| {
                let name = p.to_string_lossy();
                !name.contains("E0001") && !name.contains("E0003")
            }),
    );
    specs.sort();
    specs
}

#[test]
fn every_spec_of_the_repository_is_canonical() {
    let specs = repository_specs();
    assert!(specs.len() > 50, "found only {} specs", specs.len());
    let mut args = vec!["fmt", "--check"];
    let shown: Vec<String> = specs.iter().map(|p| p.display().to_string()).collect();
    args.extend(shown.iter().map(String::as_str));
    let out = hacc(&args);
    assert!(
        out.status.success(),
        "not canonical:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn check_reports_a_spec_that_is_not_canonical_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("ugly.kdl");
    std::fs::copy(fixture("ugly.kdl"), &spec).unwrap();
    let before = std::fs::read(&spec).unwrap();
    let out = hacc(&["fmt", "--check", spec.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        spec.display().to_string()
    );
    let diff = String::from_utf8_lossy(&out.stderr);
    assert!(diff.contains("-cluster   \"x\"{"), "{diff}");
    assert!(diff.contains("+cluster \"x\" {"), "{diff}");
    assert_eq!(std::fs::read(&spec).unwrap(), before);
}

#[test]
fn fmt_rewrites_to_the_canonical_layout_keeping_comments_and_mode() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("ugly.kdl");
    std::fs::copy(fixture("ugly.kdl"), &spec).unwrap();
    std::fs::set_permissions(&spec, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = hacc(&["fmt", spec.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = std::fs::read_to_string(fixture("ugly.formatted.kdl")).unwrap();
    let laid_out = std::fs::read_to_string(&spec).unwrap();
    assert_eq!(laid_out, expected);
    let original = std::fs::read_to_string(fixture("ugly.kdl")).unwrap();
    assert!(hacc::layout::same_meaning(&original, &laid_out));
    let mut before = hacc::layout::comments(&original);
    let mut after = hacc::layout::comments(&laid_out);
    before.sort_unstable();
    after.sort_unstable();
    assert_eq!(before, after);
    assert_eq!(mode(&spec), 0o640);
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());

    // A canonical file is not written again.
    let inode = std::fs::metadata(&spec).unwrap().ino();
    let out = hacc(&["fmt", spec.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(std::fs::metadata(&spec).unwrap().ino(), inode);
}

#[test]
fn a_syntax_error_is_reported_and_the_file_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("bad.kdl");
    std::fs::write(&spec, "cluster \"x\" {\n    node \"a\" standby=true\n}\n").unwrap();
    let out = hacc(&["fmt", spec.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("E0001"), "{stderr}");
    assert!(stderr.contains("bad.kdl:2:"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&spec).unwrap(),
        "cluster \"x\" {\n    node \"a\" standby=true\n}\n"
    );
}

#[test]
fn a_dash_formats_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hacc"))
        .args(["fmt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let source = std::fs::read(fixture("ugly.kdl")).unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), &source).unwrap();
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        std::fs::read_to_string(fixture("ugly.formatted.kdl")).unwrap()
    );
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp"))
        .collect()
}

#[test]
fn a_value_continued_on_the_next_line_stays_joined_to_its_key() {
    let source = "cluster \"c\" {\n    location \"l\" \"r\" node=\"n\" score=\\\n50\n}\n";
    let laid_out = hacc::layout::canonical(source).unwrap();
    assert_eq!(
        laid_out,
        "cluster \"c\" {\n    location \"l\" \"r\" node=\"n\" score=50\n}\n"
    );
    assert_eq!(hacc::layout::canonical(&laid_out).unwrap(), laid_out);
}

#[test]
fn a_key_continued_before_its_equals_sign_is_joined_in_one_pass() {
    let source =
        "cluster \"c\" {\n    location \"l\" \"r\" node=\"n\" score\\ // the weight\n=50\n}\n";
    let laid_out = hacc::layout::canonical(source).unwrap();
    assert_eq!(
        laid_out,
        "cluster \"c\" {\n    // the weight\n    location \"l\" \"r\" node=\"n\" score=50\n}\n"
    );
    assert_eq!(hacc::layout::canonical(&laid_out).unwrap(), laid_out);
}
