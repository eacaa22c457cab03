//! `hacc plan --json`: the plan for machines. The schema is `schemas/plan.json`; fields are only
//! ever added within a `format_version`, and removing or changing one bumps it.
//!
//! ```text
//! {
//!   "format_version": 1,             // this schema's version
//!   "hacc_version": "0.1.0",
//!   "spec": "examples/seed/cluster.kdl", "spec_sha256": "<64 hex digits>",
//!   "dir": "deploy/seed",
//!   "changes": true,                 // false exactly when the text output says "No changes."
//!   "summary": {"add": 1, "change": 1, "destroy": 0, "drifted": 1, "conflicting": 0},
//!   "files": [                       // every path apply would touch, sorted; unchanged ones omitted
//!     {"path": "cib.crm",            // relative to `dir`
//!      "action": "change",           // add | change | delete
//!      "blocker": null,              // null | "drifted" | "conflict": needs `--force`
//!      "secret": false,              // true: contents never shown, `diff` is null
//!      "mode": "0644", "old_mode": "0644",   // octal; null when absent
//!      "diff": "@@ -12,7 +12,7 @@\n..."}    // unified diff for changes of non-secret files, else null
//!   ]
//! }
//! ```

use super::diff::unified_hunks;
use super::{Action, Blocker, Plan, Summary};
use crate::state::optional_octal_mode;
use serde::Serialize;
use std::path::Path;

/// Version of the `--json` schema.
pub(super) const JSON_FORMAT: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    format_version: u32,
    hacc_version: &'static str,
    spec: String,
    spec_sha256: &'a str,
    dir: String,
    changes: bool,
    summary: Summary,
    files: Vec<FileReport<'a>>,
}

#[derive(Serialize)]
struct FileReport<'a> {
    path: &'a str,
    action: Action,
    blocker: Option<Blocker>,
    secret: bool,
    #[serde(with = "optional_octal_mode")]
    mode: Option<u32>,
    #[serde(with = "optional_octal_mode")]
    old_mode: Option<u32>,
    diff: Option<String>,
}

/// The plan as pretty-printed JSON, with a final newline.
pub fn json_report(plan: &Plan, spec: &Path, dir: &Path) -> String {
    let summary = plan.summary();
    let files = plan
        .files
        .iter()
        .filter(|f| f.step.is_change())
        .map(|f| {
            let step = &f.step;
            let diff = match (&f.current, &step.contents) {
                (Some(old), Some(new)) if !step.is_secret() => Some(unified_hunks(&old.bytes, new)),
                _ => None,
            };
            FileReport {
                path: &step.path,
                action: step.action,
                blocker: step.blocker,
                secret: step.is_secret(),
                mode: step.mode,
                old_mode: step.old_mode,
                diff,
            }
        })
        .collect();
    let report = Report {
        format_version: JSON_FORMAT,
        hacc_version: env!("CARGO_PKG_VERSION"),
        spec: spec.display().to_string(),
        spec_sha256: &plan.spec_sha256,
        dir: dir.display().to_string(),
        changes: !summary.is_empty(),
        summary,
        files,
    };
    let mut json = serde_json::to_string_pretty(&report).expect("a report always serialises");
    json.push('\n');
    json
}
