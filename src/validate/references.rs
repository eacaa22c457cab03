//! Names that must refer to something the spec defines: resources, nodes, fencing devices.

use super::index::Index;
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Cluster, Constraint, FencingTarget, LocationTarget, Resource, ResourceSet};
use crate::spanned::Spanned;

pub(super) fn check(index: &Index<'_>, diags: &mut Diagnostics) {
    let cluster = index.cluster;
    let mut check_resource = |reference: &Spanned<String>| {
        if let Some(problem) = resource(index, reference) {
            diags.push(problem);
        }
    };
    for wrapper in &cluster.resources {
        match wrapper {
            Resource::Primitive(_) | Resource::Template(_) => {}
            Resource::Group(g) => g.members.iter().for_each(&mut check_resource),
            Resource::Clone(c) => check_resource(&c.of),
            Resource::Bundle(b) => b.primitive.iter().for_each(&mut check_resource),
        }
    }
    for constraint in &cluster.constraints {
        for reference in constraint_resources(constraint) {
            diags.extend(constrained(index, reference));
        }
    }
    if let Some(front) = &cluster.front {
        diags.extend(resource(index, &front.service));
    }
    for constraint in &cluster.constraints {
        if let Constraint::Location(l) = constraint
            && let LocationTarget::Node { node, .. } = &l.target
        {
            diags.extend(self::node(index, node));
        }
    }
    fencing(index, cluster, diags);
}

/// Every resource a constraint names, sets included.
pub(super) fn constraint_resources(constraint: &Constraint) -> Vec<&Spanned<String>> {
    match constraint {
        Constraint::Location(l) => l.members().collect(),
        Constraint::Colocation(c) => {
            let pair = c.rsc.iter().chain(c.with_rsc.iter());
            pair.chain(members(&c.sets)).collect()
        }
        Constraint::Order(o) => {
            let pair = o.first.iter().chain(o.then.iter());
            pair.chain(members(&o.sets)).collect()
        }
    }
}

fn members(sets: &[ResourceSet]) -> impl Iterator<Item = &Spanned<String>> {
    sets.iter().flat_map(|s| &s.resources)
}

/// Empty names are placeholders for values already reported missing.
fn resource(index: &Index<'_>, reference: &Spanned<String>) -> Option<Diagnostic> {
    if reference.is_empty() || index.resource(reference).is_some() {
        return None;
    }
    Some(unknown("resource", reference, index.resource_ids()))
}

/// What a constraint names: a resource or a tag (which stands for its members).
pub(super) fn constrained(index: &Index<'_>, reference: &Spanned<String>) -> Option<Diagnostic> {
    if reference.is_empty() || index.resource(reference).is_some() || index.is_tag(reference) {
        return None;
    }
    Some(unknown("resource", reference, index.constrainable_ids()))
}

/// Pacemaker keeps a location for a node it does not know and applies it once a node of
/// that name joins (remote and guest nodes come and go): an unknown node is a warning.
fn node(index: &Index<'_>, reference: &Spanned<String>) -> Option<Diagnostic> {
    let known = index.pacemaker_nodes();
    if reference.is_empty() || known.contains(&reference.value) {
        return None;
    }
    let diagnostic = Diagnostic::new(
        &diag::UNKNOWN_LOCATION_NODE,
        reference.span,
        format!(
            "location for `{}`, a node the spec does not have",
            shown(reference)
        ),
    )
    .label("no node has this name")
    .suggest(reference, known.iter().map(String::as_str));
    Some(diagnostic.help_or("Pacemaker applies it once a node of that name joins"))
}

/// Pacemaker's fencer keeps a level for any node name, and clusters set levels up for nodes
/// that join later (remote nodes that come and go): an unknown target is a warning.
fn fencing_target(index: &Index<'_>, reference: &Spanned<String>) -> Option<Diagnostic> {
    let known = index.pacemaker_nodes();
    if reference.is_empty() || known.contains(&reference.value) {
        return None;
    }
    let diagnostic = Diagnostic::new(
        &diag::UNKNOWN_FENCING_TARGET,
        reference.span,
        format!(
            "fencing level for `{}`, a node the spec does not have",
            shown(reference)
        ),
    )
    .label("no node has this name")
    .suggest(reference, known.iter().map(String::as_str));
    Some(if diagnostic.help.is_some() {
        diagnostic
    } else {
        diagnostic.help("Pacemaker keeps it for a node of that name that joins later")
    })
}

/// "unknown resource `x`", with the closest name or the list of names that exist.
pub(super) fn unknown<'a>(
    what: &str,
    reference: &Spanned<String>,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        &diag::UNKNOWN_REFERENCE,
        reference.span,
        format!("unknown {what} `{}`", shown(reference)),
    )
    .label(format!("no {what} has this name"))
    .suggest(reference, known.clone());
    if diagnostic.help.is_some() {
        return diagnostic;
    }
    let names: Vec<String> = known
        .filter(|n| !n.is_empty())
        .map(|n| format!("`{}`", shown(n)))
        .collect();
    match names.len() {
        0 => diagnostic.help(format!("the spec defines no {what} yet")),
        n if n <= 8 => diagnostic.help(format!("defined {what}s: {}", names.join(", "))),
        _ => diagnostic.help(format!(
            "check the spelling against the {what}s the spec defines"
        )),
    }
}

fn fencing(index: &Index<'_>, cluster: &Cluster, diags: &mut Diagnostics) {
    let devices = || {
        cluster.resources.iter().filter_map(|r| match r {
            Resource::Primitive(p) if p.agent.class == "stonith" => Some(p.id.value.as_str()),
            _ => None,
        })
    };
    for level in &cluster.fencing_levels {
        if matches!(level.target(), FencingTarget::Node(_)) {
            diags.extend(fencing_target(index, &level.target));
        }
        for device in level.devices.iter().filter(|d| !d.is_empty()) {
            match index.resource(device) {
                None => diags.push(unknown("fencing device", device, devices())),
                Some(Resource::Primitive(p)) if p.agent.class == "stonith" => {}
                Some(other) => diags.push(
                    Diagnostic::new(
                        &diag::UNKNOWN_REFERENCE,
                        device.span,
                        format!("`{}` is not a fencing device", shown(device)),
                    )
                    .label("not a `stonith:` primitive")
                    .related(other.id().span, "defined here")
                    .suggest(device, devices())
                    .help_or("fencing levels list primitives with a `stonith:` agent"),
                ),
            }
        }
    }
}

trait HelpOr {
    fn help_or(self, help: &str) -> Self;
}

impl HelpOr for Diagnostic {
    fn help_or(self, help: &str) -> Self {
        if self.help.is_some() {
            self
        } else {
            self.help(help)
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    #[test]
    fn unknown_resources_get_a_suggestion() {
        let diags = diagnostics_of(
            r#"node "node1" address="10.0.0.11"
               primitive "web" agent="ocf:heartbeat:Dummy"
               clone "web-clone" of="wbe"
               location "l" "web-clone" node="nod1" score=10"#,
        );
        let codes = |code| diags.iter().filter(move |d| d.code.id == code);
        let unknown: Vec<_> = codes("E0203").collect();
        assert_eq!(unknown.len(), 1, "{diags:#?}");
        assert_eq!(unknown[0].help.as_deref(), Some("did you mean `web`?"));
        let node: Vec<_> = codes("W0423").collect();
        assert_eq!(node.len(), 1, "{diags:#?}");
        assert_eq!(node[0].help.as_deref(), Some("did you mean `node1`?"));
    }
}
