//! Fencing levels of a node are numbered 1, 2, 3, ...: crmsh's `fencing_topology` numbers
//! them in the order it reads them, so cib.xml can only agree with cib.crm on such indexes.

use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Cluster, FencingLevel};

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let mut targets: Vec<&str> = Vec::new();
    for level in cluster
        .fencing_levels
        .iter()
        .filter(|l| !l.target.is_empty())
    {
        if !targets.contains(&level.target.as_str()) {
            targets.push(&level.target);
        }
    }
    for target in targets {
        let mut levels: Vec<&FencingLevel> = cluster
            .fencing_levels
            .iter()
            .filter(|l| l.target.value == target)
            .collect();
        // Missing indexes were reported; repeated ones are reported as duplicates.
        if levels
            .iter()
            .any(|l| diags.iter().any(|d| d.is_error() && d.span == l.index.span))
        {
            continue;
        }
        levels.sort_by_key(|l| l.index.value);
        levels.dedup_by_key(|l| l.index.value);
        let misplaced = levels
            .iter()
            .zip(1..)
            .find(|(level, expected)| level.index.value != *expected);
        if let Some((level, expected)) = misplaced {
            diags.push(
                Diagnostic::new(
                    &diag::INVALID_VALUE,
                    level.index.span,
                    format!(
                        "fencing level {} of `{}` should be level {expected}",
                        level.index.value,
                        shown(target)
                    ),
                )
                .label("levels are numbered 1, 2, 3, ...")
                .help("number the levels of each node from 1 without gaps: crmsh numbers them in order, and cib.xml must say the same"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    #[test]
    fn levels_are_numbered_without_gaps() {
        let diags = diagnostics_of(
            r#"node "n1" address="10.0.0.11"
               node "n2" address="10.0.0.12"
               node "n3" address="10.0.0.13"
               primitive "f" agent="stonith:fence_xvm"
               fencing-level "n1" "f" index=2
               fencing-level "n1" "f" index=1
               fencing-level "n2" "f" index=1
               fencing-level "n2" "f" index=3
               fencing-level "n3" "f" index=0"#,
        );
        let found: Vec<_> = diags
            .iter()
            .filter(|d| d.code.id == "E0105")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            found,
            [
                "fencing level 3 of `n2` should be level 2",
                "fencing level 0 of `n3` should be level 1"
            ]
        );
    }
}
