//! `hacc status --dir DIR`: the running cluster as Pacemaker sees it.

use super::failure::Outcome;
use crate::live::converge::LiveCluster;
use crate::live::corosync::settings;
use crate::live::lab::Lab;
use crate::state::Error;
use std::path::Path;

pub(super) fn run(dir: &Path) -> Outcome {
    print!("{}", status(dir)?);
    Ok(0)
}

fn status(dir: &Path) -> Result<String, Error> {
    if let Some(record) = crate::live::hosts::record::HostsRecord::load(dir)? {
        return super::on_hosts::status(dir, &record);
    }
    let cluster = running_cluster_of_dir(dir)?;
    Ok(format!(
        "Compose project `{}`\n{}",
        cluster.target.name(),
        cluster.status_text()?
    ))
}

/// The cluster of a directory on either target (the hosts its record names, or its lab),
/// without its spec: only to be read from.
pub(super) fn recorded_cluster_of_dir(dir: &Path) -> Result<LiveCluster, Error> {
    match crate::live::hosts::record::HostsRecord::load(dir)? {
        Some(record) => Ok(super::on_hosts::recorded_cluster(dir, &record)),
        None => running_cluster_of_dir(dir),
    }
}

/// The cluster of a directory, which must be running.
pub(super) fn running_cluster_of_dir(dir: &Path) -> Result<LiveCluster, Error> {
    let cluster = cluster_of_dir(dir)?;
    if !cluster.is_running()? {
        return Err(Error::Refused(format!(
            "the cluster of `{}` ({}) is not running; start it with `hacc apply SPEC --dir {} \
             --up`",
            dir.display(),
            cluster.target.describe(),
            dir.display()
        )));
    }
    Ok(cluster)
}

/// The cluster of a directory without its spec.
pub(super) fn cluster_of_dir(dir: &Path) -> Result<LiveCluster, Error> {
    Ok(lab_of_dir(dir)?.cluster())
}

/// The lab cluster of a directory without its spec: nodes are those of its corosync.conf.
pub(super) fn lab_of_dir(dir: &Path) -> Result<Lab, Error> {
    let conf_path = dir.join("corosync.conf");
    let conf = crate::live::identity::read_small(dir, "corosync.conf")?
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .ok_or_else(|| Error::Refused(format!("cannot read `{}`", conf_path.display())))?;
    let names: Vec<String> = settings(&conf)
        .into_iter()
        .filter(|(key, _)| key.starts_with("nodelist.node[") && key.ends_with("].name"))
        .map(|(_, name)| name)
        .collect();
    Lab::for_existing_dir(dir, names)
}
