//! Every example spec checks without errors.

use crate::common;

#[test]
fn every_example_is_valid() {
    let specs = common::example_specs();
    assert!(
        specs.len() >= 4,
        "expected seed, two-node, web and drbd: {specs:?}"
    );
    for (name, path) in specs {
        let checked = common::checked(&path);
        assert!(!checked.cluster().nodes.is_empty(), "{name} has no nodes");
    }
}
