//! `hacc import CIB.xml [--corosync corosync.conf] -o spec.kdl`: a spec from an existing
//! cluster's CIB. Every problem is reported with its place in the XML; when any is an error,
//! no spec is written and the exit status is 1.

use super::{EXIT_USAGE, use_color};
use crate::import::{Finding, import, render_findings};
use std::io::{IsTerminal, Write};
use std::path::Path;

pub fn run(cib: &Path, corosync: Option<&Path>, output: &Path) -> i32 {
    let Some(xml) = read(cib) else {
        return EXIT_USAGE;
    };
    let conf = match corosync {
        Some(path) => match read(path) {
            Some(text) => Some(text),
            None => return EXIT_USAGE,
        },
        None => None,
    };
    if output.exists() {
        eprintln!(
            "error: `{}` exists; `hacc import` does not overwrite a file, remove it or choose \
             another",
            output.display()
        );
        return EXIT_USAGE;
    }
    let imported = import(&xml, conf.as_deref());
    let color = use_color(std::io::stderr().is_terminal());
    show(&imported.findings, cib, &xml, color);
    if let (Some(path), Some(text)) = (corosync, conf.as_deref()) {
        show(&imported.corosync_findings, path, text, color);
    }
    if imported.has_errors() {
        let errors = imported
            .findings
            .iter()
            .chain(&imported.corosync_findings)
            .filter(|f| f.diagnostic.is_error())
            .count();
        eprintln!(
            "error: `{}` has {errors} thing(s) the spec language cannot carry; no spec written",
            cib.display()
        );
        return 1;
    }
    let Some(spec) = imported.spec else {
        eprintln!(
            "error: the spec imported from `{}` could not be laid out (a defect of `hacc \
             import`; please report it with the file)",
            cib.display()
        );
        return 1;
    };
    match write_new(output, &spec) {
        Ok(()) => {
            eprintln!("wrote `{}`", output.display());
            0
        }
        Err(error) => {
            eprintln!("error: cannot write `{}`: {error}", output.display());
            EXIT_USAGE
        }
    }
}

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path)
        .map_err(|error| eprintln!("error: cannot read `{}`: {error}", path.display()))
        .ok()
}

fn show(findings: &[Finding], path: &Path, source: &str, color: bool) {
    eprint!(
        "{}",
        render_findings(findings, &path.display().to_string(), source, color)
    );
}

/// Writes through a temp file beside the target and a rename that refuses to replace an
/// existing file, so a crash leaves no partial spec and a file that appeared meanwhile stays.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.hacc-import-tmp"));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        // A hard link fails when the target exists, unlike a rename.
        std::fs::hard_link(&temp, path)
    })();
    let _ = std::fs::remove_file(&temp);
    result
}
