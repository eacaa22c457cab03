//! Constraint shapes: what they must name, and that they aim at wrappers, not wrapped members.

use super::index::{Index, kind};
use super::references::constraint_resources;
use super::text::{problem, report};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::limits::names;
use crate::model::{Colocation, Constraint, LocationTarget, Resource, ResourceSet};
use crate::spanned::Spanned;

pub(super) fn check(index: &Index<'_>, diags: &mut Diagnostics) {
    for constraint in &index.cluster.constraints {
        match constraint {
            Constraint::Location(l) => {
                if let LocationTarget::Rules(rules) = &l.target {
                    if rules.is_empty() {
                        diags.push(
                            Diagnostic::new(
                                &diag::MISSING_VALUE,
                                l.id.span,
                                format!("location `{}` says neither where nor when", shown(&l.id)),
                            )
                            .label("needs `node=` or a `rule`")
                            .help("add `node=\"node1\" score=100`, or a `rule` block"),
                        );
                    }
                    let all = rules.iter().flat_map(crate::model::Rule::with_nested);
                    for rule in all.filter(|r| r.is_empty()) {
                        diags.push(
                            Diagnostic::new(
                                &diag::MISSING_VALUE,
                                rule.span,
                                "rule without expressions",
                            )
                            .label("needs at least one `expression`, `date` or `rule` inside")
                            .help("add e.g. `expression \"#uname\" op=\"eq\" value=\"node1\"`"),
                        );
                    }
                }
            }
            Constraint::Colocation(c) => {
                shape(
                    Shape {
                        id: &c.id,
                        what: "colocation",
                        pair: [c.rsc.as_ref(), c.with_rsc.as_ref()],
                        names: ["the resource", "`with=`"],
                        sets: &c.sets,
                        two_actions: false,
                    },
                    diags,
                );
                node_attribute(c, diags);
            }
            Constraint::Order(o) => {
                shape(
                    Shape {
                        id: &o.id,
                        what: "order",
                        pair: [o.first.as_ref(), o.then.as_ref()],
                        names: ["`first=`", "`then=`"],
                        sets: &o.sets,
                        // Pacemaker's default action on either side is `start`.
                        two_actions: o.first_action.as_ref().map_or("start", |a| a.as_str())
                            != o.then_action.as_ref().map_or("start", |a| a.as_str()),
                    },
                    diags,
                );
                // Pacemaker reads an order's own `require-all` on a pair only.
                if let (Some(require_all), Some(set)) = (&o.require_all, o.sets.first()) {
                    diags.push(
                        Diagnostic::new(
                            &diag::MIXED_CONSTRAINT,
                            require_all.span,
                            format!("order `{}` has `require-all` and sets", shown(&o.id)),
                        )
                        .label("read on a pair only")
                        .related(set.span, "resource sets")
                        .help("write `require-all=#false` on the `set` it applies to"),
                    );
                }
            }
        }
        for reference in constraint_resources(constraint) {
            if let Some(problem) = wrapped_target(index, reference) {
                diags.push(problem);
            }
        }
    }
}

