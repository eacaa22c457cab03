//! Properties, primitives, resource templates, groups, clones and fencing levels.

use super::nvsets::SetPaths;
use super::reader::NodeView;
use super::scalars::parse_agent;
use crate::model::pacemaker3;
use crate::model::{
    Agent, Clone, FencingLevel, Group, NvPair, Op, Pacemaker3Spelling, Primitive, Property,
    Resource,
};
use crate::spanned::Spanned;

pub(super) fn properties(cluster: &NodeView<'_>) -> Vec<Property> {
    cluster
        .children("property", "cluster.property")
        .map(|p| {
            let mut name = p.arg_or_empty(0);
            let mut value = p
                .arg_text(1)
                .unwrap_or_else(|| Spanned::new(String::new(), p.name_span()));
            let mut written_as = Pacemaker3Spelling::default();
            // Pacemaker 2.1 ignores the Pacemaker 3 spellings: the model holds 2.1's.
            if let Some(old) = pacemaker3::pacemaker21_name(&name) {
                written_as.name = Some(std::mem::replace(&mut name.value, old.to_string()));
            }
            if let Some(old) = pacemaker3::pacemaker21_value(&name, &value) {
                written_as.value = Some(std::mem::replace(&mut value.value, old.to_string()));
            }
            Property {
                name,
                value,
                acknowledged: p
                    .children(
                        "unsafe-acknowledged",
                        "cluster.property.unsafe-acknowledged",
                    )
                    .next()
                    .map(|a| a.arg_or_empty(0)),
                written_as,
            }
        })
        .collect()
}

/// Resources in declaration order, whatever their kind.
pub(super) fn resources(cluster: &NodeView<'_>) -> Vec<Resource> {
    let mut out = Vec::new();
    for node in cluster.node.children() {
        match node.name() {
            "primitive" => out.push(Resource::Primitive(self::primitive(
                &cluster.child(node, "cluster.primitive"),
                &PRIMITIVE,
            ))),
            "template" => out.push(Resource::Template(self::primitive(
                &cluster.child(node, "cluster.template"),
                &TEMPLATE,
            ))),
            "group" => out.push(Resource::Group(self::group(
                &cluster.child(node, "cluster.group"),
            ))),
            "clone" => out.push(Resource::Clone(self::clone(
                &cluster.child(node, "cluster.clone"),
            ))),
            "bundle" => out.push(Resource::Bundle(super::bundle::bundle(
                &cluster.child(node, "cluster.bundle"),
            ))),
            _ => {}
        }
    }
    templates_agents(&mut out);
    out
}

/// A primitive made from a template runs the template's agent: checks of the agent (its
/// parameters, `stonith:`, remote connections) see it on the primitive. The first template
/// of an id wins, as in `Cluster::resource`.
fn templates_agents(resources: &mut [Resource]) {
    let agents: std::collections::HashMap<String, Agent> = resources
        .iter()
        .rev()
        .filter_map(|r| match r {
            Resource::Template(t) => Some((t.id.value.clone(), t.agent.value.clone())),
            _ => None,
        })
        .collect();
    for resource in resources {
        if let Resource::Primitive(p) = resource
            && !p.agent_written
            && let Some(template) = &p.template
            && let Some(agent) = agents.get(&template.value)
        {
            p.agent = Spanned::new(agent.clone(), template.span);
        }
    }
}

/// Where the nodes of a primitive or of a template are described in the schema.
struct PrimitivePaths {
    /// A primitive may name a template; a template takes no `template=`.
    takes_template: bool,
    params: &'static str,
    meta: &'static str,
    utilization: &'static str,
    op: &'static str,
    op_sets: &'static super::op_extra::OpPaths,
    params_set: &'static SetPaths,
    meta_set: &'static SetPaths,
    utilization_set: &'static SetPaths,
}

const PRIMITIVE: PrimitivePaths = PrimitivePaths {
    takes_template: true,
    params: "cluster.primitive.params",
    meta: "cluster.primitive.meta",
    utilization: "cluster.primitive.utilization",
    op: "cluster.primitive.op",
    op_sets: &super::op_extra::PRIMITIVE_OP,
    params_set: &super::nvsets::PRIMITIVE_PARAMS_SET,
    meta_set: &super::nvsets::PRIMITIVE_META_SET,
    utilization_set: &super::nvsets::PRIMITIVE_UTILIZATION_SET,
};

