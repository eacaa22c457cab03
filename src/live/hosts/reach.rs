//! Where and how hacc logs in to a host: a node's `ssh` block, or its address.

use crate::model;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Where and how to log in to a host, from its node in the spec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reach {
    /// `[user@]host`; the host may be a `Host` of the user's ssh config.
    pub destination: String,
    pub port: Option<u16>,
    /// An absolute private key path; `None` leaves the choice of keys to ssh.
    pub identity: Option<PathBuf>,
}

impl Reach {
    /// The node's `ssh` block, or its first address when it has none; a relative identity is
    /// read from `spec_dir`.
    pub fn of(node: &model::Node, spec_dir: &Path) -> Reach {
        match &node.ssh {
            Some(ssh) => Reach {
                destination: ssh.destination.value.clone(),
                port: ssh.port.as_ref().map(|p| p.value),
                identity: ssh.identity.as_ref().map(|i| {
                    let path = spec_dir.join(&i.value);
                    std::path::absolute(&path).unwrap_or(path)
                }),
            },
            None => Reach {
                destination: node.addresses[0].value.to_string(),
                port: None,
                identity: None,
            },
        }
    }

    /// The user the destination names, if it names one.
    pub fn user(&self) -> Option<&str> {
        self.destination.rsplit_once('@').map(|(user, _)| user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_without_ssh_is_reached_at_its_address() {
        let source = "cluster \"h\" target=\"hosts\" {\n\
            node \"n1\" address=\"192.168.7.11\"\n\
            node \"n2\" address=\"192.168.7.12\" { ssh \"admin@db2\" port=2200 identity=\"k/id\"; }\n\
            node \"n3\" address=\"192.168.7.13\"\n\
            primitive \"fence\" agent=\"stonith:fence_xvm\"\n}\n";
        let checked = crate::pipeline::check_source(source).checked.unwrap();
        let nodes = &checked.cluster().nodes;
        let first = Reach::of(&nodes[0], Path::new("/specs"));
        assert_eq!(
            (first.destination.as_str(), first.user()),
            ("192.168.7.11", None)
        );
        let second = Reach::of(&nodes[1], Path::new("/specs"));
        assert_eq!(
            second,
            Reach {
                destination: "admin@db2".into(),
                port: Some(2200),
                identity: Some("/specs/k/id".into()),
            }
        );
        assert_eq!(second.user(), Some("admin"));
    }
}
