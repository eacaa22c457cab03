//! Further attribute sets and rule tests -> the CIB, with the ids crmsh derives for them.

use super::attr_sets::{attr_set, pairs};
use super::config::{
    AttrSet, CibDateExpression, CibDateFields, CibOpExpression, CibRscExpression, CibRule, RuledSet,
};
use super::ids;
use crate::model::{DateExpression, NvPair, NvSet, OpExpression, RscExpression};

/// Each set with its id; a set's pairs are named `<set>-<name>` and its rule `<set>-rule`.
pub(super) fn ruled_sets(
    sets: &[NvSet],
    rule: impl Fn(&str, &crate::model::Rule) -> CibRule,
) -> Vec<RuledSet> {
    sets.iter()
        .map(|s| {
            let id = s.id.value.clone();
            RuledSet {
                set: attr_set(id.clone(), pairs(&s.pairs)).unwrap_or(AttrSet {
                    id: id.clone(),
                    pairs: Vec::new(),
                }),
                score: s.score.as_ref().map(|score| score.value.to_string()),
                rule: s.rule.as_ref().map(|r| rule(&format!("{id}-rule"), r)),
            }
        })
        .collect()
}

/// The date tests of a rule whose attribute tests took the first `taken` expression ids.
pub(super) fn dates(
    rule_id: &str,
    taken: usize,
    dates: &[DateExpression],
) -> Vec<CibDateExpression> {
    let base = format!("{rule_id}-expression");
    let fields = |id: String, list: &[NvPair], kind: &str| {
        (!list.is_empty()).then(|| CibDateFields {
            id: format!("{id}-{kind}"),
            fields: pairs(list),
        })
    };
    dates
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let id = ids::numbered(&base, taken + i);
            CibDateExpression {
                operation: d.operation.value.clone(),
                start: d.start.as_ref().map(|s| s.value.clone()),
                end: d.end.as_ref().map(|e| e.value.clone()),
                duration: fields(id.clone(), &d.duration, "duration"),
                spec: fields(id.clone(), &d.spec, "date_spec"),
                id,
            }
        })
        .collect()
}

/// The agent tests of a rule whose earlier tests took the first `taken` expression ids.
pub(super) fn agents(
    rule_id: &str,
    taken: usize,
    tests: &[RscExpression],
) -> Vec<CibRscExpression> {
    let base = format!("{rule_id}-expression");
    let text =
        |field: &Option<crate::spanned::Spanned<String>>| field.as_ref().map(|f| f.value.clone());
    tests
        .iter()
        .enumerate()
        .map(|(i, t)| CibRscExpression {
            id: ids::numbered(&base, taken + i),
            class: text(&t.class),
            provider: text(&t.provider),
            kind: text(&t.kind),
        })
        .collect()
}

/// The operation tests of a rule whose earlier tests took the first `taken` expression ids.
pub(super) fn operations(
    rule_id: &str,
    taken: usize,
    tests: &[OpExpression],
) -> Vec<CibOpExpression> {
    let base = format!("{rule_id}-expression");
    tests
        .iter()
        .enumerate()
        .map(|(i, t)| CibOpExpression {
            id: ids::numbered(&base, taken + i),
            name: t.name.value.clone(),
            interval: t.interval.as_ref().map(|i| i.value.clone()),
        })
        .collect()
}