/// A two-sided constraint: a pair of resources, or sets.
struct Shape<'a> {
    id: &'a Spanned<String>,
    what: &'static str,
    pair: [Option<&'a Spanned<String>>; 2],
    names: [&'static str; 2],
    sets: &'a [ResourceSet],
    /// An order of one resource's two actions (`demote` then `promote` of one clone) relates
    /// the resource to itself, which Pacemaker orders like any pair.
    two_actions: bool,
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "the shape is made for this check"
)]
fn shape(shape: Shape<'_>, diags: &mut Diagnostics) {
    let Shape {
        id,
        what,
        pair,
        names,
        sets,
        two_actions,
    } = shape;
    let given: Vec<_> = pair.iter().flatten().collect();
    if !sets.is_empty() {
        if let Some((first, others)) = given.split_first() {
            let mut diagnostic = Diagnostic::new(
                &diag::MIXED_CONSTRAINT,
                first.span,
                format!("{what} `{}` has both a resource pair and sets", shown(id)),
            )
            .label("resource pair")
            .help("move the pair into `set` blocks, or split the constraint in two");
            for other in others {
                diagnostic = diagnostic.related(other.span, "resource pair");
            }
            diags.push(diagnostic.related(sets[0].span, "resource sets"));
        }
        let members: Vec<_> = sets.iter().flat_map(|s| &s.resources).collect();
        if given.is_empty() && members.len() == 1 {
            diags.push(single(
                what,
                id,
                members[0],
                "add the resource it relates to, to this set or another one",
            ));
        }
        return;
    }
    match (pair[0], pair[1]) {
        (None, None) => diags.push(
            Diagnostic::new(
                &diag::MISSING_VALUE,
                id.span,
                format!("{what} `{}` names no resources", shown(id)),
            )
            .label(format!("needs {} and {}, or sets", names[0], names[1]))
            .help(if what == "order" {
                "write `order \"o\" first=\"a\" then=\"b\"`, or add `set` blocks"
            } else {
                "write `colocation \"c\" \"a\" with=\"b\"`, or add `set` blocks"
            }),
        ),
        (Some(only), None) | (None, Some(only)) => {
            let missing = if pair[0].is_some() {
                names[1]
            } else {
                names[0]
            };
            diags.push(single(
                what,
                id,
                only,
                &format!("add {missing}, or remove the constraint"),
            ));
        }
        (Some(a), Some(b)) if !a.is_empty() && a.value == b.value && !two_actions => {
            diags.push(single(what, id, b, "name two different resources"));
        }
        _ => {}
    }
}

fn single(what: &str, id: &Spanned<String>, only: &Spanned<String>, help: &str) -> Diagnostic {
    Diagnostic::new(
        &diag::SINGLE_RESOURCE,
        only.span,
        format!(
            "{what} `{}` relates `{}` to nothing else",
            shown(id),
            shown(only)
        ),
    )
    .label("the only resource")
    .help(format!(
        "{} with one resource does nothing: {help}",
        article(what)
    ))
}

/// "an order", "a colocation".
fn article(what: &str) -> String {
    let vowel = what.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {what}", if vowel { "an" } else { "a" })
}

/// Constraints must name the outermost wrapper of a clone or group member.
pub(super) fn wrapped_target(index: &Index<'_>, reference: &Spanned<String>) -> Option<Diagnostic> {
    if reference.is_empty() {
        return None;
    }
    if let Some(Resource::Template(_)) = index.resource(reference) {
        return cloned_from_template(index, reference);
    }
    let direct = *index.wrappers(reference).first()?;
    let outer = index.outermost(reference)?;
    if matches!(outer, Resource::Group(_)) {
        return Some(group_member(reference, outer));
    }
    Some(
        Diagnostic::new(
            &diag::WRAPPED_TARGET,
            reference.span,
            format!(
                "`{}` is inside {} `{}`",
                shown(reference),
                kind(direct),
                shown(direct.id())
            ),
        )
        .label("aimed at the wrapped resource")
        .related(outer.id().span, format!("wrapped by this {}", kind(outer)))
        .help(format!("aim it at `{}`", shown(outer.id()))),
    )
}

/// Pacemaker applies a constraint on a template to every primitive made from it, and finds
/// none of that name for a primitive inside a clone or bundle (their instances are named
/// `d3:0`, ...): it refuses the constraint.
fn cloned_from_template(index: &Index<'_>, reference: &Spanned<String>) -> Option<Diagnostic> {
    index.cluster.resources.iter().find_map(|r| {
        let Resource::Primitive(p) = r else {
            return None;
        };
        if p.template.as_ref()?.value != reference.value {
            return None;
        }
        let outer = index.outermost(&p.id)?;
        if matches!(outer, Resource::Group(_)) {
            return None;
        }
        Some(
            Diagnostic::new(
                &diag::WRAPPED_TARGET,
                reference.span,
                format!(
                    "template `{}` makes `{}`, which is inside {} `{}`",
                    shown(reference),
                    shown(&p.id),
                    kind(outer),
                    shown(outer.id())
                ),
            )
            .label("applies to every primitive made from the template")
            .related(p.id.span, "made from the template here")
            .help(format!(
                "Pacemaker finds no `{}` outside its {}: name the primitives or `{}` instead",
                shown(&p.id),
                kind(outer),
                shown(outer.id())
            )),
        )
    })
}

