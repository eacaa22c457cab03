//! Name-value sets as cib.xml writes them.

use crate::cib::AttrSet;
use crate::cib::xml::XmlWriter;

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
