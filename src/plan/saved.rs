//! Saved plans (`hacc plan --out FILE`, applied with `hacc apply FILE`).
//!
//! A JSON object: `"kind": "hacc-plan"`, `format_version`, `hacc_version`, the spec's path and
//! SHA-256, the directory (both absolute), `dir_state` (SHA-256 of every file in the directory
//! when planned) and the `steps`, with the full new contents of every file to write. Secrets are
//! never in it: they are generated at apply. Applying refuses when the spec, any file of the
//! directory or the hacc version differs from what the plan recorded, and when the steps differ
//! from those the spec produces for the directory now: the file is not authenticated, so an
//! edited step (contents, mode, a secret's) must not reach the directory.

use super::{Plan, Step, dir_state, rederive};
use crate::state::{Error, Input, hash_input, io_error, read_input};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Bumped when the saved plan's shape changes incompatibly.
pub(super) const SAVED_PLAN_FORMAT: u32 = 1;
const KIND: &str = "hacc-plan";
/// How the kind reads in a saved plan, to recognise one that no longer parses.
const KIND_FIELD: &str = "\"kind\": \"hacc-plan\"";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPlan {
    pub kind: String,
    pub format_version: u32,
    pub hacc_version: String,
    pub spec: PathBuf,
    pub spec_sha256: String,
    pub dir: PathBuf,
    pub dir_state: BTreeMap<String, String>,
    pub steps: Vec<Step>,
    /// The running cluster's configuration version when planned; apply refuses when the live
    /// one differs. Absent when no cluster ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cib_version: Option<crate::cib::CibVersion>,
    /// On the hosts target: per host, the SHA-256 of each file hacc manages there when
    /// planned (`null`: absent); apply refuses when one moved. Absent in the lab.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hosts: Option<HostHashes>,
}

/// Host name -> path on the host -> SHA-256 of the file there, `None` when absent.
pub(crate) type HostHashes = BTreeMap<String, BTreeMap<String, Option<String>>>;

