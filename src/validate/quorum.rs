//! votequorum: vote math, tie-breakers and option combinations corosync refuses.

use super::references::unknown;
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics};
use crate::model::{Cluster, Quorum};
use crate::spanned::Spanned;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let quorum = &cluster.corosync.quorum;
    let nodes = cluster.nodes.len() as u32;
    two_node(quorum, nodes, diags);
    if let Some(votes) = &quorum.expected_votes
        && nodes > 0
        && votes.value != nodes
    {
        diags.push(expected_votes(votes, nodes));
    }
    tie_breaker(cluster, nodes, diags);
    combinations(quorum, diags);
    tie_breaker_node(cluster, diags);
}

fn two_node(quorum: &Quorum, nodes: u32, diags: &mut Diagnostics) {
    let Some(flag) = quorum.two_node.as_ref().filter(|f| f.value) else {
        return;
    };
    let problem = |why: String| {
        Diagnostic::new(&diag::TWO_NODE_MISMATCH, flag.span, why).label("two-node mode")
    };
    if nodes != 2 {
        diags.push(
            problem(format!(
                "`two-node` needs exactly 2 nodes, the cluster has {nodes}"
            ))
            .help("remove `two-node`: with more nodes a majority decides"),
        );
    }
    if let Some(device) = &quorum.device {
        diags.push(
            problem("`two-node` cannot be combined with a quorum device".into())
                .related(device.span, "quorum device")
                .help("remove `two-node`: the quorum device breaks the tie"),
        );
    }
    if let Some(atb) = quorum.auto_tie_breaker.as_ref().filter(|f| f.value) {
        diags.push(
            problem("`two-node` cannot be combined with `auto-tie-breaker`".into())
                .related(atb.span, "auto-tie-breaker")
                .help("keep one of them: `two-node` (with fencing) or `auto-tie-breaker`"),
        );
    }
}

/// Explains what a wrong `expected-votes` does to the quorum.
fn expected_votes(votes: &Spanned<u32>, nodes: u32) -> Diagnostic {
    let expected = votes.value;
    let quorum = expected / 2 + 1;
    let normal = nodes / 2 + 1;
    let setting = format!("with {nodes} nodes and expected-votes {expected}");
    let math = if 2 * quorum <= nodes {
        format!(
            "{setting}, {quorum} nodes are a quorum on each side of a {quorum}|{} split",
            nodes - quorum
        )
    } else if quorum > nodes {
        format!("{setting}, quorum needs {quorum} votes: the cluster can never be quorate")
    } else if quorum != normal {
        format!(
            "{setting}, quorum needs {quorum} nodes instead of {normal}: the cluster survives \
             {} failure(s) instead of {}",
            nodes - quorum,
            nodes - normal
        )
    } else {
        format!("{setting}, quorum stays at {quorum} nodes only by chance")
    };
    Diagnostic::new(
        &diag::EXPECTED_VOTES,
        votes.span,
        format!("`expected-votes` is {expected} but the cluster has {nodes} nodes"),
    )
    .label(format!("{quorum} votes make a quorum"))
    .help(format!(
        "{math}; remove `expected-votes`, it defaults to the node count ({nodes})"
    ))
}

fn tie_breaker(cluster: &Cluster, nodes: u32, diags: &mut Diagnostics) {
    let quorum = &cluster.corosync.quorum;
    let span = quorum.span.unwrap_or(cluster.corosync.span);
    let atb = Quorum::flag(&quorum.auto_tie_breaker);
    if quorum.device.is_some() || atb {
        return;
    }
    if nodes > 2 && nodes.is_multiple_of(2) {
        diags.push(
            Diagnostic::new(
                &diag::EVEN_NODES,
                span,
                format!("{nodes} nodes and no tie-breaker"),
            )
            .label(format!(
                "a {}|{} split stops the whole cluster",
                nodes / 2,
                nodes / 2
            ))
            .help("set `quorum auto-tie-breaker=#true`, add a quorum `device`, or add a node"),
        );
    } else if nodes == 2 && !Quorum::flag(&quorum.two_node) {
        diags.push(
            Diagnostic::new(&diag::EVEN_NODES, span, "2 nodes without `two-node` mode")
                .label("losing either node loses quorum")
                .help("set `quorum two-node=#true` (with fencing), or add a quorum `device`"),
        );
    }
}

