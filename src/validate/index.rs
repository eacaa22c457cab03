//! Lookups shared by the checks: resources by id, and which group or clone wraps each one.

use crate::model::{Cluster, Resource};
use crate::spanned::Spanned;
use std::collections::HashMap;

pub(super) struct Index<'a> {
    pub cluster: &'a Cluster,
    resources: HashMap<&'a str, &'a Resource>,
    /// Resource id -> the groups and clones that name it, in declaration order.
    wrappers: HashMap<&'a str, Vec<&'a Resource>>,
    pacemaker_nodes: Vec<String>,
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
        }
    }

    pub(super) fn resource(&self, id: &str) -> Option<&'a Resource> {
        self.resources.get(id).copied()
    }

    pub(super) fn resource_ids(&self) -> impl Iterator<Item = &'a str> + Clone + 'a {
        self.cluster.resources.iter().map(|r| r.id().value.as_str())
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
