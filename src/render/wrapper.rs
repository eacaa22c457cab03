//! Start wrappers: tiny scripts that `exec` a command, staged under `files/`.

use super::staging::staged_files;
use super::{Artifact, RenderError, templates};
use crate::model::Checked;
use serde::Serialize;

#[derive(Serialize)]
struct Context<'a> {
    header: &'static str,
    command: Vec<&'a str>,
    /// Quoted arguments hold `$`, backticks, backslashes or typographic quotes on purpose;
    /// shellcheck is told so, as its notes about them assume hand-written code.
    literal_note: bool,
}

pub(super) fn render(checked: &Checked) -> Result<Vec<Artifact>, RenderError> {
    let image = &checked.cluster().image;
    // Wrappers follow the copies in the staging order.
    let staged = staged_files(image).into_iter().skip(image.copies.len());
    staged
        .zip(&image.wrappers)
        .map(|(file, wrapper)| {
            let command: Vec<&str> = wrapper.command.iter().map(|w| w.value.as_str()).collect();
            let context = Context {
                header: super::HEADER,
                literal_note: command.iter().any(|w| !w.chars().all(plain)),
                command,
            };
            templates::script(&file.staged, "wrapper.sh.j2", context)
        })
        .collect()
}

/// Characters no shellcheck note is about.
fn plain(c: char) -> bool {
    c.is_ascii_alphanumeric() || " /._,:=@%+-".contains(c)
}
