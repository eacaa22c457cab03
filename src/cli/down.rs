//! `hacc down --dir DIR`: removes the cluster's containers and network, keeping every file.
//! Only a Docker lab is taken down: a directory whose cluster runs on hosts is refused, since
//! stopping a production stack is not what removing a lab means.

use super::failure::Outcome;
use super::status::lab_of_dir;
use crate::live::hosts::record::HostsRecord;
use crate::state::Error;
use std::path::Path;

pub(super) fn run(dir: &Path) -> Outcome {
    down(dir)?;
    Ok(0)
}

fn down(dir: &Path) -> Result<(), Error> {
    if let Some(record) = HostsRecord::load(dir)? {
        return Err(on_hosts(dir, &record));
    }
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

fn on_hosts(dir: &Path, record: &HostsRecord) -> Error {
    let hosts: Vec<String> = record
        .hosts
        .iter()
        .map(|(name, host)| format!("{name} ({})", host.reach.destination))
        .collect();
    Error::Refused(format!(
        "the cluster of `{}` runs on hosts ({}), not in a Docker lab; `hacc down` only removes \
         a lab and never stops a cluster on hosts; nothing was changed. To take a host out of \
         the cluster, remove it from the spec and apply",
        dir.display(),
        hosts.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_of_hosts_is_refused_and_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let record = r#"{"format_version": 1, "cluster": "prod", "hosts": {"node1":
            {"reach": {"destination": "root@192.0.2.11", "port": null, "identity": null},
             "files": {}}}}"#;
        std::fs::create_dir(dir.path().join(".hacc")).unwrap();
        std::fs::write(dir.path().join(".hacc/hosts.json"), record).unwrap();
        let refused = down(dir.path()).unwrap_err().to_string();
        assert!(
            refused.contains("runs on hosts (node1 (root@192.0.2.11))")
                && refused.contains("nothing was changed"),
            "{refused}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".hacc/hosts.json")).unwrap(),
            record
        );
    }
}
