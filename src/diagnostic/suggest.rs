/// The closest candidate to a misspelled word, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| {
            (
                strsim::damerau_levenshtein(&word_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(distance, c)| *distance <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(did_you_mean("nod2", ["node1", "node2"]), Some("node2"));
        assert_eq!(
            did_you_mean("stonith-enabeld", ["stonith-enabled", "stonith-timeout"]),
            Some("stonith-enabled")
        );
        assert_eq!(did_you_mean("zzz", ["node1", "node2"]), None);
    }
}
