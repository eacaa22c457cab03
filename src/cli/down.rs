//! `hacc down --dir DIR`: removes the cluster's containers and network, keeping every file.

use super::failure::Outcome;
use super::status::lab_of_dir;
use crate::state::Error;
use std::path::Path;

pub(super) fn run(dir: &Path) -> Outcome {
    down(dir)?;
    Ok(0)
}

fn down(dir: &Path) -> Result<(), Error> {
    let compose = lab_of_dir(dir)?.compose;
    compose.down()?;
    compose.forget()?;
    println!(
        "Removed the containers and network of compose project `{}`; the files in `{}` stay.",
        compose.project,
        dir.display()
    );
    Ok(())
}
