//! `cib-id` on nodes: the id of a node's CIB entry when it is not the corosync node id.

use super::repeats::repeats;
use super::text::{problem, report};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::Cluster;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    for cib_id in cluster.nodes.iter().filter_map(|n| n.cib_id.as_ref()) {
        report(diags, cib_id, form(cib_id), |why| {
            problem(&diag::INVALID_ID, "node `cib-id`", cib_id, why)
                .label("not a CIB node id")
                .help(
                    "a `cib-id` is a UUID or a name; a numeric CIB node id is the corosync \
                     nodeid, written `id=`",
                )
        });
    }
    // A `cib-id` is never a number, so it cannot meet a corosync node id: only cib-ids clash.
    let ids = cluster
        .nodes
        .iter()
        .filter_map(|n| n.cib_id.as_ref())
        .filter(|c| !c.is_empty())
        .map(|c| (c.value.as_str(), c.span));
    for (id, span, first) in repeats(ids) {
        diags.push(
            Diagnostic::new(
                &diag::DUPLICATE_NAME,
                span,
                format!("CIB node id `{}` is used twice", shown(id)),
            )
            .label("second use")
            .related(first, "first used here")
            .help("give every node its own `cib-id`"),
        );
    }
}

/// Why `text` cannot be a `cib-id`: the CIB id must be a word crmsh reads as a node's id
/// (`node <id>: <name>`) and must not pass for a corosync node id.
fn form(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        Some("is empty")
    } else if text.chars().all(|c| c.is_ascii_digit()) {
        Some("is a number, which Pacemaker reads as a corosync nodeid")
    } else if !text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        Some("holds characters other than letters, digits, `-`, `_` and `.`")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    #[test]
    fn cib_ids_are_words_that_are_not_numbers_and_differ() {
        let diags = diagnostics_of(
            r#"node "n1" address="10.0.0.11" cib-id="94ef659b-5fd8-4d6b-b0ed-3b40339f8132"
               node "n2" address="10.0.0.12" cib-id="7"
               node "n3" address="10.0.0.13" cib-id="a b"
               node "n4" address="10.0.0.14" cib-id="94ef659b-5fd8-4d6b-b0ed-3b40339f8132""#,
        );
        let found: Vec<_> = diags
            .iter()
            .filter(|d| matches!(d.code.id, "E0201" | "E0202"))
            .map(|d| (d.code.id, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "E0202",
                    "node `cib-id` `7` is a number, which Pacemaker reads as a corosync nodeid"
                ),
                (
                    "E0202",
                    "node `cib-id` `a b` holds characters other than letters, digits, `-`, `_` and `.`"
                ),
                (
                    "E0201",
                    "CIB node id `94ef659b-5fd8-4d6b-b0ed-3b40339f8132` is used twice"
                ),
            ]
        );
    }
}
