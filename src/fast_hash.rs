//! A fast 64-bit hash for names and ids of a spec, for hash maps and for fingerprints.
//!
//! The keys are the user's own spec, so the hash-flooding resistance of the standard hasher buys
//! nothing, and at 10,000 resources its cost showed in validation.

use std::hash::{BuildHasherDefault, Hasher};

const K1: u64 = 0x9e37_79b9_7f4a_7c15;
const K2: u64 = 0xd6e8_feb8_6659_fd93;

/// Mixes its input in a 64-bit word at a time with a folded 128-bit multiply (the high and low
/// halves xor-ed), which spreads every input bit over the whole result.
#[derive(Clone, Copy)]
pub struct WordHasher(u64);

/// For `HashMap::with_hasher` and friends.
pub type BuildWordHasher = BuildHasherDefault<WordHasher>;

/// The hash of `bytes` alone: near ids (`rsc-00001`, `rsc-00002`) get unrelated values.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hasher = WordHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

impl Default for WordHasher {
    fn default() -> Self {
        WordHasher(K1)
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        let product = u128::from(self.0 ^ word) * u128::from(K2 ^ word.rotate_left(32));
        self.0 = (product as u64) ^ ((product >> 64) as u64) ^ K1;
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    /// The length goes in too: a zero-padded last word must not make `abc` and `abc\0` equal.
    fn write(&mut self, bytes: &[u8]) {
        self.0 ^= bytes.len() as u64;
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes(word.try_into().expect("8 bytes")));
        }
        let mut tail = [0u8; 8];
        tail[..words.remainder().len()].copy_from_slice(words.remainder());
        self.add(u64::from_le_bytes(tail));
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
    use super::fingerprint;
    use std::collections::HashSet;

    #[test]
    fn fingerprints_tell_near_ids_apart() {
        let ids: Vec<String> = (0..100_000)
            .flat_map(|i| {
                [
                    format!("rsc-{i:05}"),
                    format!("r{i}"),
                    format!("rsc-{i:05}-instance_attributes-state"),
                    format!("rsc-{i:05}-monitor-{}s", i % 97),
                    format!("loc-{i:06}-rule-expression-{}", i % 13),
                ]
            })
            .collect();
        let prints: HashSet<u64> = ids.iter().map(|id| fingerprint(id.as_bytes())).collect();
        assert_eq!(prints.len(), ids.len());
        assert_eq!(fingerprint(b"abc"), fingerprint(b"abc"));
        assert_ne!(fingerprint(b"abc"), fingerprint(b"abc\0"));
    }
}
