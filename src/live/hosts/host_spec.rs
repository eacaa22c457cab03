//! What a spec of the hosts target wants on every host: its nodes and how to reach them, the
//! packages, and the files (corosync's configuration and key, the image block's copies), taken
//! from the deploy directory's built outputs so that hosts get exactly what `build` shows.

use super::converge::{AUTHKEY, COROSYNC_CONF, packages};
use super::{Reach, SshHost};
use crate::model::Checked;
use crate::state::sha256_hex;
use std::path::Path;

/// The hosts part of a spec, kept once the model is gone.
#[derive(Debug, Clone)]
pub struct HostSpec {
    pub cluster: String,
    /// Each node's name and how to reach it, in the spec's order.
    pub nodes: Vec<(String, Reach)>,
    pub packages: Vec<String>,
    pub copies: Vec<HostCopy>,
}

/// A file of the image block: where the deploy directory holds it and where it goes on a host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostCopy {
    pub staged: String,
    pub dest: String,
    pub mode: u32,
}

/// One file as every host should have it. `content` is `None` for the authkey before the
/// first apply generates it.
#[derive(Clone)]
pub struct WantedFile {
    pub path: String,
    pub mode: u32,
    pub content: Option<Vec<u8>>,
    pub secret: bool,
}

impl std::fmt::Debug for WantedFile {
    /// A secret's bytes are never shown, not even in a debug print.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WantedFile")
            .field("path", &self.path)
            .field("mode", &format_args!("{:04o}", self.mode))
            .field("sha256", &self.sha256())
            .field("secret", &self.secret)
            .finish_non_exhaustive()
    }
}

impl WantedFile {
    pub fn sha256(&self) -> Option<String> {
        self.content.as_deref().map(sha256_hex)
    }
}

impl HostSpec {
    pub fn of_spec(checked: &Checked, spec_dir: &Path) -> HostSpec {
        let cluster = checked.cluster();
        HostSpec {
            cluster: cluster.name.value.clone(),
            nodes: cluster
                .nodes
                .iter()
                .map(|node| (node.name.value.clone(), Reach::of(node, spec_dir)))
                .collect(),
            packages: packages(checked),
            copies: crate::render::staged_files(&cluster.image)
                .into_iter()
                .map(|staged| HostCopy {
                    staged: staged.staged,
                    dest: staged.dest,
                    mode: if staged.executable { 0o755 } else { 0o644 },
                })
                .collect(),
        }
    }

    /// A host per node; `dir` is the deploy directory, whose `.hacc/` holds the known hosts
    /// and the connection sockets.
    pub fn hosts(&self, dir: &Path) -> Vec<SshHost> {
        let hacc_dir = dir.join(crate::state::STATE_DIR);
        self.nodes
            .iter()
            .map(|(name, reach)| SshHost::new(name, reach.clone(), &hacc_dir))
            .collect()
    }

    /// The files of every host: corosync.conf, the authkey, then the image's copies, with
    /// their contents looked up by their path in the deploy directory (`output`).
    pub fn wanted(
        &self,
        output: impl Fn(&str) -> Option<Vec<u8>>,
        authkey: Option<Vec<u8>>,
    ) -> Vec<WantedFile> {
        let mut files = vec![
            WantedFile {
                path: COROSYNC_CONF.to_string(),
                mode: 0o644,
                content: output("corosync.conf"),
                secret: false,
            },
            WantedFile {
                path: AUTHKEY.to_string(),
                mode: 0o400,
                content: authkey,
                secret: true,
            },
        ];
        files.extend(self.copies.iter().map(|copy| WantedFile {
            path: copy.dest.clone(),
            mode: copy.mode,
            content: output(&copy.staged),
            secret: false,
        }));
        files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_get_corosync_files_then_the_image_copies_from_the_outputs() {
        let source = "cluster \"h\" target=\"hosts\" {\n\
            image base=\"debian:bookworm\" { packages \"haproxy\"; }\n\
            node \"n1\" address=\"192.168.7.11\"\n\
            primitive \"fence\" agent=\"stonith:fence_xvm\"\n}\n";
        let checked = crate::pipeline::check_source(source).checked.unwrap();
        let mut spec = HostSpec::of_spec(&checked, Path::new("/specs"));
        assert_eq!(spec.cluster, "h");
        assert_eq!(spec.nodes[0].0, "n1");
        assert!(spec.packages.contains(&"haproxy".to_string()));
        spec.copies.push(HostCopy {
            staged: "files/app.py".into(),
            dest: "/usr/local/bin/app.py".into(),
            mode: 0o755,
        });
        let wanted = spec.wanted(
            |path| Some(format!("contents of {path}").into_bytes()),
            Some(vec![9; 256]),
        );
        let paths: Vec<&str> = wanted.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(
            paths,
            [COROSYNC_CONF, AUTHKEY, "/usr/local/bin/app.py"],
            "{wanted:?}"
        );
        assert_eq!(
            wanted[2].content.as_deref(),
            Some(&b"contents of files/app.py"[..])
        );
        assert!(wanted[1].secret && wanted[1].mode == 0o400);
        assert!(!format!("{wanted:?}").contains("9, 9"));
        let hosts = spec.hosts(Path::new("/srv/d"));
        assert_eq!(
            hosts[0].control_dir(),
            std::path::Path::new("/srv/d/.hacc/ssh")
        );
    }
}
