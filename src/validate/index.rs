//! Lookups shared by the checks: resources by id, and which group or clone wraps each one.

use crate::model::{Cluster, Colocation, Constraint, Resource};
use crate::spanned::Spanned;
use std::collections::{HashMap, HashSet};

pub(super) struct Index<'a> {
    pub cluster: &'a Cluster,
    resources: HashMap<&'a str, &'a Resource>,
    /// Resource id -> the groups and clones that name it, in declaration order.
    wrappers: HashMap<&'a str, Vec<&'a Resource>>,
    pacemaker_nodes: Vec<String>,
    /// Tag ids: constraints may name a tag where they name a resource.
    tags: HashSet<&'a str>,
}

impl<'a> Index<'a> {
    pub(super) fn new(cluster: &'a Cluster) -> Self {
        let mut resources = HashMap::new();
        let mut wrappers: HashMap<&str, Vec<&Resource>> = HashMap::new();
        for resource in &cluster.resources {
            // The first definition wins; duplicates are reported by the name checks.
            resources
                .entry(resource.id().value.as_str())
                .or_insert(resource);
            for inner in wrapped(resource) {
                if !inner.value.is_empty() {
                    wrappers
                        .entry(inner.value.as_str())
                        .or_default()
                        .push(resource);
                }
            }
        }
        Index {
            cluster,
            resources,
            wrappers,
            pacemaker_nodes: cluster.pacemaker_node_names(),
            tags: cluster.tags.iter().map(|t| t.id.value.as_str()).collect(),
        }
    }

    pub(super) fn resource(&self, id: &str) -> Option<&'a Resource> {
        self.resources.get(id).copied()
    }

    pub(super) fn resource_ids(&self) -> impl Iterator<Item = &'a str> + Clone + 'a {
        self.cluster.resources.iter().map(|r| r.id().value.as_str())
    }

    /// Whether `id` is a tag's, which a constraint may name in place of a resource.
    pub(super) fn is_tag(&self, id: &str) -> bool {
        self.tags.contains(id)
    }

    /// The colocations of one resource with another (not of sets) whose two sides both are
    /// what `side` says: Pacemaker colocates no two templates and no two tags.
    pub(super) fn colocations_of_two(
        &self,
        side: impl Fn(&str) -> bool,
    ) -> impl Iterator<Item = (&'a Colocation, &'a Spanned<String>, &'a Spanned<String>)> {
        self.cluster
            .constraints
            .iter()
            .filter_map(move |constraint| {
                let Constraint::Colocation(c) = constraint else {
                    return None;
                };
                let (rsc, with) = (c.rsc.as_ref()?, c.with_rsc.as_ref()?);
                (side(rsc) && side(with)).then_some((c, rsc, with))
            })
    }

    /// What a constraint may name: resource ids, then tag ids.
    pub(super) fn constrainable_ids(&self) -> impl Iterator<Item = &'a str> + Clone + 'a {
        let tags = self.cluster.tags.iter().map(|t| t.id.value.as_str());
        self.resource_ids().chain(tags)
    }

    /// Cluster nodes and the nodes Pacemaker Remote adds (see `Cluster::pacemaker_node_names`):
    /// what constraints, fencing levels and node entries may name.
    pub(super) fn pacemaker_nodes(&self) -> &[String] {
        &self.pacemaker_nodes
    }

    /// The groups and clones that list this resource.
    pub(super) fn wrappers(&self, id: &str) -> &[&'a Resource] {
        self.wrappers.get(id).map_or(&[], Vec::as_slice)
    }

    /// The outermost wrapper of a resource (a group's clone, not the group), if it is wrapped.
    pub(super) fn outermost(&self, id: &str) -> Option<&'a Resource> {
        let mut current = *self.wrappers(id).first()?;
        // Bounded: a wrapping cycle (reported elsewhere) must not loop forever.
        for _ in 0..self.cluster.resources.len() {
            match self.wrappers(&current.id().value).first() {
                Some(outer) => current = outer,
                None => break,
            }
        }
        Some(current)
    }
}

/// The resources a group or clone names (nothing for a primitive).
pub(super) fn wrapped(resource: &Resource) -> Vec<&Spanned<String>> {
    match resource {
        Resource::Primitive(_) | Resource::Template(_) => Vec::new(),
        Resource::Group(g) => g.members.iter().collect(),
        Resource::Clone(c) => vec![&c.of],
        Resource::Bundle(b) => b.primitive.iter().collect(),
    }
}

/// What a resource is, for messages.
pub(super) fn kind(resource: &Resource) -> &'static str {
    match resource {
        Resource::Primitive(_) => "primitive",
        Resource::Group(_) => "group",
        Resource::Clone(c) if c.promotable => "promotable clone",
        Resource::Clone(_) => "clone",
        Resource::Bundle(_) => "bundle",
        Resource::Template(_) => "template",
    }
}
