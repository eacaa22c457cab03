//! Finding values defined twice, remembering where each was first defined.

use crate::fast_hash::BuildWordHasher;
use miette::SourceSpan;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::hash::Hash;

/// Every repeated key with the span of the repeat and of its first definition, in order.
pub(super) fn repeats<K: Hash + Eq>(
    items: impl IntoIterator<Item = (K, SourceSpan)>,
) -> Vec<(K, SourceSpan, SourceSpan)> {
    let items = items.into_iter();
    let mut first: HashMap<K, SourceSpan, BuildWordHasher> =
        HashMap::with_capacity_and_hasher(items.size_hint().0, BuildHasherDefault::default());
    let mut out = Vec::new();
    for (key, span) in items {
        match first.get(&key) {
            Some(&earlier) => out.push((key, span, earlier)),
            None => {
                first.insert(key, span);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::repeats;
    use miette::SourceSpan;

    #[test]
    fn reports_each_repeat_against_the_first() {
        let span = |o: usize| SourceSpan::from((o, 1));
        let found = repeats([
            ("a", span(0)),
            ("b", span(2)),
            ("a", span(4)),
            ("a", span(6)),
        ]);
        let offsets: Vec<_> = found
            .iter()
            .map(|(k, s, f)| (*k, s.offset(), f.offset()))
            .collect();
        assert_eq!(offsets, [("a", 4, 0), ("a", 6, 0)]);
    }
}
