//! `<constraints>` -> locations (by node or by rules), colocations and orders (pairs or sets).

use super::element::{
    Context, attribute_span, elements, missing, path, set_members, tag_span, text,
};
use super::extras::{Extras, Origin};
use crate::cib::{
    CibColocation, CibColocationPair, CibConstraint, CibExpression, CibLocation, CibLocationTarget,
    CibOrder, CibOrderPair, CibRule, CibSet,
};
use crate::diagnostic as diag;
use roxmltree::Node;

pub(super) fn constraints(
    ctx: &mut Context<'_>,
    extras: &mut Extras,
    section: Node<'_, '_>,
) -> Vec<CibConstraint> {
    ctx.only(
        section,
        &[],
        &["rsc_location", "rsc_colocation", "rsc_order", "rsc_ticket"],
    );
    let mut out = Vec::new();
    for node in elements(section) {
        let id = node.attribute("id").unwrap_or_default();
        let constraint = match node.tag_name().name() {
            "rsc_location" => location(ctx, node).map(CibConstraint::Location),
            "rsc_colocation" => colocation(ctx, node).map(CibConstraint::Colocation),
            "rsc_order" => order(ctx, node).map(CibConstraint::Order),
            _ => None,
        };
        extras.origins.insert(
            format!("constraint:{id}"),
            Origin {
                span: tag_span(node),
                path: path(node),
            },
        );
        out.extend(constraint);
    }
    out
}

fn location(ctx: &mut Context<'_>, node: Node<'_, '_>) -> Option<CibLocation> {
    ctx.only(
        node,
        &[
            "id",
            "rsc",
            "rsc-pattern",
            "role",
            "resource-discovery",
            "node",
            "score",
        ],
        &["resource_set", "rule"],
    );
    let rules: Vec<Node<'_, '_>> = elements(node).filter(|n| n.has_tag_name("rule")).collect();
    let target = match (
        node.attribute("node"),
        node.attribute("score"),
        rules.is_empty(),
    ) {
        (Some(on), Some(score), true) => CibLocationTarget::Node {
            node: on.to_string(),
            score: score.to_string(),
        },
        (None, None, false) => {
            if node.attribute("role").is_some() {
                // The spec's location role goes onto every rule, where Pacemaker reads it.
                ctx.report(
                    &diag::AMBIGUOUS_CIB,
                    attribute_span(node, "role"),
                    node,
                    "rsc_location@role with rules",
                    "Pacemaker ignores `role` on a `rsc_location` with rules",
                    Some("write the role on each `rule` in the CIB".into()),
                );
            }
            let rules: Vec<CibRule> = rules.iter().filter_map(|r| rule(ctx, *r, false)).collect();
            CibLocationTarget::Rules(rules)
        }
        _ => {
            missing(
                ctx,
                node,
                "location without node and score or rules",
                "a `rsc_location` needs either `node` with `score`, or rules",
            );
            return None;
        }
    };
    let sets = sets(ctx, node, SetOf::Location);
    let (rsc, rsc_pattern) = (text(node, "rsc"), text(node, "rsc-pattern"));
    if rsc.is_none() && rsc_pattern.is_none() && sets.is_empty() {
        missing(
            ctx,
            node,
            "location without rsc",
            "a `rsc_location` needs `rsc`, `rsc-pattern` or resource sets",
        );
        return None;
    }
    Some(CibLocation {
        id: text(node, "id").unwrap_or_default(),
        rsc,
        rsc_pattern,
        sets,
        role: text(node, "role"),
        resource_discovery: text(node, "resource-discovery"),
        target,
    })
}

/// A location rule, or (`in_set`) the rule of an attribute set, whose score Pacemaker does
/// not read: an absent one is read as crmsh writes it, `INFINITY`.
pub(super) fn rule(ctx: &mut Context<'_>, node: Node<'_, '_>, in_set: bool) -> Option<CibRule> {
    rule_at(ctx, node, in_set, 0)
}

