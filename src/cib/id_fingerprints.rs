//! A quick test that no generated CIB id repeats, without building the CIB tree.
//!
//! Validation looks for id clashes on every spec, and building the whole tree only to list its
//! ids cost a quarter of `hacc check` at 10,000 primitives. Here the same ids are derived
//! straight from the model into one reused buffer and compared by 64-bit fingerprints. The
//! list is a superset of the tree's (a resource the tree leaves out of a malformed model still
//! counts), so a real clash always shows up as a repeated fingerprint; a repeat, real or a
//! fingerprint collision, only sends validation to the exact search ([`super::id_clashes`]).

use super::ids;
use crate::fast_hash::{BuildWordHasher, fingerprint};
use crate::model::{Cluster, Constraint, NvPair, Resource, find_pair};
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

/// Whether some id the generated configuration of `cluster` defines may repeat. A spec with
/// further attribute sets, date tests or ACLs always goes to the exact search: their ids are
/// many and derived in several steps, and such specs are small.
pub(super) fn may_repeat(cluster: &Cluster) -> bool {
    if has_sets_or_dates(cluster) {
        return true;
    }
    let capacity =
        16 + 12 * cluster.resources.len() + 4 * cluster.constraints.len() + 4 * cluster.nodes.len();
    let mut seen: HashSet<u64, BuildWordHasher> =
        HashSet::with_capacity_and_hasher(capacity, BuildHasherDefault::default());
    let mut repeat = false;
    each_id(cluster, &mut |id| {
        repeat |= !seen.insert(fingerprint(id.as_bytes()));
    });
    repeat
}

/// Nested rules count as dates here: `each_id` does not follow them.
fn has_sets_or_dates(cluster: &Cluster) -> bool {
    let dates = cluster.constraints.iter().any(|c| {
        matches!(c, Constraint::Location(l)
            if matches!(&l.target, crate::model::LocationTarget::Rules(rules)
                if rules.iter().any(|r| !r.dates.is_empty() || !r.rules.is_empty())))
    });
    dates || !cluster.further_sets().is_empty() || !cluster.acls.is_empty()
}