impl SavedPlan {
    /// `dir_state` must be taken before the plan is computed, so that a change made in between
    /// makes the plan stale instead of slipping through.
    pub fn new(plan: &Plan, spec: &Path, dir: &Path, dir_state: BTreeMap<String, String>) -> Self {
        SavedPlan {
            kind: KIND.to_string(),
            format_version: SAVED_PLAN_FORMAT,
            hacc_version: env!("CARGO_PKG_VERSION").to_string(),
            spec: spec.to_path_buf(),
            spec_sha256: plan.spec_sha256.clone(),
            dir: dir.to_path_buf(),
            dir_state,
            steps: plan.steps(),
            cib_version: None,
            hosts: None,
        }
    }

    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let mut json = serde_json::to_string_pretty(self).expect("a plan always serialises");
        json.push('\n');
        std::fs::write(path, json).map_err(io_error("write the plan to", path))
    }

    /// Reads `path` as a saved plan; `None` when it is not one (a spec, for instance). A file
    /// that starts like a plan (JSON) or names the plan's kind but cannot be read as one is a
    /// damaged plan, not a spec to check.
    pub fn load(path: &Path) -> Result<Option<SavedPlan>, Error> {
        let bytes = read_input(path, Input::SavedPlan)?;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            return Ok(None);
        };
        let corrupt = |message: String| Error::Corrupt {
            path: path.to_path_buf(),
            what: "saved plan",
            message,
        };
        let looks_like_plan = text.trim_start().starts_with('{') || text.contains(KIND_FIELD);
        let value = match serde_json::from_str::<serde_json::Value>(text) {
            Ok(value) => value,
            Err(e) if looks_like_plan => {
                return Err(corrupt(format!("it is cut short or damaged ({e})")));
            }
            Err(_) => return Ok(None),
        };
        if value.get("kind").and_then(|k| k.as_str()) != Some(KIND) {
            if looks_like_plan {
                return Err(corrupt(format!("it has no `{KIND_FIELD}`")));
            }
            return Ok(None);
        }
        let plan: SavedPlan = serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))?;
        if plan.format_version != SAVED_PLAN_FORMAT {
            return Err(corrupt(format!(
                "format version {} is not {SAVED_PLAN_FORMAT}",
                plan.format_version
            )));
        }
        // Made absolute when planned: a relative one would name another place from another
        // working directory.
        for (field, value) in [("spec", &plan.spec), ("dir", &plan.dir)] {
            if !value.is_absolute() {
                return Err(corrupt(format!(
                    "`{field}` is `{}`, not an absolute path",
                    value.display()
                )));
            }
        }
        for step in &plan.steps {
            step.validate().map_err(corrupt)?;
        }
        Ok(Some(plan))
    }

    /// Refuses, naming each differing step, unless the plan's steps are exactly those that the
    /// spec (checked and hashed in `spec_sha256`) produces for the directory now, in `derived`.
    pub fn check_derived(&self, plan_file: &Path, derived: &Plan) -> Result<(), Error> {
        if derived.spec_sha256 != self.spec_sha256 {
            return Err(Error::Refused(format!(
                "the saved plan is stale: `{}` changed since it was made; run `hacc plan` again",
                self.spec.display()
            )));
        }
        let mismatches = rederive::mismatches(&self.steps, &derived.steps());
        if mismatches.is_empty() {
            return Ok(());
        }
        Err(Error::Refused(format!(
            "the saved plan `{}` does not match what `{}` produces for `{}`: {}; it was edited, \
             or a file the spec copies changed since it was made; nothing was written; run \
             `hacc plan --out` again",
            plan_file.display(),
            self.spec.display(),
            self.dir.display(),
            mismatches.join(", ")
        )))
    }

    /// Refuses, naming each host file that moved, unless the hosts hold what they held when
    /// planned (`now`, as the plan records them).
    pub fn check_hosts(&self, now: &HostHashes) -> Result<(), Error> {
        let Some(planned) = &self.hosts else {
            return Ok(());
        };
        let mut moved = Vec::new();
        let names: BTreeSet<&String> = planned.keys().chain(now.keys()).collect();
        for name in names {
            let (before, after) = (planned.get(name), now.get(name));
            let paths: BTreeSet<&String> = before
                .into_iter()
                .chain(after)
                .flat_map(|files| files.keys())
                .collect();
            for path in paths {
                let was = before.and_then(|f| f.get(path));
                let is = after.and_then(|f| f.get(path));
                if was != is {
                    moved.push(format!("`{path}` on `{name}` changed"));
                }
            }
        }
        if moved.is_empty() {
            return Ok(());
        }
        Err(Error::Refused(format!(
            "the saved plan is stale: {} since it was made; nothing was changed; run `hacc plan` \
             again",
            moved.join(", ")
        )))
    }

    /// Refuses, naming what changed, unless the spec, the directory and hacc are as planned.
    pub fn check_fresh(&self) -> Result<(), Error> {
        let mut changed = Vec::new();
        if self.hacc_version != env!("CARGO_PKG_VERSION") {
            changed.push(format!(
                "it was made by hacc {}, this is {}",
                self.hacc_version,
                env!("CARGO_PKG_VERSION")
            ));
        }
        match hash_input(&self.spec, Input::Spec) {
            Ok(hash) if hash == self.spec_sha256 => {}
            Ok(_) => changed.push(format!("`{}` changed", self.spec.display())),
            Err(e) => changed.push(format!("`{}` cannot be read ({e})", self.spec.display())),
        }
        let now = dir_state(&self.dir)?;
        let paths: BTreeSet<&String> = now.keys().chain(self.dir_state.keys()).collect();
        for path in paths {
            let shown = self.dir.join(path).display().to_string();
            match (self.dir_state.get(path), now.get(path)) {
                (Some(a), Some(b)) if a == b => {}
                (Some(_), Some(_)) => changed.push(format!("`{shown}` changed")),
                (Some(_), None) => changed.push(format!("`{shown}` was removed")),
                _ => changed.push(format!("`{shown}` appeared")),
            }
        }
        if changed.is_empty() {
            return Ok(());
        }
        Err(Error::Refused(format!(
            "the saved plan is stale: {} since it was made; run `hacc plan` again",
            changed.join(", ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(pairs: &[(&str, &str, Option<&str>)]) -> HostHashes {
        let mut out = HostHashes::new();
        for (host, path, hash) in pairs {
            out.entry(host.to_string())
                .or_default()
                .insert(path.to_string(), hash.map(str::to_string));
        }
        out
    }

    #[test]
    fn a_plan_of_hosts_is_stale_once_a_host_file_moved() {
        let plan = Plan {
            spec_sha256: "s".into(),
            files: Vec::new(),
        };
        let mut saved = SavedPlan::new(&plan, Path::new("/s"), Path::new("/d"), BTreeMap::new());
        let planned = hashes(&[("n1", "/etc/a", Some("aa")), ("n2", "/etc/a", None)]);
        assert!(
            saved.check_hosts(&planned).is_ok(),
            "a lab plan records none"
        );
        saved.hosts = Some(planned.clone());
        assert!(saved.check_hosts(&planned).is_ok());
        let edited = hashes(&[("n1", "/etc/a", Some("bb")), ("n2", "/etc/a", None)]);
        let err = saved.check_hosts(&edited).unwrap_err().to_string();
        assert!(err.contains("`/etc/a` on `n1` changed"), "{err}");
        assert!(!err.contains("n2"), "{err}");
        let appeared = hashes(&[("n1", "/etc/a", Some("aa")), ("n2", "/etc/a", Some("cc"))]);
        let err = saved.check_hosts(&appeared).unwrap_err().to_string();
        assert!(err.contains("`/etc/a` on `n2` changed"), "{err}");
        let json = serde_json::to_string(&saved).unwrap();
        assert!(
            json.contains("\"hosts\":{\"n1\":{\"/etc/a\":\"aa\"},\"n2\":{\"/etc/a\":null}}"),
            "{json}"
        );
    }
}
