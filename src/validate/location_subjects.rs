//! What a location places: one resource, the resources an `rsc-pattern` matches, or
//! resource sets; and the set options Pacemaker reads only beside `node=`.

use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Cluster, Constraint, Location, LocationTarget};
use crate::spanned::Spanned;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    // Only a pattern needs them; a spec without one does not list its resources.
    let mut top_level: Option<Vec<&str>> = None;
    for constraint in &cluster.constraints {
        if let Constraint::Location(location) = constraint {
            subject(location, diags);
            set_options(location, diags);
            if let Some(pattern) = &location.pattern {
                if let Some(problem) = pattern_problem(pattern) {
                    diags.push(problem);
                } else {
                    let top_level = top_level.get_or_insert_with(|| cluster.top_level_ids());
                    diags.extend(places_nothing(location, pattern, top_level));
                }
            }
        }
    }
}

/// How many top-level resources the warning of a pattern that places nothing names.
const LISTED: usize = 6;

/// A valid pattern that matches no top-level resource: Pacemaker keeps the location for
/// resources added later, but today it does nothing, most often through a typo.
fn places_nothing(
    location: &Location,
    pattern: &Spanned<String>,
    top_level: &[&str],
) -> Option<Diagnostic> {
    if !location.pattern_matches(top_level).is_empty() {
        return None;
    }
    let label = if top_level.is_empty() {
        "the spec has no top-level resource".to_string()
    } else {
        let inverted = pattern.starts_with('!');
        let how = if inverted {
            "matches every one"
        } else {
            "matches none"
        };
        // A large spec names a few, so that the label stays one line.
        let mut named = top_level[..top_level.len().min(LISTED)].join(", ");
        if top_level.len() > LISTED {
            named.push_str(&format!(" and {} more", top_level.len() - LISTED));
        }
        format!("{how} of the top-level resources ({named})")
    };
    Some(
        Diagnostic::new(
            &diag::PATTERN_PLACES_NOTHING,
            pattern.span,
            format!(
                "`rsc-pattern` `{}` of location `{}` places no resource",
                shown(pattern),
                shown(&location.id)
            ),
        )
        .label(label)
        .help(
            "Pacemaker matches the pattern against the ids of top-level resources only \
             (groups, clones, bundles and primitives in none of them), anywhere in the id \
             unless anchored with `^` and `$`",
        ),
    )
}

fn subject(location: &Location, diags: &mut Diagnostics) {
    let id = &location.id;
    let mut given: Vec<(miette::SourceSpan, &str)> = Vec::new();
    given.extend(location.resource.iter().map(|r| (r.span, "the resource")));
    given.extend(location.pattern.iter().map(|p| (p.span, "`rsc-pattern=`")));
    given.extend(location.sets.first().map(|s| (s.span, "resource sets")));
    match given.as_slice() {
        [] => diags.push(
            Diagnostic::new(
                &diag::MISSING_VALUE,
                id.span,
                format!("location `{}` places nothing", shown(id)),
            )
            .label("needs a resource, `rsc-pattern=` or `set` blocks")
            .help("write `location \"id\" \"resource\" ...`"),
        ),
        [_] => {}
        [(span, what), rest @ ..] => {
            let mut diagnostic = Diagnostic::new(
                &diag::MIXED_CONSTRAINT,
                *span,
                format!("location `{}` names what it places in two ways", shown(id)),
            )
            .label(*what)
            .help("keep one of the resource, `rsc-pattern=` and the sets, or split the location");
            for (span, what) in rest {
                diagnostic = diagnostic.related(*span, *what);
            }
            diags.push(diagnostic);
        }
    }
    if let (Some(role), Some(set)) = (&location.role, location.sets.first()) {
        diags.push(
            Diagnostic::new(
                &diag::MIXED_CONSTRAINT,
                role.span,
                format!("location `{}` over sets has a role", shown(id)),
            )
            .label("role of no resource")
            .related(set.span, "resource sets")
            .help("give each `set` its own `role=`"),
        );
    }
}

/// Pacemaker reads a set's `score` and `role` for the location's node; with rules, each rule
/// has its own score and role and the set's are ignored.
fn set_options(location: &Location, diags: &mut Diagnostics) {
    let LocationTarget::Rules(rules) = &location.target else {
        return;
    };
    let Some(rule) = rules.first() else {
        return;
    };
    for set in &location.sets {
        let ignored = set
            .score
            .as_ref()
            .map(|s| (s.span, "`score=`"))
            .into_iter()
            .chain(set.role.as_ref().map(|r| (r.span, "`role=`")));
        for (span, what) in ignored {
            diags.push(
                Diagnostic::new(
                    &diag::MIXED_CONSTRAINT,
                    span,
                    format!(
                        "a set's {what} in location `{}` with rules",
                        shown(&location.id)
                    ),
                )
                .label("Pacemaker ignores it beside rules")
                .related(rule.span, "the rules score and place by role")
                .help("write the score or role on each `rule`, or place the set on a `node=`"),
            );
        }
    }
}

fn pattern_problem(pattern: &Spanned<String>) -> Option<Diagnostic> {
    let expression = pattern.strip_prefix('!').unwrap_or(pattern);
    let problem = crate::posix_pattern::problem(expression)?;
    Some(
        Diagnostic::new(
            &diag::INVALID_VALUE,
            pattern.span,
            format!(
                "`rsc-pattern` `{}` is not one Pacemaker compiles",
                shown(pattern)
            ),
        )
        .label(problem)
        .help(
            "a POSIX extended regular expression over resource ids, e.g. `^web-[0-9]+$`; a \
             leading `!` places the resources it does not match",
        ),
    )
}
