//! One attribute set of an element (`instance_attributes`, `meta_attributes`, ...).

use super::element::{Context, attribute_span, elements, path, tag_span};
use super::set_order;
use crate::cib::{AttrSet, Pair, RuledSet};
use crate::diagnostic as diag;
use crate::model::Score;
use roxmltree::Node;

/// The pairs of one set, refusing a pair without name or value; of a name given twice, the
/// first.
fn pairs(ctx: &mut Context<'_>, set: Node<'_, '_>, tag: &str) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = Vec::new();
    let nvpairs: Vec<Node<'_, '_>> = elements(set).filter(|n| n.has_tag_name("nvpair")).collect();
    for nvpair in nvpairs {
        let Some(nvpair) = super::id_ref::resolved(ctx, nvpair) else {
            continue;
        };
        ctx.only(nvpair, &["id", "name", "value"], &[]);
        let (Some(name), Some(value)) = (nvpair.attribute("name"), nvpair.attribute("value"))
        else {
            let missing = if nvpair.attribute("name").is_none() {
                "name"
            } else {
                "value"
            };
            ctx.report(
                &diag::AMBIGUOUS_CIB,
                tag_span(nvpair),
                nvpair,
                format!("nvpair without {missing}"),
                format!("an `nvpair` without `{missing}` cannot be imported"),
                None,
            );
            continue;
        };
        if let Some(first) = pairs.iter().find(|p| p.name == name) {
            // Pacemaker reads every set without overwriting: the first value is the one.
            ctx.report(
                &diag::SECOND_VALUE_IGNORED,
                attribute_span(nvpair, "name"),
                nvpair,
                "same attribute twice in a set",
                format!(
                    "`{name}` is set twice in `{tag}`: the spec keeps the first, `{}`",
                    first.value
                ),
                Some(format!(
                    "Pacemaker uses the first value and ignores `{value}`; remove it from the \
                     CIB"
                )),
            );
            ctx.normalised
                .push(format!("{}: the second `{name}` left out", path(nvpair)));
            continue;
        }
        pairs.push(Pair {
            id: nvpair.attribute("id").unwrap_or_default().to_string(),
            name: name.to_string(),
            value: value.to_string(),
        });
    }
    pairs
}

/// Every set of `tag` under `parent`: the plain one (the one named `plain_id`, else the
/// first, when it has neither score nor rule) and the others as further sets, in order.
/// `scored`: whether a further set may carry a score. crmsh takes none on the sets of
/// properties and defaults; there, scored sets are written in the order Pacemaker reads them
/// (`set_order`), without their scores, and each score is a warning.
pub(super) fn attr_sets(
    ctx: &mut Context<'_>,
    parent: Node<'_, '_>,
    tag: &str,
    plain_id: Option<&str>,
    scored: bool,
) -> (Option<AttrSet>, Vec<RuledSet>) {
    let sets: Vec<Node<'_, '_>> = elements(parent).filter(|n| n.has_tag_name(tag)).collect();
    let plain_like = |n: &Node<'_, '_>| n.attribute("score").is_none() && unruled(*n);
    let named = plain_id.and_then(|id| sets.iter().position(|n| n.attribute("id") == Some(id)));
    let candidate = named.or_else(|| (!sets.is_empty()).then_some(0));
    let mut plain_at = candidate.filter(|&i| plain_like(&sets[i]));
    let mut order: Vec<usize> = (0..sets.len()).collect();
    let reordered = !scored && sets.iter().any(|n| n.attribute("score").is_some());
    let reordered = reordered
        && match reading_order(&sets, named) {
            Some(written) => {
                plain_at = written.plain;
                order = written.plain.into_iter().chain(written.further).collect();
                for set in sets.iter().filter(|n| n.attribute("score").is_some()) {
                    scored_set_warning(ctx, *set, tag);
                }
                true
            }
            None => false,
        };
    let mut plain = None;
    let mut further = Vec::new();
    for i in order {
        let set = sets[i];
        ctx.only(set, &["id", "score", "id-ref"], &["nvpair", "rule"]);
        if Some(i) == plain_at {
            let pairs = pairs(ctx, set, tag);
            plain = (!pairs.is_empty()).then(|| AttrSet {
                id: set.attribute("id").unwrap_or_default().to_string(),
                pairs,
            });
            continue;
        }
        let refused = |name: &str| set.attribute(name).is_some();
        if refused("id-ref") || (!scored && !reordered && refused("score")) {
            let name = if refused("id-ref") { "id-ref" } else { "score" };
            let score = set.attribute("score").unwrap_or_default();
            let why = if name == "score" && Score::parse(score).is_none() {
                format!(
                    "`{score}` is not a score (an integer or INFINITY), so where Pacemaker reads this `{tag}` is unknown"
                )
            } else {
                format!("a `{tag}` with `{name}` cannot be imported here")
            };
            ctx.report(
                &diag::UNCARRIED_SETS,
                attribute_span(set, name),
                set,
                format!("{tag}@{name}"),
                why,
                None,
            );
            continue;
        }
        let mut rules = elements(set).filter(|n| n.has_tag_name("rule"));
        let rule = rules
            .next()
            .and_then(|r| super::read_constraints::rule(ctx, r, true));
        further.push(RuledSet {
            set: AttrSet {
                id: set.attribute("id").unwrap_or_default().to_string(),
                pairs: pairs(ctx, set, tag),
            },
            score: set
                .attribute("score")
                .filter(|_| !reordered)
                .map(str::to_string),
            rule,
        });
    }
    (plain, further)
}

/// How to write scored sets without their scores, or `None` when a score is not one Pacemaker
/// reads; `first`: the set Pacemaker reads before all (`cib-bootstrap-options`).
fn reading_order(sets: &[Node<'_, '_>], first: Option<usize>) -> Option<set_order::Written> {
    let mut keys = Vec::new();
    for set in sets {
        let score = match set.attribute("score") {
            Some(text) => Some(Score::parse(text)?),
            None => None,
        };
        keys.push(set_order::SetKey {
            score,
            plain_like: unruled(*set),
        });
    }
    set_order::written(&keys, first)
}

/// Neither a rule nor a reference: a set that may be its element's plain set, whatever its
/// score.
fn unruled(set: Node<'_, '_>) -> bool {
    set.attribute("id-ref").is_none() && elements(set).all(|c| !c.has_tag_name("rule"))
}

fn scored_set_warning(ctx: &mut Context<'_>, set: Node<'_, '_>, tag: &str) {
    let id = set.attribute("id").unwrap_or_default();
    let score = set.attribute("score").unwrap_or_default();
    ctx.report(
        &diag::SET_SCORE_AS_ORDER,
        attribute_span(set, "score"),
        set,
        format!("{tag}@score"),
        format!("`{id}` has score {score}: the spec writes the sets in the order Pacemaker reads them, without scores"),
        Some(
            "crmsh cannot write a score on these sets; Pacemaker reads them highest score first, \
             so the same values win"
                .into(),
        ),
    );
    ctx.normalised.push(format!(
        "{}: written by its place, not its score",
        path(set)
    ));
}
