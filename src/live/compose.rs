//! Docker Compose for one output directory: `docker compose` (v2) or `docker-compose` (v1),
//! always with an explicit project name, so the containers and network of a cluster are found
//! again whatever directory hacc runs from.
//!
//! The project is named after the directory's identity (see `identity`), and Compose names
//! the containers, the network and the images after the project. Before compose acts, and
//! whenever the containers are listed, each container of the project must have been started
//! from this directory (Compose's working-directory label): a copy of a deploy directory,
//! which carries the original's identity, is refused instead of taking over its cluster.

use super::exec::{Node, Output, docker, run};
use super::identity;
use crate::state::{DeployDir, Error, STATE_DIR};
use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Where `apply --up` records the project name, so `status` and `down` find the cluster even
/// after the spec renamed it.
const PROJECT_FILE: &str = "compose-project";
const COMPOSE_FILE: &str = "docker-compose.yml";
/// The label Compose gives each container: the directory it ran in.
const WORKING_DIR_LABEL: &str = "com.docker.compose.project.working_dir";
const LIMIT: Duration = Duration::from_secs(300);

/// A running container of the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    pub id: String,
    /// The compose service, which is the node's name.
    pub service: String,
    pub running: bool,
}

#[derive(Debug, Clone)]
pub struct Compose {
    /// `docker compose` or `docker-compose`, found when first needed: looking costs a Python
    /// start-up (most of a second) with v1, which commands that only read the containers skip.
    program: OnceCell<Vec<String>>,
    dir: PathBuf,
    pub project: String,
}

/// The project name for a cluster: `hacc-`, the cluster name reduced to what Compose accepts,
/// and the directory's identity.
pub fn project_name(cluster_name: &str, identity: &str) -> String {
    format!("hacc-{}-{identity}", crate::render::image_tag(cluster_name))
}

impl Compose {
    /// Compose for `dir`, with the project recorded there by an earlier `apply --up`, else the
    /// one its identity gives; an error when no apply has given the directory an identity.
    pub fn for_dir(dir: &Path, cluster_name: &str) -> Result<Compose, Error> {
        let project = Compose::project_for(dir, cluster_name)?.ok_or_else(|| no_identity(dir))?;
        Ok(Compose {
            program: OnceCell::new(),
            dir: dir.to_path_buf(),
            project,
        })
    }

    /// The project `for_dir` would use, without looking for Compose; `None` when the directory
    /// has no identity yet, so no cluster can have been started from it.
    pub fn project_for(dir: &Path, cluster_name: &str) -> Result<Option<String>, Error> {
        if let Some(project) = recorded_project(dir)? {
            return Ok(Some(project));
        }
        Ok(identity::read(dir)?.map(|identity| project_name(cluster_name, &identity)))
    }

    /// Compose for a directory without a spec at hand: the recorded project, else the cluster
    /// name read from its corosync.conf and the directory's identity.
    pub fn for_existing_dir(dir: &Path) -> Result<Compose, Error> {
        if let Some(project) = recorded_project(dir)? {
            return Ok(Compose {
                program: OnceCell::new(),
                dir: dir.to_path_buf(),
                project,
            });
        }
        let conf_path = dir.join("corosync.conf");
        let conf = identity::read_small(dir, "corosync.conf")?
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .ok_or_else(|| Error::Refused(format!("cannot read `{}`", conf_path.display())))?;
        let name = conf
            .lines()
            .find_map(|l| l.trim().strip_prefix("cluster_name:"))
            .map(str::trim)
            .ok_or_else(|| {
                Error::Refused(format!("no `cluster_name` in `{}`", conf_path.display()))
            })?;
        Compose::for_dir(dir, name)
    }

    /// Remembers the project name in the directory (done when the cluster is started).
    pub fn record(&self) -> Result<(), Error> {
        let rel = format!("{STATE_DIR}/{PROJECT_FILE}");
        let text = format!("{}\n", self.project);
        let dir = DeployDir::create(&self.dir)?;
        if matches!(dir.read(&rel, 1 << 16), Ok(Some((bytes, _))) if bytes == text.as_bytes()) {
            return Ok(());
        }
        dir.write_atomic(&rel, text.as_bytes(), 0o644)
    }

    /// Forgets the project name (done when the cluster is removed).
    pub fn forget(&self) -> Result<(), Error> {
        match DeployDir::open(&self.dir)? {
            Some(dir) => dir.unlink(&format!("{STATE_DIR}/{PROJECT_FILE}")).map(drop),
            None => Ok(()),
        }
    }

