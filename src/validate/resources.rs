//! Resources: how groups and clones wrap primitives, clone sizes, and operations.

use super::index::{Index, kind, wrapped};
use super::repeats::repeats;
use crate::decode::scalars::parse_duration;
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Clone, NvPair, Op, Primitive, Resource, find_pair};
use std::collections::HashMap;

pub(super) fn check(index: &Index<'_>, diags: &mut Diagnostics) {
    wrapped_twice(index, diags);
    for resource in &index.cluster.resources {
        match resource {
            Resource::Primitive(p) | Resource::Template(p) => ops(p, diags),
            Resource::Group(g) => {
                for member in &g.members {
                    if let Some(
                        inner @ (Resource::Group(_) | Resource::Clone(_) | Resource::Bundle(_)),
                    ) = index.resource(member)
                    {
                        diags.push(
                            Diagnostic::new(
                                &diag::CLONE_TARGET,
                                member.span,
                                format!(
                                    "group `{}` holds {} `{}`",
                                    shown(&g.id),
                                    kind(inner),
                                    shown(member)
                                ),
                            )
                            .label("groups hold primitives only")
                            .related(
                                inner.id().span,
                                format!("`{}` is defined here", shown(member)),
                            )
                            .help("list the primitives themselves, or clone the group instead"),
                        );
                    }
                }
            }
            Resource::Clone(c) => {
                if let Some(inner @ (Resource::Clone(_) | Resource::Bundle(_))) =
                    index.resource(&c.of)
                {
                    let what = if c.of.value == c.id.value {
                        "itself".to_string()
                    } else {
                        format!("{} `{}`", kind(inner), shown(&c.of))
                    };
                    diags.push(
                        Diagnostic::new(
                            &diag::CLONE_TARGET,
                            c.of.span,
                            format!("clone `{}` wraps {what}", shown(&c.id)),
                        )
                        .label("a clone wraps a primitive or a group")
                        .help("clone the primitive or group directly"),
                    );
                }
                clone_size(c, index.cluster.nodes.len() as u32, diags);
            }
            Resource::Bundle(_) => {}
        }
    }
}

/// A resource belongs to at most one group or clone (and appears once in it).
fn wrapped_twice(index: &Index<'_>, diags: &mut Diagnostics) {
    let mut owner: HashMap<&str, &Resource> = HashMap::new();
    let mut refs = Vec::new();
    for wrapper in &index.cluster.resources {
        for inner in wrapped(wrapper).into_iter().filter(|r| !r.is_empty()) {
            owner.entry(inner.value.as_str()).or_insert(wrapper);
            refs.push((inner.value.as_str(), inner.span));
        }
    }
    for (inner, span, first) in repeats(refs) {
        let first_owner = owner[inner];
        diags.push(
            Diagnostic::new(
                &diag::WRAPPED_TWICE,
                span,
                format!(
                    "`{}` is already in {} `{}`",
                    shown(inner),
                    kind(first_owner),
                    shown(first_owner.id())
                ),
            )
            .label("wrapped a second time")
            .related(first, "first wrapped here")
            .help(
                "a resource belongs to one group or clone; to run it everywhere, clone its group",
            ),
        );
    }
}

fn number(meta: &[NvPair], name: &str) -> Option<(u32, miette::SourceSpan)> {
    let pair = find_pair(meta, name)?;
    Some((pair.value.parse().ok()?, pair.value.span))
}

/// Instances of one clone the scheduler still places quickly (see E0418).
const MAX_INSTANCES: u32 = 1000;

/// More instances than nodes (times instances per node) can never run; past
/// `MAX_INSTANCES` the scheduler itself stalls.
fn clone_size(clone: &Clone, nodes: u32, diags: &mut Diagnostics) {
    if nodes == 0 {
        return;
    }
    for (max, per_node) in [
        ("clone-max", "clone-node-max"),
        ("promoted-max", "promoted-node-max"),
    ] {
        let Some((value, span)) = number(&clone.meta, max) else {
            continue;
        };
        if value > MAX_INSTANCES {
            diags.push(
                Diagnostic::new(
                    &diag::CLONE_TOO_LARGE,
                    span,
                    format!("`{max}` is {value}, above the {MAX_INSTANCES} hacc allows"),
                )
                .label("the scheduler's time grows with the square of this")
                .help(format!("lower `{max}` to at most {MAX_INSTANCES}")),
            );
            continue;
        }
        let per = number(&clone.meta, per_node).map_or(1, |(n, _)| n.max(1));
        let limit = nodes.saturating_mul(per);
        if value <= limit {
            continue;
        }
        let capacity = if per == 1 {
            format!("{nodes} nodes")
        } else {
            format!("{nodes} nodes with {per_node} {per}")
        };
        diags.push(
            Diagnostic::new(
                &diag::CLONE_MAX,
                span,
                format!("`{max}` is {value} but the cluster has room for {limit}"),
            )
            .label(format!("{} instance(s) can never run", value - limit))
            .help(format!("lower `{max}` to at most {limit} ({capacity})")),
        );
    }
}

