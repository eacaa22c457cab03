//! The rsc-pattern matcher against the real glibc, which Pacemaker compiles and matches
//! patterns with: every pattern hacc takes must compile there and match every id alike, both
//! under `REG_NOSUB` and with submatches, as Pacemaker asks.

use hacc::posix_pattern::Pattern;
use std::ffi::CString;

/// A pattern compiled by glibc's `regcomp`.
struct Regex {
    raw: libc::regex_t,
    /// How many submatches regexec fills: none under `REG_NOSUB`, else one for each
    /// group and the whole, as Pacemaker asks (it fills `%1` in rules from them).
    submatches: usize,
}

impl Regex {
    fn new(pattern: &str, submatches: bool) -> Option<Regex> {
        // The test process matches in the C locale: a program starts in it, and neither Rust
        // nor these tests call setlocale.
        let text = CString::new(pattern).unwrap();
        let flags = libc::REG_EXTENDED | if submatches { 0 } else { libc::REG_NOSUB };
        // SAFETY: regcomp fills the zeroed regex_t, which Drop frees only once compiled.
        unsafe {
            let mut raw: libc::regex_t = std::mem::zeroed();
            (libc::regcomp(&raw mut raw, text.as_ptr(), flags) == 0).then(|| Regex {
                raw,
                // At least `re_nsub + 1`, which libc does not let us read.
                submatches: if submatches {
                    pattern.matches('(').count() + 1
                } else {
                    0
                },
            })
        }
    }

    fn is_match(&self, id: &str) -> bool {
        let text = CString::new(id).unwrap();
        let mut found = vec![libc::regmatch_t { rm_so: 0, rm_eo: 0 }; self.submatches];
        // SAFETY: `found` has room for all the submatches regexec is told of.
        let status = unsafe {
            libc::regexec(
                &raw const self.raw,
                text.as_ptr(),
                found.len(),
                found.as_mut_ptr(),
                0,
            )
        };
        status == 0
    }
}

impl Drop for Regex {
    fn drop(&mut self) {
        // SAFETY: compiled by regcomp, freed once.
        unsafe { libc::regfree(&raw mut self.raw) }
    }
}

/// How `pattern`, which `Pattern::parse` must take, matches `ids` otherwise than glibc.
fn disagreements(pattern: &str, ids: &[&str]) -> Vec<String> {
    let ours = Pattern::parse(pattern).unwrap_or_else(|e| panic!("{pattern:?}: {e}"));
    let (Some(plain), Some(pacemaker)) = (Regex::new(pattern, false), Regex::new(pattern, true))
    else {
        return vec![format!(
            "{pattern:?}: taken here, refused by glibc's regcomp"
        )];
    };
    ids.iter()
        .filter_map(|id| {
            let here = ours.is_match(id);
            let (nosub, sub) = (plain.is_match(id), pacemaker.is_match(id));
            (here != nosub || here != sub).then(|| {
                format!(
                    "{pattern:?} on {id:?}: {here} here, {nosub} in glibc under REG_NOSUB, \
                     {sub} with submatches"
                )
            })
        })
        .collect()
}

const PATTERNS: &[&str] = &[
    "rsc",
    "rsc1",
    "^rsc1$",
    "rsc[0-9]+$",
    "^rsc[0-9]$",
    "rsc3.*",
    "meta-",
    "^(web|db)-[[:digit:]]+$",
    "a{2}b{1,}c{0,3}",
    "[]a-]",
    "[^a-z]x?",
    "\\.\\{\\}",
    "x|y|z",
    "^$",
    "^",
    "$",
    ".",
    "^.$",
    "^..?$",
    "a.b",
    "a\\.b",
    "\\[x\\]",
    "[[]x[]]",
    "a\\{2\\}",
    "a{2}",
    "^a{0}$",
    "(a){0}b",
    "^(ab|a)(c|bcd)$",
    "^(a|ab)(c|bcd)(d*)$",
    "[[:alpha:]]+[[:digit:]]",
    "[[:upper:]]",
    "[[:lower:]_]",
    "[[:punct:]]",
    "[[:space:]]",
    "[[:blank:]]",
    "[[:cntrl:]]",
    "^[[:print:]]+$",
    "[[:graph:]]",
    "^[[:xdigit:]]{2}$",
    "^[[:alnum:]]+$",
    "^[^[:alnum:]]",
    "[a-c-]",
    "[-a]",
    "^[^-]",
    "[]-a]",
    "[!--]",
    "[^]]",
    "[]]",
    "a]",
    "a}",
    "[\\]",
    "[\\.]",
    "web|^db",
    "(^a|b$)",
    "a^b",
    "a$b",
    "x(^|-)y",
    "(a|$)",
    "^(rsc)+[0-9]{1,2}$",
    "(a|b)*c",
    "^(a|b){2,3}$",
    "^[a-z]{1,3}[0-9]*$",
    "[.]",
    "[*+?{}()|]",
    "[$^]",
    "\\^",
    "\\$",
    "\\|",
    "\\(",
    "\\)",
    "\\*",
    "\\+",
    "\\?",
    "\\\\",
    "^-",
    "_$",
    "[_-]",
    "[[:digit:]-]",
    "[a-z-]{3}",
    "^[^.]*$",
    "[^a]",
    "^.{2,}$",
    "^.{0,2}$",
    "rsc1|rsc10",
    "^(rsc1|rsc10)$",
    "[:alpha:]",
    "[[:alpha:][:digit:]]",
    "[a[:digit:]b]",
    "}",
    "]",
    "a|b|^c$",
    "^a{0,0}b",
    "^((a|b)(c|d)?)+$",
    "[%--]",
    "^[ -~]+$",
    "[[]",
    "[[a]",
    "a{01}",
    "(((a)))",
    "^(a|ab|abc)d$",
    "[A-Z]",
    "[0-9a-fA-F]{2}",
    "^[^]a-]$",
    "^(web|db)(-[0-9]+)*$",
    "(-?[a-z]+){2}",
];

