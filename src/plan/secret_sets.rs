//! Secrets that only work together: the fencing certificates are all signed by one CA, whose
//! key apply does not keep, so when one of them must be made anew, all of them are.

use super::PlannedFile;
use crate::model::fencing::CERT_FILES;

/// Turns every kept file of the certificate set into one made anew when another file of the
/// set is. Blockers stay where they were: a set is replaced only when the file that was lost
/// or edited may be (with `--force` when it drifted).
pub(super) fn regenerate_together(files: &mut [PlannedFile]) {
    let in_set = |file: &PlannedFile| CERT_FILES.contains(&file.step.path.as_str());
    if !files
        .iter()
        .any(|file| in_set(file) && file.step.generates_secret())
    {
        return;
    }
    for file in files.iter_mut().filter(|file| in_set(file)) {
        let step = &mut file.step;
        if step.generates_secret() || step.mode.is_none() {
            continue;
        }
        step.action = super::Action::Change;
        step.contents = None;
        step.sha256 = None;
    }
}
