//! The published schema (schemas/spec.json) and the decoder describe the same language:
//! every node, argument and property in the schema is read by the decoder, and the decoder
//! reads nothing the schema does not describe.

use crate::common;

use hacc::decode::ReadLog;
use hacc::schema::Schema;
use std::collections::BTreeSet;

/// What the decoder reads of the two kitchen sinks: one per target, since a spec has one.
fn kitchen_sink_reads() -> BTreeSet<(String, String)> {
    let mut reads = spec_reads("kitchen-sink.kdl");
    reads.extend(spec_reads("kitchen-sink-hosts.kdl"));
    reads
}

fn spec_reads(name: &str) -> BTreeSet<(String, String)> {
    let path = common::root().join("tests/specs").join(name);
    let source = std::fs::read_to_string(path).unwrap();
    let log = ReadLog::default();
    let outcome = hacc::pipeline::check_source_logged(&source, &log);
    let structural: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.code.id.starts_with("E00") || d.code.id.starts_with("E01"))
        .map(|d| format!("{}: {}", d.code.id, d.message))
        .collect();
    assert!(
        structural.is_empty(),
        "{name} is not structurally valid: {structural:#?}"
    );
    log.into_inner()
}

fn schema_entries() -> BTreeSet<(String, String)> {
    let mut entries = BTreeSet::new();
    for (path, node) in &Schema::get().nodes {
        for index in 0..node.args.len() {
            entries.insert((path.clone(), format!("#{index}")));
        }
        if node.variadic.is_some() {
            entries.insert((path.clone(), "#*".to_string()));
        }
        for prop in node.props.keys() {
            entries.insert((path.clone(), prop.clone()));
        }
    }
    entries
}

#[test]
fn decoder_reads_every_schema_entry() {
    let reads = kitchen_sink_reads();
    let unread: Vec<_> = schema_entries().difference(&reads).cloned().collect();
    assert!(
        unread.is_empty(),
        "schema entries the decoder never reads: {unread:#?}"
    );
}

#[test]
fn decoder_reads_nothing_outside_the_schema() {
    let schema = schema_entries();
    let extra: Vec<_> = kitchen_sink_reads()
        .into_iter()
        // Reading a later argument than the schema lists is how `rest_args` starts.
        .filter(|(path, key)| {
            !(key.starts_with('#') && schema.contains(&(path.clone(), "#*".into())))
        })
        .filter(|entry| !schema.contains(entry))
        .collect();
    assert!(
        extra.is_empty(),
        "the decoder reads entries the schema does not describe: {extra:#?}"
    );
}

#[test]
fn every_schema_node_and_property_has_a_doc_line() {
    for (path, node) in &Schema::get().nodes {
        assert!(!node.doc.trim().is_empty(), "{path} has no doc");
        for (name, prop) in &node.props {
            assert!(!prop.doc.trim().is_empty(), "{path} {name} has no doc");
        }
        for arg in node.args.iter().chain(&node.variadic) {
            assert!(
                !arg.doc.trim().is_empty(),
                "{path} #{} has no doc",
                arg.name
            );
        }
    }
}
