//! Node attribute tests in the rules of sets Pacemaker reads without a node: properties,
//! resource and operation defaults, a node's own further sets, and the meta and utilization
//! sets of resources and of operations. Pacemaker evaluates those rules with no node
//! attributes at hand, so such a test never holds, and neither `crm_verify` nor crmsh says
//! so (checked with `crm_simulate` against Pacemaker 2.1.5).

use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Cluster, NvSet, Resource};

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let mut sets: Vec<(&'static str, &NvSet)> = Vec::new();
    sets.extend(cluster.property_sets.iter().map(|s| ("property-set", s)));
    sets.extend(
        cluster
            .rsc_defaults_sets
            .iter()
            .map(|s| ("rsc-defaults-set", s)),
    );
    sets.extend(
        cluster
            .op_defaults_sets
            .iter()
            .map(|s| ("op-defaults-set", s)),
    );
    let node_sets = cluster
        .nodes
        .iter()
        .map(|n| (&n.attribute_sets, &n.utilization_sets))
        .chain((cluster.remote_nodes.iter()).map(|n| (&n.attribute_sets, &n.utilization_sets)));
    for (attribute_sets, utilization_sets) in node_sets {
        sets.extend(attribute_sets.iter().map(|s| ("node attribute-set", s)));
        sets.extend(utilization_sets.iter().map(|s| ("node utilization-set", s)));
    }
    for resource in &cluster.resources {
        let meta_sets = match resource {
            Resource::Primitive(p) | Resource::Template(p) => {
                sets.extend(p.utilization_sets.iter().map(|s| ("utilization-set", s)));
                for op in &p.ops {
                    sets.extend(op.extra.meta_sets.iter().map(|s| ("op meta-set", s)));
                }
                &p.meta_sets
            }
            Resource::Group(g) => &g.meta_sets,
            Resource::Clone(c) => &c.meta_sets,
            Resource::Bundle(b) => &b.meta_sets,
        };
        sets.extend(meta_sets.iter().map(|s| ("meta-set", s)));
    }
    for (kind, set) in sets {
        let rules = set.rule.iter().flat_map(crate::model::Rule::with_nested);
        for expression in rules.flat_map(|rule| &rule.expressions) {
            diags.push(
                Diagnostic::new(
                    &diag::NODELESS_RULE,
                    expression.attribute.span,
                    format!(
                        "the {kind} `{}` tests the node attribute `{}`, which Pacemaker \
                         does not have there",
                        shown(&set.id),
                        shown(&expression.attribute)
                    ),
                )
                .label("this test never holds")
                .help(help(kind)),
            );
        }
    }
}

fn help(kind: &str) -> &'static str {
    if kind.starts_with("node ") {
        "Pacemaker reads a node's own sets without node attributes: test dates here, and give \
         what holds on this node alone in its plain `attribute` or `utilization` line"
    } else {
        "Pacemaker reads properties, defaults and meta and utilization sets without a node: \
         test dates here, or give the per-node value in a `params-set` or place by a \
         location rule"
    }
}
