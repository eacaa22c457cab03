//! The spec nodes of rules and of further attribute sets, which every writer of the importer
//! shares: `rule { expression ...; date ... }` and `params-set "id" score=... { ... }`.

use super::kdl_text::{is_integer, opt, pair, pairs, set_line, string, with_children};
use crate::cib::{AttrSet, CibDateExpression, CibDateFields, CibRule, RuledSet};
use std::fmt::Write as _;

/// An element's plain `params` and `meta`, then its further sets of each.
pub(super) fn plain_then_further(
    params: &Option<AttrSet>,
    meta: &Option<AttrSet>,
    param_sets: &[RuledSet],
    meta_sets: &[RuledSet],
) -> Vec<String> {
    let mut lines: Vec<String> = [set_line("params", params), set_line("meta", meta)]
        .into_iter()
        .flatten()
        .collect();
    lines.extend(ruled_sets("params-set", param_sets));
    lines.extend(ruled_sets("meta-set", meta_sets));
    lines
}

/// `name "id" score=... { rule ...; values k=v ... }`: a further set.
pub(super) fn ruled_set(name: &str, s: &RuledSet) -> String {
    let mut head = format!("{name} {}", string(&s.set.id));
    if let Some(text) = &s.score {
        let _ = write!(head, " score={}", score(text));
    }
    let mut children: Vec<String> = s.rule.iter().map(|r| rule(r, false)).collect();
    if !s.set.pairs.is_empty() {
        children.push(format!("values {}", pairs(&s.set)));
    }
    with_children(head, &children)
}

/// Each further set as a child line.
pub(super) fn ruled_sets(name: &str, sets: &[RuledSet]) -> Vec<String> {
    sets.iter().map(|s| ruled_set(name, s)).collect()
}

pub(super) fn score(text: &str) -> String {
    if is_integer(text) {
        text.into()
    } else {
        string(text)
    }
}

/// A location rule (its score always written), or a set's rule (`INFINITY`, the default, left
/// out).
pub(super) fn rule(r: &CibRule, always_score: bool) -> String {
    let mut head = "rule".to_string();
    if let Some(attribute) = &r.score_attribute {
        let _ = write!(head, " score-attribute={}", string(attribute));
    } else if always_score || r.score != "INFINITY" {
        let _ = write!(head, " score={}", score(&r.score));
    }
    if r.or {
        head.push_str(" boolean=\"or\"");
    }
    opt(&mut head, "role", &r.role);
    let mut expressions: Vec<String> = r
        .expressions
        .iter()
        .map(|e| {
            let mut line = format!(
                "expression {} op={}",
                string(&e.attribute),
                string(&e.operation)
            );
            opt(&mut line, "value", &e.value);
            opt(&mut line, "type", &e.value_type);
            opt(&mut line, "value-source", &e.value_source);
            line
        })
        .collect();
    expressions.extend(r.dates.iter().map(date));
    for a in &r.agents {
        let mut line = "rsc-expression".to_string();
        opt(&mut line, "class", &a.class);
        opt(&mut line, "provider", &a.provider);
        opt(&mut line, "type", &a.kind);
        expressions.push(line);
    }
    for o in &r.operations {
        let mut line = format!("op-expression {}", string(&o.name));
        opt(&mut line, "interval", &o.interval);
        expressions.push(line);
    }
    // A nested rule's score is not read (the importer keeps it at INFINITY): none is written.
    expressions.extend(r.rules.iter().map(|inner| rule(inner, false)));
    with_children(head, &expressions)
}

/// `date "gt" start=...`, `date "in_range" start=... { duration ... }`, `date-spec ...`.
fn date(d: &CibDateExpression) -> String {
    let fields = |list: &CibDateFields| -> String {
        let pairs: Vec<String> = list.fields.iter().map(|(n, v)| pair(n, v)).collect();
        pairs.join(" ")
    };
    if d.operation == "date_spec" {
        let spec = d.spec.as_ref().map(fields).unwrap_or_default();
        return format!("date-spec {spec}").trim_end().to_string();
    }
    let mut line = format!("date {}", string(&d.operation));
    opt(&mut line, "start", &d.start);
    opt(&mut line, "end", &d.end);
    match &d.duration {
        Some(duration) => format!("{line} {{\nduration {}\n}}", fields(duration)),
        None => line,
    }
}
