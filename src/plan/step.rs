//! One step of a plan: what apply does to one path. Saved plans are lists of these.

use super::encoded_contents;
use crate::state::{is_safe_relative, optional_octal_mode};
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

    /// Whether apply makes new key material for this step: a secret added, or one replaced
    /// because the key on disk cannot be kept (its hash is then unknown until apply).
    pub fn generates_secret(&self) -> bool {
        self.is_secret()
            && matches!(self.action, Action::Add | Action::Change)
            && self.contents.is_none()
            && self.sha256.is_none()
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
            // Without new contents, a change is of the mode only and keeps the file's hash, or
            // replaces a secret with one generated at apply.
            Action::Change => self.contents.is_some() || self.sha256.is_some() || self.is_secret(),
            Action::Keep => self.contents.is_some() || self.sha256.is_some(),
            Action::Delete => self.contents.is_none(),
        };
        if !complete {
            return Err(format!("the step for `{}` is incomplete", self.path));
        }
        Ok(())
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

    #[test]
    fn a_secret_is_generated_when_added_or_replaced_without_a_known_hash() {
        let mut key = step("secrets/authkey", b"k");
        key.contents = None;
        for action in [Action::Add, Action::Change] {
            key.action = action;
            assert!(
                key.generates_secret() && key.validate().is_ok(),
                "{action:?}"
            );
        }
        key.sha256 = Some("h".into());
        assert!(!key.generates_secret(), "a mode change keeps the key");
        key.action = Action::Keep;
        key.sha256 = None;
        assert!(!key.generates_secret());
        assert!(key.validate().is_err(), "a kept key has a hash");
    }
}
