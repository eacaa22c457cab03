//! One step of a plan: what apply does to one path. Saved plans are lists of these.

use crate::state::{is_safe_relative, optional_octal_mode};
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Add,
    Change,
    Delete,
    /// Already right; only recorded in the manifest.
    Keep,
}

/// Why a step needs `--force`: it would overwrite or delete content hacc did not write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Blocker {
    /// A managed file edited outside hacc since the last apply.
    Drifted,
    /// A file at a generated path that hacc never wrote.
    Conflict,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Relative to the output directory, `/`-separated.
    pub path: String,
    pub action: Action,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocker: Option<Blocker>,
    /// The mode the file ends with; none for a delete.
    #[serde(default, with = "optional_octal_mode")]
    pub mode: Option<u32>,
    /// The mode on disk now, when the file exists.
    #[serde(default, with = "optional_octal_mode")]
    pub old_mode: Option<u32>,
    /// New contents to write; none when they stay as they are (keep, mode-only change), for a
    /// delete, and for secrets, which are generated at apply.
    #[serde(
        default,
        with = "encoded_contents",
        skip_serializing_if = "Option::is_none"
    )]
    pub contents: Option<Vec<u8>>,
    /// SHA-256 of the contents the file ends with, when known before apply (not for a secret
    /// still to be generated, nor for a delete).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

impl Step {
    /// Whether apply has anything to do on disk for this step.
    pub fn is_change(&self) -> bool {
        self.action != Action::Keep
    }

    pub fn is_secret(&self) -> bool {
        super::is_secret(&self.path)
    }

    /// Checks a step read back from a saved plan.
    pub fn validate(&self) -> Result<(), String> {
        if !is_safe_relative(&self.path) {
            return Err(format!(
                "`{}` is not a path inside the directory",
                self.path
            ));
        }
        if self.is_secret() && self.contents.is_some() {
            return Err(format!("`{}` is a secret but carries contents", self.path));
        }
        if self.action != Action::Delete && self.mode.is_none() {
            return Err(format!("`{}` has no mode", self.path));
        }
        let complete = match self.action {
            // Only a secret is added without contents: apply generates it.
            Action::Add => self.contents.is_some() != self.is_secret(),
            // Without new contents, a change is of the mode only and keeps the file's hash.
            Action::Change | Action::Keep => self.contents.is_some() || self.sha256.is_some(),
            Action::Delete => self.contents.is_none(),
        };
        if !complete {
            return Err(format!("the step for `{}` is incomplete", self.path));
        }
        Ok(())
    }
}

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
    pub fn of(steps: &[Step]) -> Summary {
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

/// Contents in JSON: `{"text": "..."}` when UTF-8, else `{"base64": "..."}`.
mod encoded_contents {
    use super::BASE64;
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Encoded {
        Text(String),
        Base64(String),
    }

    pub fn serialize<S: Serializer>(bytes: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        let bytes = bytes.as_deref().expect("skipped when none");
        match std::str::from_utf8(bytes) {
            Ok(text) => Encoded::Text(text.to_string()),
            Err(_) => Encoded::Base64(BASE64.encode(bytes)),
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        Ok(Some(match Encoded::deserialize(d)? {
            Encoded::Text(text) => text.into_bytes(),
            Encoded::Base64(encoded) => BASE64.decode(encoded).map_err(D::Error::custom)?,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(path: &str, contents: &[u8]) -> Step {
        Step {
            path: path.into(),
            action: Action::Add,
            blocker: None,
            mode: Some(0o644),
            old_mode: None,
            contents: Some(contents.to_vec()),
            sha256: None,
        }
    }

    #[test]
    fn text_and_binary_contents_round_trip() {
        for contents in [&b"line\n"[..], &[0xff, 0x00, 0xfe][..]] {
            let original = step("f", contents);
            let json = serde_json::to_string(&original).unwrap();
            assert_eq!(
                serde_json::from_str::<Step>(&json).unwrap(),
                original,
                "{json}"
            );
        }
        let json = serde_json::to_string(&step("f", &[0xff])).unwrap();
        assert!(json.contains("\"base64\":\"/w==\""), "{json}");
    }

    #[test]
    fn blocked_steps_count_only_as_drifted_or_conflicting() {
        let mut drifted = step("a", b"x");
        drifted.action = Action::Change;
        drifted.blocker = Some(Blocker::Drifted);
        let mut conflict = step("b", b"x");
        conflict.blocker = Some(Blocker::Conflict);
        let summary = Summary::of(&[drifted, conflict, step("c", b"x")]);
        assert_eq!((summary.add, summary.change), (1, 0));
        assert_eq!((summary.drifted, summary.conflicting), (1, 1));
    }

    #[test]
    fn validate_rejects_secret_contents_and_escaping_paths() {
        assert!(step("secrets/authkey", b"k").validate().is_err());
        assert!(step("../x", b"k").validate().is_err());
        assert!(step("cib.crm", b"k").validate().is_ok());
        let mut without_contents = step("cib.crm", b"k");
        without_contents.contents = None;
        without_contents.sha256 = Some("h".into());
        assert!(
            without_contents.validate().is_err(),
            "an add needs its contents"
        );
    }
}
