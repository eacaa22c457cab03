//! Name-value sets as cib.xml writes them.

use crate::cib::xml::XmlWriter;
use crate::cib::{AttrSet, CibRule, RuledSet};
use crate::model::{DATE_SPEC_FIELDS, DURATION_FIELDS};

/// The pairs of `set` as `nvpair` elements.
pub(crate) fn nvpairs(xml: &mut XmlWriter, set: &AttrSet) {
    for p in &set.pairs {
        xml.start("nvpair")
            .attr("name", &p.name)
            .attr("value", &p.value)
            .attr("id", &p.id)
            .end();
    }
}

/// `<tag id=...>` around the pairs of `set`, when there is a set.
pub(crate) fn opt_set(xml: &mut XmlWriter, tag: &'static str, set: &Option<AttrSet>) {
    if let Some(set) = set {
        xml.start(tag).attr("id", &set.id);
        nvpairs(xml, set);
        xml.end();
    }
}

/// `<tag id=... score=...>` with the set's rule, then its pairs, for each further set.
pub(crate) fn ruled_sets(xml: &mut XmlWriter, tag: &'static str, sets: &[RuledSet]) {
    for s in sets {
        xml.start(tag)
            .attr("id", &s.set.id)
            .attr_opt("score", s.score.as_deref());
        if let Some(r) = &s.rule {
            rule(xml, r);
        }
        nvpairs(xml, &s.set);
        xml.end();
    }
}

/// A `<rule>` with its expressions and date tests, in crmsh's attribute order.
pub(crate) fn rule(xml: &mut XmlWriter, r: &CibRule) {
    xml.start("rule").attr_opt("role", r.role.as_deref());
    match &r.score_attribute {
        Some(attribute) => xml.attr("score-attribute", attribute),
        None => xml.attr("score", &r.score),
    }
    .attr_opt("boolean-op", r.or.then_some("or"))
    .attr("id", &r.id);
    for e in &r.expressions {
        xml.start("expression")
            .attr("operation", &e.operation)
            .attr("attribute", &e.attribute)
            .attr_opt("type", e.value_type.as_deref())
            .attr_opt("value", e.value.as_deref())
            .attr_opt("value-source", e.value_source.as_deref())
            .attr("id", &e.id)
            .end();
    }
    for d in &r.dates {
        xml.start("date_expression")
            .attr("operation", &d.operation)
            .attr_opt("start", d.start.as_deref())
            .attr_opt("end", d.end.as_deref())
            .attr("id", &d.id);
        for (tag, fields) in [("duration", &d.duration), ("date_spec", &d.spec)] {
            if let Some(fields) = fields {
                xml.start(tag);
                for (name, value) in &fields.fields {
                    // Only Pacemaker's own field names reach the model (decode, import).
                    let known = DURATION_FIELDS.iter().chain(DATE_SPEC_FIELDS);
                    if let Some(name) = known.copied().find(|n| n == name) {
                        xml.attr(name, value);
                    }
                }
                xml.attr("id", &fields.id).end();
            }
        }
        xml.end();
    }
    for a in &r.agents {
        xml.start("rsc_expression")
            .attr_opt("class", a.class.as_deref())
            .attr_opt("provider", a.provider.as_deref())
            .attr_opt("type", a.kind.as_deref())
            .attr("id", &a.id)
            .end();
    }
    for o in &r.operations {
        xml.start("op_expression")
            .attr("name", &o.name)
            .attr_opt("interval", o.interval.as_deref())
            .attr("id", &o.id)
            .end();
    }
    for inner in &r.rules {
        rule(xml, inner);
    }
    xml.end();
}
