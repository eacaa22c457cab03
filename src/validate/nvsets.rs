//! Further attribute sets (`property-set`, `meta-set`, ...) and date tests: a set has one
//! rule, a date test names the bounds its operation needs, rule tests are ones crmsh reads
//! back as written, and no unsafe cluster option hides in a set, where the fencing and quorum
//! checks of plain properties do not look.

use super::rules;
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics};
use crate::model::{Cluster, Constraint, DateExpression, LocationTarget, NvSet, Rule};

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    for set in cluster.further_sets() {
        for extra in &set.extra_rules {
            diags.push(
                Diagnostic::new(
                    &diag::DUPLICATE_OPTION,
                    *extra,
                    format!("set `{}` has a second `rule`", diag::shown(&set.id)),
                )
                .label("a set applies under one rule")
                .help("join the tests into one `rule` (with `boolean=\"or\"` when either may hold), or write a second set"),
            );
        }
        if let Some(rule) = &set.rule {
            tests(rule, diags);
        }
    }
    for constraint in &cluster.constraints {
        if let Constraint::Location(location) = constraint
            && let LocationTarget::Rules(rules) = &location.target
        {
            // Their attribute tests are checked with the location's other rules.
            for date in rules
                .iter()
                .flat_map(Rule::with_nested)
                .flat_map(|r| &r.dates)
            {
                bounds(date, diags);
            }
        }
    }
    for set in &cluster.property_sets {
        unsafe_in_set(set, diags);
    }
}

fn tests(rule: &Rule, diags: &mut Diagnostics) {
    for expression in &rule.expressions {
        rules::expression(expression, diags);
    }
    for date in &rule.dates {
        bounds(date, diags);
    }
}

/// `gt` needs `start`, `lt` needs `end`, `in_range` one of them; Pacemaker refuses the
/// configuration otherwise.
fn bounds(date: &DateExpression, diags: &mut Diagnostics) {
    fields(date, diags);
    let (start, end) = (date.start.is_some(), date.end.is_some());
    let missing = match date.operation.as_str() {
        "gt" if !start => "`gt` needs `start`",
        "lt" if !end => "`lt` needs `end`",
        "in_range" if !start && !end => "`in_range` needs `start`, `end` or both",
        "gt" | "lt" | "in_range" | "date_spec" => return,
        _ => {
            diags.push(
                Diagnostic::new(
                    &diag::INVALID_VALUE,
                    date.operation.span,
                    format!("`{}` is not a date test", diag::shown(&date.operation)),
                )
                .label("expected `in_range`, `gt` or `lt`")
                .suggest(&date.operation, ["in_range", "gt", "lt"]),
            );
            return;
        }
    };
    diags.push(
        Diagnostic::new(&diag::MISSING_VALUE, date.span, missing)
            .label("the date test has no bound to compare with")
            .help("dates are ISO 8601: `start=\"2026-01-01\"`, `end=\"2026-12-31 23:59:59\"`"),
    );
}

/// Fencing off or quorum ignored in a set would pass the checks that guard the plain
/// properties: refused, so the one place to say it is the acknowledged `property`.
fn unsafe_in_set(set: &NvSet, diags: &mut Diagnostics) {
    for pair in &set.pairs {
        let risk = match (pair.name.as_str(), pair.value.as_str()) {
            ("stonith-enabled", value)
                if super::cluster_options::parse_bool(value) == Some(false) =>
            {
                "fencing disabled"
            }
            ("no-quorum-policy", "ignore") => "quorum ignored",
            _ => continue,
        };
        diags.push(
            Diagnostic::new(
                &diag::UNSAFE_PROPERTY,
                pair.value.span,
                format!(
                    "`{}` in property set `{}` is unsafe and cannot be acknowledged there",
                    diag::shown(&pair.name),
                    diag::shown(&set.id)
                ),
            )
            .label(format!("{risk}: a split cluster may run resources twice"))
            .help(format!(
                "set it with `property \"{}\" ... {{ unsafe-acknowledged \"reason\" }}`",
                pair.name.value
            )),
        );
    }
}

/// Dates are ISO 8601 (`2026-01-01`, `2026-W01-1`, `2026-001T12:00:00+01:00`) and the fields
/// of a duration or date-spec numbers or ranges (`9-16`): only those characters are taken,
/// so a value never needs quoting in cib.crm or escaping in cib.xml.
fn fields(date: &DateExpression, diags: &mut Diagnostics) {
    let iso = |c: char| c.is_ascii_digit() || "-:.+ TWZ".contains(c);
    let bounds = [&date.start, &date.end].into_iter().flatten();
    for bound in bounds.filter(|b| b.value.is_empty() || !b.value.chars().all(iso)) {
        diags.push(
            Diagnostic::new(
                &diag::INVALID_VALUE,
                bound.span,
                format!("`{}` is not an ISO 8601 date", diag::shown(bound)),
            )
            .label("expected a date such as `2026-01-01` or `2026-01-01 12:00:00`"),
        );
    }
    let numbers = |c: char| c.is_ascii_digit() || c == '-';
    let pairs = date.duration.iter().chain(&date.spec);
    for pair in pairs.filter(|p| p.value.value.is_empty() || !p.value.value.chars().all(numbers)) {
        diags.push(
            Diagnostic::new(
                &diag::INVALID_VALUE,
                pair.value.span,
                format!(
                    "`{}` of a date test takes a number or a range, not `{}`",
                    diag::shown(&pair.name),
                    diag::shown(&pair.value)
                ),
            )
            .label("e.g. `9` or `9-16`"),
        );
    }
}
