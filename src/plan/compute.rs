//! Computing a plan: desired files against the directory and the manifest of the last apply.

use super::{Action, Blocker, Content, DesiredFile, OnDisk, Step, Summary, read_current};
use crate::state::{Error, ManagedFile, Manifest, sha256_hex};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A step with what is on disk now, for showing diffs.
#[derive(Debug, Clone)]
pub struct PlannedFile {
    pub step: Step,
    pub current: Option<OnDisk>,
}

/// Everything apply would do to a directory, one entry per desired or managed path, by path.
#[derive(Debug, Clone)]
pub struct Plan {
    pub spec_sha256: String,
    pub files: Vec<PlannedFile>,
}

impl Plan {
    pub fn steps(&self) -> Vec<Step> {
        self.files.iter().map(|f| f.step.clone()).collect()
    }

    /// Counted in place: cloning the steps would copy every changed file's contents.
    pub fn summary(&self) -> Summary {
        Summary::of(self.files.iter().map(|f| &f.step))
    }
}

/// Plans the way from what is in `dir` to `desired`. Managed files are those in the manifest
/// (with an interrupted apply settled); any other file is left alone unless it sits on a
/// desired path with other contents, which is a conflict.
pub fn compute(dir: &Path, desired: &[DesiredFile], spec_sha256: &str) -> Result<Plan, Error> {
    let managed = match Manifest::load(dir)? {
        Some(manifest) => manifest.settle(dir)?.files,
        None => BTreeMap::new(),
    };
    let wanted: BTreeMap<&str, &DesiredFile> =
        desired.iter().map(|f| (f.path.as_str(), f)).collect();
    let paths: BTreeSet<&str> = wanted
        .keys()
        .copied()
        .chain(managed.keys().map(String::as_str))
        .collect();
    let mut files = Vec::new();
    for path in paths {
        let current = read_current(dir, path)?;
        let step = match wanted.get(path) {
            Some(want) => plan_desired(want, managed.get(path), current.as_ref()),
            None => match &current {
                Some(current) => plan_delete(path, &managed[path], current),
                // Already gone: it just drops out of the manifest.
                None => continue,
            },
        };
        files.push(PlannedFile { step, current });
    }
    Ok(Plan {
        spec_sha256: spec_sha256.to_string(),
        files,
    })
}

fn plan_desired(
    want: &DesiredFile,
    managed: Option<&ManagedFile>,
    current: Option<&OnDisk>,
) -> Step {
    let new_bytes = match &want.content {
        Content::Bytes(bytes) => Some(bytes),
        Content::GeneratedSecret => None,
    };
    let mut step = Step {
        path: want.path.clone(),
        action: Action::Add,
        blocker: None,
        mode: Some(want.mode),
        old_mode: current.map(|c| c.mode),
        contents: None,
        sha256: None,
    };
    // Hashed and copied only when they will be written: most files of a large spec are kept.
    let changed = |step: &mut Step| {
        step.contents = new_bytes.cloned();
        step.sha256 = new_bytes.map(|b| sha256_hex(b));
    };
    let Some(current) = current else {
        changed(&mut step);
        return step;
    };
    // A secret that exists is kept whatever it holds; so is a file already right (one left by
    // `hacc build` or by an interrupted apply is adopted without being rewritten).
    if new_bytes.is_none_or(|bytes| *bytes == current.bytes) {
        step.sha256 = Some(current.sha256.clone());
        step.action = if current.mode == want.mode {
            Action::Keep
        } else {
            Action::Change
        };
        return step;
    }
    changed(&mut step);
    step.action = Action::Change;
    step.blocker = match managed {
        Some(managed) if managed.sha256 == current.sha256 => None,
        Some(_) => Some(Blocker::Drifted),
        None => Some(Blocker::Conflict),
    };
    step
}

fn plan_delete(path: &str, managed: &ManagedFile, current: &OnDisk) -> Step {
    Step {
        path: path.to_string(),
        action: Action::Delete,
        blocker: (managed.sha256 != current.sha256).then_some(Blocker::Drifted),
        mode: None,
        old_mode: Some(current.mode),
        contents: None,
        sha256: None,
    }
}
