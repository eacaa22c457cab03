//! The integration tests, one crate so that the suite links once: each file of `tests/` is a
//! module here, except `tests/live.rs` (real clusters in Docker), which is its own binary. A
//! file declared in neither place would never run: `tests/architecture.rs` fails on it.

// A test crate is a binary: `pub` says what one module offers the others. The crate's
// pedantic lints are for the library; tests read best as plain assertions.
#![allow(unreachable_pub, clippy::pedantic)]

mod acls;
mod cib_tools;
mod common;
#[path = "../benches/support/spec_gen.rs"]
mod spec_gen;

mod architecture;
mod bundles;
mod check_covers_render;
mod check_formats;
mod cib_meaning;
mod colocation_options;
mod completions_man;
mod descriptions;
mod diagnostics;
mod examples_valid;
mod fence_gateway;
mod fence_secrets;
mod fencing_levels;
mod fmt;
mod gen_spec;
mod golden_build;
mod graph;
mod hostile_fs;
mod hosts;
mod import;
mod import_corpus;
mod inherited_params;
mod location_subjects;
mod lsp;
mod nested_rules;
mod no_panic;
mod node_attribute_names;
mod node_scores;
mod objects;
mod plan_apply;
mod posix_pattern;
mod render_cib;
mod render_infra;
mod rule_score_attribute;
mod saved_plan;
mod schema_sync;
mod secret_drift;
mod set_order;
mod tags;
mod templates;
