//! Names the generated files use as identifiers: the cluster name (corosync's `cluster_name`,
//! the compose project, the image names), the network name, environment variables and the
//! names of Pacemaker attributes.

use super::pairs::blocks;
use super::text::{problem, report};
use crate::diagnostic::{self as diag, Diagnostics};
use crate::limits::names;
use crate::model::Cluster;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let name = &cluster.name;
    report(diags, name, names::cluster_name(name), |why| {
        problem(&diag::INVALID_ID, "cluster name", name, why)
            .label("not a cluster name")
            .help(format!(
                "the cluster name is corosync's `cluster_name` and the compose project: a letter, then letters, digits, `-`, `_` or `.`, at most {} characters",
                names::CLUSTER_NAME_MAX
            ))
    });
    let network = &cluster.network.name;
    report(diags, network, names::network_name(network), |why| {
        problem(&diag::INVALID_ID, "network name", network, why)
            .label("not a compose network name")
            .help("name the network with letters, digits, `.`, `_` and `-`")
    });
    for block in blocks(cluster) {
        for pair in block.pairs {
            let name = &pair.name;
            if block.node_attributes {
                report(diags, name, names::node_attribute_name(name), |why| {
                    problem(&diag::INVALID_ID, "node attribute name", name, why)
                        .label("not a node attribute name")
                        .help("a node attribute name may hold any character but control characters")
                });
            } else if block.reaches_cib() {
                report(diags, name, names::attribute_name(name), |why| {
                    problem(&diag::INVALID_ID, "attribute name", name, why)
                        .label("not an attribute name")
                        .help("Pacemaker attribute names use letters, digits, `_`, `.` and `-`")
                });
            } else {
                report(diags, name, names::env_name(name), |why| {
                    problem(&diag::INVALID_ID, "environment variable", name, why)
                        .label("not a variable name")
                        .help("start with a letter or `_`, then use letters, digits and `_`")
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::pipeline::check_source;
    use crate::validate::tests::diagnostics_of;

    #[test]
    fn cluster_names() {
        for (name, valid) in [("web-1_a.b", true), ("1st", false), ("a b", false)] {
            let source = format!("cluster \"{name}\" {{\n}}\n");
            let codes: Vec<_> = check_source(&source)
                .diagnostics
                .iter()
                .map(|d| d.code.id)
                .collect();
            assert_eq!(!codes.contains(&"E0202"), valid, "{name}: {codes:?}");
        }
        let long = format!("cluster \"{}\" {{\n}}\n", "a".repeat(33));
        let diags = check_source(&long).diagnostics;
        assert!(diags.iter().any(|d| d.code.id == "E0202"), "{diags:#?}");
    }

    #[test]
    fn network_env_and_attribute_names() {
        let diags = diagnostics_of(
            r#"node "n1" address="10.0.0.11" {
                   env "APP-ID"="x" _OK=1 HACC_NODE_ENV="y"
                   attribute "rack:a"=1 site.zone-b_1=2 "bad\u{7}"=3
                   utilization "cpu:0"=1
               }
               primitive "p" agent="ocf:heartbeat:Dummy" {
                   meta "a b"=1
               }"#,
        );
        let bad: Vec<_> = diags
            .iter()
            .filter(|d| d.code.id == "E0202")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            bad,
            [
                "environment variable `APP-ID` holds characters other than letters, digits and `_`",
                "environment variable `HACC_NODE_ENV` starts with `HACC_`, which the node containers keep for hacc's own variables",
                "node attribute name `bad\\u{7}` holds a control character",
                "attribute name `cpu:0` holds characters other than letters, digits, `_`, `.` and `-`",
                "attribute name `a b` holds characters other than letters, digits, `_`, `.` and `-`",
            ]
        );
        let source = "cluster \"t\" {\nnetwork \"a/b\" subnet=\"10.0.0.0/24\"\n}\n";
        let codes: Vec<_> = check_source(source)
            .diagnostics
            .iter()
            .map(|d| d.code.id)
            .collect();
        assert!(codes.contains(&"E0202"), "{codes:?}");
    }
}
