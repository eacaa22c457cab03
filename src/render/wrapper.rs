//! Start wrappers: tiny scripts that `exec` a command, staged under `files/`.

use super::staging::staged_files;
use super::{Artifact, RenderError, templates};
use crate::model::Checked;
use serde::Serialize;

#[derive(Serialize)]
struct Context<'a> {
    header: String,
    command: Vec<&'a str>,
}

pub fn render(checked: &Checked) -> Result<Vec<Artifact>, RenderError> {
    let image = &checked.cluster().image;
    // Wrappers follow the copies in the staging order.
    let staged = staged_files(image).into_iter().skip(image.copies.len());
    staged
        .zip(&image.wrappers)
        .map(|(file, wrapper)| {
            let context = Context {
                header: super::header(checked),
                command: wrapper.command.iter().map(|w| w.value.as_str()).collect(),
            };
            templates::script(&file.staged, "wrapper.sh.j2", context)
        })
        .collect()
}
