//! `hacc import CIB.xml [--corosync corosync.conf] -o spec.kdl`: a spec from an existing
//! cluster's CIB. Every problem is reported with its place in the XML; when any is an error,
//! no spec is written and the exit status is 1.

use super::failure::{Failure, Outcome};
use super::use_color;
use crate::import::{Finding, import, render_findings};
use crate::state::io_error;
use std::io::{IsTerminal, Write};
use std::path::Path;

pub(super) fn run(cib: &Path, corosync: Option<&Path>, output: &Path) -> Outcome {
    let xml = read(cib)?;
    let conf = corosync.map(read).transpose()?;
    if output.exists() {
        return Err(Failure::usage(format!(
            "`{}` exists; `hacc import` does not overwrite a file, remove it or choose another",
            output.display()
        )));
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
        return Err(Failure::refused(format!(
            "`{}` has {errors} thing(s) the spec language cannot carry; no spec written",
            cib.display()
        )));
    }
    let Some(spec) = imported.spec else {
        return Err(Failure::refused(format!(
            "the spec imported from `{}` could not be laid out (a defect of `hacc import`; \
             please report it with the file)",
            cib.display()
        )));
    };
    write_new(output, &spec)
        .map_err(io_error("write", output))
        .map_err(Failure::Usage)?;
    eprintln!("wrote `{}`", output.display());
    Ok(0)
}

fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(io_error("read", path))
        .map_err(Failure::Usage)
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