/// Rules nest at most this deep in a spec (which holds 32 levels of blocks in all).
const MAX_NESTED_RULES: usize = 16;

/// A rule, `nested` levels inside a location rule (where Pacemaker reads neither a score
/// nor a role).
fn rule_at(
    ctx: &mut Context<'_>,
    node: Node<'_, '_>,
    in_set: bool,
    nested: usize,
) -> Option<CibRule> {
    if nested > MAX_NESTED_RULES {
        ctx.report(
            &diag::UNCARRIED_ELEMENT,
            tag_span(node),
            node,
            "rule nested too deep",
            format!("rules nest at most {MAX_NESTED_RULES} deep in a spec"),
            None,
        );
        return None;
    }
    let inner = nested > 0;
    let known: &[&str] = if in_set || inner {
        &["id", "score", "boolean-op"]
    } else {
        &["id", "score", "score-attribute", "boolean-op", "role"]
    };
    let (agents_allowed, operations_allowed) = super::read_defaults_tests::allowed(node);
    let mut children = vec!["expression", "date_expression"];
    if agents_allowed {
        children.push("rsc_expression");
    }
    if operations_allowed {
        children.push("op_expression");
    }
    if !in_set {
        children.push("rule");
    }
    ctx.only(node, known, &children);
    let (score, score_attribute) = rule_score(ctx, node, in_set || inner, inner)?;
    let or = match node.attribute("boolean-op") {
        None | Some("and") => false,
        Some("or") => true,
        Some(other) => {
            ctx.report(
                &diag::AMBIGUOUS_CIB,
                attribute_span(node, "boolean-op"),
                node,
                "rule boolean-op",
                format!("`boolean-op` is `and` or `or`, not `{other}`"),
                None,
            );
            false
        }
    };
    let expressions: Vec<CibExpression> = elements(node)
        .filter(|n| n.has_tag_name("expression"))
        .filter_map(|e| expression(ctx, e))
        .collect();
    let dates = elements(node)
        .filter(|n| n.has_tag_name("date_expression"))
        .filter_map(|d| super::read_dates::date(ctx, d))
        .collect();
    let agents = elements(node)
        .filter(|n| agents_allowed && n.has_tag_name("rsc_expression"))
        .map(|a| super::read_defaults_tests::agent(ctx, a))
        .collect();
    let operations = elements(node)
        .filter(|n| operations_allowed && n.has_tag_name("op_expression"))
        .filter_map(|o| super::read_defaults_tests::operation(ctx, o))
        .collect();
    let rules = elements(node)
        .filter(|n| !in_set && n.has_tag_name("rule"))
        .filter_map(|child| rule_at(ctx, child, false, nested + 1))
        .collect();
    if elements(node).next().is_none() {
        missing(
            ctx,
            node,
            "rule without expressions",
            "a `rule` without expressions cannot be imported",
        );
    }
    Some(CibRule {
        id: text(node, "id").unwrap_or_default(),
        score,
        score_attribute,
        or,
        role: text(node, "role"),
        expressions,
        dates,
        agents,
        operations,
        rules,
    })
}

/// A rule's score and score attribute. `unscored`: a set's or a nested rule's, whose score
/// Pacemaker does not read (an absent one is read as crmsh writes it, `INFINITY`).
fn rule_score(
    ctx: &mut Context<'_>,
    node: Node<'_, '_>,
    unscored: bool,
    inner: bool,
) -> Option<(String, Option<String>)> {
    let score_attribute = (!unscored).then(|| text(node, "score-attribute")).flatten();
    let score = text(node, "score")
        .or_else(|| (unscored || score_attribute.is_some()).then(|| "INFINITY".to_string()));
    let score = match score {
        // Pacemaker reads a nested rule as a test: its score counts for nothing.
        Some(given) if inner && given != "INFINITY" => {
            ctx.normalised.push(format!(
                "{}: a nested rule's `score=\"{given}\"` left out",
                path(node)
            ));
            Some("INFINITY".to_string())
        }
        other => other,
    };
    let Some(score) = score else {
        missing(
            ctx,
            node,
            "rule without score",
            "a location `rule` needs a `score` or a `score-attribute`",
        );
        return None;
    };
    if score_attribute.is_some() && node.attribute("score").is_some() {
        // Pacemaker reads `score` and ignores `score-attribute` then.
        ctx.report(
            &diag::AMBIGUOUS_CIB,
            attribute_span(node, "score-attribute"),
            node,
            "rule score and score-attribute",
            "a `rule` with both `score` and `score-attribute` cannot be imported: keep one",
            None,
        );
    }
    Some((score, score_attribute))
}

