//! The front half of the pipeline: source -> parse -> decode -> validate.

use crate::decode::{self, ReadLog};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Checked;
use crate::validate;
use std::path::Path;

/// What checking a spec produced: the model when valid, and every diagnostic sorted by position.
pub struct CheckOutcome {
    pub checked: Option<Checked>,
    pub diagnostics: Vec<Diagnostic>,
}

impl CheckOutcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Checks spec source text alone.
pub fn check_source(source: &str) -> CheckOutcome {
    check_with_log(source, None, None)
}

/// Checks a spec read from a file in `spec_dir`: [`check_source`], and the files it copies
/// must be regular files inside that directory.
pub fn check_spec(source: &str, spec_dir: &Path) -> CheckOutcome {
    check_with_log(source, Some(spec_dir), None)
}

/// Like [`check_source`], recording which schema entries the decoder read.
pub fn check_source_logged(source: &str, log: &ReadLog) -> CheckOutcome {
    check_with_log(source, None, Some(log))
}

fn check_with_log(source: &str, spec_dir: Option<&Path>, log: Option<&ReadLog>) -> CheckOutcome {
    let mut diags = Diagnostics::default();
    let checked = match crate::parse::parse(source) {
        Err(syntax) => {
            diags.extend(syntax);
            None
        }
        Ok(doc) => {
            let cluster = decode::decode(&doc, &mut diags, log);
            // The KDL tree is several times the size of the model: free it before validating.
            drop(doc);
            cluster.and_then(|cluster| validate::validate_in(cluster, spec_dir, &mut diags))
        }
    };
    CheckOutcome {
        checked,
        diagnostics: diags.into_sorted(),
    }
}
