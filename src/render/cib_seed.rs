//! cib-seed.xml: the CIB a node container starts from on its first start, before any
//! configuration is pushed. It holds only the cluster options (the spec's own, and a short
//! `dc-deadtime` unless the spec sets one), because they shape start-up: with an empty CIB
//! each node's controller waits Pacemaker's default dc-deadtime (20 s) for a DC that does not
//! exist yet before it calls an election. On the lab's bridge a DC that exists answers a
//! starting node within milliseconds, so a short wait loses nothing. Its epoch is 0, below
//! any CIB a running cluster has, so a node recreated beside running ones takes theirs.

use super::Artifact;
use super::cib::attr_sets::nvpairs;
use super::cib::header_line;
use crate::cib::CibConfig;
use crate::cib::xml::XmlWriter;

/// The start-up wait for a DC when the spec sets none. hacc keeps it in the live CIB (see
/// `live::runtime`), so a later start of the whole cluster is as quick.
pub(super) const SEED_DC_DEADTIME: &str = "2s";
const DC_DEADTIME: &str = "dc-deadtime";

pub(super) fn render(config: &CibConfig) -> Artifact {
    let mut out = String::new();
    out.push_str("<!-- ");
    out.push_str(super::HEADER);
    out.push_str(" -->\n");
    let mut xml = XmlWriter::new(out);
    xml.start("cib")
        .attr("crm_feature_set", super::cib_xml::CRM_FEATURE_SET)
        .attr("validate-with", super::cib_xml::VALIDATE_WITH)
        .attr("epoch", "0")
        .attr("num_updates", "0")
        .attr("admin_epoch", "0");
    let set = &config.properties;
    xml.start("configuration").start("crm_config");
    xml.start("cluster_property_set")
        .attr("id", &set.id)
        .comment(&header_line());
    nvpairs(&mut xml, set);
    if !set.pairs.iter().any(|p| p.name == DC_DEADTIME) {
        xml.start("nvpair")
            .attr("name", DC_DEADTIME)
            .attr("value", SEED_DC_DEADTIME)
            .attr("id", &format!("{}-{DC_DEADTIME}", set.id))
            .end();
    }
    xml.end().end();
    for section in ["nodes", "resources", "constraints"] {
        xml.start(section).end();
    }
    xml.end();
    xml.start("status").end();
    xml.end();
    Artifact::file("cib-seed.xml", xml.finish())
}
