//! How Compose names a project's containers, which the fencing gateway needs to find a node's
//! container by its node name: `<project>-<service>-1` (Compose v2) or `<project>_<service>_1`
//! (docker-compose 1.x).

use crate::live::exec::run;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

/// The variables every compose command gets: the gateway reads them (see the generated
/// `fence-gateway/haproxy.cfg`), and a compose file without a gateway ignores them.
pub(super) fn gateway_env(program: &[String], project: &str) -> [(&'static str, String); 2] {
    [
        ("HACC_PROJECT", project.to_string()),
        ("HACC_CONTAINER_SEPARATOR", separator(program).to_string()),
    ]
}

/// `_` for docker-compose 1.x, `-` for Compose v2 (the plugin or its standalone binary);
/// asked once per process, as the program is.
fn separator(program: &[String]) -> &'static str {
    static SEPARATOR: OnceLock<&'static str> = OnceLock::new();
    SEPARATOR.get_or_init(|| ask_separator(program))
}

fn ask_separator(program: &[String]) -> &'static str {
    if program.len() > 1 {
        return "-";
    }
    let version = run(
        Command::new(&program[0]).args(["version", "--short"]),
        None,
        Duration::from_secs(30),
    );
    match version {
        Ok(output) if output.success() && output.stdout.trim_start().starts_with("1.") => "_",
        _ => "-",
    }
}
