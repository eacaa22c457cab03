//! `hacc status --dir DIR`: the running cluster as Pacemaker sees it.

use crate::live::Compose;
use crate::live::converge::Cluster;
use crate::live::corosync::settings;
use crate::state::{Error, io_error};
use std::path::Path;

pub fn run(dir: &Path) -> i32 {
    match status(dir) {
        Ok(text) => {
            print!("{text}");
            0
        }
        Err(error) => {
            eprintln!("error: {error}");
            1
        }
    }
}

fn status(dir: &Path) -> Result<String, Error> {
    let cluster = cluster_of_dir(dir)?;
    if !cluster.is_running()? {
        return Err(Error::Refused(format!(
            "the cluster of `{}` (compose project `{}`) is not running; start it with `hacc \
             apply SPEC --dir {} --up`",
            dir.display(),
            cluster.compose.project,
            dir.display()
        )));
    }
    Ok(format!(
        "Compose project `{}`\n{}",
        cluster.compose.project,
        cluster.status_text()?
    ))
}

/// The cluster of a directory without its spec: nodes are those of its corosync.conf.
pub fn cluster_of_dir(dir: &Path) -> Result<Cluster, Error> {
    let conf_path = dir.join("corosync.conf");
    let conf = std::fs::read_to_string(&conf_path).map_err(io_error("read", &conf_path))?;
    let names: Vec<String> = settings(&conf)
        .into_iter()
        .filter(|(key, _)| key.starts_with("nodelist.node[") && key.ends_with("].name"))
        .map(|(_, name)| name)
        .collect();
    Ok(Cluster {
        compose: Compose::for_existing_dir(dir)?,
        names,
    })
}
