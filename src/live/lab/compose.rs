//! Docker Compose for one output directory: `docker compose` (v2) or `docker-compose` (v1),
//! always with an explicit project name, so the containers and network of a cluster are found
//! again whatever directory hacc runs from.
//!
//! The project is named after the directory's identity (see `identity`), and Compose names
//! the containers, the network and the images after the project. Before compose acts, every
//! container of the project must have been started from this directory (see `containers`).

use crate::live::exec::{Output, run};
use crate::live::identity;
use crate::state::{DeployDir, Error, STATE_DIR};
use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Where `apply --up` records the project name, so `status` and `down` find the cluster even
/// after the spec renamed it.
pub(super) const PROJECT_FILE: &str = "compose-project";
const COMPOSE_FILE: &str = "docker-compose.yml";
const LIMIT: Duration = Duration::from_secs(300);

#[derive(Debug, Clone)]
pub struct Compose {
    /// `docker compose` or `docker-compose`, found when first needed: looking costs a Python
    /// start-up (most of a second) with v1, which commands that only read the containers skip.
    program: OnceCell<Vec<String>>,
    pub(super) dir: PathBuf,
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
}

fn no_identity(dir: &Path) -> Error {
    Error::Refused(format!(
        "no cluster was started from `{}`: it has no `{STATE_DIR}/identity`, which its first \
         `hacc apply` makes",
        dir.display()
    ))
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
}
