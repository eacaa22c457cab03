//! Fencing levels of a node are numbered 1, 2, 3, ...: crmsh's `fencing_topology` numbers
//! them in the order it reads them, so cib.xml can only agree with cib.crm on such indexes.

use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Cluster, FencingLevel};

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    for level in &cluster.fencing_levels {
        target_form(level, diags);
    }
    let mut targets: Vec<String> = Vec::new();
    for level in cluster.fencing_levels.iter().filter(|l| l.has_target()) {
        let key = level.target().key();
        if !targets.contains(&key) {
            targets.push(key);
        }
    }
    for target in &targets {
        let mut levels: Vec<&FencingLevel> = cluster
            .fencing_levels
            .iter()
            .filter(|l| l.target().key() == *target)
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

/// A level names one target (a node, a pattern, or an attribute with its value) and at
/// least one device; crmsh reads a pattern or value up to the next space.
fn target_form(level: &FencingLevel, diags: &mut Diagnostics) {
    let problem = |span, message: String, help: &str| {
        Diagnostic::new(&diag::INVALID_VALUE, span, message)
            .label("this level")
            .help(help.to_string())
    };
    let span = level.index.span;
    match (
        &level.target_pattern,
        &level.target_attribute,
        &level.target_value,
    ) {
        (Some(pattern), Some(_), _) => diags.push(
            problem(
                span,
                "a fencing level has both `target-pattern` and `target-attribute`".into(),
                "give a level one target: a node, a pattern or an attribute",
            )
            .related(pattern.span, "pattern"),
        ),
        (None, Some(attribute), None) => diags.push(problem(
            attribute.span,
            format!(
                "`target-attribute` `{}` has no `target-value`",
                shown(attribute)
            ),
            "add `target-value=\"...\"`: the level is for the nodes where the attribute has it",
        )),
        (_, None, Some(value)) => diags.push(
            problem(
                span,
                "`target-value` without `target-attribute`".into(),
                "add `target-attribute=\"...\"`, or remove the value",
            )
            .related(value.span, "value"),
        ),
        _ => {}
    }
    for text in [&level.target_pattern, &level.target_value]
        .into_iter()
        .flatten()
    {
        if text.is_empty() || !text.chars().all(bare_in_crm) {
            diags.push(
                Diagnostic::new(
                    &diag::UNCARRIED_VALUE,
                    text.span,
                    format!(
                        "fencing target `{}` cannot be written to cib.crm",
                        shown(text)
                    ),
                )
                .label("empty, or holds a space, a quote, `\\` or `#`")
                .help("crmsh's `fencing_topology` reads a pattern or value as one bare word"),
            );
        }
    }
    if let Some(attribute) = &level.target_attribute
        && let Some(why) = crate::limits::names::attribute_name(attribute)
    {
        diags.push(
            Diagnostic::new(
                &diag::INVALID_ID,
                attribute.span,
                format!("attribute name `{}` {why}", shown(attribute)),
            )
            .label("not an attribute name")
            .help("Pacemaker attribute names use letters, digits, `_`, `.` and `-`"),
        );
    }
    if level.devices.is_empty() {
        diags.push(problem(
            span,
            "a fencing level without devices".into(),
            "name the `stonith:` primitives the level tries together",
        ));
    }
}

/// What crmsh reads unchanged in a bare word: its shell splitting ends a word at a space,
/// takes quotes and a backslash as quoting, and `#` may start a comment.
fn bare_in_crm(c: char) -> bool {
    c.is_ascii_graphic() && !"\"'\\#".contains(c)
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;
    use crate::validate::tests::diagnostics_of;

    fn messages<'a>(diags: &'a [Diagnostic], code: &str) -> Vec<&'a str> {
        diags
            .iter()
            .filter(|d| d.code.id == code)
            .map(|d| d.message.as_str())
            .collect()
    }

    #[test]
    fn a_level_by_pattern_or_attribute_has_one_target_and_its_own_numbering() {
        let diags = diagnostics_of(
            r#"node "n1" address="10.0.0.11"
               primitive "f" agent="stonith:fence_xvm"
               fencing-level target-attribute="rack" target-value="r1" "f" index=1
               fencing-level target-attribute="rack" target-value="r1" "f" index=3
               fencing-level target-pattern="n[0-9]" "f" index=1
               fencing-level target-pattern="n.*" target-attribute="rack" target-value="r2" "f" index=1
               fencing-level target-attribute="rack" "f" index=1
               fencing-level target-pattern="a b" "f" index=1
               fencing-level "n1" index=1"#,
        );
        let found = messages(&diags, "E0105");
        assert_eq!(
            found,
            [
                "fencing level 3 of `attr:rack=r1` should be level 2",
                "a fencing level has both `target-pattern` and `target-attribute`",
                "`target-attribute` `rack` has no `target-value`",
                "a fencing level without devices",
            ],
            "{diags:#?}"
        );
        assert!(
            diags.iter().any(|d| d.code.id == "E0112"
                && d.message == "fencing target `a b` cannot be written to cib.crm"),
            "{diags:#?}"
        );
        // A pattern or attribute names no node: nothing is unknown.
        assert!(!diags.iter().any(|d| d.code.id == "E0203"), "{diags:#?}");
    }

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
        let found = messages(&diags, "E0105");
        assert_eq!(
            found,
            [
                "fencing level 3 of `n2` should be level 2",
                "fencing level 0 of `n3` should be level 1"
            ]
        );
    }
}