fn expression(ctx: &mut Context<'_>, node: Node<'_, '_>) -> Option<CibExpression> {
    ctx.only(
        node,
        &[
            "id",
            "attribute",
            "operation",
            "value",
            "type",
            "value-source",
        ],
        &[],
    );
    let (Some(attribute), Some(operation)) = (text(node, "attribute"), text(node, "operation"))
    else {
        missing(
            ctx,
            node,
            "expression without attribute or operation",
            "an `expression` needs `attribute` and `operation`",
        );
        return None;
    };
    Some(CibExpression {
        id: text(node, "id").unwrap_or_default(),
        attribute,
        operation,
        value: text(node, "value"),
        value_type: text(node, "type"),
        value_source: text(node, "value-source"),
    })
}

/// `sequential` and `require-all` as the model keeps them (`require-all` true unless written
/// false; `sequential` is read only when written).
fn flag(ctx: &mut Context<'_>, node: Node<'_, '_>, name: &str) -> bool {
    let Some(text) = node.attribute(name) else {
        return true;
    };
    let value = crate::validate::cluster_options::parse_bool(text);
    // `sequential` and `influence` are kept as written when true or false.
    let kept = matches!(name, "sequential" | "influence") && text == "true";
    if text != "false" && !kept {
        // The model cannot tell an explicit `require-all="true"` from an absent one (nor `no`
        // from `false`), and Pacemaker does not read them alike everywhere: such an import is
        // proven equal by simulation, not assumed.
        ctx.normalised.push(format!(
            "{}: `{name}=\"{text}\"` read as {value:?}",
            path(node)
        ));
    }
    value.unwrap_or_else(|| {
        ctx.report(
            &diag::AMBIGUOUS_CIB,
            attribute_span(node, name),
            node,
            format!("{} {name}", node.tag_name().name()),
            format!("`{name}` is a boolean, not `{text}`"),
            None,
        );
        true
    })
}

/// The constraint a set belongs to: what its members share, and what Pacemaker reads on it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SetOf {
    /// A role.
    Colocation,
    /// An action.
    Order,
    /// A role and a score, and no ordering.
    Location,
}

fn sets(ctx: &mut Context<'_>, node: Node<'_, '_>, of: SetOf) -> Vec<CibSet> {
    let mut out = Vec::new();
    let known: &[&str] = match of {
        SetOf::Colocation => &["id", "sequential", "require-all", "role", "ordering"],
        SetOf::Order => &["id", "sequential", "require-all", "action", "ordering"],
        SetOf::Location => &[
            "id",
            "role",
            "score",
            "sequential",
            "require-all",
            "ordering",
        ],
    };
    for set in elements(node).filter(|n| n.has_tag_name("resource_set")) {
        ctx.only(set, known, &["resource_ref"]);
        let ordering = text(set, "ordering");
        if let Some(value) = ordering.as_deref().filter(|_| of != SetOf::Colocation) {
            // Pacemaker reads `ordering` only in colocation sets.
            ctx.normalised
                .push(format!("{}: `ordering=\"{value}\"` left out", path(set)));
        }
        if of == SetOf::Location {
            for name in ["sequential", "require-all"] {
                if let Some(value) = set.attribute(name) {
                    // Pacemaker places each member of a location's set on its own.
                    ctx.normalised
                        .push(format!("{}: `{name}=\"{value}\"` left out", path(set)));
                }
            }
        }
        let resources = set_members(ctx, set);
        out.push(CibSet {
            id: text(set, "id").unwrap_or_default(),
            resources,
            sequential: (of != SetOf::Location && set.attribute("sequential").is_some())
                .then(|| flag(ctx, set, "sequential")),
            require_all: of == SetOf::Location || flag(ctx, set, "require-all"),
            role: (of != SetOf::Order).then(|| text(set, "role")).flatten(),
            action: (of == SetOf::Order).then(|| text(set, "action")).flatten(),
            score: (of == SetOf::Location)
                .then(|| text(set, "score"))
                .flatten(),
            ordering: ordering.filter(|_| of == SetOf::Colocation),
        });
    }
    out
}

