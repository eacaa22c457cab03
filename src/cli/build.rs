//! `hacc build SPEC -o DIR`: writes every generated file, without plan, manifest or lock.

use super::load_spec::load_spec;
use crate::apply::{generate_secret, write_atomic};
use crate::plan::Content;
use crate::state::Error;
use std::path::Path;

pub fn run(spec: &Path, out: &Path) -> i32 {
    let loaded = match load_spec(spec) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    for file in &loaded.files {
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
        // A key made once is kept, as apply does: nodes built earlier must still join.
        Content::GeneratedSecret if target.exists() => Ok(()),
        Content::GeneratedSecret => write_atomic(target, &generate_secret()?, mode),
    }
}
