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
