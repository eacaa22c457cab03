//! An operation's less common attributes and its instance attributes, in both renderers.

use super::attr_sets::opt_set;
use super::crm_quote::push_quoted;
use crate::cib::CibOpExtra;
use crate::cib::xml::XmlWriter;

/// The attributes, written before the op's id as crmsh does.
pub(crate) fn xml_attributes(xml: &mut XmlWriter, extra: &CibOpExtra) {
    for (name, value) in extra.attributes() {
        xml.attr(name, value);
    }
}

pub(crate) fn xml_children(xml: &mut XmlWriter, extra: &CibOpExtra) {
    opt_set(xml, "instance_attributes", &extra.params);
    super::attr_sets::ruled_sets(xml, "instance_attributes", &extra.param_sets);
    opt_set(xml, "meta_attributes", &extra.meta);
    super::attr_sets::ruled_sets(xml, "meta_attributes", &extra.meta_sets);
}

/// ` start-delay=... op_params K=V ... op_meta K=V ...` after an op's other options.
pub(crate) fn crm(out: &mut String, extra: &CibOpExtra) {
    for (name, value) in extra.attributes() {
        out.push(' ');
        out.push_str(name);
        out.push('=');
        push_quoted(out, value);
    }
    for (keyword, set) in [("op_params", &extra.params), ("op_meta", &extra.meta)] {
        let Some(set) = set else {
            continue;
        };
        out.push(' ');
        out.push_str(keyword);
        for p in &set.pairs {
            out.push(' ');
            out.push_str(&p.name);
            out.push('=');
            push_quoted(out, &p.value);
        }
    }
}
