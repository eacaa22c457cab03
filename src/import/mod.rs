//! `hacc import`: a CIB (and optionally a corosync.conf) -> a spec that builds the same
//! Pacemaker configuration.
//!
//! The CIB is read into the same [`CibConfig`] that cib.xml is rendered from
//! ([`read`]), so an imported CIB and a built spec compare like with like; [`write`] turns it
//! into spec text, which must pass `hacc check` and is laid out as `hacc fmt` lays it out.
//! Whatever the spec language cannot carry is a diagnostic pointing into the XML: nothing is
//! dropped silently.

mod attr_set;
mod corosync;
mod element;
mod extras;
mod finding;
mod id_ref;
mod infra;
mod kdl_text;
pub mod meaning;
mod options;
mod read;
mod read_acls;
mod read_alerts;
mod read_bundles;
mod read_constraints;
mod read_dates;
mod read_defaults_tests;
mod read_op_extra;
mod read_resources;
mod read_tags;
mod read_tickets;
mod set_order;
mod verify;
mod write;
mod write_acls;
mod write_alerts;
mod write_bundles;
mod write_rules;
mod write_tickets;

pub use corosync::read_corosync;
pub use finding::{Finding, render_findings};
pub use read::read_cib;

use crate::cib::CibConfig;

/// What importing a CIB produced: the spec when nothing was refused, and every finding
/// (refusals and warnings) in document order.
#[derive(Debug)]
pub struct Imported {
    pub spec: Option<String>,
    /// The configuration as read from the CIB (empty sections when it was unreadable).
    pub config: Option<CibConfig>,
    /// Spellings the reader changed without changing the meaning as far as it can tell (an
    /// explicit default it cannot keep apart from an absent one): such an import is not an
    /// exact copy, which the corpus test then proves with `crm_simulate`.
    pub normalised: Vec<String>,
    pub findings: Vec<Finding>,
    /// Findings about the corosync.conf, with positions in that file.
    pub corosync_findings: Vec<Finding>,
}

impl Imported {
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .chain(&self.corosync_findings)
            .any(|f| f.diagnostic.is_error())
    }
}

/// Imports CIB XML text, with the text of a corosync.conf when given.
pub fn import(cib_xml: &str, corosync_conf: Option<&str>) -> Imported {
    let mut read = read_cib(cib_xml);
    let corosync = corosync_conf.map(read_corosync);
    let mut findings = read.findings;
    let corosync_findings = corosync
        .as_ref()
        .map(|c| c.findings.clone())
        .unwrap_or_default();
    if let (Some(config), Some(corosync)) = (&mut read.config, &corosync) {
        infra::number_from_corosync(config, corosync);
    }
    if let (Some(config), Some(corosync)) = (&read.config, &corosync) {
        findings.extend(infra::cross_check(config, &read.extras, corosync, cib_xml));
    }
    let Some(config) = read.config else {
        return Imported {
            spec: None,
            config: None,
            normalised: read.normalised,
            findings,
            corosync_findings,
        };
    };
    let refused = findings.iter().any(|f| f.diagnostic.is_error())
        || corosync_findings.iter().any(|f| f.diagnostic.is_error());
    let spec = if refused {
        None
    } else {
        let written = write::spec(&config, &read.extras, corosync.as_ref());
        let refusals = verify::check(&written, cib_xml);
        let ok = refusals.is_empty();
        findings.extend(refusals);
        ok.then(|| crate::layout::canonical(&written.text).ok())
            .flatten()
    };
    findings.sort_by_key(|f| f.diagnostic.span.offset());
    Imported {
        spec,
        config: Some(config),
        normalised: read.normalised,
        findings,
        corosync_findings,
    }
}
