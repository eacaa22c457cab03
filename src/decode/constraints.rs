//! Location, colocation and order constraints.

use super::nvsets::score;
use super::reader::NodeView;
use crate::model::{
    Colocation, Constraint, Location, LocationTarget, Order, ResourceSet, Rule, Score,
};
use crate::spanned::Spanned;

/// Constraints in declaration order, whatever their kind.
pub(super) fn constraints(cluster: &NodeView<'_>) -> Vec<Constraint> {
    let mut out = Vec::new();
    for node in cluster.node.children() {
        match node.name() {
            "location" => out.push(Constraint::Location(location(
                &cluster.child(node, "cluster.location"),
            ))),
            "colocation" => out.push(Constraint::Colocation(colocation(
                &cluster.child(node, "cluster.colocation"),
            ))),
            "order" => out.push(Constraint::Order(order(
                &cluster.child(node, "cluster.order"),
            ))),
            _ => {}
        }
    }
    out
}

fn location(view: &NodeView<'_>) -> Location {
    let rules: Vec<Rule> = view
        .children("rule", "cluster.location.rule")
        .map(|r| super::nvsets::rule(&r, &super::nvsets::LOCATION_RULE))
        .collect();
    let node = view.str("node");
    let rules_beside_node = match node {
        Some(_) => rules.iter().map(|r| r.span).collect(),
        None => Vec::new(),
    };
    let target = match node {
        Some(node) => LocationTarget::Node {
            node,
            score: score(view, Score::Infinity),
        },
        // With neither a node nor rules the list is empty, which validation reports.
        None => LocationTarget::Rules(rules),
    };
    Location {
        id: view.arg_or_empty(0),
        resource: view.arg_str(1),
        pattern: view.str("rsc-pattern"),
        sets: placed_sets(view, "cluster.location.set", true),
        role: view.str("role"),
        resource_discovery: view.str("resource-discovery"),
        target,
        rules_beside_node,
    }
}

/// Sets whose members are each placed in a `role` (a location's, with a `score` of their own,
/// or a ticket's): Pacemaker orders nothing within them.
pub(super) fn placed_sets(
    view: &NodeView<'_>,
    path: &'static str,
    scored: bool,
) -> Vec<ResourceSet> {
    view.children("set", path)
        .map(|s| ResourceSet {
            span: s.name_span(),
            resources: s.rest_args(0),
            sequential: None,
            require_all: None,
            role: s.str("role"),
            action: None,
            score: scored.then(|| super::nvsets::given_score(&s)).flatten(),
            ordering: None,
        })
        .collect()
}

/// What a set's members share: a role in a colocation, an action in an order (crmsh writes
/// either as a `:suffix` on each member, so a set cannot carry both).
#[derive(Clone, Copy, PartialEq, Eq)]
enum SetSuffix {
    Role,
    Action,
}

fn sets(view: &NodeView<'_>, path: &'static str, suffix: SetSuffix) -> Vec<ResourceSet> {
    view.children("set", path)
        .map(|s| ResourceSet {
            span: s.name_span(),
            resources: s.rest_args(0),
            sequential: s.bool("sequential").map(|b| b.value),
            require_all: s.bool("require-all").map(|b| b.value),
            role: (suffix == SetSuffix::Role).then(|| s.str("role")).flatten(),
            action: (suffix == SetSuffix::Action)
                .then(|| s.str("action"))
                .flatten(),
            score: None,
            ordering: (suffix == SetSuffix::Role)
                .then(|| s.str("ordering"))
                .flatten(),
        })
        .collect()
}

fn colocation(view: &NodeView<'_>) -> Colocation {
    Colocation {
        id: view.arg_or_empty(0),
        score: score(view, Score::Infinity),
        rsc: view.arg_str(1),
        with_rsc: view.str("with"),
        rsc_role: view.str("role"),
        with_rsc_role: view.str("with-role"),
        influence: view.bool("influence"),
        node_attribute: view.str("node-attribute"),
        sets: sets(view, "cluster.colocation.set", SetSuffix::Role),
    }
}

fn order(view: &NodeView<'_>) -> Order {
    Order {
        id: view.arg_or_empty(0),
        kind: view
            .str("kind")
            .unwrap_or_else(|| Spanned::new("Mandatory".into(), view.name_span())),
        first: view.str("first"),
        then: view.str("then"),
        first_action: view.str("first-action"),
        then_action: view.str("then-action"),
        symmetrical: view.bool("symmetrical"),
        require_all: view.bool("require-all"),
        sets: sets(view, "cluster.order.set", SetSuffix::Action),
    }
}
