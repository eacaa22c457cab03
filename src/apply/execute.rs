//! Carrying out a plan's steps in a locked directory.

use super::{generate_certificates, generate_secret, hooks};
use crate::model::fencing::CERT_FILES;
use crate::plan::{Action, Step, blocked_message};
use crate::state::{DeployDir, DirLock, Error, MANIFEST_PATH, ManagedFile, Manifest, sha256_hex};
use std::collections::BTreeMap;
use std::path::Path;

/// What an apply did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub added: usize,
    pub changed: usize,
    pub destroyed: usize,
}

/// One step with the bytes to write resolved (secrets generated) and the file's managed state
/// afterwards (`None` once deleted).
struct Resolved<'a> {
    step: &'a Step,
    bytes: Option<Vec<u8>>,
    after: Option<ManagedFile>,
}

/// Applies `steps` to `dir`, whose lock the caller holds, writing through the lock's handle on
/// it. Refuses blocked steps without `force`. Temp files left by a crashed apply are removed
/// first. The manifest lists every pending change before the first file is touched and is
/// rewritten once all are in place, so an interrupted apply can be told apart from user edits.
/// With nothing to do, the manifest is rewritten only if it is out of date, so a repeated
/// apply touches no file.
pub fn execute(
    lock: &DirLock,
    dir: &Path,
    spec_sha256: &str,
    steps: &[Step],
    force: bool,
) -> Result<Applied, Error> {
    if let Some(refusal) = blocked_message(steps, dir).filter(|_| !force) {
        return Err(Error::Refused(refusal));
    }
    let deploy = lock.dir();
    let recorded = Manifest::load(dir)?;
    let known = recorded
        .iter()
        .flat_map(|m| m.files.keys().chain(m.pending.keys()))
        .chain(steps.iter().map(|s| &s.path));
    deploy.remove_leftover_temps(known.map(String::as_str))?;
    let before = match recorded {
        Some(manifest) => Some(manifest.settle(dir)?),
        None => None,
    };
    let certificates = new_certificates(steps)?;
    let resolved = steps
        .iter()
        .map(|step| resolve(step, certificates.as_ref()))
        .collect::<Result<Vec<_>, _>>()?;
    let after_files: BTreeMap<String, ManagedFile> = resolved
        .iter()
        .filter_map(|r| Some((r.step.path.clone(), r.after.clone()?)))
        .collect();
    let changes: Vec<&Resolved> = resolved.iter().filter(|r| r.step.is_change()).collect();
    let finished = Manifest::new(spec_sha256, after_files);
    if changes.is_empty() {
        if before.as_ref() != Some(&finished) {
            save_manifest(deploy, &finished)?;
        }
        return Ok(Applied::default());
    }

    let mut journal = Manifest::new(spec_sha256, before.map(|m| m.files).unwrap_or_default());
    journal.pending = changes
        .iter()
        .map(|r| (r.step.path.clone(), r.after.clone()))
        .collect();
    save_manifest(deploy, &journal)?;

    let mut applied = Applied::default();
    for (done, change) in changes.iter().enumerate() {
        let target = change.step.path.as_str();
        match (&change.bytes, &change.after) {
            (_, None) => {
                hooks::crash_point(done);
                deploy.remove_file(target)?;
            }
            (Some(bytes), Some(after)) => {
                let temp = deploy.write_temp(target, bytes, after.mode)?;
                hooks::crash_point(done);
                temp.commit()?;
            }
            (None, Some(after)) => {
                hooks::crash_point(done);
                deploy.set_mode(target, after.mode)?;
            }
        }
        *match change.step.action {
            Action::Add => &mut applied.added,
            Action::Delete => &mut applied.destroyed,
            Action::Change | Action::Keep => &mut applied.changed,
        } += 1;
    }
    hooks::crash_point(changes.len());
    save_manifest(deploy, &finished)?;
    Ok(applied)
}

/// A new set of fencing certificates when the steps make one: all its files or none, since
/// each is signed by the one CA.
fn new_certificates(steps: &[Step]) -> Result<Option<Certificates>, Error> {
    let generated = |path: &&&str| {
        steps
            .iter()
            .any(|s| s.path == **path && s.generates_secret())
    };
    match CERT_FILES.iter().filter(generated).count() {
        0 => Ok(None),
        n if n == CERT_FILES.len() => Ok(Some(generate_certificates()?)),
        _ => Err(Error::Refused(
            "the plan makes only some of the fencing certificates; they are made together: \
             plan again"
                .into(),
        )),
    }
}

type Certificates = BTreeMap<&'static str, Vec<u8>>;

fn resolve<'a>(step: &'a Step, certificates: Option<&Certificates>) -> Result<Resolved<'a>, Error> {
    let certificate = certificates.and_then(|set| set.get(step.path.as_str()));
    let bytes = match (step.action, &step.contents) {
        (Action::Add | Action::Change, Some(contents)) => Some(contents.clone()),
        _ if step.generates_secret() => match certificate {
            Some(contents) => Some(contents.clone()),
            None => Some(generate_secret()?),
        },
        _ => None,
    };
    let after = match step.mode {
        Some(mode) if step.action != Action::Delete => {
            let sha256 = bytes
                .as_deref()
                .map(sha256_hex)
                .or_else(|| step.sha256.clone())
                .ok_or_else(|| {
                    Error::Refused(format!("the plan has no contents for `{}`", step.path))
                })?;
            Some(ManagedFile { sha256, mode })
        }
        _ => None,
    };
    Ok(Resolved { step, bytes, after })
}

fn save_manifest(dir: &DeployDir, manifest: &Manifest) -> Result<(), Error> {
    dir.write_atomic(MANIFEST_PATH, manifest.to_json().as_bytes(), 0o644)
}
