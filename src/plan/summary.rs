//! Counting a plan's steps and refusing blocked ones.

use super::{Action, Blocker, MIN_KEY_BYTES, Step};
use serde::Serialize;

/// Counts for the summary line. Blocked steps count only as drifted or conflicting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub add: usize,
    pub change: usize,
    pub destroy: usize,
    pub drifted: usize,
    pub conflicting: usize,
}

impl Summary {
    pub fn of<'a>(steps: impl IntoIterator<Item = &'a Step>) -> Summary {
        let mut summary = Summary::default();
        for step in steps {
            let counter = match (step.blocker, step.action) {
                (_, Action::Keep) => continue,
                (Some(Blocker::Drifted), _) => &mut summary.drifted,
                (Some(Blocker::Conflict), _) => &mut summary.conflicting,
                (None, Action::Add) => &mut summary.add,
                (None, Action::Change) => &mut summary.change,
                (None, Action::Delete) => &mut summary.destroy,
            };
            *counter += 1;
        }
        summary
    }

    pub fn is_empty(&self) -> bool {
        *self == Summary::default()
    }
}

/// The refusal for blocked steps applied without `--force`, naming every file; `None` when no
/// step is blocked.
pub fn blocked_message(steps: &[Step], dir: &std::path::Path) -> Option<String> {
    let names = |kind| {
        steps
            .iter()
            .filter(|s| s.is_change() && s.blocker == Some(kind))
            .map(|s| format!("`{}`", dir.join(&s.path).display()))
            .collect::<Vec<_>>()
    };
    let (drifted, conflicting) = (names(Blocker::Drifted), names(Blocker::Conflict));
    let mut reasons = Vec::new();
    if !drifted.is_empty() {
        reasons.push(format!(
            "{} edited outside hacc since the last apply",
            drifted.join(", ")
        ));
    }
    if !conflicting.is_empty() {
        reasons.push(format!("{} not written by hacc", conflicting.join(", ")));
    }
    (!reasons.is_empty()).then(|| {
        format!(
            "refusing to overwrite files: {}; keep a copy of any edits you need and rerun with \
             `--force` to replace them",
            reasons.join("; ")
        )
    })
}

/// The refusal for keys on disk too short for corosync, applied without `--force`, with their
/// lengths (never their contents); `None` when there is none.
pub fn short_key_message(plan: &super::Plan, dir: &std::path::Path) -> Option<String> {
    let short: Vec<String> = plan
        .files
        .iter()
        .filter(|f| f.step.generates_secret())
        .filter_map(|f| {
            let len = f.current.as_ref()?.bytes.len();
            (len < MIN_KEY_BYTES)
                .then(|| format!("`{}` holds {len} bytes", dir.join(&f.step.path).display()))
        })
        .collect();
    (!short.is_empty()).then(|| {
        format!(
            "refusing to keep a key corosync cannot use: {}, and corosync needs at least \
             {MIN_KEY_BYTES} bytes ({} bits); rerun with `--force` to replace it with a new key",
            short.join(", "),
            MIN_KEY_BYTES * 8
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Action;

    fn step(path: &str, action: Action, blocker: Option<Blocker>) -> Step {
        Step {
            path: path.into(),
            action,
            blocker,
            mode: Some(0o644),
            old_mode: None,
            contents: Some(b"x".to_vec()),
            sha256: None,
        }
    }

    #[test]
    fn blocked_steps_count_only_as_drifted_or_conflicting() {
        let steps = [
            step("a", Action::Change, Some(Blocker::Drifted)),
            step("b", Action::Add, Some(Blocker::Conflict)),
            step("c", Action::Add, None),
            step("d", Action::Keep, None),
        ];
        let summary = Summary::of(&steps);
        assert_eq!((summary.add, summary.change), (1, 0));
        assert_eq!((summary.drifted, summary.conflicting), (1, 1));
    }

    #[test]
    fn the_refusal_names_every_blocked_file() {
        let steps = [
            step("a", Action::Change, Some(Blocker::Drifted)),
            step("b", Action::Add, Some(Blocker::Conflict)),
            step("c", Action::Add, None),
        ];
        let message = blocked_message(&steps, std::path::Path::new("out")).unwrap();
        assert!(message.contains("`out/a` edited outside hacc"), "{message}");
        assert!(message.contains("`out/b` not written by hacc"), "{message}");
        assert!(!message.contains("out/c"), "{message}");
        assert_eq!(
            blocked_message(&steps[2..], std::path::Path::new("out")),
            None
        );
    }
}
