//! The files the image copies: each names a regular file inside the spec's directory. Without
//! the directory (a spec checked as text alone) only a source naming no file is caught.

use super::text::{problem, settled};
use crate::diagnostic::{self as diag, Diagnostics};
use crate::limits::copy_source::{names_no_file, resolve};
use crate::limits::paths;
use crate::model::Image;
use std::path::Path;

pub(super) fn check(image: &Image, spec_dir: Option<&Path>, diags: &mut Diagnostics) {
    for copy in &image.copies {
        let source = &copy.source;
        // An absolute or `..` source is already reported as leaving the directory.
        if settled(diags, source) || paths::copy_source(source).is_some() {
            continue;
        }
        let why = match spec_dir {
            Some(dir) => resolve(dir, source).err(),
            None => names_no_file(source).map(str::to_string),
        };
        if let Some(why) = why {
            diags.push(
                problem(&diag::COPY_SOURCE, "copy source", source, &why)
                    .label("not a file in the spec's directory")
                    .help(
                        "name a regular file inside the spec's directory, relative to the spec, \
                         e.g. \"app/app.py\"",
                    ),
            );
        }
    }
}
