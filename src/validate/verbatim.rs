//! Free-text values the generated files must carry unchanged: Pacemaker attribute values in
//! cib.crm, corosync.conf values and the front's health-check path.

use super::pairs::blocks;
use super::text::{problem, report};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::limits::{crm, text};
use crate::model::Cluster;
use crate::spanned::Spanned;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let cib_values = blocks(cluster)
        .into_iter()
        .filter(super::pairs::Block::reaches_cib)
        .flat_map(|b| b.pairs.iter().map(|p| &p.value))
        .chain(cluster.properties.iter().map(|p| &p.value))
        .chain(bundle_texts(cluster))
        .collect::<Vec<_>>();
    for value in cib_values {
        report(diags, value, crm::value_problem(value), |why| {
            cib_value(value, why)
        });
    }
    let quorum = &cluster.corosync.quorum;
    let corosync_values = [
        (
            "`auto-tie-breaker-node`",
            quorum.auto_tie_breaker_node.as_ref(),
        ),
        (
            "quorum device host",
            quorum.device.as_ref().map(|d| &d.host),
        ),
        ("logfile", cluster.corosync.logging.logfile.as_ref()),
    ];
    for (what, value) in corosync_values {
        if let Some(value) = value {
            report(diags, value, text::corosync_value(value), |why| {
                corosync_value(what, value, why)
            });
        }
    }
    if let Some(front) = &cluster.front {
        let path = &front.health_path;
        report(diags, path, text::health_path(path), |why| {
            problem(&diag::INVALID_VALUE, "health path", path, why)
                .label("not an HTTP request path")
                .help("write `/` and then visible ASCII characters, e.g. \"/health\"; encode others as `%XX`")
        });
    }
}

fn cib_value(value: &Spanned<String>, why: &str) -> Diagnostic {
    Diagnostic::new(
        &diag::UNCARRIED_VALUE,
        value.span,
        format!("value `{}` cannot be written to cib.crm", shown(value)),
    )
    .label(why)
    .help("crmsh loads cib.crm line by line: keep the value on one line, in ASCII, without a backslash before `\"` or at the end")
}

fn corosync_value(what: &str, value: &Spanned<String>, why: &str) -> Diagnostic {
    problem(&diag::UNCARRIED_VALUE, what, value, why)
        .label("cannot be written to corosync.conf")
        .help("corosync.conf has no quoting: write the value without `{`, control characters or spaces around it, in at most 255 bytes")
}

/// Bundle mapping text (port ranges, directories, mount options), written into both files.
fn bundle_texts(cluster: &Cluster) -> impl Iterator<Item = &crate::spanned::Spanned<String>> {
    cluster.resources.iter().flat_map(|r| match r {
        crate::model::Resource::Bundle(b) => b.mapping_texts(),
        _ => Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    fn messages(body: &str, code: &str) -> Vec<String> {
        diagnostics_of(body)
            .into_iter()
            .filter(|d| d.code.id == code)
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn cib_values_crmsh_cannot_load() {
        let found = messages(
            r#"node "n1" address="10.0.0.11" { attribute note="a\nb"; }
               rsc-defaults description="café"
               op-defaults description="ok \"quoted\" $(x)"
               property "cluster-name" "ends\\"
               primitive "p" agent="ocf:heartbeat:Dummy" {
                   meta description="tab\there"
               }"#,
            "E0112",
        );
        assert_eq!(
            found,
            [
                r"value `a\nb` cannot be written to cib.crm",
                "value `café` cannot be written to cib.crm",
                r"value `ends\` cannot be written to cib.crm",
                r"value `tab\there` cannot be written to cib.crm",
            ]
        );
    }

    #[test]
    fn corosync_values_and_health_paths() {
        let found = messages(
            r#"node "n1" address="10.0.0.11"
               corosync {
                   quorum { device host=" qnetd"; }
                   logging logfile="/var/log/{x}"
               }"#,
            "E0112",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        let found = messages(
            r#"node "n1" address="10.0.0.11"
               primitive "web" agent="ocf:heartbeat:Dummy"
               front "f" address="10.0.0.10" port=8080 service="web" backend-port=80 health="/a b""#,
            "E0105",
        );
        assert_eq!(
            found,
            [
                "health path `/a b` holds spaces, control or non-ASCII characters, which an HTTP request line cannot carry"
            ]
        );
    }

    #[test]
    fn nul_characters_are_reported_once_per_value() {
        let diags = diagnostics_of(
            r#"node "n1" address="10.0.0.11" { env A="x\u{0}y"; attribute "k\u{0}"="v"; }
               primitive "p\u{0}" agent="ocf:heartbeat:Dummy""#,
        );
        let nul: Vec<_> = diags.iter().filter(|d| d.code.id == "E0112").collect();
        assert_eq!(nul.len(), 3, "{diags:#?}");
        for d in nul {
            assert_eq!(d.message, "text holds a NUL character");
            let at_span = diags.iter().filter(|o| o.span == d.span).count();
            assert_eq!(at_span, 1, "{diags:#?}");
        }
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let body = format!("rsc-defaults description=\"{}\\n\"", "x".repeat(10_000));
        let found = messages(&body, "E0112");
        assert_eq!(found.len(), 1);
        assert!(found[0].len() < 100, "{}", found[0]);
    }
}
