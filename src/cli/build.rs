//! `hacc build SPEC -o DIR`: writes every generated file, without plan, manifest or lock.
//!
//! Secrets are not build output: `apply` creates them, so a build directory can be reviewed,
//! diffed and committed without ever holding a key.
//!
//! Files are written in place, without apply's temp file, fsync and rename: a build directory
//! is not state (plan and apply own the manifest and crash safety), and flushing megabytes of
//! output to disk would cost more than compiling it.

use super::load_spec::load_spec;
use crate::apply::{dir_mode_for, write_with_mode};
use crate::plan::Content;
use crate::state::{Error, io_error};
use std::fs::DirBuilder;
use std::os::unix::fs::DirBuilderExt;
use std::path::Path;

pub fn run(spec: &Path, out: &Path) -> i32 {
    let loaded = match load_spec(spec) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    for file in &loaded.files {
        if matches!(file.content, Content::GeneratedSecret) {
            eprintln!(
                "note: {} not written: `hacc apply` creates secrets",
                out.join(&file.path).display()
            );
            continue;
        }
        let target = out.join(&file.path);
        if let Err(error) = write_one(&target, &file.content, file.mode) {
            eprintln!("error: {error}");
            return 1;
        }
        println!("{}", target.display());
    }
    // Every file is written; the process exits next, so the contents need not be freed.
    std::mem::forget(loaded);
    0
}

fn write_one(target: &Path, content: &Content, mode: u32) -> Result<(), Error> {
    match content {
        Content::Bytes(bytes) => write_plain(target, bytes, mode),
        Content::GeneratedSecret => Ok(()),
    }
}

/// Writes `bytes` with exactly `mode`, creating missing parent directories (private ones for
/// files only their owner may read, as apply does).
fn write_plain(target: &Path, bytes: &[u8], mode: u32) -> Result<(), Error> {
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        DirBuilder::new()
            .recursive(true)
            .mode(dir_mode_for(mode))
            .create(dir)
            .map_err(io_error("create", dir))?;
    }
    write_with_mode(target, bytes, mode)
        .map(drop)
        .map_err(io_error("write", target))
}
