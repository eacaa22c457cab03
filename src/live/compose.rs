//! Docker Compose for one output directory: `docker compose` (v2) or `docker-compose` (v1),
//! always with an explicit project name, so the containers and network of a cluster are found
//! again whatever directory hacc runs from.

use super::exec::{Output, docker, run};
use crate::state::{DeployDir, Error, STATE_DIR, io_error};
use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Where `apply --up` records the project name, so `status` and `down` find the cluster even
/// after the spec renamed it.
const PROJECT_FILE: &str = "compose-project";
const COMPOSE_FILE: &str = "docker-compose.yml";
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

/// The project name for a cluster: `hacc-` and the cluster name reduced to what Compose accepts.
pub fn project_name(cluster_name: &str) -> String {
    format!("hacc-{}", crate::render::image_tag(cluster_name))
}

impl Compose {
    /// Compose for `dir`, with the project recorded there by an earlier `apply --up`, else the
    /// one named after `cluster_name`.
    pub fn for_dir(dir: &Path, cluster_name: &str) -> Result<Compose, Error> {
        let project = recorded_project(dir)?.unwrap_or_else(|| project_name(cluster_name));
        Ok(Compose {
            program: OnceCell::new(),
            dir: dir.to_path_buf(),
            project,
        })
    }

    /// The project `for_dir` would use, without looking for Compose.
    pub fn project_for(dir: &Path, cluster_name: &str) -> Result<String, Error> {
        Ok(recorded_project(dir)?.unwrap_or_else(|| project_name(cluster_name)))
    }

    /// Compose for a directory without a spec at hand: the recorded project, else the cluster
    /// name read from its corosync.conf.
    pub fn for_existing_dir(dir: &Path) -> Result<Compose, Error> {
        if let Some(project) = recorded_project(dir)? {
            return Ok(Compose {
                program: OnceCell::new(),
                dir: dir.to_path_buf(),
                project,
            });
        }
        let conf_path = dir.join("corosync.conf");
        let conf = std::fs::read_to_string(&conf_path).map_err(io_error("read", &conf_path))?;
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

    fn command(&self, args: &[&str]) -> Result<Command, Error> {
        let program = self.program()?;
        let mut command = Command::new(&program[0]);
        command
            .args(&program[1..])
            .args(["-p", &self.project, "-f", COMPOSE_FILE])
            .args(args)
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

    /// Every container of the project, running or not, by service name.
    pub fn containers(&self) -> Result<Vec<Container>, Error> {
        let filter = format!("label=com.docker.compose.project={}", self.project);
        let format = "{{.ID}}\t{{.Label \"com.docker.compose.service\"}}\t{{.State}}";
        let listing = docker(
            &["ps", "-a", "--filter", &filter, "--format", format],
            Duration::from_secs(30),
        )?
        .ok("docker ps")?;
        let mut containers: Vec<Container> = listing
            .lines()
            .filter_map(|line| {
                let mut fields = line.split('\t');
                Some(Container {
                    id: fields.next()?.to_string(),
                    service: fields.next()?.to_string(),
                    running: fields.next()? == "running",
                })
            })
            .collect();
        containers.sort_by(|a, b| a.service.cmp(&b.service));
        Ok(containers)
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

fn recorded_project(dir: &Path) -> Result<Option<String>, Error> {
    let path = dir.join(STATE_DIR).join(PROJECT_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) if !text.trim().is_empty() => Ok(Some(text.trim().to_string())),
        Ok(_) => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error("read", &path)(e)),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_names_are_compose_names() {
        assert_eq!(project_name("web"), "hacc-web");
        assert_eq!(project_name("My Cluster_2"), "hacc-my-cluster-2");
    }
}