/// Calls `visit` with every id the CIB of `cluster` would define (and possibly a few it would
/// not), in no particular order. Mirrors `build` and `CibConfig::owned_ids`.
#[allow(
    clippy::too_many_lines,
    reason = "one arm per kind of CIB object, in the order crmsh derives their ids"
)]
fn each_id(cluster: &Cluster, visit: &mut impl FnMut(&str)) {
    let mut ids = Ids {
        buf: String::with_capacity(128),
        visit,
    };
    let has_cluster_name = cluster
        .properties
        .iter()
        .any(|p| p.name.value == "cluster-name");
    ids.id(&[ids::PROPERTIES_ID]);
    if !has_cluster_name {
        ids.id(&[ids::PROPERTIES_ID, "-cluster-name"]);
    }
    for p in &cluster.properties {
        ids.id(&[ids::PROPERTIES_ID, "-", &ids::id_part(&p.name.value)]);
    }
    for node in &cluster.nodes {
        let uname = node.name.value.as_str();
        let standby = node.standby && find_pair(&node.attributes, "standby").is_none();
        ids.set(
            uname,
            "-instance_attributes",
            &node.attributes,
            standby.then_some("standby"),
        );
        ids.set(uname, "-utilization", &node.utilization, None);
    }
    for node in &cluster.remote_nodes {
        let id = node.cib_id.as_ref().unwrap_or(&node.name).value.as_str();
        let set = ids::remote_node_attributes(id);
        ids.set(&set, "", &node.attributes, None);
        ids.set(&set, "-utilization", &node.utilization, None);
    }
    for resource in &cluster.resources {
        match resource {
            Resource::Primitive(p) | Resource::Template(p) => {
                let id = p.id.value.as_str();
                ids.id(&[id]);
                ids.set(id, "-instance_attributes", &p.params, None);
                ids.set(id, "-meta_attributes", &p.meta, None);
                ids.set(id, "-utilization", &p.utilization, None);
                for op in &p.ops {
                    ids.id(&[id, "-", &op.name.value, "-", &op.interval.value]);
                }
            }
            Resource::Group(g) => {
                ids.id(&[&g.id.value]);
                ids.set(&g.id.value, "-instance_attributes", &g.params, None);
                ids.set(&g.id.value, "-meta_attributes", &g.meta, None);
            }
            Resource::Clone(c) => {
                let promotable = c.promotable && find_pair(&c.meta, "promotable").is_none();
                ids.id(&[&c.id.value]);
                ids.set(&c.id.value, "-instance_attributes", &c.params, None);
                ids.set(
                    &c.id.value,
                    "-meta_attributes",
                    &c.meta,
                    promotable.then_some("promotable"),
                );
            }
            Resource::Bundle(b) => {
                ids.id(&[&b.id.value]);
                ids.set(&b.id.value, "-meta_attributes", &b.meta, None);
                let ports = b.network.iter().flat_map(|n| &n.ports);
                for id in ports.map(|p| &p.id).chain(b.storage.iter().map(|s| &s.id)) {
                    ids.id(&[&id.value]);
                }
            }
        }
    }
    for constraint in &cluster.constraints {
        let id = constraint.id().value.as_str();
        ids.id(&[id]);
        match constraint {
            Constraint::Location(l) => {
                ids.numbered_after(id, l.sets.len());
                if let crate::model::LocationTarget::Rules(rules) = &l.target {
                    let base = format!("{id}-rule");
                    for (i, rule) in rules.iter().enumerate() {
                        let rule_id = ids::numbered(&base, i);
                        ids.id(&[&rule_id]);
                        let expression = format!("{rule_id}-expression");
                        for j in 0..rule.expressions.len() {
                            ids.id(&[&ids::numbered(&expression, j)]);
                        }
                    }
                }
            }
            Constraint::Colocation(c) => ids.numbered_after(id, c.sets.len()),
            Constraint::Order(o) => ids.numbered_after(id, o.sets.len()),
        }
    }
    for alert in &cluster.alerts {
        let id = alert.id.value.as_str();
        ids.id(&[id]);
        ids.set(id, "-instance_attributes", &alert.params, None);
        ids.set(id, "-meta_attributes", &alert.meta, None);
        let selected = alert.select.as_ref().map_or(0, |s| s.attribute_names.len());
        ids.numbered_after(id, selected);
        for i in 0..alert.recipients.len() {
            let recipient = super::alerts::recipient_id(id, i);
            ids.id(&[&recipient]);
            ids.set(
                &recipient,
                "-instance_attributes",
                &alert.recipients[i].params,
                None,
            );
            ids.set(
                &recipient,
                "-meta_attributes",
                &alert.recipients[i].meta,
                None,
            );
        }
    }
    for tag in &cluster.tags {
        ids.id(&[&tag.id.value]);
    }
    for ticket in &cluster.tickets {
        ids.id(&[&ticket.id.value]);
        ids.numbered_after(&ticket.id.value, ticket.sets.len());
    }
    for i in 0..cluster.fencing_levels.len() {
        ids.id(&[&ids::numbered(ids::FENCING_LEVEL_BASE, i)]);
    }
    ids.set(ids::RSC_DEFAULTS_ID, "", &cluster.rsc_defaults, None);
    ids.set(ids::OP_DEFAULTS_ID, "", &cluster.op_defaults, None);
}

/// Builds each id in one buffer, so listing them allocates nothing.
struct Ids<'v, V: FnMut(&str)> {
    buf: String,
    visit: &'v mut V,
}

