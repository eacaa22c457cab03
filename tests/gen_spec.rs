//! The benchmark spec generator makes specs that check clean, the same bytes every time, and
//! a `--changed` spec that differs in one primitive only.

use crate::spec_gen;

use hacc::pipeline::check_source;
use spec_gen::{Shape, generate};

fn shape(resources: usize, nodes: usize) -> Shape {
    Shape {
        resources,
        nodes,
        changed: false,
    }
}

#[test]
fn small_generated_specs_check_clean() {
    // Sizes around the block of ten (partial groups, a missing clone) and every quorum case.
    for resources in [1, 2, 3, 4, 9, 10, 11, 23, 60, 120] {
        for nodes in [2, 3, 4, 7, 32] {
            let outcome = check_source(&generate(&shape(resources, nodes)));
            let messages: Vec<_> = outcome.diagnostics.iter().map(|d| &d.message).collect();
            assert!(
                messages.is_empty(),
                "{resources} resources on {nodes} nodes: {messages:#?}"
            );
            let checked = outcome.checked.expect("a spec without diagnostics checks");
            let cluster = checked.cluster();
            assert_eq!(cluster.nodes.len(), nodes);
            let primitives = cluster
                .resources
                .iter()
                .filter(|r| matches!(r, hacc::model::Resource::Primitive(_)))
                .count();
            assert_eq!(primitives, resources);
        }
    }
}

#[test]
fn every_primitive_has_a_location_constraint() {
    let outcome = check_source(&generate(&shape(57, 5)));
    let checked = outcome.checked.expect("valid");
    let locations = checked
        .cluster()
        .constraints
        .iter()
        .filter(|c| matches!(c, hacc::model::Constraint::Location(_)))
        .count();
    assert_eq!(locations, 57);
}

#[test]
fn output_is_deterministic() {
    assert_eq!(generate(&shape(250, 9)), generate(&shape(250, 9)));
}

#[test]
fn the_changed_spec_differs_in_one_primitive() {
    let before = generate(&shape(40, 3));
    let changed = Shape {
        changed: true,
        ..shape(40, 3)
    };
    let after = generate(&changed);
    let differing: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(differing.len(), 1, "{differing:#?}");
    let id = spec_gen::changed_resource(&changed);
    let primitive_line = format!("primitive \"{id}\"");
    let at = after.find(&primitive_line).expect("the changed primitive");
    let changed_at = after.find(differing[0].1).unwrap();
    // The differing line is the params line right under that primitive.
    assert_eq!(after[at..changed_at].lines().count(), 1);
}

#[test]
fn refused_shapes() {
    assert!(shape(10, 1).problem().is_some());
    assert!(shape(10, 33).problem().is_some());
    assert!(shape(0, 3).problem().is_some());
    assert!(shape(10, 32).problem().is_none());
}
