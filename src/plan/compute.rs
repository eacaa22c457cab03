//! Computing a plan: desired files against the directory and the manifest of the last apply.

use super::{
    Action, Blocker, Content, DesiredFile, MIN_KEY_BYTES, OnDisk, Step, Summary, read_current,
};
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
    // Each path with what is on disk and, when they differ from it, the contents to write.
    let mut read = Vec::new();
    for path in paths {
        let current = read_current(dir, path)?;
        let new_bytes = match wanted.get(path) {
            Some(DesiredFile {
                content: Content::Bytes(bytes),
                ..
            }) if current.as_ref().is_none_or(|(old, _)| old != bytes) => Some(bytes.as_slice()),
            _ => None,
        };
        read.push((path, current, new_bytes));
    }
    // Every file on disk is hashed, and so are the new contents of each file to write; at
    // scale that is most of a plan's own work, so it is shared out over two threads.
    let mut jobs: Vec<&[u8]> = Vec::new();
    for (_, current, new_bytes) in &read {
        jobs.extend(current.as_ref().map(|(bytes, _)| bytes.as_slice()));
        jobs.extend(*new_bytes);
    }
    let mut hashes = hash_all(&jobs).into_iter();
    let mut files = Vec::new();
    for (path, current, new_bytes) in read {
        let rewritten = new_bytes.is_some();
        // In the order the jobs were listed: the file on disk, then its new contents.
        let current = current.map(|(bytes, mode)| OnDisk {
            sha256: hashes.next().expect("a hash per file read"),
            bytes,
            mode,
        });
        let new_sha256 = rewritten.then(|| hashes.next().expect("a hash per new content"));
        let step = match wanted.get(path) {
            Some(want) => plan_desired(want, managed.get(path), current.as_ref(), new_sha256),
            None => match &current {
                Some(current) => plan_delete(path, &managed[path], current),
                // Already gone: it just drops out of the manifest.
                None => continue,
            },
        };
        files.push(PlannedFile { step, current });
    }
    super::secret_sets::regenerate_together(&mut files);
    Ok(Plan {
        spec_sha256: spec_sha256.to_string(),
        files,
    })
}

/// The SHA-256 of each of `contents`, in order, hashed on two threads: the largest on one,
/// the rest on the other, or split by size when there are several large ones.
fn hash_all(contents: &[&[u8]]) -> Vec<String> {
    let total: usize = contents.iter().map(|c| c.len()).sum();
    // Below this a thread costs more than it saves.
    if total < 1 << 20 {
        return contents.iter().map(|c| sha256_hex(c)).collect();
    }
    let mut by_size: Vec<usize> = (0..contents.len()).collect();
    by_size.sort_by_key(|&i| std::cmp::Reverse(contents[i].len()));
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    let (mut my_load, mut their_load) = (0, 0);
    for i in by_size {
        if my_load <= their_load {
            my_load += contents[i].len();
            mine.push(i);
        } else {
            their_load += contents[i].len();
            theirs.push(i);
        }
    }
    let hash = |list: &[usize]| -> Vec<(usize, String)> {
        list.iter().map(|&i| (i, sha256_hex(contents[i]))).collect()
    };
    let (theirs, mine) = crate::parallel::join(|| hash(&theirs), || hash(&mine));
    let mut hashes = vec![String::new(); contents.len()];
    for (i, hash) in mine.into_iter().chain(theirs) {
        hashes[i] = hash;
    }
    hashes
}

/// `new_sha256` is the hash of the desired contents when they differ from what is on disk.
fn plan_desired(
    want: &DesiredFile,
    managed: Option<&ManagedFile>,
    current: Option<&OnDisk>,
    new_sha256: Option<String>,
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
        step.sha256 = new_sha256;
    };
    let Some(current) = current else {
        changed(&mut step);
        // A managed secret that is gone was deleted by hand: a new key would split the nodes
        // still running with the old one from those started with the new.
        if new_bytes.is_none() && managed.is_some() {
            step.blocker = Some(Blocker::Drifted);
        }
        return step;
    };
    if new_bytes.is_none() && !secret_kept(managed, current) {
        // Replaced, cut short or emptied: a new key is generated at apply, with `--force`.
        step.action = Action::Change;
        step.blocker = Some(match managed {
            Some(_) => Blocker::Drifted,
            None => Blocker::Conflict,
        });
        return step;
    }
    // A secret as hacc left it (or one put there and long enough to use) is kept; so is a file
    // already right (one left by `hacc build` or by an interrupted apply is adopted without
    // being rewritten).
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

/// Whether a secret on disk is kept: corosync can read it, and it is the one the last apply
/// recorded (compared by hash), or one hacc never recorded, which it adopts.
fn secret_kept(managed: Option<&ManagedFile>, current: &OnDisk) -> bool {
    current.bytes.len() >= MIN_KEY_BYTES && managed.is_none_or(|m| m.sha256 == current.sha256)
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