const TEMPLATE: PrimitivePaths = PrimitivePaths {
    takes_template: false,
    params: "cluster.template.params",
    meta: "cluster.template.meta",
    utilization: "cluster.template.utilization",
    op: "cluster.template.op",
    op_sets: &super::op_extra::TEMPLATE_OP,
    params_set: &super::nvsets::TEMPLATE_PARAMS_SET,
    meta_set: &super::nvsets::TEMPLATE_META_SET,
    utilization_set: &super::nvsets::TEMPLATE_UTILIZATION_SET,
};

fn primitive(view: &NodeView<'_>, paths: &PrimitivePaths) -> Primitive {
    let written = view.str("agent");
    let agent_written = written.is_some();
    let template = if paths.takes_template {
        view.str("template")
    } else {
        None
    };
    let agent = written
        .and_then(|a| Some(Spanned::new(parse_agent(&a).ok()?, a.span)))
        .unwrap_or_else(|| {
            // Missing or invalid agents were reported; an empty class skips agent checks.
            let placeholder = Agent {
                class: String::new(),
                provider: None,
                kind: String::new(),
            };
            Spanned::new(placeholder, view.name_span())
        });
    Primitive {
        id: view.arg_or_empty(0),
        description: view.str("description"),
        agent,
        template,
        agent_written,
        params: view.child_pairs("params", paths.params),
        meta: view.child_pairs("meta", paths.meta),
        utilization: view.child_pairs("utilization", paths.utilization),
        ops: view
            .children("op", paths.op)
            .map(|o| Op {
                name: o.arg_or_empty(0),
                interval: o
                    .text("interval")
                    .unwrap_or_else(|| Spanned::new("0".into(), o.name_span())),
                timeout: o.text("timeout"),
                role: o.str("role"),
                on_fail: o.str("on-fail"),
                extra: super::op_extra::op_extra(&o, paths.op_sets),
            })
            .collect(),
        param_sets: super::nvsets::sets(view, "params-set", paths.params_set),
        meta_sets: super::nvsets::sets(view, "meta-set", paths.meta_set),
        utilization_sets: super::nvsets::sets(view, "utilization-set", paths.utilization_set),
    }
}

fn group(view: &NodeView<'_>) -> Group {
    Group {
        id: view.arg_or_empty(0),
        description: view.str("description"),
        members: view.rest_args(1),
        params: view.child_pairs("params", "cluster.group.params"),
        meta: view.child_pairs("meta", "cluster.group.meta"),
        param_sets: super::nvsets::sets(view, "params-set", &super::nvsets::GROUP_PARAMS_SET),
        meta_sets: super::nvsets::sets(view, "meta-set", &super::nvsets::GROUP_META_SET),
    }
}

/// Clone options given as properties become meta attributes, ahead of the `meta` block.
const CLONE_OPTIONS: &[&str] = &[
    "clone-max",
    "clone-node-max",
    "clone-min",
    "notify",
    "interleave",
    "globally-unique",
    "ordered",
    "promoted-max",
    "promoted-node-max",
];

fn clone(view: &NodeView<'_>) -> Clone {
    let promotable = view.bool("promotable").is_some_and(|b| b.value);
    let mut meta: Vec<NvPair> = CLONE_OPTIONS
        .iter()
        .filter_map(|key| view.pair(key))
        .collect();
    meta.extend(view.child_pairs("meta", "cluster.clone.meta"));
    Clone {
        id: view.arg_or_empty(0),
        description: view.str("description"),
        of: view.str_or_empty("of"),
        promotable,
        params: view.child_pairs("params", "cluster.clone.params"),
        meta,
        param_sets: super::nvsets::sets(view, "params-set", &super::nvsets::CLONE_PARAMS_SET),
        meta_sets: super::nvsets::sets(view, "meta-set", &super::nvsets::CLONE_META_SET),
    }
}

pub(super) fn fencing_levels(cluster: &NodeView<'_>) -> Vec<FencingLevel> {
    cluster
        .children("fencing-level", "cluster.fencing-level")
        .map(|f| {
            let target_pattern = f.text("target-pattern");
            let target_attribute = f.text("target-attribute");
            // A level by pattern or attribute names no node: every argument is a device.
            let by_node = target_pattern.is_none() && target_attribute.is_none();
            FencingLevel {
                target: if by_node {
                    f.arg_or_empty(0)
                } else {
                    Spanned::new(String::new(), f.name_span())
                },
                target_pattern,
                target_attribute,
                target_value: f.text("target-value"),
                index: f
                    .int("index")
                    .and_then(|i| Some(Spanned::new(u32::try_from(i.value).ok()?, i.span)))
                    .unwrap_or_else(|| Spanned::new(0, f.name_span())),
                devices: f.rest_args(usize::from(by_node)),
            }
        })
        .collect()
}