fn combinations(quorum: &Quorum, diags: &mut Diagnostics) {
    let lms = quorum.last_man_standing.as_ref().filter(|f| f.value);
    if let (Some(window), None) = (&quorum.last_man_standing_window, lms) {
        diags.push(
            Diagnostic::new(
                &diag::QUORUM_OPTIONS,
                window.span,
                "`last-man-standing-window` without `last-man-standing`",
            )
            .label("has no effect")
            .help("set `last-man-standing=#true`, or remove the window"),
        );
    }
    if let (Some(node), false) = (
        &quorum.auto_tie_breaker_node,
        Quorum::flag(&quorum.auto_tie_breaker),
    ) {
        diags.push(
            Diagnostic::new(
                &diag::QUORUM_OPTIONS,
                node.span,
                "`auto-tie-breaker-node` without `auto-tie-breaker`",
            )
            .label("has no effect")
            .help("set `auto-tie-breaker=#true`, or remove `auto-tie-breaker-node`"),
        );
    }
    let Some(device) = &quorum.device else {
        return;
    };
    let flags = [
        ("auto-tie-breaker", &quorum.auto_tie_breaker),
        ("last-man-standing", &quorum.last_man_standing),
    ];
    for (name, flag) in flags {
        if let Some(flag) = flag.as_ref().filter(|f| f.value) {
            diags.push(
                Diagnostic::new(
                    &diag::QUORUM_OPTIONS,
                    flag.span,
                    format!("`{name}` cannot be combined with a quorum device"),
                )
                .label("conflicts with the device")
                .related(device.span, "quorum device")
                .help(format!("remove `{name}`: the quorum device decides ties")),
            );
        }
    }
}

/// `lowest`, `highest`, or a list of corosync node ids.
fn tie_breaker_node(cluster: &Cluster, diags: &mut Diagnostics) {
    let Some(value) = &cluster.corosync.quorum.auto_tie_breaker_node else {
        return;
    };
    if matches!(value.value.as_str(), "lowest" | "highest") {
        return;
    }
    let ids: Vec<String> = cluster
        .nodes
        .iter()
        .map(|n| n.id.value.to_string())
        .collect();
    for word in value.split_whitespace() {
        if !ids.iter().any(|id| id == word) {
            let word = Spanned::new(word.to_string(), value.span);
            diags.push(
                unknown("node id", &word, ids.iter().map(String::as_str))
                    .help("write `lowest`, `highest`, or corosync node ids separated by spaces"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    fn nodes(count: usize) -> String {
        (1..=count).fold(String::new(), |nodes, i| {
            nodes + &format!("node \"n{i}\" address=\"10.0.0.{}\"\n", 10 + i)
        })
    }

    #[test]
    fn expected_votes_explains_the_split() {
        let diags = diagnostics_of(&format!(
            "{}corosync {{ quorum expected-votes=3 auto-tie-breaker=#true; }}",
            nodes(4)
        ));
        let votes = diags.iter().find(|d| d.code.id == "E0303").expect("E0303");
        let label = votes.help.as_deref().unwrap();
        assert!(
            label.contains("2 nodes are a quorum on each side"),
            "{label}"
        );
        let diags = diagnostics_of(&format!(
            "{}corosync {{ quorum expected-votes=7; }}",
            nodes(3)
        ));
        let votes = diags.iter().find(|d| d.code.id == "E0303").expect("E0303");
        assert!(votes.help.as_deref().unwrap().contains("never be quorate"));
        let label = |count, votes| {
            let body = format!(
                "{}corosync {{ quorum expected-votes={votes}; }}",
                nodes(count)
            );
            let diags = diagnostics_of(&body);
            let found = diags.iter().find(|d| d.code.id == "E0303").expect("E0303");
            found.help.clone().unwrap()
        };
        assert!(label(3, 4).contains("survives 0 failure(s) instead of 1"));
        assert!(label(5, 4).contains("only by chance"));
    }
}
