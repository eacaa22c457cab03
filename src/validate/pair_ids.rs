//! Two names of one set that derive the same pair id: a pair's id is `<set>-<name>` with the
//! characters an id cannot hold written `_`, so `a:0` and `a_0` would share one.
//! (Pairs of different owners that clash are `generated_ids`' to report.)

use super::pairs::blocks;
use crate::cib::{id_part, is_id_part};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Cluster, NvPair};
use std::collections::HashMap;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    for block in blocks(cluster) {
        let pairs = block.pairs;
        if !block.reaches_cib() || pairs.iter().all(|p| is_id_part(&p.name)) {
            continue;
        }
        let mut first: HashMap<_, &NvPair> = HashMap::with_capacity(pairs.len());
        for pair in pairs {
            let Some(earlier) = first.get(&id_part(&pair.name)) else {
                first.insert(id_part(&pair.name), pair);
                continue;
            };
            // The same name twice is a repeated option, reported on its own.
            if earlier.name.value != pair.name.value {
                diags.push(clash(earlier, pair));
            }
        }
    }
}

fn clash(earlier: &NvPair, pair: &NvPair) -> Diagnostic {
    Diagnostic::new(
        &diag::PAIR_IDS_CLASH,
        pair.name.span,
        format!(
            "`{}` and `{}` derive the same CIB id",
            shown(&earlier.name),
            shown(&pair.name)
        ),
    )
    .label(format!("its id ends in `-{}`", shown(&id_part(&pair.name))))
    .related(earlier.name.span, "the other name")
    .help("ids write every character an XML id cannot hold as `_`: rename one of them")
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    #[test]
    fn names_that_differ_only_where_an_id_cannot_hold_them_clash() {
        let diags = diagnostics_of(
            r##"node "n1" address="10.0.0.11" { attribute "a:0"=1 "a_0"=2 "#b"=1 "b"=2; }"##,
        );
        let clashes: Vec<_> = diags.iter().filter(|d| d.code.id == "E0438").collect();
        assert_eq!(clashes.len(), 1, "{diags:#?}");
        assert_eq!(clashes[0].message, "`a:0` and `a_0` derive the same CIB id");
        assert!(!diags.iter().any(|d| d.code.id == "E0202"), "{diags:#?}");
    }
}
