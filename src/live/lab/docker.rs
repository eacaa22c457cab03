//! The `docker` client: plain commands, and commands run inside a container.

use crate::live::exec::{Output, run};
use crate::state::Error;
use std::process::Command;
use std::time::Duration;

/// `docker ARGS`.
pub fn docker(args: &[&str], limit: Duration) -> Result<Output, Error> {
    run(Command::new("docker").args(args), None, limit)
}

/// Runs `argv` inside a running container. The command also gets a time limit inside the
/// container, since killing the `docker exec` client leaves the process running there.
pub fn in_container(
    container: &str,
    argv: &[&str],
    stdin: Option<&[u8]>,
    limit: Duration,
) -> Result<Output, Error> {
    let seconds = limit.as_secs().max(1).to_string();
    let mut command = Command::new("docker");
    command.arg("exec");
    if stdin.is_some() {
        command.arg("-i");
    }
    command
        .arg(container)
        .args(["timeout", "--kill-after=2", &seconds])
        .args(argv);
    run(&mut command, stdin, limit + Duration::from_secs(5))
}
