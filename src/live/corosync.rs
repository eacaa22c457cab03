//! corosync.conf changes on a running cluster: which ones `corosync-cfgtool -R` takes at run
//! time and which need corosync restarted, and applying them that way.
//!
//! Timers, logging, quorum options and nodes joining or leaving reload. Link and interface
//! settings, a node's address or id restart corosync one node at a time. Settings every node
//! must share to talk at all (cluster name, transport, crypto, IP version) restart every node
//! together: a node restarted alone with them could not rejoin the others.

use super::transport::{Shell, Target};
use crate::state::Error;
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Duration;

/// Where corosync reads its configuration on a node.
const INSTALLED: &str = "/etc/corosync/corosync.conf";

/// Keys nodes must agree on to form a cluster at all.
const SHARED_KEYS: &[&str] = &[
    "totem.cluster_name",
    "totem.transport",
    "totem.crypto_cipher",
    "totem.crypto_hash",
    "totem.crypto_model",
    "totem.secauth",
    "totem.ip_version",
    "totem.version",
    "totem.knet_compression_model",
];

/// How a corosync.conf change reaches a running cluster, mildest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    /// `corosync-cfgtool -R` after installing the file on every node.
    Reload,
    /// Each node restarted in turn, the next once the cluster is whole again.
    RollingRestart,
    /// Every node stopped, then all started.
    FullRestart,
}

impl Handling {
    pub fn describe(self) -> &'static str {
        match self {
            Handling::Reload => "reload (corosync-cfgtool -R)",
            Handling::RollingRestart => "restart, one node at a time",
            Handling::FullRestart => {
                "restart of every node together (old and new settings cannot talk)"
            }
        }
    }
}

/// The changes between the running corosync.conf and the new one, and how to apply them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorosyncChange {
    pub handling: Handling,
    /// `key old -> new` for each differing setting.
    pub changes: Vec<String>,
}

/// Compares two corosync.conf texts; `None` when their settings are the same.
pub fn classify(running: &str, new: &str) -> Option<CorosyncChange> {
    let (old, new) = (settings(running), settings(new));
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut handling = Handling::Reload;
    let mut changes = Vec::new();
    for key in keys {
        let (before, after) = (old.get(key), new.get(key));
        if before == after {
            continue;
        }
        let show = |v: Option<&String>| v.cloned().unwrap_or_else(|| "(none)".into());
        changes.push(format!("{key} {} -> {}", show(before), show(after)));
        handling = handling.max(key_handling(key, before.is_some() && after.is_some()));
    }
    (!changes.is_empty()).then_some(CorosyncChange { handling, changes })
}

fn key_handling(key: &str, both_sides: bool) -> Handling {
    if SHARED_KEYS.contains(&key) {
        return Handling::FullRestart;
    }
    if key.starts_with("nodelist.node[") {
        // A node added or removed is a reload; an existing node's address or id is not.
        #[allow(
            clippy::case_sensitive_file_extension_comparisons,
            reason = "a key, not a file"
        )]
        let is_name = key.ends_with(".name");
        return if both_sides && !is_name {
            Handling::RollingRestart
        } else {
            Handling::Reload
        };
    }
    if key.starts_with("totem.interface") || key == "totem.link_mode" {
        return Handling::RollingRestart;
    }
    if key.starts_with("quorum.device") || key == "quorum.provider" {
        return Handling::RollingRestart;
    }
    Handling::Reload
}

