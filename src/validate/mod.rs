//! Validation: cross-references, quorum math, HA safety lints, and the limits of the files
//! hacc generates, over a decoded cluster. A spec that passes renders without a refusal.
//!
//! Every check runs on every spec, even one with structural errors, so a user sees all problems
//! in one run. Empty names are placeholders for values the decoder already reported missing;
//! the checks skip them (`text::settled` tells a placeholder from a value given empty).

mod acls;
mod agents;
mod alerts;
mod attributes;
mod bundles;
pub mod cluster_options;
mod constraints;
mod copy_sources;
mod descriptions;
mod fencing;
mod fencing_levels;
mod generated_ids;
mod identifiers;
mod image;
mod index;
mod links;
mod location_subjects;
mod meta_values;
mod names;
mod network;
mod node_cib_ids;
mod nodeless_rules;
mod nvsets;
mod object_ids;
mod op_extra;
mod op_meta_order;
mod pair_ids;
mod pairs;
mod properties;
mod quorum;
mod references;
mod repeats;
pub mod resource_options;
mod resources;
mod roles;
mod rules;
mod tags;
mod target;
mod templates;
mod text;
mod tickets;
mod transport;
mod verbatim;

use crate::diagnostic::Diagnostics;
use crate::model::{Checked, Cluster};
use index::Index;
use std::path::Path;

/// Runs every semantic check. Returns the checked model when no error was found.
pub fn validate(cluster: Cluster, diags: &mut Diagnostics) -> Option<Checked> {
    validate_in(cluster, None, diags)
}

/// [`validate`], with the files the spec copies looked up in `spec_dir`, the directory its
/// relative paths are read from; `None` checks the text alone.
pub fn validate_in(
    mut cluster: Cluster,
    spec_dir: Option<&Path>,
    diags: &mut Diagnostics,
) -> Option<Checked> {
    fencing::expand(&mut cluster);
    let index = Index::new(&cluster);
    names::check(&cluster, diags);
    node_cib_ids::check(&cluster, diags);
    descriptions::check(&cluster, diags);
    network::check(&cluster, diags);
    references::check(&index, diags);
    transport::check(&cluster.corosync, diags);
    links::check(&cluster, diags);
    quorum::check(&cluster, diags);
    properties::check(&cluster, diags);
    fencing::check(&cluster, diags);
    attributes::check(&cluster, diags);
    meta_values::check(&index, diags);
    resources::check(&index, diags);
    constraints::check(&index, diags);
    location_subjects::check(index.cluster, diags);
    tickets::check(&index, diags);
    tags::check(&index, diags);
    object_ids::check(&cluster, diags);
    alerts::check(&cluster, diags);
    acls::check(&cluster, diags);
    op_extra::check(&cluster, diags);
    op_meta_order::check(&cluster, diags);
    agents::check(&cluster, diags);
    templates::check(&index, diags);
    // What the generated files can carry; these skip values an earlier check already reported.
    identifiers::check(&cluster, diags);
    image::check(&cluster.image, diags);
    copy_sources::check(&cluster.image, spec_dir, diags);
    target::check(&cluster, spec_dir, diags);
    verbatim::check(&cluster, diags);
    rules::check(&cluster, diags);
    nodeless_rules::check(&cluster, diags);
    nvsets::check(&cluster, diags);
    roles::check(&index, diags);
    fencing_levels::check(&cluster, diags);
    generated_ids::check(&cluster, diags);
    pair_ids::check(&cluster, diags);
    bundles::check(&index, diags);
    if diags.has_errors() {
        return None;
    }
    Some(Checked::new(cluster))
}

#[cfg(test)]
mod cases;

#[cfg(test)]
pub(crate) mod tests {
    use crate::diagnostic::Diagnostic;
    use crate::pipeline::check_source;

    /// `body` inside a cluster with the default network.
    pub(crate) fn source_of(body: &str) -> String {
        format!("cluster \"t\" {{\nnetwork \"net\" subnet=\"10.0.0.0/24\"\n{body}\n}}\n")
    }

    /// Checks `body` inside a cluster with the default network.
    pub(crate) fn diagnostics_of(body: &str) -> Vec<Diagnostic> {
        check_source(&source_of(body)).diagnostics
    }

    #[test]
    fn a_sound_cluster_is_checked() {
        let source = r#"cluster "ok" {
            node "n1" address="10.0.0.11"
            node "n2" address="10.0.0.12"
            node "n3" address="10.0.0.13"
            primitive "fence1" agent="stonith:fence_xvm"
            primitive "ip" agent="ocf:heartbeat:IPaddr2" { params ip="10.0.0.100"; }
            primitive "web" agent="ocf:heartbeat:anything" { params binfile="/bin/web"; }
            group "site" "ip" "web"
            location "prefer" "site" node="n1" score=100
        }"#;
        let outcome = check_source(source);
        let codes: Vec<_> = outcome.diagnostics.iter().map(|d| d.code.id).collect();
        assert!(codes.is_empty(), "{codes:?}");
        assert!(outcome.checked.is_some());
    }

    #[test]
    fn every_problem_is_reported_even_after_structural_errors() {
        let source = r#"cluster "bad" {
            node "n1" address="10.0.0.11" colour="red"
            location "l" "nothing" node="n1" score=1
        }"#;
        let outcome = check_source(source);
        let codes: Vec<_> = outcome.diagnostics.iter().map(|d| d.code.id).collect();
        assert!(
            codes.contains(&"E0102") && codes.contains(&"E0203"),
            "{codes:?}"
        );
        assert!(outcome.checked.is_none());
    }

    #[test]
    fn pacemaker_3_names_build_with_their_2_1_names() {
        let source = r#"cluster "p3" {
            node "n1" address="10.0.0.11"
            node "n2" address="10.0.0.12"
            node "n3" address="10.0.0.13"
            property "fencing-enabled" #false { unsafe-acknowledged "test"; }
            property "stop-removed-resources" #false
            property "no-quorum-policy" "fence"
        }"#;
        let outcome = check_source(source);
        let mut codes: Vec<_> = outcome.diagnostics.iter().map(|d| d.code.id).collect();
        codes.sort_unstable();
        // `fence` is `suicide`, which needs fencing: refused, as `suicide` would be.
        assert_eq!(codes, ["E0408", "W0508", "W0508", "W0508"]);
        let source = source.replace(r#""fence""#, r#""stop""#);
        let outcome = check_source(&source);
        let checked = outcome.checked.expect("warnings only");
        let built = crate::cib::build(checked.cluster());
        let pairs: Vec<_> = built
            .properties
            .pairs
            .iter()
            .map(|p| (p.name.as_str(), p.value.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("cluster-name", "p3"),
                ("stonith-enabled", "false"),
                ("stop-orphan-resources", "false"),
                ("no-quorum-policy", "stop"),
            ]
        );
    }

    #[test]
    fn warnings_alone_still_check() {
        let source = r#"cluster "warn" {
            node "n1" address="10.0.0.11"
            node "n2" address="10.0.0.12"
            node "n3" address="10.0.0.13"
            corosync transport="udpu"
            property "stonith-enabled" #false { unsafe-acknowledged "test"; }
        }"#;
        let outcome = check_source(source);
        assert!(!outcome.has_errors(), "{:#?}", outcome.diagnostics);
        assert!(!outcome.diagnostics.is_empty());
        assert!(outcome.checked.is_some());
    }
}
