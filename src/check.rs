//! The front half of the pipeline: source -> parse -> decode -> validate.

use crate::decode::{self, ReadLog};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Checked;
use crate::validate;

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

/// Checks spec source text. `source_name` is the spec's file name as the user gave it.
pub fn check_source(source: &str, source_name: &str) -> CheckOutcome {
    check_with_log(source, source_name, None)
}

/// Like [`check_source`], recording which schema entries the decoder read.
pub fn check_source_logged(source: &str, source_name: &str, log: &ReadLog) -> CheckOutcome {
    check_with_log(source, source_name, Some(log))
}

fn check_with_log(source: &str, source_name: &str, log: Option<&ReadLog>) -> CheckOutcome {
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
            cluster.and_then(|cluster| validate::validate(cluster, source_name, &mut diags))
        }
    };
    CheckOutcome {
        checked,
        diagnostics: diags.into_sorted(),
    }
}
