//! Finding values defined twice, remembering where each was first defined.

use miette::SourceSpan;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// Every repeated key with the span of the repeat and of its first definition, in order.
pub fn repeats<K: Hash + Eq>(
    items: impl IntoIterator<Item = (K, SourceSpan)>,
) -> Vec<(K, SourceSpan, SourceSpan)> {
    let items = items.into_iter();
    let mut first: HashMap<K, SourceSpan, BuildHasherDefault<WordHasher>> =
        HashMap::with_capacity_and_hasher(items.size_hint().0, Default::default());
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

/// A fast hash for names and ids (a word-wise multiply-rotate, as rustc uses internally):
/// the keys come from the user's own spec, so the hash-flooding resistance of the standard
/// hasher buys nothing, and at 10,000 resources its cost showed in validation.
#[derive(Default)]
struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits, which pick the bucket, the weakest.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes(word.try_into().expect("8 bytes")));
        }
        let mut tail = [0u8; 8];
        tail[..words.remainder().len()].copy_from_slice(words.remainder());
        self.add(u64::from_le_bytes(tail) ^ (words.remainder().len() as u64) << 59);
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }
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
