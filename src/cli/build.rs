//! `hacc build SPEC -o DIR`: writes every generated file, without plan, manifest or lock.
//!
//! Secrets are not build output: `apply` creates them, so a build directory can be reviewed,
//! diffed and committed without ever holding a key.
//!
//! Files are written in place, without apply's temp file, fsync and rename: a build directory
//! is not state (plan and apply own the manifest and crash safety), and flushing megabytes of
//! output to disk would cost more than compiling it.

use super::load_spec::load_spec;
use crate::plan::Content;
use crate::state::{Error, io_error};
use std::fs::{DirBuilder, OpenOptions, Permissions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
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
            .mode(if mode & 0o077 == 0 { 0o700 } else { 0o755 })
            .create(dir)
            .map_err(io_error("create", dir))?;
    }
    let write = || -> std::io::Result<()> {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(target)?;
        // Set explicitly: the umask, or an older file's mode, must not decide it.
        file.set_permissions(Permissions::from_mode(mode))?;
        file.write_all(bytes)
    };
    write().map_err(io_error("write", target))
}