/// Flattens corosync.conf into `section.key` settings; nodes are keyed by name and
/// interfaces by link number, so reordering them is no change.
pub fn settings(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut path: Vec<String> = Vec::new();
    let mut block: Vec<(String, String)> = Vec::new();
    let mut stack: Vec<Vec<(String, String)>> = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if let Some(name) = line.strip_suffix('{') {
            path.push(name.trim().to_string());
            stack.push(std::mem::take(&mut block));
        } else if line == "}" {
            let name = path.pop().unwrap_or_default();
            let entries = std::mem::replace(&mut block, stack.pop().unwrap_or_default());
            let label = match name.as_str() {
                "node" => entries
                    .iter()
                    .find(|(k, _)| k == "name" || k == "nodeid")
                    .map_or("node".to_string(), |(_, v)| format!("node[{v}]")),
                "interface" => entries
                    .iter()
                    .find(|(k, _)| k == "linknumber")
                    .map_or("interface".to_string(), |(_, v)| format!("interface[{v}]")),
                other => other.to_string(),
            };
            let prefix: Vec<&str> = path
                .iter()
                .map(String::as_str)
                .chain([label.as_str()])
                .collect();
            for (key, value) in entries {
                out.insert(format!("{}.{key}", prefix.join(".")), value);
            }
        } else if let Some((key, value)) = line.split_once(':') {
            block.push((key.trim().to_string(), value.trim().to_string()));
        }
    }
    out
}

/// The corosync.conf a node runs with.
pub fn running_conf(node: &dyn Shell) -> Result<String, Error> {
    node.run_command(&["cat", INSTALLED], None, Duration::from_secs(30))?
        .ok("reading the node's corosync.conf")
}

/// Installs the new configuration on every node, then reloads it cluster-wide.
pub fn reload(target: &dyn Target, nodes: &[Box<dyn Shell>]) -> Result<(), Error> {
    for node in nodes {
        target.install_config(&**node)?;
    }
    let Some(first) = nodes.first() else {
        return Ok(());
    };
    first
        .run_command(&["corosync-cfgtool", "-R"], None, Duration::from_secs(60))?
        .ok("corosync-cfgtool -R")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "totem {\n    version: 2\n    cluster_name: web\n    token: 3000\n    interface {\n        linknumber: 0\n        knet_link_priority: 1\n    }\n}\nnodelist {\n    node {\n        name: a\n        nodeid: 1\n        ring0_addr: 10.0.0.1\n    }\n}\nlogging {\n    debug: off\n}\n";

    fn changed(from: &str, to: &str) -> Option<Handling> {
        classify(BASE, &BASE.replace(from, to)).map(|c| c.handling)
    }

    #[test]
    fn changes_are_classified_by_what_corosync_can_take_at_run_time() {
        assert_eq!(classify(BASE, BASE), None);
        assert_eq!(
            changed("token: 3000", "token: 1000"),
            Some(Handling::Reload)
        );
        assert_eq!(changed("debug: off", "debug: on"), Some(Handling::Reload));
        let added = "    }\n}\nlogging";
        let with_node = "    }\n    node {\n        name: b\n        nodeid: 2\n        ring0_addr: 10.0.0.2\n    }\n}\nlogging";
        assert_eq!(changed(added, with_node), Some(Handling::Reload));
        assert_eq!(
            changed("10.0.0.1", "10.0.0.9"),
            Some(Handling::RollingRestart)
        );
        assert_eq!(
            changed("priority: 1", "priority: 2"),
            Some(Handling::RollingRestart)
        );
        assert_eq!(
            changed("name: web", "name: other"),
            Some(Handling::FullRestart)
        );
        let change = classify(BASE, &BASE.replace("token: 3000", "token: 1000")).unwrap();
        assert_eq!(change.changes, ["totem.token 3000 -> 1000"]);
    }

    #[test]
    fn reordered_nodes_are_no_change() {
        let two =
            "nodelist {\n node {\n name: a\n nodeid: 1\n }\n node {\n name: b\n nodeid: 2\n }\n}\n";
        let swapped =
            "nodelist {\n node {\n name: b\n nodeid: 2\n }\n node {\n name: a\n nodeid: 1\n }\n}\n";
        assert_eq!(classify(two, swapped), None);
        assert_eq!(settings(two)["nodelist.node[b].nodeid"], "2");
    }
}
