//! `hacc import CIB.xml [--corosync corosync.conf] -o spec.kdl` and `hacc import --dir DIR -o
//! spec.kdl`: a spec from an existing cluster's CIB, given as files or read from the running
//! cluster of a deploy directory. Every problem is reported with its place in the XML; when any
//! is an error, no spec is written and the exit status is 1.

use super::failure::{Failure, Outcome};
use super::use_color;
use crate::import::{Finding, import, render_findings};
use crate::live::transport::Shell;
use crate::state::{Error, io_error};
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Where the CIB (and corosync.conf) come from.
pub(super) enum Source<'a> {
    Files {
        cib: &'a Path,
        corosync: Option<&'a Path>,
    },
    /// The running cluster of a deploy directory, lab or hosts.
    Dir(&'a Path),
}

/// A text to import, the name its findings are shown under, and how messages name it.
struct Named {
    text: String,
    name: String,
    shown: String,
}

pub(super) fn run(source: &Source<'_>, output: &Path) -> Outcome {
    if output.exists() {
        return Err(Failure::usage(format!(
            "`{}` exists; `hacc import` does not overwrite a file, remove it or choose another",
            output.display()
        )));
    }
    let (cib, corosync) = match source {
        Source::Files { cib, corosync } => (read(cib)?, corosync.map(read).transpose()?),
        Source::Dir(dir) => {
            let (cib, corosync) = from_running(dir)?;
            (cib, Some(corosync))
        }
    };
    let imported = import(&cib.text, corosync.as_ref().map(|c| c.text.as_str()));
    let color = use_color(std::io::stderr().is_terminal());
    show(&imported.findings, &cib, color);
    if let Some(corosync) = &corosync {
        show(&imported.corosync_findings, corosync, color);
    }
    if imported.has_errors() {
        let errors = imported
            .findings
            .iter()
            .chain(&imported.corosync_findings)
            .filter(|f| f.diagnostic.is_error())
            .count();
        return Err(Failure::refused(format!(
            "{} has {errors} thing(s) the spec language cannot carry; no spec written",
            cib.shown
        )));
    }
    let Some(spec) = imported.spec else {
        return Err(Failure::refused(format!(
            "the spec imported from {} could not be laid out (a defect of `hacc import`; \
             please report it with the CIB)",
            cib.shown
        )));
    };
    write_new(output, &spec)
        .map_err(io_error("write", output))
        .map_err(Failure::Usage)?;
    eprintln!("wrote `{}`", output.display());
    Ok(0)
}

fn read(path: &Path) -> Result<Named, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(io_error("read", path))
        .map_err(Failure::Usage)?;
    Ok(Named {
        text,
        name: path.display().to_string(),
        shown: format!("`{}`", path.display()),
    })
}

/// The live CIB and corosync.conf of the first node of `dir`'s cluster that answers.
fn from_running(dir: &Path) -> Result<(Named, Named), Failure> {
    let cluster = super::status::recorded_cluster_of_dir(dir)?;
    let mut last = None;
    for node in cluster.nodes()? {
        match texts_of(node.as_ref()) {
            Ok(texts) => return Ok(texts),
            Err(e) => last = Some(e),
        }
    }
    Err(last
        .unwrap_or_else(|| {
            Error::Refused(format!(
                "no node of the cluster of `{}` ({}) runs the cluster stack",
                dir.display(),
                cluster.target.describe()
            ))
        })
        .into())
}

fn texts_of(node: &dyn Shell) -> Result<(Named, Named), Error> {
    let cib = crate::live::cib::query(node)?;
    let conf = crate::live::corosync::running_conf(node)?;
    let name = node.node_name();
    Ok((
        Named {
            text: cib,
            name: format!("live CIB of {name}"),
            shown: format!("the live CIB of `{name}`"),
        },
        Named {
            text: conf,
            name: format!("{name}:/etc/corosync/corosync.conf"),
            shown: format!("`/etc/corosync/corosync.conf` of `{name}`"),
        },
    ))
}

fn show(findings: &[Finding], source: &Named, color: bool) {
    eprint!(
        "{}",
        render_findings(findings, &source.name, &source.text, color)
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
