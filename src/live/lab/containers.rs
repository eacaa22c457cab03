//! The containers of a lab cluster's compose project, each checked to be this directory's:
//! Compose labels every container with the directory it was started from, and a container
//! of the project started elsewhere is refused. A copy of a deploy directory, which carries
//! the original's identity and so its project name, thus never takes over its cluster.

use super::compose::{Compose, PROJECT_FILE};
use super::docker::docker;
use crate::state::{Error, STATE_DIR};
use std::path::Path;
use std::time::Duration;

/// The label Compose gives each container: the directory it ran in.
const WORKING_DIR_LABEL: &str = "com.docker.compose.project.working_dir";

/// A running container of the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    pub id: String,
    /// The compose service, which is the node's name.
    pub service: String,
    pub running: bool,
}

impl Compose {
    /// Every container of the project, running or not, by service name; refused when one was
    /// started from another directory.
    pub fn containers(&self) -> Result<Vec<Container>, Error> {
        let filter = format!("label=com.docker.compose.project={}", self.project);
        let format = format!(
            "{{{{.ID}}}}\t{{{{.Label \"com.docker.compose.service\"}}}}\t{{{{.State}}}}\t\
             {{{{.Label \"{WORKING_DIR_LABEL}\"}}}}"
        );
        let listing = docker(
            &["ps", "-a", "--filter", &filter, "--format", &format],
            Duration::from_secs(30),
        )?
        .ok("docker ps")?;
        let mut containers = Vec::new();
        for line in listing.lines() {
            let mut fields = line.splitn(4, '\t');
            let (Some(id), Some(service), Some(state)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let working_dir = fields.next().unwrap_or_default();
            if !same_dir(Path::new(working_dir), &self.dir) {
                return Err(self.foreign(working_dir));
            }
            containers.push(Container {
                id: id.to_string(),
                service: service.to_string(),
                running: state == "running",
            });
        }
        containers.sort_by(|a, b| a.service.cmp(&b.service));
        Ok(containers)
    }

    /// The refusal to act on a project whose containers another directory started.
    fn foreign(&self, working_dir: &str) -> Error {
        let started_from = match working_dir {
            "" => "outside Compose".to_string(),
            dir => format!("from `{dir}`"),
        };
        Error::Refused(format!(
            "the compose project `{}` has containers started {started_from}, not from `{}`; \
             hacc acts only on the cluster a directory started itself (a copy of a deploy \
             directory keeps the original's `{STATE_DIR}/identity` and `{STATE_DIR}/{PROJECT_FILE}`: \
             remove them from the copy to give it a cluster of its own)",
            self.project,
            self.dir.display()
        ))
    }
}

/// Whether two paths name the same directory, symbolic links resolved; false when either
/// does not exist.
fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Whether a container of `project` runs; false when Docker is not there to ask.
pub fn project_running(project: &str) -> bool {
    let filter = format!("label=com.docker.compose.project={project}");
    docker(
        &[
            "ps",
            "-q",
            "--filter",
            &filter,
            "--filter",
            "status=running",
        ],
        Duration::from_secs(30),
    )
    .is_ok_and(|o| o.success() && !o.stdout.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_the_same_through_links_only() {
        let root = tempfile::tempdir().unwrap();
        let (a, b) = (root.path().join("a"), root.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::os::unix::fs::symlink(&a, root.path().join("link")).unwrap();
        assert!(same_dir(&a, &root.path().join("link")));
        assert!(same_dir(&a, &root.path().join("b/../a")));
        assert!(!same_dir(&a, &b));
        assert!(!same_dir(Path::new(""), &a));
        assert!(!same_dir(
            &root.path().join("gone"),
            &root.path().join("gone")
        ));
    }
}
