//! `hacc graph SPEC [--format svg|dot] [-o FILE]`: the picture of a checked spec, on standard
//! output or written to a file in one piece.

use super::failure::{Failure, Outcome};
use super::load_spec::load_checked;
use crate::graph::{Format, render};
use crate::state::{DeployDir, Error};
use std::io::Write;
use std::path::Path;

pub fn run(spec: &Path, format: Format, output: Option<&Path>) -> Outcome {
    let checked = load_checked(spec)?;
    let text = render(&checked, format);
    match output {
        // A reader sees the old file or the new one, never a part of it.
        Some(path) => write_file(path, text.as_bytes())?,
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|error| {
                Failure::refused(format!(
                    "cannot write the graph to standard output: {error}"
                ))
            })?,
    }
    Ok(0)
}

/// Writes through a temp file and a rename in the file's directory, never through a link.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::Refused(format!("`{}` names no file", path.display())))?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    DeployDir::create(dir)?.write_atomic(&name.to_string_lossy(), bytes, 0o644)
}
