//! Values of the meta attributes, `rsc-defaults` and `op-defaults` Pacemaker defines: each of
//! the kind Pacemaker reads, and what depends on the rest of the spec (promoted roles on
//! promotable clones only, `requires="fencing"` with fencing on). Pacemaker does not refuse
//! these values: it logs them and falls back to a default, so the cluster would do something
//! other than the spec says.

use super::cluster_options::{Kind, parse_bool};
use super::index::{Index, kind as resource_kind};
use super::resource_options::{self, OP_OPTIONS, RESOURCE_META, is_promotable_role};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Clone, NvPair, Primitive, Resource, find_pair};

pub(super) fn check(index: &Index<'_>, diags: &mut Diagnostics) {
    let cluster = index.cluster;
    for pair in &cluster.rsc_defaults {
        if typed(pair, RESOURCE_META, diags) {
            defaults_in_context(index, pair, diags);
        }
    }
    for pair in &cluster.op_defaults {
        typed(pair, OP_OPTIONS, diags);
    }
    for resource in &cluster.resources {
        for pair in resource.meta() {
            if typed(pair, RESOURCE_META, diags) {
                meta_in_context(index, resource, pair, diags);
            }
        }
        if let Resource::Clone(clone) = resource {
            anonymous_clone_node_max(index, clone, diags);
        }
    }
}

/// Reports a value of the wrong kind; true when the value suits its attribute (or the
/// attribute is not Pacemaker's), so the checks that depend on context may run.
fn typed(pair: &NvPair, table: &[(&str, Kind)], diags: &mut Diagnostics) -> bool {
    let (name, value) = (&pair.name, &pair.value);
    let Some(kind) = resource_options::kind(table, name) else {
        return true;
    };
    let accepted = kind.accepts(value);
    // NUL characters and missing values were reported while decoding.
    if accepted || value.contains('\0') || (value.is_empty() && reported(diags, value.span)) {
        return accepted;
    }
    // Pacemaker's "unset this here": the attribute takes its default.
    if value.as_str() == "#default" {
        return false;
    }
    if let Some(read) = read_as(name, kind, value) {
        diags.push(
            Diagnostic::new(
                &diag::READ_AS_ANOTHER_VALUE,
                value.span,
                format!("Pacemaker reads `{}` as `{read}`", shown(value)),
            )
            .label(format!("`{}` takes {}", shown(name), kind.expected()))
            .help(format!("write `{read}`, which is what Pacemaker uses")),
        );
        return false;
    }
    let diagnostic = Diagnostic::new(
        &diag::INVALID_META,
        value.span,
        format!("`{}` is not a valid `{}`", shown(value), shown(name)),
    )
    .label("Pacemaker would ignore it and use its default");
    let diagnostic = match kind {
        Kind::Select(values) => diagnostic.suggest(value, values.iter().copied()),
        _ => diagnostic,
    };
    let diagnostic = if diagnostic.help.is_some() {
        diagnostic
    } else {
        diagnostic.help(format!("`{}` takes {}", shown(name), kind.expected()))
    };
    diags.push(diagnostic);
    false
}

/// The value Pacemaker reads for one not in its spelling, when it reads one: a role in another
/// case (it compares roles case-insensitively), a decimal number cut to its whole part (it
/// parses scores and integers with `strtoll`).
fn read_as(name: &str, kind: Kind, value: &str) -> Option<String> {
    match kind {
        Kind::Select(values) if name == "target-role" => values
            .iter()
            .find(|v| v.eq_ignore_ascii_case(value))
            .map(|v| (*v).to_string()),
        Kind::Score | Kind::Integer | Kind::Count | Kind::Threshold => {
            let (whole, fraction) = value.split_once('.')?;
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            let unsigned = whole.strip_prefix(['-', '+']).unwrap_or(whole);
            (digits(unsigned) && digits(fraction) && kind.accepts(whole)).then(|| whole.into())
        }
        _ => None,
    }
}

/// Whether a problem at `span` is known already.
fn reported(diags: &Diagnostics, span: miette::SourceSpan) -> bool {
    diags.iter().any(|d| d.span == span)
}

fn meta_in_context(index: &Index<'_>, resource: &Resource, pair: &NvPair, diags: &mut Diagnostics) {
    match pair.name.as_str() {
        "target-role" if is_promotable_role(&pair.value) && !promotable(index, resource) => {
            diags.push(never_promoted(pair, resource));
        }
        "requires" => requires(index, pair, Some(resource), diags),
        "remote-node" => guest_name_taken(index, pair, diags),
        _ => {}
    }
}

/// A guest node's name becomes the id of the connection resource Pacemaker adds, and a node
/// name: it may be neither a node's nor a resource's.
fn guest_name_taken(index: &Index<'_>, pair: &NvPair, diags: &mut Diagnostics) {
    let name = pair.value.as_str();
    let node = index.cluster.nodes.iter().find(|n| n.name.value == name);
    let taken = node.map(|n| (n.name.span, "node")).or_else(|| {
        index
            .resource(name)
            .map(|r| (r.id().span, resource_kind(r)))
    });
    if let Some((span, what)) = taken {
        diags.push(
            Diagnostic::new(
                &diag::INVALID_META,
                pair.value.span,
                format!("guest node `{}` has the name of a {what}", shown(name)),
            )
            .label("Pacemaker names a guest node and its connection resource by it")
            .related(span, format!("{what} `{}` defined here", shown(name)))
            .help("give the guest node a name no node or resource has"),
        );
    }
}

