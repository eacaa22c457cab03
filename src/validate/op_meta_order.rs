//! An op's meta sets are read the other way round from every other set: Pacemaker takes
//! them in score order and each later one overwrites, so of the sets that give a name the
//! one with the lowest score wins (the plain `meta` counts as 0; checked with `crm_simulate`).
//! A set scored above another that gives the same name never gives it.

use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Cluster, NvPair, NvSet, Resource, Score};

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let ops = cluster.resources.iter().flat_map(|r| match r {
        Resource::Primitive(p) | Resource::Template(p) => p.ops.as_slice(),
        _ => &[],
    });
    for op in ops {
        let score_of = |set: &NvSet| set.score.as_ref().map_or(0, |s| rank(&s.value));
        // Every source of names with its rank: the plain `meta` counts as 0.
        let mut sources: Vec<(String, i128, &[NvPair])> =
            vec![("the plain `meta`".to_string(), 0, &op.extra.meta)];
        sources.extend(op.extra.meta_sets.iter().map(|set| {
            let who = format!("meta-set `{}`", shown(&set.id));
            (who, score_of(set), set.pairs.as_slice())
        }));
        for set in &op.extra.meta_sets {
            let score = score_of(set);
            let beaten = sources.iter().find_map(|(who, other, theirs)| {
                let shared = set
                    .pairs
                    .iter()
                    .find(|p| theirs.iter().any(|t| t.name.value == p.name.value))?;
                (*other < score).then_some((who, shared))
            });
            let Some((who, shared)) = beaten else {
                continue;
            };
            let at = set.score.as_ref().map_or(set.id.span, |s| s.span);
            diags.push(
                Diagnostic::new(
                    &diag::OP_META_SET_LOSES,
                    at,
                    format!(
                        "op meta-set `{}` never gives `{}`: {who} gives it too, scored lower",
                        shown(&set.id),
                        shown(&shared.name)
                    ),
                )
                .label("of an op's meta sets, the lowest score wins")
                .help(
                    "Pacemaker reads an op's meta sets in score order, each overwriting the \
                     one before: score this set below the other (e.g. `score=-5`)",
                ),
            );
        }
    }
}

fn rank(score: &Score) -> i128 {
    match score {
        Score::Value(v) => i128::from(*v),
        Score::Infinity => i128::MAX,
        Score::MinusInfinity => i128::MIN,
    }
}
