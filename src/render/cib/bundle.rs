//! Bundles in both renderers. crmsh stores a bundle's children as container, network,
//! storage, primitive, meta, and each element's attributes in the order its script gives
//! them, which is the order of the configuration model.

use super::crm_quote::push_quoted;
use crate::cib::xml::XmlWriter;
use crate::cib::{CibBundle, CibMapping};
use std::fmt::Write;

fn engine_tag(engine: &str) -> &'static str {
    match engine {
        "podman" => "podman",
        "rkt" => "rkt",
        _ => "docker",
    }
}

pub(crate) fn xml(xml: &mut XmlWriter, bundle: &CibBundle) {
    xml.start("bundle")
        .attr("id", &bundle.id)
        .attr_opt("description", bundle.description.as_deref());
    xml.start(engine_tag(&bundle.engine));
    for (name, value) in &bundle.container {
        xml.attr(name, value);
    }
    xml.end();
    if let Some(network) = &bundle.network {
        xml.start("network");
        for (name, value) in &network.options {
            xml.attr(name, value);
        }
        for port in &network.ports {
            mapping(xml, "port-mapping", port);
        }
        xml.end();
    }
    if !bundle.storage.is_empty() {
        xml.start("storage");
        for storage in &bundle.storage {
            mapping(xml, "storage-mapping", storage);
        }
        xml.end();
    }
    if let Some(p) = &bundle.primitive {
        super::super::cib_xml::primitive(xml, p);
    }
    super::attr_sets::opt_set(xml, "instance_attributes", &bundle.params);
    super::attr_sets::ruled_sets(xml, "instance_attributes", &bundle.param_sets);
    super::attr_sets::opt_set(xml, "meta_attributes", &bundle.meta);
    super::attr_sets::ruled_sets(xml, "meta_attributes", &bundle.meta_sets);
    xml.end();
}

fn mapping(xml: &mut XmlWriter, tag: &'static str, mapping: &CibMapping) {
    xml.start(tag).attr("id", &mapping.id);
    for (name, value) in &mapping.attrs {
        xml.attr(name, value);
    }
    xml.end();
}

/// ` name=value ...`, quoted where needed.
fn pairs(out: &mut String, list: &[(&'static str, String)]) {
    for (name, value) in list {
        let _ = write!(out, " {name}=");
        push_quoted(out, value);
    }
}

/// `bundle <id> <engine> k=v ... [network k=v ... [port-mapping id=... k=v ...]...]
/// [storage storage-mapping id=... k=v ...] [primitive <id>] [meta k=v ...]`, after the
/// primitive's own line (crmsh moves it into the bundle).
pub(crate) fn crm(out: &mut String, bundle: &CibBundle) {
    let _ = write!(out, "bundle {}", bundle.id);
    super::super::crm::description(out, &bundle.description);
    let _ = write!(out, " {}", engine_tag(&bundle.engine));
    pairs(out, &bundle.container);
    if let Some(network) = &bundle.network {
        out.push_str(" network");
        pairs(out, &network.options);
        for port in &network.ports {
            let _ = write!(out, " port-mapping id={}", port.id);
            pairs(out, &port.attrs);
        }
    }
    if !bundle.storage.is_empty() {
        out.push_str(" storage");
        for storage in &bundle.storage {
            let _ = write!(out, " storage-mapping id={}", storage.id);
            pairs(out, &storage.attrs);
        }
    }
    if let Some(p) = &bundle.primitive {
        let _ = write!(out, " primitive {}", p.id);
    }
}
