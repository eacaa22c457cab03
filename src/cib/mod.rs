//! The Pacemaker configuration as hacc knows it, below every stage that reads or writes one:
//! validation finds clashing ids in it, the renderers write cib.xml and cib.crm from it, the
//! importer reads a CIB into it, and the live cluster and saved plans speak of its version. A
//! CIB read back (live, or a cib.xml on disk) is an element tree ([`tree`]) for comparing and
//! patching.
//!
//! Every id is derived here the way crmsh derives it, once, so both renderers and validation
//! agree on the objects and their ids.

mod acls;
mod alerts;
mod attr_sets;
mod build;
mod bundle;
mod config;
mod id_fingerprints;
mod id_list;
mod ids;
mod nvsets;
mod op_extra;
mod sets;
mod tickets;
pub mod tree;
mod version;
pub mod xml;

pub use acls::{CibAclPermission, CibAclRole, CibAclSubject, CibAcls, permission_id};
pub use build::build;
pub use bundle::{CibBundle, CibBundleNetwork, CibMapping, PORT_MAPPING, STORAGE_MAPPING};
pub use config::*;
pub use id_list::{IdClash, IdOwner, duplicate_ids, id_clashes};
pub(crate) use ids::{id_part, is_id_part};
pub use version::CibVersion;