fn colocation(ctx: &mut Context<'_>, node: Node<'_, '_>) -> Option<CibColocation> {
    ctx.only(
        node,
        &[
            "id",
            "score",
            "rsc",
            "with-rsc",
            "rsc-role",
            "with-rsc-role",
            "influence",
            "node-attribute",
        ],
        &["resource_set"],
    );
    let sets = sets(ctx, node, SetOf::Colocation);
    let pair = match (text(node, "rsc"), text(node, "with-rsc")) {
        (Some(rsc), Some(with_rsc)) if sets.is_empty() => Some(CibColocationPair {
            rsc,
            rsc_role: text(node, "rsc-role"),
            with_rsc,
            with_rsc_role: text(node, "with-rsc-role"),
            node_attribute: text(node, "node-attribute"),
        }),
        (None, None) if !sets.is_empty() => None,
        _ => {
            missing(
                ctx,
                node,
                "colocation without a pair or sets",
                "a `rsc_colocation` needs `rsc` and `with-rsc`, or resource sets",
            );
            return None;
        }
    };
    let Some(score) = text(node, "score") else {
        if node.attribute("score-attribute").is_none() {
            missing(
                ctx,
                node,
                "colocation without score",
                "a `rsc_colocation` needs a `score`",
            );
        }
        return None;
    };
    let influence = node
        .attribute("influence")
        .is_some()
        .then(|| flag(ctx, node, "influence"));
    Some(CibColocation {
        id: text(node, "id").unwrap_or_default(),
        score,
        influence,
        pair,
        sets,
    })
}

fn order(ctx: &mut Context<'_>, node: Node<'_, '_>) -> Option<CibOrder> {
    ctx.only(
        node,
        &[
            "id",
            "kind",
            "symmetrical",
            "require-all",
            "first",
            "then",
            "first-action",
            "then-action",
        ],
        &["resource_set"],
    );
    let sets = sets(ctx, node, SetOf::Order);
    let pair = match (text(node, "first"), text(node, "then")) {
        (Some(first), Some(then)) if sets.is_empty() => Some(CibOrderPair {
            first,
            first_action: text(node, "first-action"),
            then,
            then_action: text(node, "then-action"),
        }),
        (None, None) if !sets.is_empty() => None,
        _ => {
            missing(
                ctx,
                node,
                "order without a pair or sets",
                "a `rsc_order` needs `first` and `then`, or resource sets",
            );
            return None;
        }
    };
    let symmetrical = order_flag(ctx, node, "symmetrical");
    let require_all = order_flag(ctx, node, "require-all");
    Some(CibOrder {
        id: text(node, "id").unwrap_or_default(),
        // Pacemaker's default kind.
        kind: text(node, "kind").unwrap_or_else(|| "Mandatory".into()),
        symmetrical,
        require_all,
        pair,
        sets,
    })
}

/// An order's `symmetrical` or `require-all`, kept as written when it is `true` or `false`.
fn order_flag(ctx: &mut Context<'_>, node: Node<'_, '_>, name: &str) -> Option<bool> {
    match node.attribute(name) {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(other) => {
            ctx.report(
                &diag::AMBIGUOUS_CIB,
                attribute_span(node, name),
                node,
                format!("order {name}"),
                format!("`{name}` is `true` or `false` in the spec, not `{other}`"),
                None,
            );
            None
        }
    }
}
