//! `tag` in both renderers: the `tags` section after the constraints in cib.xml (where crmsh
//! puts it), and crmsh's `tag <id>: <member> ...`.

use crate::cib::CibTag;
use crate::cib::xml::XmlWriter;

pub(crate) fn xml(xml: &mut XmlWriter, tags: &[CibTag]) {
    if tags.is_empty() {
        return;
    }
    xml.start("tags");
    for tag in tags {
        xml.start("tag").attr("id", &tag.id);
        for member in &tag.members {
            xml.start("obj_ref").attr("id", member).end();
        }
        xml.end();
    }
    xml.end();
}

pub(crate) fn crm(out: &mut String, tag: &CibTag) {
    out.push_str("tag ");
    out.push_str(&tag.id);
    out.push(':');
    for member in &tag.members {
        out.push(' ');
        out.push_str(member);
    }
    out.push('\n');
}