const IDS: &[&str] = &[
    "",
    "a",
    "b",
    "ab",
    "abc",
    "rsc",
    "rsc1",
    "rsc10",
    "rsc3",
    "rsc3x",
    "RSC1",
    "web-db",
    "web-1",
    "db-22",
    "a.b",
    "axb",
    "[x]",
    "a{2}",
    "aa",
    "aaa",
    "a}",
    "a]",
    "-",
    "_",
    "x-y",
    "x_y",
    "meta-data",
    "a b",
    "a\tb",
    "A_B-9.c",
    "xdigit",
    "0",
    "09",
    "ff",
    "g",
    "rsc_01",
    "web",
    "db",
    "^",
    "$",
    "\\",
    "*+?",
    "abcd",
    "abbcd",
    "acd",
    "\u{e9}",
    "-_.",
    "Z",
    "a1b2",
    "12345",
    "ab$",
    "a^b",
    "bb",
    "cab",
    "{}",
    "()",
    "|",
    ":",
    "c",
    "ad",
    "abd",
    "rsc.{}",
    "\x7f",
    "a\x0bb",
    "%",
    "/",
    "db-1-2",
];

#[test]
fn a_fixed_list_matches_as_glibc_does() {
    let wrong: Vec<_> = PATTERNS
        .iter()
        .flat_map(|p| disagreements(p, IDS))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A deterministic xorshift, so that a failure is the same on every run.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n as u64).unwrap()
    }

    /// Up to `most` pieces, each picked at random.
    fn string(&mut self, pieces: &[&str], most: usize) -> String {
        (0..self.below(most + 1))
            .map(|_| pieces[self.below(pieces.len())])
            .collect()
    }
}

#[test]
fn random_patterns_match_as_glibc_does() {
    // Pieces apart by spaces; one set for operators and groups, one for brackets.
    const OPERATORS: &str = r"a b . * + ? ( ) | ^ $ [ ] - {1,2} {2} {0,1} {1,} {0} [^ [:alpha:]
        \. \( \\ a-b (a (b b) [ab] c (^ $) |^ $| [] -] )+ ){2} (^a";
    const BRACKETS: &str = r"[ ] ^ - a z A 0 9 [:alpha:] [:punct:] [:space:] [:upper:]
        [:xdigit:] [:cntrl:] \ . ! ~ {1,3} + * _ x ( ) |";
    // Few letters, so that repetitions meet runs of what they repeat.
    const ID_PIECES: &str = "a a b c - . ( ] x Z \u{e9} \\";
    let operators: Vec<_> = OPERATORS.split_whitespace().collect();
    let brackets: Vec<_> = BRACKETS.split_whitespace().collect();
    let id_pieces: Vec<_> = ID_PIECES.split_whitespace().collect();
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let (mut taken, mut wrong) = (0, Vec::new());
    for round in 0..6000 {
        let pieces = if round % 2 == 0 {
            &operators
        } else {
            &brackets
        };
        let pattern = random.string(pieces, 10);
        if Pattern::parse(&pattern).is_err() {
            continue;
        }
        taken += 1;
        let ids: Vec<String> = (0..30).map(|_| random.string(&id_pieces, 10)).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        wrong.extend(disagreements(&pattern, &ids));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(taken > 1000, "only {taken} random patterns were taken");
    eprintln!("{taken} of 6000 random patterns taken and matched as glibc does");
}

#[test]
fn hostile_patterns_end_quickly_or_are_refused() {
    let id = "a".repeat(5000);
    for pattern in ["(a|a)*b", "((a+)+)+$", "(a|aa)+$", "((a|a){1,2})+b"] {
        let expected = pattern.ends_with('$');
        assert_eq!(
            Pattern::parse(pattern).unwrap().is_match(&id),
            expected,
            "{pattern}"
        );
    }
    // glibc itself can loop forever on repeated empty matches, so those are refused.
    let why = Pattern::parse("(a*)*b").err().unwrap_or_default();
    assert!(why.contains("can match nothing"), "{why}");
    assert!(Pattern::parse("(a{255}){255}{255}").is_err());
    for pattern in ["(a{255}){255}", "((a{255}){255}){255}", "((a|b){255}){40}"] {
        let why = Pattern::parse(pattern).err().unwrap_or_default();
        assert!(why.contains("too large"), "{pattern}: {why}");
    }
}
