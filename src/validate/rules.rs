//! Location rules: one form per location, and expressions crmsh can read back as written.

use super::text::{problem, report, settled};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics};
use crate::limits::{crm, names};
use crate::model::{Cluster, Constraint, Location, LocationTarget, Resource, Rule, RuleExpression};

/// Operators that test for an attribute and take no value.
const UNARY: &[&str] = &["defined", "not_defined"];

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    for constraint in &cluster.constraints {
        let Constraint::Location(location) = constraint else {
            continue;
        };
        rules_beside_node(location, diags);
        if let LocationTarget::Rules(rules) = &location.target {
            for rule in rules {
                score(rule, diags);
                host_attributes(cluster, location, rule, diags);
            }
            let all = rules.iter().flat_map(Rule::with_nested);
            for expression in all.flat_map(|r| &r.expressions) {
                self::expression(expression, diags);
            }
        }
    }
}

/// A location rule scores with `score=` or with `score-attribute=`, never both: Pacemaker
/// would read `score` and ignore the attribute.
fn score(rule: &Rule, diags: &mut Diagnostics) {
    match (&rule.score_attribute, rule.score_given()) {
        (Some(attribute), true) => diags.push(
            Diagnostic::new(
                &diag::INVALID_SCORE,
                attribute.span,
                "rule has both `score=` and `score-attribute=`",
            )
            .label("Pacemaker ignores this beside `score=`")
            .related(rule.score.span, "the score Pacemaker reads")
            .help("keep one: a fixed `score=`, or the node attribute to read the score from"),
        ),
        (Some(attribute), false) => {
            report(diags, attribute, names::node_attribute_name(attribute), |why| {
                problem(&diag::INVALID_ID, "node attribute name", attribute, why)
                    .label("not a node attribute name")
                    .help("name the node attribute that holds the score, e.g. `pingd`")
            });
        }
        (None, false) => diags.push(
            Diagnostic::new(&diag::MISSING_VALUE, rule.span, "`rule` needs `score=`")
                .label("missing `score`")
                .help("add `score=100`, or `score-attribute=\"pingd\"` to read it from a node attribute"),
        ),
        (None, true) => {}
    }
}

/// `container-attribute-target=host` makes Pacemaker read a node attribute from the host of
/// the resource's container; scoring a resource outside a bundle that way trips a fatal
/// assertion in Pacemaker 2.1.5's scheduler (`node->details->remote_rsc`).
fn host_attributes(cluster: &Cluster, location: &Location, rule: &Rule, diags: &mut Diagnostics) {
    let Some(attribute) = &rule.score_attribute else {
        return;
    };
    // A pattern may match any resource, so each counts.
    let placed = |r: &&Resource| {
        location.pattern.is_some() || location.members().any(|m| m.value == r.id().value)
    };
    let own = cluster.resources.iter().filter(placed).map(Resource::meta);
    let host = own
        .chain([cluster.rsc_defaults.as_slice()])
        .flatten()
        .find(|p| p.name.value == "container-attribute-target");
    let Some(host) = host.filter(|p| p.value.value.eq_ignore_ascii_case("host")) else {
        return;
    };
    diags.push(
        Diagnostic::new(
            &diag::INVALID_SCORE,
            attribute.span,
            format!(
                "location `{}` reads its score from a container's host, and places a resource \
                 that runs in none",
                diag::shown(&location.id)
            ),
        )
        .label("Pacemaker's scheduler aborts on this")
        .related(host.value.span, "`container-attribute-target=host`")
        .help("`container-attribute-target=host` is for resources in a bundle: drop it here"),
    );
}

fn rules_beside_node(location: &Location, diags: &mut Diagnostics) {
    let (Some(first), LocationTarget::Node { node, .. }) =
        (location.rules_beside_node.first(), &location.target)
    else {
        return;
    };
    diags.push(
        Diagnostic::new(
            &diag::MIXED_CONSTRAINT,
            *first,
            format!(
                "location `{}` has both `node=` and rules",
                diag::shown(&location.id)
            ),
        )
        .label("a rule beside `node=`")
        .related(node.span, "`node=` given here")
        .help(
            "a location takes `node=` with a score or `rule` blocks: split it into two locations",
        ),
    );
}

pub(super) fn expression(expression: &RuleExpression, diags: &mut Diagnostics) {
    let attribute = &expression.attribute;
    report(diags, attribute, names::rule_attribute(attribute), |why| {
        problem(&diag::INVALID_ID, "rule attribute", attribute, why)
            .label("not a node attribute crmsh can read")
            .help("name a node attribute with letters, digits, `_`, `.`, `-`, `#` and `:` (`#uname`, `master-db:0`)")
    });
    let operation = &expression.operation;
    if operation.is_empty() || settled(diags, operation) {
        return;
    }
    let unary = UNARY.contains(&operation.as_str());
    match &expression.value {
        None if !unary => diags.push(
            Diagnostic::new(
                &diag::MISSING_VALUE,
                operation.span,
                format!("`{operation}` needs a value to compare with"),
            )
            .label("no `value=`")
            .help("add `value=...`, or test for the attribute with `op=\"defined\"`"),
        ),
        Some(value) if unary => diags.push(
            Diagnostic::new(
                &diag::INVALID_VALUE,
                value.span,
                format!("`{operation}` takes no value"),
            )
            .label("not compared with anything")
            .related(operation.span, "tests only whether the attribute is set")
            .help("remove `value=`, or compare with an operator such as `eq`"),
        ),
        Some(value) => report(diags, value, crm::rule_value_problem(value), |why| {
            Diagnostic::new(
                &diag::UNCARRIED_VALUE,
                value.span,
                if value.is_empty() {
                    "rule value is empty".to_string()
                } else {
                    format!("rule value `{}` cannot be written to cib.crm", diag::shown(value))
                },
            )
            .label(why)
            .help("crmsh reads a rule value as one bare word: use ASCII without spaces, quotes or braces")
        }),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    const RESOURCE: &str = r#"node "n1" address="10.0.0.11"
        primitive "a" agent="ocf:heartbeat:Dummy""#;

    fn found(location: &str) -> Vec<(&'static str, String)> {
        diagnostics_of(&format!("{RESOURCE}\n{location}"))
            .into_iter()
            .filter(|d| d.code.id != "E0409")
            .map(|d| (d.code.id, d.message))
            .collect()
    }

    #[test]
    fn node_and_rules_do_not_mix() {
        let found = found(
            r#"location "l" "a" node="n1" score=10 {
                   rule score=5 { expression "x" op="defined"; }
               }"#,
        );
        assert_eq!(
            found,
            [(
                "E0412",
                "location `l` has both `node=` and rules".to_string()
            )]
        );
    }

    #[test]
    fn expressions() {
        let found = found(
            r##"location "l" "a" {
                   rule score=5 {
                       expression "#uname" op="eq" value="n1"
                       expression "date" op="eq" value="x"
                       expression "site" op="eq"
                       expression "site" op="defined" value="x"
                       expression "site" op="eq" value="two words"
                       expression ".x" op="lt" value=""
                   }
               }"##,
        );
        let codes: Vec<_> = found.iter().map(|(c, _)| *c).collect();
        assert_eq!(
            codes,
            ["E0202", "E0103", "E0105", "E0112", "E0202", "E0112"],
            "{found:#?}"
        );
        assert_eq!(found[5].1, "rule value is empty");
    }
}