/// Operation names Pacemaker knows, and the agent actions pcs writes into the configuration
/// when it creates a resource (`meta-data`, `validate-all`, `methods`), which Pacemaker keeps
/// and never schedules.
const OPERATIONS: &[&str] = &[
    "monitor",
    "start",
    "stop",
    "promote",
    "demote",
    "notify",
    "reload",
    "reload-agent",
    "migrate_to",
    "migrate_from",
    "meta-data",
    "validate-all",
    "methods",
];

fn ops(primitive: &Primitive, diags: &mut Diagnostics) {
    for op in primitive.ops.iter().filter(|o| !o.name.is_empty()) {
        if !OPERATIONS.contains(&op.name.as_str()) {
            let diagnostic = Diagnostic::new(
                &diag::INVALID_OP,
                op.name.span,
                format!("unknown operation `{}`", shown(&op.name)),
            )
            .label("not a resource operation")
            .suggest(&op.name, OPERATIONS.iter().copied());
            let diagnostic = if diagnostic.help.is_some() {
                diagnostic
            } else {
                diagnostic.help(format!("operations: {}", OPERATIONS.join(", ")))
            };
            diags.push(diagnostic);
        }
    }
    for op in primitive.ops.iter().filter(|o| !o.name.is_empty()) {
        op_values(op, diags);
    }
    // Pacemaker keys operations by name and interval, whatever their role.
    let keys = primitive
        .ops
        .iter()
        .filter(|o| !o.name.is_empty())
        .map(|o| {
            let interval =
                parse_duration(&o.interval).map_or(o.interval.value.clone(), |ms| ms.to_string());
            ((o.name.value.as_str(), interval), o.interval.span)
        });
    for ((name, _), span, first) in repeats(keys) {
        diags.push(
            Diagnostic::new(
                &diag::INVALID_OP,
                span,
                format!(
                    "`{name}` is defined twice with the same interval on `{}`",
                    shown(&primitive.id)
                ),
            )
            .label("same interval")
            .related(first, "first defined here")
            .help("use another interval: Pacemaker keys operations by name and interval, whatever the role"),
        );
    }
}

/// Operations Pacemaker never repeats: with an interval it ignores them.
const ONE_SHOT: &[&str] = &[
    "start",
    "stop",
    "promote",
    "demote",
    "reload-agent",
    "migrate_to",
    "migrate_from",
];

/// An interval only where Pacemaker repeats the operation, and `on-fail="demote"` only where
/// it can demote: on `promote`, and on a recurring monitor of the promoted role.
fn op_values(op: &Op, diags: &mut Diagnostics) {
    let name = op.name.as_str();
    let interval = parse_duration(&op.interval).unwrap_or(0);
    if interval > 0 && ONE_SHOT.contains(&name) {
        diags.push(
            Diagnostic::new(
                &diag::INVALID_OP,
                op.interval.span,
                format!("`{name}` cannot be recurring"),
            )
            .label("Pacemaker ignores the operation with this interval")
            .help("remove `interval`: only monitors (and notify, reload) repeat"),
        );
    }
    let Some(on_fail) = op.on_fail.as_ref().filter(|f| f.value == "demote") else {
        return;
    };
    let promoted = op
        .role
        .as_ref()
        .is_some_and(|r| matches!(r.as_str(), "Promoted" | "Master"));
    if name != "promote" && !(name == "monitor" && interval > 0 && promoted) {
        diags.push(
            Diagnostic::new(
                &diag::INVALID_OP,
                on_fail.span,
                format!("`on-fail` `demote` does not apply to this `{name}`"),
            )
            .label("Pacemaker would use the default instead")
            .help(
                "`demote` applies to `promote` and to a recurring `monitor` with role=\"Promoted\"",
            ),
        );
    }
}