    fn program(&self) -> Result<&[String], Error> {
        if let Some(program) = self.program.get() {
            return Ok(program);
        }
        let found = detect()?;
        Ok(self.program.get_or_init(|| found))
    }

    /// A compose command for the project, once every container it has is this directory's.
    fn command(&self, args: &[&str]) -> Result<Command, Error> {
        self.containers()?;
        let program = self.program()?;
        let mut command = Command::new(&program[0]);
        command
            .args(&program[1..])
            .args(["-p", &self.project, "-f", COMPOSE_FILE])
            .args(args)
            .envs(super::container_names::gateway_env(program, &self.project))
            .current_dir(&self.dir);
        Ok(command)
    }

    /// Runs compose with its output passed through to ours: builds and starts show progress.
    fn passthrough(&self, args: &[&str], what: &str) -> Result<(), Error> {
        let status = self
            .command(args)?
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::from(std::io::stderr()))
            .status()
            .map_err(|e| Error::Refused(format!("cannot run compose: {e}")))?;
        if status.success() {
            Ok(())
        } else {
            Err(Error::Refused(format!(
                "{what} failed ({status}); see the compose output above"
            )))
        }
    }

    fn captured(&self, args: &[&str], limit: Duration) -> Result<Output, Error> {
        run(&mut self.command(args)?, None, limit)
    }

    pub fn build(&self) -> Result<(), Error> {
        self.passthrough(&["build"], "building the node image")
    }

    /// Creates or updates the given services (all when empty) without touching the others.
    pub fn up(&self, services: &[&str]) -> Result<(), Error> {
        let mut args = vec!["up", "-d", "--no-deps", "--remove-orphans"];
        args.extend(services);
        self.passthrough(&args, "starting the containers")
    }

    /// Stops every container (pacemaker stops its resources first), keeping them.
    pub fn stop(&self) -> Result<(), Error> {
        self.passthrough(&["stop", "-t", "120"], "stopping the containers")
    }

    /// Removes the containers and the network; files stay.
    pub fn down(&self) -> Result<(), Error> {
        self.captured(
            &["down", "--volumes", "--remove-orphans", "-t", "30"],
            LIMIT,
        )?
        .ok("compose down")
        .map(|_| ())
    }

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

fn no_identity(dir: &Path) -> Error {
    Error::Refused(format!(
        "no cluster was started from `{}`: it has no `{STATE_DIR}/identity`, which its first \
         `hacc apply` makes",
        dir.display()
    ))
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

fn recorded_project(dir: &Path) -> Result<Option<String>, Error> {
    let bytes = identity::read_small(dir, &format!("{STATE_DIR}/{PROJECT_FILE}"))?;
    let text = bytes.map(|b| String::from_utf8_lossy(&b).trim().to_string());
    Ok(text.filter(|t| !t.is_empty()))
}

/// `docker compose` when the v2 plugin answers, else `docker-compose`.
fn detect() -> Result<Vec<String>, Error> {
    let answers = |program: &str, args: &[&str]| {
        run(
            Command::new(program).args(args),
            None,
            Duration::from_secs(30),
        )
        .is_ok_and(|o| o.success())
    };
    if answers("docker", &["compose", "version"]) {
        Ok(vec!["docker".into(), "compose".into()])
    } else if answers("docker-compose", &["version"]) {
        Ok(vec!["docker-compose".into()])
    } else {
        Err(Error::Refused(
            "neither `docker compose` nor `docker-compose` runs here; install Docker Compose to \
             run the cluster"
                .into(),
        ))
    }
}

impl Compose {
    /// The running node containers of the project (the front is not a node).
    pub fn running_nodes(&self, node_names: &[String]) -> Result<Vec<Node>, Error> {
        Ok(self
            .containers()?
            .into_iter()
            .filter(|c| c.running && node_names.contains(&c.service))
            .map(|c| Node {
                name: c.service,
                container: c.id,
            })
            .collect())
    }

    /// Any running node, to ask about the cluster; an error when none runs.
    pub fn any_node(&self, node_names: &[String]) -> Result<Node, Error> {
        self.running_nodes(node_names)?
            .into_iter()
            .next()
            .ok_or_else(|| {
                Error::Refused(format!(
                    "no node of the compose project `{}` is running; start the cluster with \
                     `hacc apply SPEC --dir DIR --up`",
                    self.project
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_names_are_compose_names_with_the_identity() {
        assert_eq!(project_name("web", "0123456789ab"), "hacc-web-0123456789ab");
        assert_eq!(
            project_name("My Cluster_2", "0123456789ab"),
            "hacc-my-cluster-2-0123456789ab"
        );
    }

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
