//! Bundles in the CIB: the container, network and storage elements, in the attribute order
//! crmsh writes them (the order of its script, which hacc fixes to the schema's).

use super::config::{AttrSet, CibPrimitive, RuledSet};
use crate::model::{self, NvPair};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibBundle {
    pub id: String,
    pub description: Option<String>,
    /// `docker`, `podman` or `rkt`: the element holding the container options.
    pub engine: String,
    /// `(name, value)` in [`model::CONTAINER_OPTIONS`] order.
    pub container: Vec<(&'static str, String)>,
    pub network: Option<CibBundleNetwork>,
    /// The `storage-mapping`s; no `storage` element without one.
    pub storage: Vec<CibMapping>,
    pub primitive: Option<CibPrimitive>,
    pub params: Option<AttrSet>,
    pub param_sets: Vec<RuledSet>,
    pub meta: Option<AttrSet>,
    pub meta_sets: Vec<RuledSet>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibBundleNetwork {
    /// `(name, value)` in [`model::NETWORK_OPTIONS`] order.
    pub options: Vec<(&'static str, String)>,
    pub ports: Vec<CibMapping>,
}

/// A `port-mapping` or `storage-mapping`: its id and its other attributes in the order
/// [`PORT_MAPPING`] or [`STORAGE_MAPPING`] gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibMapping {
    pub id: String,
    pub attrs: Vec<(&'static str, String)>,
}

pub const PORT_MAPPING: &[&str] = &["port", "internal-port", "range"];
pub const STORAGE_MAPPING: &[&str] = &["source-dir", "source-dir-root", "target-dir", "options"];

/// The given options of `list`, named by the constants of `names` (in that order).
fn options(list: &[NvPair], names: &[&'static str]) -> Vec<(&'static str, String)> {
    names
        .iter()
        .filter_map(|name| Some((*name, model::find_pair(list, name)?.value.value.clone())))
        .collect()
}

type Given<'a> = (&'static str, &'a Option<crate::spanned::Spanned<String>>);

fn given(list: &[Given<'_>]) -> Vec<(&'static str, String)> {
    list.iter()
        .filter_map(|(name, value)| Some((*name, value.as_ref()?.value.clone())))
        .collect()
}

/// The bundle without its primitive and attribute sets, which the resource tree fills in.
pub(super) fn build(b: &model::Bundle) -> CibBundle {
    CibBundle {
        id: b.id.value.clone(),
        description: b.description.as_ref().map(|d| d.value.clone()),
        engine: b.container.engine.value.clone(),
        container: options(&b.container.options, model::CONTAINER_OPTIONS),
        network: b.network.as_ref().map(|n| CibBundleNetwork {
            options: options(&n.options, model::NETWORK_OPTIONS),
            ports: n
                .ports
                .iter()
                .map(|p| CibMapping {
                    id: p.id.value.clone(),
                    attrs: given(&[
                        ("port", &p.port),
                        ("internal-port", &p.internal_port),
                        ("range", &p.range),
                    ]),
                })
                .collect(),
        }),
        storage: b
            .storage
            .iter()
            .map(|s| {
                let target = Some(s.target_dir.clone());
                CibMapping {
                    id: s.id.value.clone(),
                    attrs: given(&[
                        ("source-dir", &s.source_dir),
                        ("source-dir-root", &s.source_dir_root),
                        ("target-dir", &target),
                        ("options", &s.options),
                    ]),
                }
            })
            .collect(),
        primitive: None,
        params: None,
        param_sets: Vec::new(),
        meta: None,
        meta_sets: Vec::new(),
    }
}
