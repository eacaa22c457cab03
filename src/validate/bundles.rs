//! Bundles: one container line, what they wrap, their port and storage mappings, and a
//! warning when a lab spec has one (the lab's nodes run no container engine).

use super::index::{Index, kind};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Bundle, PortMapping, Resource, StorageMapping, Target, find_pair};
use crate::spanned::Spanned;
use miette::SourceSpan;

pub(super) fn check(index: &Index<'_>, diags: &mut Diagnostics) {
    let cluster = index.cluster;
    for resource in &cluster.resources {
        let Resource::Bundle(b) = resource else {
            continue;
        };
        shape(b, diags);
        if let Some(reference) = &b.primitive
            && let Some(inner @ (Resource::Group(_) | Resource::Clone(_) | Resource::Bundle(_))) =
                index.resource(reference)
        {
            diags.push(
                invalid(
                    reference.span,
                    format!(
                        "bundle `{}` wraps {} `{}`",
                        shown(&b.id),
                        kind(inner),
                        shown(reference)
                    ),
                    "a bundle runs one primitive",
                )
                .related(
                    inner.id().span,
                    format!("`{}` is defined here", shown(reference)),
                )
                .help("name a primitive, or leave `primitive=` out for containers alone"),
            );
        }
        if let Some(reference) = &b.primitive {
            diags.extend(control(b, reference));
        }
        for port in b.network.iter().flat_map(|n| &n.ports) {
            diags.extend(port_mapping(port));
        }
        for storage in &b.storage {
            diags.extend(storage_mapping(storage));
        }
        if matches!(cluster.target.value, Target::DockerLab) {
            diags.push(
                Diagnostic::new(
                    &diag::BUNDLE_IN_LAB,
                    b.id.span,
                    format!("bundle `{}` cannot run in the Docker lab", shown(&b.id)),
                )
                .label("the lab's nodes have no container engine")
                .help("run bundles on real hosts (`target=\"hosts\"`); the lab builds and checks them only"),
            );
        }
    }
}

/// How the cluster reaches pacemaker-remoted in the replicas that run `primitive`: through an
/// address per replica (`ip-range-start`) or a port on the host's network (`control-port`,
/// which leaves room for one replica per host). Without either Pacemaker ignores the bundle.
fn control(b: &Bundle, primitive: &Spanned<String>) -> Option<Diagnostic> {
    let network = |name| b.network.as_ref().and_then(|n| find_pair(&n.options, name));
    if network("ip-range-start").is_some() {
        return None;
    }
    let Some(port) = network("control-port") else {
        return Some(
            invalid(
                primitive.span,
                format!(
                    "bundle `{}` has no way to reach `{}` in its containers",
                    shown(&b.id),
                    shown(primitive)
                ),
                "its `network` has neither `ip-range-start` nor `control-port`",
            )
            .help(
                "give the bundle `network ip-range-start=\"...\"` (an address per replica) or \
                 `network control-port=3121`; Pacemaker ignores the whole bundle otherwise",
            ),
        );
    };
    let per_host = find_pair(&b.container.options, "replicas-per-host")?;
    (per_host.value.parse::<u32>().is_ok_and(|n| n > 1)).then(|| {
        invalid(
            per_host.value.span,
            format!(
                "bundle `{}` runs {} replicas per host behind one `control-port`",
                shown(&b.id),
                shown(&per_host.value)
            ),
            "Pacemaker runs one replica per host instead",
        )
        .related(port.name.span, "the replicas share the host's network here")
        .help("give the network an `ip-range-start` (an address per replica), or set `replicas-per-host=1`")
    })
}

fn invalid(span: SourceSpan, message: String, label: &str) -> Diagnostic {
    Diagnostic::new(&diag::INVALID_BUNDLE, span, message).label(label)
}

fn shape(b: &Bundle, diags: &mut Diagnostics) {
    if b.container.engine.is_empty() && !b.id.is_empty() {
        diags.push(
            invalid(
                b.id.span,
                format!("bundle `{}` has no container line", shown(&b.id)),
                "needs `docker`, `podman` or `rkt`",
            )
            .help("add e.g. `podman image=\"registry/image:tag\" replicas=2`"),
        );
    }
    for span in &b.repeated {
        diags.push(
            invalid(
                *span,
                format!("bundle `{}` has this line twice", shown(&b.id)),
                "a second container or network line",
            )
            .help("a bundle has one container engine and one network; merge the lines"),
        );
    }
}

fn port_mapping(port: &PortMapping) -> Option<Diagnostic> {
    let id = shown(&port.id);
    match (&port.port, &port.range, &port.internal_port) {
        (Some(_), Some(range), _) => Some(
            invalid(
                range.span,
                format!("port mapping `{id}` has both a port and a range"),
                "a range beside `port=`",
            )
            .help("map one port, or a range, per `port-mapping`"),
        ),
        (None, None, _) => Some(
            invalid(
                port.id.span,
                format!("port mapping `{id}` maps no port"),
                "needs `port=` or `range=`",
            )
            .help("add `port=80`, or `range=\"8000-8010\"`"),
        ),
        (None, Some(_), Some(internal)) => Some(
            invalid(
                internal.span,
                format!("port mapping `{id}` has an internal port beside a range"),
                "only with `port=`",
            )
            .help("a range is mapped to the same ports inside; drop `internal-port`"),
        ),
        (None, Some(range), None) if !valid_range(range) => Some(
            invalid(
                range.span,
                format!(
                    "port range `{}` of mapping `{id}` is not `first-last`",
                    shown(range)
                ),
                "digits and `-` only",
            )
            .help("write the range as `8000-8010`"),
        ),
        _ => None,
    }
}

/// Pacemaker's schema: digits and dashes.
fn valid_range(range: &str) -> bool {
    !range.is_empty() && range.chars().all(|c| c.is_ascii_digit() || c == '-')
}

fn storage_mapping(storage: &StorageMapping) -> Option<Diagnostic> {
    let id = shown(&storage.id);
    match (&storage.source_dir, &storage.source_dir_root) {
        (Some(_), Some(root)) => Some(
            invalid(
                root.span,
                format!("storage mapping `{id}` has both `source-dir` and `source-dir-root`"),
                "a second source",
            )
            .help("mount one directory for every replica (`source-dir`) or one each (`source-dir-root`)"),
        ),
        (None, None) => Some(
            invalid(
                storage.id.span,
                format!("storage mapping `{id}` has no source directory"),
                "needs `source-dir` or `source-dir-root`",
            )
            .help("add `source-dir=\"/srv/www\"`"),
        ),
        _ => None,
    }
}
