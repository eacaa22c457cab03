//! Attributes set twice across blocks (`meta a=1` then `meta a=2`, or a clone option given
//! both as a property and in `meta`). Repeats inside one block are reported while decoding.

use super::pairs::blocks;
use super::repeats::repeats;
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::Cluster;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    for block in blocks(cluster) {
        let names = block
            .pairs
            .iter()
            .map(|p| (p.name.value.as_str(), p.name.span));
        for (name, span, first) in repeats(names) {
            let reported = diags
                .iter()
                .any(|d| d.span == span && d.code == &diag::DUPLICATE_OPTION);
            if !reported {
                diags.push(
                    Diagnostic::new(
                        &diag::DUPLICATE_OPTION,
                        span,
                        format!("`{}` is set twice in `{}`", shown(name), block.keyword),
                    )
                    .label("second value")
                    .related(first, "first set here")
                    .help("remove one of them"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::codes_of;

    #[test]
    fn repeats_across_blocks_are_reported_once() {
        let codes = codes_of(
            r#"primitive "a" agent="ocf:heartbeat:Dummy" {
                   meta target-role="Started"
                   meta target-role="Stopped"
                   params fake="x" fake="y"
               }
               clone "c" of="a" clone-max=1 { meta clone-max=1; }"#,
        );
        assert_eq!(
            codes.iter().filter(|c| **c == "E0107").count(),
            3,
            "{codes:?}"
        );
    }
}
