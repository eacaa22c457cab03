//! The nesting limit: where it counts, where it does not, and that both parsers stay within
//! the stack of a small thread at the deepest source it lets through.

use super::{MAX_DEPTH, Opener, too_deep};
use crate::parse::parse;

fn nested_blocks(levels: usize) -> String {
    format!("{}{}", "a {".repeat(levels), "}".repeat(levels))
}

fn nested_comments(levels: usize) -> String {
    format!("a\n{}{}", "/*".repeat(levels), "*/".repeat(levels))
}

fn slashdash_chain(levels: usize) -> String {
    format!("{}a", "/- ".repeat(levels))
}

/// The offset of the `n`th (from 1) occurrence of `pattern`.
fn nth(source: &str, pattern: &str, n: usize) -> usize {
    source.match_indices(pattern).nth(n - 1).unwrap().0
}

#[test]
fn each_opener_counts_up_to_the_limit() {
    let cases = [
        (nested_blocks as fn(usize) -> String, Opener::Block, "{"),
        (nested_comments, Opener::Comment, "/*"),
        (slashdash_chain, Opener::Slashdash, "/-"),
    ];
    for (source, opener, pattern) in cases {
        assert_eq!(too_deep(&source(MAX_DEPTH)), None, "{opener:?}");
        let deeper = source(MAX_DEPTH + 1);
        let (found, span) = too_deep(&deeper).expect("one level too deep");
        assert_eq!(found, opener);
        assert_eq!(span.offset(), nth(&deeper, pattern, MAX_DEPTH + 1));
        assert_eq!(span.len(), pattern.len());
    }
}

#[test]
fn levels_of_different_kinds_add_up() {
    // Each block comes after a slashdash that stays open while its children are read.
    let half = MAX_DEPTH / 2;
    let source = format!("{}{}", "/- a {".repeat(half), "}".repeat(half));
    assert_eq!(too_deep(&source), None);
    let source = format!("{}{}", "/- a {".repeat(half + 1), "}".repeat(half + 1));
    assert!(too_deep(&source).is_some());
    // Newlines may follow a slashdash: the chain goes on.
    let source = format!("{}a", "/-\n".repeat(MAX_DEPTH + 1));
    assert_eq!(too_deep(&source).map(|(o, _)| o), Some(Opener::Slashdash));
}

#[test]
fn what_does_not_nest_does_not_count() {
    let many = MAX_DEPTH * 4;
    let cases = [
        format!("a \"{}\"", "{".repeat(many)),
        format!("a #\"{}\"#", "{\"".repeat(many)),
        format!("a ##\"\"\"\n{}\n\"\"\"##", "{\"\"\"#".repeat(many)),
        format!("a \"\"\"\n{}\n\"\"\"", "{ \\\"\"\" ".repeat(many)),
        format!("a \"esc\\\"aped {}\"", "{".repeat(many)),
        format!("// {}\na", "{".repeat(many)),
        format!("/* {} */ a", "{".repeat(many)),
        format!("a {}", "/-1 ".repeat(many)),
        "/- a\n".repeat(many),
        "a {}\n".repeat(many),
        format!("a #true {}", "{}".repeat(many)),
        format!("a{}", " \\\n  1".repeat(many)),
    ];
    for source in cases {
        assert_eq!(too_deep(&source), None, "{source}");
    }
}

#[test]
fn strings_end_where_the_parser_ends_them() {
    // An unclosed single-line string ends at its newline, so the blocks after it count.
    let deep = nested_blocks(MAX_DEPTH + 1);
    for opening in ["a \"unclosed\n", "a #\"unclosed\n", "a \"x\u{2028}"] {
        let source = format!("{opening}{deep}");
        assert!(too_deep(&source).is_some(), "{opening:?}");
    }
}

/// Parses `source` on a thread with a 2 MiB stack, the default of a test thread; whether it
/// parsed (an overflow aborts the test binary instead).
fn parses_on_a_small_stack(source: String) -> bool {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || parse(&source).is_ok())
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn both_parsers_read_the_deepest_source_it_lets_through() {
    let deepest = [
        (nested_blocks(MAX_DEPTH), true),
        (nested_comments(MAX_DEPTH), true),
        (
            format!(
                "{}{}",
                "/- a {".repeat(MAX_DEPTH / 2),
                "}".repeat(MAX_DEPTH / 2)
            ),
            true,
        ),
        // Not valid KDL, but read as deep as it goes before it fails.
        (slashdash_chain(MAX_DEPTH), false),
    ];
    for (source, valid) in deepest {
        // Plain ASCII takes the fast path where it can; one `é` sends it to the kdl crate.
        assert_eq!(parses_on_a_small_stack(source.clone()), valid, "{source}");
        let non_ascii = format!("// é\n{source}");
        assert_eq!(parses_on_a_small_stack(non_ascii), valid, "{source}");
    }
}

#[test]
fn sources_that_overflowed_the_stack_are_refused() {
    let cases = [
        nested_blocks(20_000),
        format!("// é\n{}", nested_blocks(1_300)),
        nested_comments(100_000),
        slashdash_chain(4_000),
        "a {\n".repeat(1_000),
    ];
    for source in cases {
        let errors = parse(&source).expect_err("too deep");
        let codes: Vec<_> = errors.iter().map(|d| d.code.id).collect();
        assert_eq!(codes, ["E0003"]);
    }
}
