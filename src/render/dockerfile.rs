//! The node image: `Dockerfile` and the `.dockerignore` that keeps secrets out of its context.

use super::compose::manages_addresses;
use super::staging::{Staged, staged_files};
use super::{Artifact, RenderError, templates};
use crate::model::Checked;
use serde::Serialize;

/// What address agents (`IPaddr2` and the like) run: `ip`. Debian's resource-agents only
/// recommends it, and the image installs without recommends.
const ADDRESS_TOOLS: &str = "iproute2";
/// What the `fencing` device runs: `fence_docker`.
const FENCE_AGENTS: &str = "fence-agents";

/// Where staged files sit inside the image until they are installed at their paths.
const IMAGE_STAGING_DIR: &str = "/usr/local/share/hacc/files";

#[derive(Serialize)]
struct Context<'a> {
    header: &'static str,
    base: &'a str,
    packages: Vec<&'a str>,
    staged: Vec<StagedInImage>,
}

#[derive(Serialize)]
struct StagedInImage {
    image_source: String,
    dest: String,
    executable: bool,
}

impl From<Staged> for StagedInImage {
    fn from(file: Staged) -> Self {
        let name = file.staged.rsplit('/').next().unwrap_or_default();
        StagedInImage {
            image_source: format!("{IMAGE_STAGING_DIR}/{name}"),
            dest: file.dest,
            executable: file.executable,
        }
    }
}

pub(super) fn render(checked: &Checked) -> Result<Vec<Artifact>, RenderError> {
    let image = &checked.cluster().image;
    let mut packages: Vec<&str> = image.packages.iter().map(|p| p.value.as_str()).collect();
    if manages_addresses(checked.cluster()) && !packages.contains(&ADDRESS_TOOLS) {
        packages.push(ADDRESS_TOOLS);
    }
    if checked.cluster().fencing.is_some() && !packages.contains(&FENCE_AGENTS) {
        packages.push(FENCE_AGENTS);
    }
    let context = Context {
        header: super::HEADER,
        base: &image.base,
        packages,
        staged: staged_files(image).into_iter().map(Into::into).collect(),
    };
    Ok(vec![
        templates::file("Dockerfile", "Dockerfile.j2", &context)?,
        templates::file(".dockerignore", "dockerignore.j2", &context)?,
    ])
}