impl<V: FnMut(&str)> Ids<'_, V> {
    /// The id made of `parts` in order.
    fn id(&mut self, parts: &[&str]) {
        self.buf.clear();
        for part in parts {
            self.buf.push_str(part);
        }
        (self.visit)(&self.buf);
    }

    /// An attribute set `<owner><suffix>` and its pairs `<set>-<name>` (see [`ids::nvpair`]), with `extra` as one
    /// more pair the renderer adds; nothing when the set would be empty (none is written).
    fn set(&mut self, owner: &str, suffix: &str, pairs: &[NvPair], extra: Option<&str>) {
        if pairs.is_empty() && extra.is_none() {
            return;
        }
        self.id(&[owner, suffix]);
        let names = extra
            .into_iter()
            .chain(pairs.iter().map(|p| p.name.value.as_str()));
        for name in names {
            self.id(&[owner, suffix, "-", &ids::id_part(name)]);
        }
    }

    /// `<base>-0`, `<base>-1`, ... for `count` children.
    fn numbered_after(&mut self, base: &str, count: usize) {
        for i in 0..count {
            self.id(&[&ids::numbered_after(base, i)]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[track_caller]
    fn decoded(source: &str) -> Cluster {
        let doc = crate::parse::parse(source).expect("parses");
        let mut diags = crate::diagnostic::Diagnostics::default();
        crate::decode::decode(&doc, &mut diags, None).expect("decodes")
    }

    fn counts<'a>(ids: impl IntoIterator<Item = &'a str>) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for id in ids {
            *counts.entry(id.to_string()).or_insert(0) += 1;
        }
        counts
    }

    /// Every spec in the repository (examples, error examples and the kitchen sink, which uses
    /// every entry of the schema) lists at least every id the tree defines, as often as the
    /// tree defines it, and exactly those for a checked spec.
    #[test]
    fn lists_every_id_the_tree_defines() {
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = manifest.join("examples");
        let mut specs = vec![manifest.join("tests/specs/kitchen-sink.kdl")];
        for entry in std::fs::read_dir(&root).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                for file in std::fs::read_dir(&path).unwrap() {
                    specs.push(file.unwrap().path());
                }
            }
        }
        specs.retain(|p| p.extension().is_some_and(|e| e == "kdl"));
        assert!(specs.len() > 10, "{specs:?}");
        for path in specs {
            let source = std::fs::read_to_string(&path).unwrap();
            let Ok(doc) = crate::parse::parse(&source) else {
                continue;
            };
            let mut diags = crate::diagnostic::Diagnostics::default();
            let Some(cluster) = crate::decode::decode(&doc, &mut diags, None) else {
                continue;
            };
            // Specs with further sets always take the exact search; their ids are not listed.
            if has_sets_or_dates(&cluster) {
                assert!(may_repeat(&cluster), "{}", path.display());
                continue;
            }
            let config = super::super::build(&cluster);
            let tree = counts(config.owned_ids().into_iter().map(|(id, _)| id));
            let mut listed = Vec::new();
            each_id(&cluster, &mut |id| listed.push(id.to_string()));
            let listed = counts(listed.iter().map(String::as_str));
            for (id, n) in &tree {
                assert!(
                    listed.get(id).is_some_and(|m| m >= n),
                    "{}: `{id}` defined {n} times, listed {:?}",
                    path.display(),
                    listed.get(id)
                );
            }
            let checks = crate::pipeline::check_source(&source);
            if !checks.has_errors() {
                assert_eq!(listed, tree, "{}", path.display());
            }
        }
    }

    #[test]
    fn repeats_are_found_and_distinct_ids_pass() {
        let clash = decoded(
            r#"cluster "c" {
                node "n1" address="10.0.0.11" { attribute site="a"; }
                primitive "n1-instance_attributes" agent="ocf:pacemaker:Dummy"
            }"#,
        );
        assert!(may_repeat(&clash));
        let fine = decoded(
            r#"cluster "c" {
                node "n1" address="10.0.0.11" { attribute site="a"; }
                primitive "p1" agent="ocf:pacemaker:Dummy" { params a="1" b="2"; }
                primitive "p2" agent="ocf:pacemaker:Dummy" { params a="1" b="2"; }
                location "l1" "p1" node="n1" score=10
            }"#,
        );
        assert!(!may_repeat(&fine));
    }
}