/// A member of a group that no clone wraps is a resource of its own to Pacemaker: the
/// constraint applies to it, and through the group to the members it is colocated with.
fn group_member(reference: &Spanned<String>, group: &Resource) -> Diagnostic {
    Diagnostic::new(
        &diag::GROUP_MEMBER_TARGET,
        reference.span,
        format!(
            "`{}` is a member of group `{}`",
            shown(reference),
            shown(group.id())
        ),
    )
    .label("aimed at one member")
    .related(group.id().span, "the group")
    .help(format!(
        "it places the whole group; aim it at `{}` if the group is meant",
        shown(group.id())
    ))
}

/// `node-attribute=`: a node attribute's name, read by Pacemaker on a pair only.
fn node_attribute(c: &Colocation, diags: &mut Diagnostics) {
    let Some(attribute) = &c.node_attribute else {
        return;
    };
    report(
        diags,
        attribute,
        names::node_attribute_name(attribute),
        |why| {
            problem(&diag::INVALID_ID, "node attribute name", attribute, why)
                .label("not a node attribute name")
                .help("name the node attribute whose equal values count as one place, e.g. `site`")
        },
    );
    if let Some(set) = c.sets.first() {
        diags.push(
            Diagnostic::new(
                &diag::MIXED_CONSTRAINT,
                attribute.span,
                format!("colocation `{}` has `node-attribute` and sets", shown(&c.id)),
            )
            .label("read on a pair only")
            .related(set.span, "resource sets")
            .help("write the colocation as a pair `colocation \"id\" \"a\" with=\"b\"`, or drop `node-attribute`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    const RESOURCES: &str = r#"node "n1" address="10.0.0.11"
        primitive "a" agent="ocf:heartbeat:Dummy"
        primitive "b" agent="ocf:heartbeat:Dummy"
        primitive "api" agent="ocf:heartbeat:Dummy"
        clone "api-clone" of="api""#;

    #[test]
    fn constraints_aim_at_the_clone() {
        let diags = diagnostics_of(&format!(
            r#"{RESOURCES}
               location "l" "api" node="n1" score=10
               location "ok" "api-clone" node="n1" score=10"#
        ));
        let wrapped: Vec<_> = diags.iter().filter(|d| d.code.id == "E0403").collect();
        assert_eq!(wrapped.len(), 1, "{diags:#?}");
        assert_eq!(wrapped[0].help.as_deref(), Some("aim it at `api-clone`"));
        assert_eq!(wrapped[0].related.len(), 1);
    }

    #[test]
    fn a_group_member_is_a_warning_unless_a_clone_wraps_the_group() {
        let group = r#"node "n1" address="10.0.0.11"
            primitive "a" agent="ocf:heartbeat:Dummy"
            primitive "b" agent="ocf:heartbeat:Dummy"
            group "g" "a" "b"
            location "l" "b" node="n1" score=10"#;
        let codes = |source: &str| -> Vec<_> {
            diagnostics_of(source)
                .iter()
                .map(|d| d.code.id)
                .filter(|c| matches!(*c, "E0403" | "W0421"))
                .collect()
        };
        assert_eq!(codes(group), ["W0421"]);
        assert_eq!(
            codes(&format!(
                "{group}
clone \"g-clone\" of=\"g\""
            )),
            ["E0403"]
        );
    }

    #[test]
    fn sets_take_a_role_in_colocations_and_an_action_in_orders() {
        let diags = diagnostics_of(&format!(
            r#"{RESOURCES}
               colocation "c" {{ set "a" action="start"; set "b" role="Started"; }}
               order "o" {{ set "a" role="Started"; set "b" action="start"; }}"#
        ));
        let unknown: Vec<_> = diags
            .iter()
            .filter(|d| d.code.id == "E0102")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            unknown,
            [
                "unknown property `action` on `set`",
                "unknown property `role` on `set`"
            ]
        );
    }
}
