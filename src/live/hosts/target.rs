//! Real hosts as a target: a node runs when its host answers over SSH with corosync and
//! pacemaker active; its log is pacemaker's journal there. Starting and restarting are
//! systemd's, on the host.

use super::SshHost;
use super::converge::{self, HostFiles, SERVICES};
use super::each::on_each;
use crate::live::exec::Output;
use crate::live::transport::{Shell, Target};
use crate::state::Error;
use std::time::Duration;

/// Lines of pacemaker's journal shown per host when waiting fails.
const LOG_LINES: &str = "20";
const LIMIT: Duration = Duration::from_secs(120);

/// The hosts of one cluster, in the spec's node order, and the files each gets.
#[derive(Debug)]
pub struct Hosts {
    cluster: String,
    hosts: Vec<SshHost>,
    names: Vec<String>,
    files: HostFiles,
}

impl Hosts {
    pub fn new(cluster: &str, hosts: Vec<SshHost>, files: HostFiles) -> Hosts {
        Hosts {
            cluster: cluster.to_string(),
            names: hosts.iter().map(|h| h.node_name().to_string()).collect(),
            hosts,
            files,
        }
    }

    fn host(&self, name: &str) -> Result<&SshHost, Error> {
        self.hosts
            .iter()
            .find(|h| h.node_name() == name)
            .ok_or_else(|| Error::Refused(format!("`{name}` is not a host of the cluster")))
    }

    /// Runs `argv` on every host at once and fails with each host's error when any failed.
    fn on_all(&self, argv: &[&str], what: &str) -> Result<(), Error> {
        let failed: Vec<String> = on_each(&self.hosts, |host| {
            host.run_command(argv, None, LIMIT)?
                .ok(&format!("{what} on `{}`", host.node_name()))
        })
        .into_iter()
        .filter_map(Result::err)
        .map(|e| e.to_string())
        .collect();
        if failed.is_empty() {
            Ok(())
        } else {
            Err(Error::Refused(failed.join("; ")))
        }
    }
}

/// Whether `systemctl is-active` found every service of a node active.
pub fn stack_active(answer: &Output) -> bool {
    answer.success() && answer.stdout.lines().filter(|l| *l == "active").count() == SERVICES.len()
}

/// The command that asks systemd whether the node's services are active.
pub fn is_active_command() -> Vec<&'static str> {
    let mut argv = vec!["systemctl", "is-active"];
    argv.extend(SERVICES);
    argv
}

/// The command that prints the end of pacemaker's journal.
pub fn log_command() -> [&'static str; 6] {
    [
        "journalctl",
        "-u",
        "pacemaker",
        "-n",
        LOG_LINES,
        "--no-pager",
    ]
}

impl Target for Hosts {
    fn name(&self) -> &str {
        &self.cluster
    }

    fn describe(&self) -> String {
        format!("hosts of cluster `{}`", self.cluster)
    }

    fn node_names(&self) -> &[String] {
        &self.names
    }

    /// Every host is asked at once; one that does not answer is a node that does not run.
    fn running_nodes(&self) -> Result<Vec<Box<dyn Shell>>, Error> {
        let answers = on_each(&self.hosts, |host| {
            host.run_command(&is_active_command(), None, Duration::from_secs(20))
        });
        let mut running: Vec<Box<dyn Shell>> = self
            .hosts
            .iter()
            .zip(answers)
            .filter(|(_, answer)| answer.as_ref().is_ok_and(stack_active))
            .map(|(host, _)| Box::new(host.clone()) as Box<dyn Shell>)
            .collect();
        running.sort_by(|a, b| a.node_name().cmp(b.node_name()));
        Ok(running)
    }

    fn node_logs(&self) -> String {
        let logs = on_each(&self.hosts, |host| {
            host.run_command(&log_command(), None, Duration::from_secs(30))
        });
        let mut out = String::new();
        for (host, log) in self.hosts.iter().zip(logs) {
            let text = match log {
                Ok(output) => format!("{}{}", output.stdout, output.stderr),
                Err(e) => e.to_string(),
            };
            out.push_str(&format!(
                "--- last log lines of `{}` ---\n",
                host.node_name()
            ));
            for line in text.lines() {
                out.push_str(&format!("  {line}\n"));
            }
        }
        out
    }

    fn start(&self) -> Result<(), Error> {
        let mut argv = vec!["systemctl", "start"];
        argv.extend(SERVICES);
        self.on_all(&argv, "starting the cluster stack")
    }

    fn install_config(&self, node: &dyn Shell) -> Result<(), Error> {
        converge::write_files(node, &self.files)
    }

    fn restart_node(&self, name: &str) -> Result<(), Error> {
        let mut argv = vec!["systemctl", "restart"];
        argv.extend(SERVICES);
        self.host(name)?
            .run_command(&argv, None, LIMIT)?
            .ok(&format!("restarting the cluster stack on `{name}`"))
            .map(drop)
    }

    fn restart_all(&self) -> Result<(), Error> {
        // Pacemaker stops before the corosync it runs on.
        let mut stop = vec!["systemctl", "stop"];
        stop.extend(SERVICES.iter().rev());
        self.on_all(&stop, "stopping the cluster stack")?;
        self.start()
    }

    fn roll_out(&self, rejoined: &dyn Fn() -> Result<(), Error>) -> Result<(), Error> {
        for host in &self.hosts {
            converge::write_files(host, &self.files)?;
            self.restart_node(host.node_name())?;
            rejoined()?;
        }
        Ok(())
    }

    /// Hosts have no front of hacc's own: a service is reached at its floating address.
    fn front(&self, _name: &str) -> Result<Option<Box<dyn Shell>>, Error> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(code: i32, stdout: &str) -> Output {
        Output {
            code,
            stdout: stdout.into(),
            stderr: String::new(),
        }
    }

    #[test]
    fn a_node_runs_only_with_both_services_active() {
        assert_eq!(
            is_active_command(),
            ["systemctl", "is-active", "corosync", "pacemaker"]
        );
        assert!(stack_active(&answer(0, "active\nactive\n")));
        assert!(!stack_active(&answer(3, "active\ninactive\n")));
        assert!(!stack_active(&answer(3, "inactive\nactive\n")));
        assert!(!stack_active(&answer(4, "")));
        assert_eq!(
            log_command()[..5],
            ["journalctl", "-u", "pacemaker", "-n", "20"]
        );
    }
}
