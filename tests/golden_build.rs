//! `golden/<example>/` holds the build output of every example, byte for byte, and its
//! pictures from `hacc graph` (`graph.svg`, `graph.dot`).
//! `UPDATE_GOLDEN=1 cargo test --test main golden_build::` rewrites them (refused when CI is set).

use crate::common;

use hacc::graph::{Format, render};
use hacc::plan::{Content, desired_files};
use std::collections::BTreeSet;
use std::path::Path;

/// The files a build writes for a spec: everything but secrets, which apply creates.
fn build_output(spec: &Path) -> Vec<(String, Vec<u8>)> {
    let checked = common::checked(spec);
    desired_files(spec, &checked)
        .expect("example builds")
        .into_iter()
        .filter_map(|file| match file.content {
            Content::Bytes(bytes) => Some((file.path, bytes)),
            Content::GeneratedSecret => None,
        })
        .collect()
}

fn files_under(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.insert(
                    path.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    found
}

/// The pictures `hacc graph` draws of a spec, kept beside its build.
fn graph_output(spec: &Path) -> Vec<(String, Vec<u8>)> {
    let checked = common::checked(spec);
    [("graph.svg", Format::Svg), ("graph.dot", Format::Dot)]
        .into_iter()
        .map(|(path, format)| (path.to_string(), render(&checked, format).into_bytes()))
        .collect()
}

#[test]
fn build_output_matches_golden_files() {
    let mut failures = Vec::new();
    for (name, spec) in common::example_specs() {
        let golden_dir = common::root().join("golden").join(&name);
        let mut output = build_output(&spec);
        output.extend(graph_output(&spec));
        for (path, bytes) in &output {
            let actual = String::from_utf8(bytes.clone()).expect("generated files are UTF-8");
            if let Some(diff) = common::compare_golden(&golden_dir.join(path), &actual) {
                failures.push(diff);
            }
        }
        let produced: BTreeSet<String> = output.iter().map(|(p, _)| p.clone()).collect();
        for stale in files_under(&golden_dir).difference(&produced) {
            if common::update_golden() {
                std::fs::remove_file(golden_dir.join(stale)).unwrap();
            } else {
                failures.push(format!(
                    "golden/{name}/{stale} is no longer produced by the build"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatches:\n{}",
        failures.join("\n")
    );
}

#[test]
fn two_builds_are_byte_identical() {
    for (name, spec) in common::example_specs() {
        assert_eq!(
            build_output(&spec),
            build_output(&spec),
            "{name} builds differ"
        );
        assert_eq!(
            graph_output(&spec),
            graph_output(&spec),
            "{name} graphs differ"
        );
    }
}

#[test]
fn golden_files_hold_no_secret() {
    for (name, _) in common::example_specs() {
        let files = files_under(&common::root().join("golden").join(&name));
        assert!(!files.is_empty(), "golden/{name} is empty");
        assert!(
            files.iter().all(|f| !f.starts_with("secrets/")),
            "golden/{name} holds a secret"
        );
    }
}
