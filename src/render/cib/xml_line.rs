//! crmsh's `xml` command in cib.crm: an element on one line, for what crmsh's own syntax cannot
//! write as cib.xml has it (a node whose pair ids it would derive otherwise, a defaults set
//! whose rule tests the agent or operation).
//!
//! crmsh 4.4 has no syntax for `rsc_expression` and `op_expression` (its rules take attribute
//! and date tests), but its `xml` command stores an `rsc_defaults` or `op_defaults` element as
//! given. crmsh reads that command as whitespace-separated words joined by single spaces, so
//! the element is written on one line ([`XmlWriter::one_line`]).
//! crmsh then reports an error while it shows the set back in its own syntax, yet stores it
//! unchanged (the tests compare the loaded CIB with cib.xml).

use super::attr_sets::ruled_sets;
use crate::cib::RuledSet;
use crate::cib::xml::XmlWriter;

/// Whether crmsh's rule syntax can write the set's rule.
pub(crate) fn needs_xml(set: &RuledSet) -> bool {
    set.rule
        .as_ref()
        .is_some_and(|r| !r.agents.is_empty() || !r.operations.is_empty())
}

/// `xml <section><meta_attributes ...>...</meta_attributes></section>` and a newline.
pub(crate) fn crm(out: &mut String, section: &'static str, set: &RuledSet) {
    raw_xml(out, |xml| {
        xml.start(section);
        ruled_sets(xml, "meta_attributes", std::slice::from_ref(set));
        xml.end();
    });
}

/// `xml <element .../>` on one line and a newline: crmsh loads the element as written, ids
/// included. For what crmsh has no syntax for, and for objects it would give other ids than
/// cib.xml (or ids the schema refuses) in its own syntax.
pub(crate) fn raw_xml(out: &mut String, element: impl FnOnce(&mut XmlWriter)) {
    out.push_str("xml ");
    let mut xml = XmlWriter::one_line(std::mem::take(out));
    element(&mut xml);
    *out = xml.finish();
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cib::{AttrSet, CibRscExpression, CibRule, Pair};

    #[test]
    fn one_line_with_spaces_in_values_as_references() {
        let set = RuledSet {
            set: AttrSet {
                id: "s".into(),
                pairs: vec![Pair {
                    id: "s-d".into(),
                    name: "description".into(),
                    value: "two  words".into(),
                }],
            },
            score: None,
            rule: Some(CibRule {
                id: "s-rule".into(),
                score: "INFINITY".into(),
                score_attribute: None,
                or: false,
                role: None,
                expressions: Vec::new(),
                dates: Vec::new(),
                agents: vec![CibRscExpression {
                    id: "s-rule-expression".into(),
                    class: Some("ocf".into()),
                    provider: None,
                    kind: None,
                }],
                operations: Vec::new(),
                rules: Vec::new(),
            }),
        };
        assert!(needs_xml(&set));
        let mut out = String::new();
        crm(&mut out, "rsc_defaults", &set);
        assert_eq!(
            out,
            "xml <rsc_defaults><meta_attributes id=\"s\"><rule score=\"INFINITY\" \
             id=\"s-rule\"><rsc_expression class=\"ocf\" id=\"s-rule-expression\"/></rule>\
             <nvpair name=\"description\" value=\"two &#32;words\" id=\"s-d\"/>\
             </meta_attributes></rsc_defaults>\n"
        );
    }
}
