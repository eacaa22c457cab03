//! Alerts in both renderers, laid out as crmsh stores them: attribute sets, then `select`
//! (nodes, fencing, resources, attributes), then the recipients.

use super::attr_sets::{opt_set, ruled_sets};
use super::crm_quote::push_quoted;
use crate::cib::xml::XmlWriter;
use crate::cib::{AttrSet, CibAlert, CibAlertSelect, RuledSet};
use std::fmt::Write;

pub(crate) fn xml(xml: &mut XmlWriter, alerts: &[CibAlert]) {
    if alerts.is_empty() {
        return;
    }
    xml.start("alerts");
    for alert in alerts {
        xml.start("alert")
            .attr("id", &alert.id)
            .attr("path", &alert.path);
        sets(
            xml,
            &alert.params,
            &alert.meta,
            &alert.param_sets,
            &alert.meta_sets,
        );
        if let Some(select) = &alert.select {
            xml.start("select");
            for (on, tag) in [
                (select.nodes, "select_nodes"),
                (select.fencing, "select_fencing"),
                (select.resources, "select_resources"),
            ] {
                if on {
                    xml.start(tag).end();
                }
            }
            if let Some(attributes) = &select.attributes {
                xml.start("select_attributes");
                for (id, name) in attributes {
                    xml.start("attribute")
                        .attr("name", name)
                        .attr("id", id)
                        .end();
                }
                xml.end();
            }
            xml.end();
        }
        for recipient in &alert.recipients {
            xml.start("recipient")
                .attr("id", &recipient.id)
                .attr("value", &recipient.value);
            sets(
                xml,
                &recipient.params,
                &recipient.meta,
                &recipient.param_sets,
                &recipient.meta_sets,
            );
            xml.end();
        }
        xml.end();
    }
    xml.end();
}

/// Each kind's plain set, then its further ones, in the order of the crmsh line.
fn sets(
    xml: &mut XmlWriter,
    params: &Option<AttrSet>,
    meta: &Option<AttrSet>,
    param_sets: &[RuledSet],
    meta_sets: &[RuledSet],
) {
    opt_set(xml, "instance_attributes", params);
    ruled_sets(xml, "instance_attributes", param_sets);
    opt_set(xml, "meta_attributes", meta);
    ruled_sets(xml, "meta_attributes", meta_sets);
}

/// `alert <id> <path> [attributes ...] [meta ...] [select ...] [to { <recipient> ... }]...`
pub(crate) fn crm(out: &mut String, alert: &CibAlert) {
    let _ = write!(out, "alert {} ", alert.id);
    push_quoted(out, &alert.path);
    crm_sets(
        out,
        &alert.params,
        &alert.meta,
        &alert.param_sets,
        &alert.meta_sets,
    );
    if let Some(select) = &alert.select {
        crm_select(out, select);
    }
    for recipient in &alert.recipients {
        out.push_str(" to { ");
        push_quoted(out, &recipient.value);
        crm_sets(
            out,
            &recipient.params,
            &recipient.meta,
            &recipient.param_sets,
            &recipient.meta_sets,
        );
        out.push_str(" }");
    }
    out.push('\n');
}

fn crm_sets(
    out: &mut String,
    params: &Option<AttrSet>,
    meta: &Option<AttrSet>,
    param_sets: &[RuledSet],
    meta_sets: &[RuledSet],
) {
    for (keyword, set, further) in [
        ("attributes", params, param_sets),
        ("meta", meta, meta_sets),
    ] {
        if let Some(set) = set {
            out.push(' ');
            out.push_str(keyword);
            for p in &set.pairs {
                let _ = write!(out, " {}=", p.name);
                push_quoted(out, &p.value);
            }
        }
        super::super::crm::ruled_sections(out, keyword, further);
    }
}

fn crm_select(out: &mut String, select: &CibAlertSelect) {
    out.push_str(" select");
    for (on, word) in [
        (select.nodes, "nodes"),
        (select.fencing, "fencing"),
        (select.resources, "resources"),
    ] {
        if on {
            let _ = write!(out, " {word}");
        }
    }
    // Always braced: crmsh reads a bare `attributes` as the alert's instance attributes.
    if let Some(attributes) = &select.attributes {
        out.push_str(" attributes {");
        for (_, name) in attributes {
            let _ = write!(out, " {name}");
        }
        out.push_str(" }");
    }
}
