//! `hacc graph SPEC [--format svg|dot] [-o FILE]`: the picture of a checked spec, on standard
//! output or written to a file in one piece.

use super::load_spec::load_checked;
use crate::apply::write_atomic;
use crate::graph::{Format, render};
use std::io::Write;
use std::path::Path;

pub fn run(spec: &Path, format: Format, output: Option<&Path>) -> i32 {
    let checked = match load_checked(spec) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    let text = render(&checked, format);
    match output {
        // A reader sees the old file or the new one, never a part of it.
        Some(path) => match write_atomic(path, text.as_bytes(), 0o644) {
            Ok(()) => 0,
            Err(error) => {
                eprintln!("error: {error}");
                1
            }
        },
        None => match std::io::stdout().lock().write_all(text.as_bytes()) {
            Ok(()) => 0,
            Err(error) => {
                eprintln!("error: cannot write the graph to standard output: {error}");
                1
            }
        },
    }
}