/// An anonymous clone (not `globally-unique`) runs one instance per node: Pacemaker ignores a
/// larger `clone-node-max`, from the clone's meta or from `rsc-defaults`.
fn anonymous_clone_node_max(index: &Index<'_>, clone: &Clone, diags: &mut Diagnostics) {
    let defaults = &index.cluster.rsc_defaults;
    let setting = |name: &str| find_pair(&clone.meta, name).or_else(|| find_pair(defaults, name));
    let unique = setting("globally-unique").is_some_and(|p| parse_bool(&p.value) == Some(true));
    let Some(max) = setting("clone-node-max") else {
        return;
    };
    let reported = || {
        diags
            .iter()
            .any(|d| d.span == max.value.span && d.code == &diag::INVALID_META)
    };
    // A value of the wrong kind, or one from rsc-defaults for several clones, is reported once.
    if unique || max.value.parse::<u32>().is_ok_and(|n| n <= 1) || reported() {
        return;
    }
    diags.push(
        Diagnostic::new(
            &diag::INVALID_META,
            max.value.span,
            format!(
                "`clone-node-max` is {} but clone `{}` is anonymous",
                max.value.value,
                shown(&clone.id)
            ),
        )
        .label("Pacemaker runs one instance of an anonymous clone per node")
        .related(clone.id.span, "clone defined here")
        .help("add `globally-unique=#true` to the clone, or lower `clone-node-max` to 1"),
    );
}

fn defaults_in_context(index: &Index<'_>, pair: &NvPair, diags: &mut Diagnostics) {
    match pair.name.as_str() {
        "target-role" if is_promotable_role(&pair.value) => {
            let first = index
                .cluster
                .resources
                .iter()
                .find(|r| !promotable(index, r));
            if let Some(resource) = first {
                diags.push(never_promoted(pair, resource));
            }
        }
        "requires" => requires(index, pair, None, diags),
        _ => {}
    }
}

/// A promotable clone, or a resource one wraps (directly or in its group).
fn promotable(index: &Index<'_>, resource: &Resource) -> bool {
    let outermost = index.outermost(&resource.id().value).unwrap_or(resource);
    match outermost {
        Resource::Clone(c) => c.promotable,
        Resource::Bundle(b) => b.promotable(),
        _ => false,
    }
}

fn never_promoted(pair: &NvPair, resource: &Resource) -> Diagnostic {
    let id = resource.id();
    Diagnostic::new(
        &diag::PROMOTED_ROLE,
        pair.value.span,
        format!(
            "`{}` is never promoted, so target-role `{}` does not apply to it",
            shown(id),
            shown(&pair.value)
        ),
    )
    .label("needs a promotable clone")
    .related(
        id.span,
        format!("{} `{}` defined here", resource_kind(resource), shown(id)),
    )
    .help("set it on a promotable clone, or use `Started` or `Stopped`")
}

/// `requires="fencing"` and `"unfencing"` need fencing on, and a fencing device never
/// requires unfencing. `resource` is `None` for `rsc-defaults`, which reaches every resource.
fn requires(
    index: &Index<'_>,
    pair: &NvPair,
    resource: Option<&Resource>,
    diags: &mut Diagnostics,
) {
    let value = pair.value.as_str();
    if !matches!(value, "fencing" | "unfencing") {
        return;
    }
    let cluster = index.cluster;
    let disabled = cluster
        .properties
        .iter()
        .rfind(|p| p.name.value == "stonith-enabled")
        .filter(|p| parse_bool(&p.value) == Some(false));
    if let Some(setting) = disabled {
        diags.push(
            Diagnostic::new(
                &diag::INVALID_META,
                pair.value.span,
                format!("`requires` is `{value}` but fencing is disabled"),
            )
            .label("Pacemaker would require quorum only")
            .related(setting.value.span, "fencing disabled here")
            .help("use `quorum` or `nothing`, or enable fencing"),
        );
        return;
    }
    let device = match resource {
        Some(resource) => fencing_device_in(index, resource),
        None => cluster.resources.iter().find_map(|r| match r {
            Resource::Primitive(p) if p.agent.class == "stonith" => Some(p),
            _ => None,
        }),
    };
    if let (Some(device), "unfencing") = (device, value) {
        diags.push(
            Diagnostic::new(
                &diag::INVALID_META,
                pair.value.span,
                format!(
                    "fencing device `{}` cannot require unfencing",
                    shown(&device.id)
                ),
            )
            .label("Pacemaker would require quorum instead")
            .related(device.id.span, "fencing device defined here")
            .help("fencing devices require `quorum`; set `requires` on the other resources"),
        );
    }
}

/// The fencing device a resource is, or wraps (in a clone or group).
fn fencing_device_in<'a>(index: &Index<'a>, resource: &'a Resource) -> Option<&'a Primitive> {
    let inner: Vec<&Resource> = match resource {
        Resource::Primitive(_) => vec![resource],
        Resource::Template(_) => Vec::new(),
        Resource::Group(g) => g.members.iter().filter_map(|m| index.resource(m)).collect(),
        Resource::Clone(c) => index
            .resource(&c.of)
            .into_iter()
            .flat_map(|r| match r {
                Resource::Group(g) => g.members.iter().filter_map(|m| index.resource(m)).collect(),
                other => vec![other],
            })
            .collect(),
        Resource::Bundle(b) => b
            .primitive
            .iter()
            .filter_map(|p| index.resource(p))
            .collect(),
    };
    inner.into_iter().find_map(|r| match r {
        Resource::Primitive(p) if p.agent.class == "stonith" => Some(p),
        _ => None,
    })
}

#[cfg(test)]
mod tests;
