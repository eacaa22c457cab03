//! How a saved plan's steps differ from the steps the spec produces now. A saved plan is a file
//! anyone who can write it may edit; applying it re-derives the steps and accepts no difference.
//! Differences are named by path and field only: a secret's value never appears in them.

use super::Step;
use std::collections::BTreeMap;

/// Each difference between `saved` and `derived`, by path, in path order; empty when they are
/// the same steps in the same order.
pub(super) fn mismatches(saved: &[Step], derived: &[Step]) -> Vec<String> {
    if saved == derived {
        return Vec::new();
    }
    let mut by_path: BTreeMap<&str, (Vec<&Step>, Option<&Step>)> = BTreeMap::new();
    for step in saved {
        by_path.entry(&step.path).or_default().0.push(step);
    }
    for step in derived {
        by_path.entry(&step.path).or_default().1 = Some(step);
    }
    let mut found = Vec::new();
    for (path, (saved, derived)) in by_path {
        match (saved.as_slice(), derived) {
            ([], Some(_)) => found.push(format!("the step for `{path}` is missing")),
            ([_], None) => found.push(format!("the step for `{path}` is not one the spec makes")),
            ([saved], Some(derived)) => {
                let fields = differing_fields(saved, derived);
                if let Some((last, rest)) = fields.split_last() {
                    let fields = match rest {
                        [] => last.to_string(),
                        rest => format!("{} and {last}", rest.join(", ")),
                    };
                    found.push(format!("the step for `{path}` differs in its {fields}"));
                }
            }
            _ => found.push(format!("the plan has {} steps for `{path}`", saved.len())),
        }
    }
    if found.is_empty() {
        found.push("its steps are in another order".to_string());
    }
    found
}

fn differing_fields(saved: &Step, derived: &Step) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if saved.action != derived.action {
        fields.push("action");
    }
    if saved.blocker != derived.blocker {
        fields.push("blocker");
    }
    if saved.mode != derived.mode {
        fields.push("mode");
    }
    if saved.old_mode != derived.old_mode {
        fields.push("old mode");
    }
    if saved.contents != derived.contents {
        fields.push("contents");
    }
    if saved.sha256 != derived.sha256 {
        fields.push("hash");
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Action;

    fn step(path: &str, contents: &[u8], mode: u32) -> Step {
        Step {
            path: path.into(),
            action: Action::Add,
            blocker: None,
            mode: Some(mode),
            old_mode: None,
            contents: Some(contents.to_vec()),
            sha256: Some(crate::state::sha256_hex(contents)),
        }
    }

    #[test]
    fn the_same_steps_do_not_differ() {
        let steps = [step("a", b"x", 0o644), step("b", b"y", 0o755)];
        assert!(mismatches(&steps, &steps).is_empty());
    }

    #[test]
    fn each_difference_is_named_by_path_and_field() {
        let derived = [
            step("a", b"x", 0o644),
            step("b", b"y", 0o755),
            step("c", b"z", 0o600),
        ];
        let mut edited = step("b", b"y\ninjected\n", 0o6777);
        edited.sha256 = derived[1].sha256.clone();
        let saved = [edited, step("d", b"w", 0o644), derived[0].clone()];
        assert_eq!(
            mismatches(&saved, &derived),
            [
                "the step for `b` differs in its mode and contents",
                "the step for `c` is missing",
                "the step for `d` is not one the spec makes",
            ]
        );
    }

    #[test]
    fn repeated_or_reordered_steps_differ() {
        let (a, b) = (step("a", b"x", 0o644), step("b", b"y", 0o644));
        let repeated = [a.clone(), a.clone(), b.clone()];
        assert_eq!(
            mismatches(&repeated, &[a.clone(), b.clone()]),
            ["the plan has 2 steps for `a`"]
        );
        assert_eq!(
            mismatches(&[b.clone(), a.clone()], &[a, b]),
            ["its steps are in another order"]
        );
    }
}
