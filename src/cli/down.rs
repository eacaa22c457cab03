//! `hacc down --dir DIR`: removes the cluster's containers and network, keeping every file.

use super::status::lab_of_dir;
use crate::state::Error;
use std::path::Path;

pub fn run(dir: &Path) -> i32 {
    match down(dir) {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("error: {error}");
            1
        }
    }
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
