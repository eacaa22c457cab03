//! The fast path against the kdl parser: on everything it accepts, the same document as kdl's
//! converted, spans included; on everything kdl refuses, no document.

use super::parse;
use crate::parse::from_kdl;
use crate::parse::tree::Node;
use kdl::KdlDocument;
use std::path::{Path, PathBuf};

/// The first difference between two node lists, named by its path; names, entries, values
/// and every span count.
fn compare(fast: &[Node<'_>], kdl: &[Node<'_>], path: &str) -> Result<(), String> {
    if fast.len() != kdl.len() {
        return Err(format!("{path}: {} nodes, kdl {}", fast.len(), kdl.len()));
    }
    for (f, k) in fast.iter().zip(kdl) {
        let here = format!("{path}/{}", k.name());
        if f.name != k.name || f.span != k.span || f.entries.len() != k.entries.len() {
            return Err(format!("{here}: fast {f:?}\nkdl {k:?}"));
        }
        for (fe, ke) in f.entries.iter().zip(&k.entries) {
            if fe != ke {
                return Err(format!("{here}: entry fast {fe:?}\nkdl {ke:?}"));
            }
        }
        match (&f.children, &k.children) {
            (Some(fc), Some(kc)) => compare(fc, kc, &here)?,
            (None, None) => {}
            _ => return Err(format!("{here}: children differ")),
        }
    }
    Ok(())
}

/// Whether the fast path took `source`; panics where it disagrees with kdl.
#[track_caller]
fn agrees(source: &str, label: &str) -> bool {
    let kdl = KdlDocument::parse_v2(source);
    match (parse(source), kdl) {
        (None, _) => false,
        (Some(_), Err(error)) => {
            panic!("{label}: the fast path accepts what kdl refuses: {error:?}")
        }
        (Some(fast), Ok(kdl)) => {
            let kdl = from_kdl::document(&kdl);
            if let Err(difference) = compare(&fast.nodes, &kdl.nodes, "") {
                panic!("{label}: {difference}");
            }
            assert_eq!(fast, kdl, "{label}");
            true
        }
    }
}

fn kdl_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            kdl_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "kdl") {
            out.push(path);
        }
    }
}

#[test]
fn every_spec_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    kdl_files(&root.join("examples"), &mut files);
    kdl_files(&root.join("tests"), &mut files);
    assert!(files.len() > 10);
    let mut taken = 0;
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        taken += usize::from(agrees(&source, &file.display().to_string()));
    }
    // The examples are plain KDL: the fast path must take them, or it is never used.
    for name in ["seed", "web", "two-node", "drbd"] {
        let source =
            std::fs::read_to_string(root.join("examples").join(name).join("cluster.kdl")).unwrap();
        assert!(
            agrees(&source, name),
            "the fast path gave up on examples/{name}"
        );
    }
    assert!(taken > files.len() / 2, "{taken} of {}", files.len());
}

#[test]
fn shapes_it_takes() {
    let cases = [
        "",
        "a",
        "a\n",
        "a;b;c",
        "a 1 -2 0 #true #false #null",
        "a x=1 \"y\"=2 z=\"\" w=#null",
        "\"quoted name\" \"v\" {\n}\n",
        "a {\n  b 1; c 2 // trailing\n  d\n}\n",
        "a { b 1 }",
        "a{b}",
        "a {b;}",
        "a 1 \t  // spaces then a comment\nb",
        "a {\n} ; b",
        "a {\n  b {\n    c x=\"10.0.0.0/24\" y=\"/usr/bin/x\"\n  }\n}",
        "// only a comment",
        "a\n\n\n   b   \n",
        "node \"n1\" address=\"10.0.0.11\" standby=#true {\n    publish 5001 to=5000\n}",
        "a b-c d.e f:g h@i",
    ];
    for case in cases {
        assert!(agrees(case, case), "gave up on {case:?}");
    }
}

#[test]
fn shapes_it_leaves_to_kdl() {
    let cases = [
        // Valid KDL outside the subset.
        "a \"esc\\\"aped\"",
        "a 1.5",
        "a 1_000",
        "a 0x10",
        "a +1",
        "a 010",
        "a #inf",
        "a #\"raw\"#",
        "a \"\"\"\nmulti\n\"\"\"",
        "/- a\nb",
        "a /- 1",
        "/* block */ a",
        "(ty)a",
        "a (ty)1",
        "a \\\n  1",
        "a\r\nb",
        "a x = 1",
        "é",
        "a \"é\"",
        "a -x",
        // Invalid KDL.
        "a true",
        "a null",
        "a {",
        "a }",
        "}",
        "a 1b",
        "a \"x\"y",
        "a \"x",
        "1a",
        "a; ;b",
        "a x=",
        "a =1",
        "a {} b",
        "a \u{7}",
        "a // \u{1}\n",
    ];
    for case in cases {
        assert!(!agrees(case, case), "took {case:?}");
    }
}

/// Mutants of the seed example (characters KDL gives meaning to, dropped or inserted at
/// pseudo-random places): the fast path agrees with kdl on each, or leaves it to kdl.
#[test]
fn mutants_of_the_seed_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = std::fs::read_to_string(root.join("examples/seed/cluster.kdl")).unwrap();
    let alphabet = [
        "\"", "=", "{", "}", ";", "/", "#", "-", "1", "0", " ", "\n", "\t", "\\", "x", ".", "+",
        "'", "(", "*",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    let (mut taken, mut total) = (0, 0);
    for _ in 0..1000 {
        let mut text = seed.clone();
        for _ in 0..=next(3) {
            let at = next(text.len());
            if next(2) == 0 {
                text.remove(at);
            } else {
                text.insert_str(at, alphabet[next(alphabet.len())]);
            }
        }
        total += 1;
        taken += usize::from(agrees(&text, &text));
    }
    assert!(taken > 0 && taken < total, "{taken} of {total}");
}
