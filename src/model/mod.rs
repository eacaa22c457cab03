//! The typed cluster spec.
//!
//! `decode` builds these types from KDL (keeping spans for diagnostics); `validate` checks them
//! and wraps them in [`Checked`], the only form renderers accept.

mod acl;
mod alert;
mod bundle;
mod cluster;
mod constraint;
mod corosync;
pub mod fencing;
mod front;
mod infra;
mod nvpair;
mod nvset;
mod op_extra;
pub mod pacemaker3;
mod resource;
mod score;
mod tag;
mod target;
mod ticket;

pub use acl::{ACL_RIGHTS, AclPermission, AclRole, AclSubject, Acls};
pub use alert::{Alert, AlertSelect, Recipient};
pub use bundle::{
    BUNDLE_ENGINES, BUNDLE_INTEGER_OPTIONS, Bundle, BundleNetwork, CONTAINER_OPTIONS, Container,
    NETWORK_OPTIONS, PortMapping, RemoteNode, StorageMapping,
};
pub use cluster::{Checked, Cluster, Property};
pub use constraint::{
    Colocation, Constraint, DATE_SPEC_FIELDS, DURATION_FIELDS, DateExpression, Location,
    LocationTarget, OpExpression, Order, ResourceSet, RscExpression, Rule, RuleExpression,
};
pub use corosync::{Corosync, Link, Logging, Quorum, QuorumDevice, Transport};
pub use fencing::{FENCING_KINDS, Fencing};
pub use front::Front;
pub use infra::{CopyFile, Image, Network, Node, Publish, Wrapper};
pub use nvpair::{NvPair, find as find_pair};
pub use nvset::NvSet;
pub use op_extra::OpExtra;
pub use pacemaker3::Pacemaker3Spelling;
pub use resource::{Agent, Clone, FencingLevel, FencingTarget, Group, Op, Primitive, Resource};
pub use score::Score;
pub use tag::Tag;
pub use target::{Ssh, Target};
pub use ticket::RscTicket;
