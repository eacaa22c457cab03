//! `.hacc/hosts.json`: the hosts of a deploy directory and what hacc last wrote on each (the
//! SHA-256 of every file, never a secret's bytes). A host file that differs from it was edited
//! there by hand: drift. `status --dir` also finds the hosts through it.

use super::Reach;
use crate::state::{DeployDir, Error, STATE_DIR};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const RECORD_FILE: &str = "hosts.json";
const FORMAT: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostsRecord {
    pub format_version: u32,
    pub cluster: String,
    /// By node name.
    pub hosts: BTreeMap<String, RecordedHost>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedHost {
    pub reach: Reach,
    /// Path on the host -> SHA-256 of what hacc wrote there.
    pub files: BTreeMap<String, String>,
}

fn rel() -> String {
    format!("{STATE_DIR}/{RECORD_FILE}")
}

impl HostsRecord {
    pub fn new(cluster: &str) -> HostsRecord {
        HostsRecord {
            format_version: FORMAT,
            cluster: cluster.to_string(),
            hosts: BTreeMap::new(),
        }
    }

    /// The record of `dir`; `None` when no apply has written one.
    pub fn load(dir: &Path) -> Result<Option<HostsRecord>, Error> {
        let Some(bytes) = crate::live::identity::read_small(dir, &rel())? else {
            return Ok(None);
        };
        let corrupt = |message: String| Error::Corrupt {
            path: dir.join(rel()),
            what: "record of the hosts",
            message,
        };
        let record: HostsRecord =
            serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
        if record.format_version != FORMAT {
            return Err(corrupt(format!(
                "format version {} is not {FORMAT}",
                record.format_version
            )));
        }
        Ok(Some(record))
    }

    /// Written whole or not at all.
    pub fn save(&self, dir: &Path) -> Result<(), Error> {
        let mut json = serde_json::to_string_pretty(self).expect("a record always serialises");
        json.push('\n');
        DeployDir::create(dir)?.write_atomic(&rel(), json.as_bytes(), 0o644)
    }

    /// What hacc last wrote at `path` on `host`.
    pub fn written(&self, host: &str, path: &str) -> Option<&str> {
        self.hosts.get(host)?.files.get(path).map(String::as_str)
    }

    /// Records `files` as written on `host`, reached by `reach`.
    pub fn wrote(&mut self, host: &str, reach: &Reach, files: BTreeMap<String, String>) {
        let entry = self
            .hosts
            .entry(host.to_string())
            .or_insert_with(|| RecordedHost {
                reach: reach.clone(),
                files: BTreeMap::new(),
            });
        entry.reach = reach.clone();
        entry.files.extend(files);
    }

    /// Forgets `host`, which left the cluster.
    pub fn forget(&mut self, host: &str) {
        self.hosts.remove(host);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_round_trips_and_a_damaged_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(HostsRecord::load(dir.path()).unwrap(), None);
        let reach = Reach {
            destination: "root@10.0.0.1".into(),
            port: Some(2222),
            identity: None,
        };
        let mut record = HostsRecord::new("web");
        record.wrote(
            "n1",
            &reach,
            BTreeMap::from([("/etc/corosync/authkey".to_string(), "ab".to_string())]),
        );
        record.wrote(
            "n1",
            &reach,
            BTreeMap::from([("/etc/x".to_string(), "cd".to_string())]),
        );
        record.save(dir.path()).unwrap();
        let loaded = HostsRecord::load(dir.path()).unwrap().unwrap();
        assert_eq!(loaded, record);
        assert_eq!(loaded.written("n1", "/etc/corosync/authkey"), Some("ab"));
        assert_eq!(loaded.written("n1", "/etc/x"), Some("cd"));
        assert_eq!(loaded.written("n2", "/etc/x"), None);
        let mut left = loaded.clone();
        left.forget("n1");
        assert!(left.hosts.is_empty() && left.written("n1", "/etc/x").is_none());
        std::fs::write(dir.path().join(".hacc/hosts.json"), "{").unwrap();
        let err = HostsRecord::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("hosts.json"), "{err}");
    }
}
