//! No input makes hacc panic: a bounded, deterministic mutation fuzzer over the example specs.
//!
//! Each iteration mutates a spec (deletions, duplications, splices between specs, hostile
//! tokens) and runs the checker, then the renderers when the mutant is valid. A panic, or a
//! valid mutant the renderers refuse, fails the test and prints the input.
//! `HACC_FUZZ_ITERATIONS` sets the budget (CI runs the default).

use crate::common;

use std::panic::{AssertUnwindSafe, catch_unwind};

const DEFAULT_ITERATIONS: usize = 3000;

/// At least one mutant in this many must be a valid spec, or the renderers, the half of the
/// test that finds specs `hacc check` passes and the renderers refuse, would silently stop
/// running (for example when a new check rejects every example). On the default budget 415 of
/// the 3,000 mutants were valid when this was set: the floor is about half of that.
const VALID_AT_LEAST_ONE_IN: usize = 15;

/// Tokens that stress the lexer, the decoder and every value parser.
const HOSTILE: &[&str] = &[
    "\"",
    "{",
    "}",
    ";",
    "=",
    "#true",
    "#null",
    "#inf",
    "-",
    "0x",
    "1e999",
    "99999999999999999999999",
    "\"\\u{0}\"",
    "\"10.0.0.999/33\"",
    "(u8)",
    "/-",
    "\\",
    "r#\"",
    "\"\"\"",
    "\n",
    "é",
    "\u{202e}",
    "\"INFINITY\"",
    "\"-\"",
    "\"PT\"",
    "\"ocf::\"",
    "node",
    "clone",
    "of=\"x\"",
    "score=",
    "\"\"",
    "interval=\"99999999999999h\"",
    "id=4294967296",
    "to=0",
    "expected-votes=-1",
    "/-",
    "\\\n",
    "/* c */",
    "// c\n",
    "; ",
    " { }",
    "(t)",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(rng: &mut Rng, text: &str, corpus: &[String]) -> String {
    let mut out = text.to_string();
    for _ in 0..1 + rng.below(4) {
        let at = char_boundary(&out, rng.below(out.len() + 1));
        match rng.below(5) {
            0 => {
                let end = char_boundary(&out, at + rng.below(40));
                out.replace_range(at..end, "");
            }
            1 => out.insert_str(at, HOSTILE[rng.below(HOSTILE.len())]),
            2 => {
                let end = char_boundary(&out, at + rng.below(80));
                let piece = out[at..end].to_string();
                out.insert_str(at, &piece);
            }
            3 => {
                let other = &corpus[rng.below(corpus.len())];
                let from = char_boundary(other, rng.below(other.len()));
                let to = char_boundary(other, from + rng.below(200));
                out.insert_str(at, &other[from..to]);
            }
            _ => {
                let lines: Vec<&str> = out.lines().collect();
                let drop = rng.below(lines.len());
                out = lines
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != drop)
                    .map(|(_, l)| *l)
                    .collect::<Vec<_>>()
                    .join("\n");
            }
        }
    }
    out
}

/// Runs check, diagnostic rendering and, for valid specs, every renderer; true when valid.
/// A valid spec must also build: `hacc check` rejects whatever the renderers would refuse.
/// Every input that is KDL also lays out: idempotently, keeping its meaning and comments.
fn run_pipeline(source: &str) -> bool {
    check_layout(source);
    let outcome = hacc::pipeline::check_source(source);
    let named = miette::NamedSource::new("fuzz.kdl", source.to_string());
    let _ = hacc::diagnostic::render_all(&outcome.diagnostics, &named, false);
    if let Some(checked) = &outcome.checked
        && let Err(e) = hacc::render::build(checked)
    {
        panic!("a checked spec does not build: {e}");
    }
    outcome.checked.is_some()
}

fn check_layout(source: &str) {
    match hacc::layout::canonical(source) {
        Ok(laid_out) => {
            let again = hacc::layout::canonical(&laid_out).expect("a laid-out spec parses");
            assert_eq!(again, laid_out, "layout is not idempotent on:\n{source}");
            let mut before = hacc::layout::comments(source);
            let mut after = hacc::layout::comments(&laid_out);
            before.sort_unstable();
            after.sort_unstable();
            assert_eq!(
                before, after,
                "layout lost or changed a comment of:\n{source}"
            );
        }
        Err(hacc::layout::LayoutError::Syntax(_)) => {}
        Err(hacc::layout::LayoutError::MeaningChanged) => {
            panic!("layout would change the meaning of:\n{source}")
        }
    }
}

#[test]
fn mutated_specs_never_panic() {
    let mut corpus: Vec<String> = common::example_specs()
        .iter()
        .map(|(_, path)| std::fs::read_to_string(path).unwrap())
        .collect();
    corpus.push(
        std::fs::read_to_string(common::root().join("tests/specs/kitchen-sink.kdl")).unwrap(),
    );
    let iterations = std::env::var("HACC_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_ITERATIONS);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut valid = 0;
    for iteration in 0..iterations {
        let base = &corpus[iteration % corpus.len()];
        let input = mutate(&mut rng, base, &corpus);
        let result = catch_unwind(AssertUnwindSafe(|| run_pipeline(&input)));
        match result {
            Ok(is_valid) => valid += usize::from(is_valid),
            Err(_) => panic!("iteration {iteration} panicked on input:\n{input}"),
        }
    }
    eprintln!("{iterations} mutants, {valid} of them valid specs");
    assert!(
        valid * VALID_AT_LEAST_ONE_IN >= iterations,
        "only {valid} of {iterations} mutants are valid specs (at least one in \
         {VALID_AT_LEAST_ONE_IN} must be), so the renderers were hardly run"
    );
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..500 {
        let len = rng.below(300);
        let bytes: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
        let input = String::from_utf8_lossy(&bytes);
        let result = catch_unwind(AssertUnwindSafe(|| run_pipeline(&input)));
        assert!(result.is_ok(), "panicked on random input {input:?}");
    }
}
