//! `hacc build SPEC -o DIR`: writes every generated file, without plan, manifest or lock.
//!
//! Secrets are not build output: `apply` creates them, so a build directory can be reviewed,
//! diffed and committed without ever holding a key.
//!
//! Files are written in place, without apply's temp file, fsync and rename: a build directory
//! is not state (plan and apply own the manifest and crash safety), and flushing megabytes of
//! output to disk would cost more than compiling it. They are written through a
//! [`DeployDir`] all the same, so a link planted in the directory is refused, not followed.

use super::failure::Outcome;
use super::load_spec::load_spec;
use crate::plan::Content;
use crate::state::DeployDir;
use std::path::Path;

pub(super) fn run(spec: &Path, out: &Path) -> Outcome {
    let loaded = load_spec(spec)?;
    let dir = DeployDir::create(out)?;
    for file in &loaded.files {
        let Content::Bytes(bytes) = &file.content else {
            eprintln!(
                "note: {} not written: `hacc apply` creates secrets",
                out.join(&file.path).display()
            );
            continue;
        };
        dir.write_in_place(&file.path, bytes, file.mode)?;
        println!("{}", out.join(&file.path).display());
    }
    // Every file is written; the process exits next, so the contents need not be freed.
    std::mem::forget(loaded);
    Ok(0)
}
