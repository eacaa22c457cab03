//! Pacemaker bundles: a primitive run inside containers Pacemaker starts itself, with their
//! network and storage. Each replica is also a guest node, `<bundle>-<n>`.

use super::NvPair;
use crate::spanned::Spanned;
use serde::Serialize;

/// The container engines Pacemaker 2.1 drives.
pub const BUNDLE_ENGINES: &[&str] = &["docker", "podman", "rkt"];

/// The options of the container line, in the order the CIB writes them.
pub const CONTAINER_OPTIONS: &[&str] = &[
    "image",
    "replicas",
    "replicas-per-host",
    "promoted-max",
    "run-command",
    "network",
    "options",
];

/// The options of the `network` line, in the order the CIB writes them.
pub const NETWORK_OPTIONS: &[&str] = &[
    "ip-range-start",
    "control-port",
    "host-interface",
    "host-netmask",
    "add-host",
];

/// The options of a bundle's lines whose values are integers (`add-host` is a boolean, the
/// rest are strings).
pub const BUNDLE_INTEGER_OPTIONS: &[&str] = &[
    "replicas",
    "replicas-per-host",
    "promoted-max",
    "control-port",
    "host-netmask",
    "port",
    "internal-port",
];

/// A `bundle`: containers of one engine, their network and storage, and at most one primitive
/// (declared on its own and named here), which then runs in every replica.
#[derive(Debug, Clone, Serialize)]
pub struct Bundle {
    pub id: Spanned<String>,
    /// Free text for people (`description=`), kept in the CIB.
    pub description: Option<Spanned<String>>,
    pub primitive: Option<Spanned<String>>,
    pub container: Container,
    pub network: Option<BundleNetwork>,
    pub storage: Vec<StorageMapping>,
    /// Instance attributes every resource of the bundle inherits: the primitive inside, and
    /// the container and connection resources Pacemaker makes for each replica.
    pub params: Vec<NvPair>,
    /// Further instance attribute sets, each with its own id, score and rule.
    pub param_sets: Vec<super::NvSet>,
    pub meta: Vec<NvPair>,
    /// Further meta attribute sets, each with its own id, score and rule.
    pub meta_sets: Vec<super::NvSet>,
    /// Container or `network` lines after the first, which validation refuses.
    #[serde(skip)]
    pub repeated: Vec<miette::SourceSpan>,
}

/// The `docker`, `podman` or `rkt` line (missing: an empty engine, already reported).
#[derive(Debug, Clone, Serialize)]
pub struct Container {
    pub engine: Spanned<String>,
    /// Given options, in [`CONTAINER_OPTIONS`] order; values as text (`3`, not `"3"`).
    pub options: Vec<NvPair>,
}

/// How the replicas are reached: addresses, the control port and mapped ports.
#[derive(Debug, Clone, Serialize)]
pub struct BundleNetwork {
    /// Given options, in [`NETWORK_OPTIONS`] order.
    pub options: Vec<NvPair>,
    pub ports: Vec<PortMapping>,
}

/// A `port-mapping`: `port` (with an `internal-port`) or a `range` of ports.
#[derive(Debug, Clone, Serialize)]
pub struct PortMapping {
    pub id: Spanned<String>,
    pub port: Option<Spanned<String>>,
    pub internal_port: Option<Spanned<String>>,
    pub range: Option<Spanned<String>>,
}

/// A `storage-mapping`: a host directory (or a per-replica one under `source-dir-root`)
/// mounted in every replica.
#[derive(Debug, Clone, Serialize)]
pub struct StorageMapping {
    pub id: Spanned<String>,
    pub source_dir: Option<Spanned<String>>,
    pub source_dir_root: Option<Spanned<String>>,
    pub target_dir: Spanned<String>,
    pub options: Option<Spanned<String>>,
}

impl Bundle {
    /// The replicas Pacemaker runs: `replicas`, else `promoted-max`, else 1.
    pub fn replicas(&self) -> u32 {
        let option = |name| {
            super::find_pair(&self.container.options, name).and_then(|p| p.value.parse().ok())
        };
        option("replicas").or(option("promoted-max")).unwrap_or(1)
    }

    /// The free text of its mappings, which reaches cib.xml and cib.crm like the options.
    pub fn mapping_texts(&self) -> Vec<&Spanned<String>> {
        let ports = self.network.iter().flat_map(|n| &n.ports);
        let mut out: Vec<&Spanned<String>> = ports.filter_map(|p| p.range.as_ref()).collect();
        for s in &self.storage {
            out.extend(
                [&s.source_dir, &s.source_dir_root, &s.options]
                    .into_iter()
                    .flatten(),
            );
            out.push(&s.target_dir);
        }
        out
    }

    /// Whether its primitive may be promoted: `promoted-max` above 0, or the `promotable`
    /// meta (Pacemaker then promotes one replica).
    pub fn promotable(&self) -> bool {
        let promoted_max = super::find_pair(&self.container.options, "promoted-max")
            .is_some_and(|p| p.value.parse::<u32>().is_ok_and(|n| n > 0));
        let meta =
            super::find_pair(&self.meta, "promotable").is_some_and(|p| p.value.value == "true");
        promoted_max || meta
    }

    /// The guest node names of the replicas, when the bundle has a primitive to run in them.
    pub fn guest_names(&self) -> Vec<String> {
        if self.primitive.is_none() {
            return Vec::new();
        }
        (0..self.replicas().min(1024))
            .map(|i| format!("{}-{i}", self.id.value))
            .collect()
    }
}

/// A Pacemaker Remote node's entry in the nodes section (`<node type="remote">`): its
/// attributes, for a node the cluster reaches through an `ocf:pacemaker:remote` resource.
#[derive(Debug, Clone, Serialize)]
pub struct RemoteNode {
    pub name: Spanned<String>,
    /// The entry's id when it is not the name.
    pub cib_id: Option<Spanned<String>>,
    /// Free text for people (`description=`), kept in the CIB.
    pub description: Option<Spanned<String>>,
    pub attributes: Vec<NvPair>,
    pub utilization: Vec<NvPair>,
    pub attribute_sets: Vec<super::NvSet>,
    pub utilization_sets: Vec<super::NvSet>,
}
