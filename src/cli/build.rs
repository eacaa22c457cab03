//! `hacc build SPEC -o DIR`: writes every generated file, without plan, manifest or lock.
//!
//! Secrets are not build output: `apply` creates them, so a build directory can be reviewed,
//! diffed and committed without ever holding a key.

use super::load_spec::load_spec;
use crate::apply::write_atomic;
use crate::plan::Content;
use crate::state::Error;
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
    0
}

fn write_one(target: &Path, content: &Content, mode: u32) -> Result<(), Error> {
    match content {
        Content::Bytes(bytes) => write_atomic(target, bytes, mode),
        Content::GeneratedSecret => Ok(()),
    }
}
