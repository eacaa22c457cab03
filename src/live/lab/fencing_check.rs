//! The fencing self-test that `apply --up` runs before it calls a cluster with `fencing` up:
//! the device is registered and can fence every node, its monitor reaches the Docker Engine
//! through the gateway, and `fence_docker` reads the state of every node's container by node
//! name (which proves the gateway maps names to this project's containers). At start-up it runs
//! beside the settle wait (`self_test_alongside`): it needs a few seconds of calls on a node,
//! and the resources take longer than that to settle.

use super::target::Lab;
use crate::live::exec::Output;
use crate::live::transport::{Shell, Target};
use crate::model::fencing::{
    CA_CERT, CLIENT_CERT, CLIENT_KEY, DEVICE_ID, DOCKER_API_VERSION, GATEWAY_HOST, GATEWAY_PORT,
    node_path,
};
use crate::state::Error;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long the device may take to be registered once the configuration is pushed.
const REGISTER_LIMIT: Duration = Duration::from_secs(60);
const CALL_LIMIT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(500);

/// Fails with what did not work, and the gateway's last log lines, unless fencing works.
pub fn self_test(dir: &Path, cluster_name: &str, node_names: &[String]) -> Result<(), Error> {
    eprintln!("Testing fencing through `{GATEWAY_HOST}`:");
    verify(dir, cluster_name, node_names, &AtomicBool::new(false))?;
    passed(node_names);
    Ok(())
}

/// Runs `work` (the push and the settle wait of a start) with the self-test on a second thread,
/// which waits for the pushed device to be registered; the test's result is printed once
/// `work` is done. `work`'s error comes first: the test is then told to stop waiting.
pub fn self_test_alongside<T>(
    dir: &Path,
    cluster_name: &str,
    node_names: &[String],
    work: impl FnOnce() -> Result<T, Error>,
) -> Result<T, Error> {
    let (worked, tested) = alongside(|stop| verify(dir, cluster_name, node_names, stop), work);
    let worked = worked?;
    eprintln!("Testing fencing through `{GATEWAY_HOST}` (while the resources settled):");
    tested?;
    passed(node_names);
    Ok(worked)
}

/// `work` on this thread while `check` runs on another; `check` sees its flag set as soon as
/// `work` has failed, so a failed start is not kept waiting for it.
fn alongside<T, E, C>(
    check: impl FnOnce(&AtomicBool) -> Result<(), C> + Send,
    work: impl FnOnce() -> Result<T, E>,
) -> (Result<T, E>, Result<(), C>)
where
    C: Send,
{
    let stop = AtomicBool::new(false);
    let (checked, worked) = crate::parallel::join(
        || check(&stop),
        || {
            let worked = work();
            if worked.is_err() {
                stop.store(true, Ordering::Relaxed);
            }
            worked
        },
    );
    (worked, checked)
}

fn passed(node_names: &[String]) {
    eprintln!(
        "  `{DEVICE_ID}` can fence {} and reads every node's container through the gateway.",
        node_names.join(", ")
    );
}

/// The self-test, without output; `stop` ends its wait for the device early.
fn verify(
    dir: &Path,
    cluster_name: &str,
    node_names: &[String],
    stop: &AtomicBool,
) -> Result<(), Error> {
    let nodes = Lab::new(dir, cluster_name, node_names.to_vec())?.running_nodes()?;
    let node = nodes
        .first()
        .ok_or_else(|| Error::Refused("no node of the cluster is running".into()))?;
    check(node.as_ref(), node_names, stop).map_err(|why| {
        let gateway = Lab::new(dir, cluster_name, vec![GATEWAY_HOST.to_string()]);
        let log = gateway.map(|g| g.node_logs()).unwrap_or_default();
        Error::Refused(format!("fencing does not work: {why}\n{log}"))
    })
}

fn check(node: &dyn Shell, node_names: &[String], stop: &AtomicBool) -> Result<(), String> {
    for target in node_names {
        until_listed(node, target, stop)?;
    }
    let monitor = call(
        node,
        &["stonith_admin", "--query", DEVICE_ID, "--timeout", "20"],
    )?;
    if !monitor.success() {
        return Err(format!(
            "the monitor of `{DEVICE_ID}` failed (exit status {}): {}",
            monitor.code,
            said(&monitor)
        ));
    }
    for target in node_names {
        let status = call(node, &status_command(target))?;
        if !status.success() || !status.stdout.contains("Status: ON") {
            return Err(format!(
                "fence_docker cannot read the state of node `{target}` through the gateway \
                 (exit status {}): {}",
                status.code,
                said(&status)
            ));
        }
    }
    Ok(())
}

/// Waits until `stonith_admin --list` names the device for `target`, or `stop` is set.
fn until_listed(node: &dyn Shell, target: &str, stop: &AtomicBool) -> Result<(), String> {
    let deadline = Instant::now() + REGISTER_LIMIT;
    loop {
        if stop.load(Ordering::Relaxed) {
            return Err("stopped: the cluster did not come up".into());
        }
        let listed = call(
            node,
            &["stonith_admin", "--list", target, "--timeout", "10"],
        )?;
        if listed.success() && listed.stdout.split_whitespace().any(|w| w == DEVICE_ID) {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "no registered device can fence node `{target}` after {} s: {}",
                REGISTER_LIMIT.as_secs(),
                said(&listed)
            ));
        }
        std::thread::sleep(POLL);
    }
}

/// `fence_docker`'s status of `target`, with the options the CIB gives the device.
fn status_command(target: &str) -> Vec<String> {
    let path = |relative: &str| node_path(relative);
    [
        "fence_docker".to_string(),
        format!("--ip={GATEWAY_HOST}"),
        format!("--ipport={GATEWAY_PORT}"),
        "--ssl".into(),
        format!("--tlscert={}", path(CLIENT_CERT)),
        format!("--tlskey={}", path(CLIENT_KEY)),
        format!("--tlscacert={}", path(CA_CERT)),
        format!("--api-version={DOCKER_API_VERSION}"),
        format!("--plug={target}"),
        "--action=status".into(),
    ]
    .into()
}

fn call<S: AsRef<str>>(node: &dyn Shell, argv: &[S]) -> Result<Output, String> {
    let argv: Vec<&str> = argv.iter().map(AsRef::as_ref).collect();
    node.run_command(&argv, None, CALL_LIMIT)
        .map_err(|e| e.to_string())
}

fn said(output: &Output) -> String {
    let text = format!("{} {}", output.stdout.trim(), output.stderr.trim());
    match text.trim() {
        "" => "no output".into(),
        text => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;

    #[test]
    fn the_check_runs_while_the_work_does() {
        let (started, seen) = channel();
        let (worked, checked) = alongside(
            |_| started.send(()).map_err(|_| "no receiver"),
            // Only a check already running can let the work finish in time.
            || seen.recv_timeout(Duration::from_secs(10)).map(|()| 7),
        );
        assert_eq!(worked, Ok(7));
        assert_eq!(checked, Ok(()));
    }

    #[test]
    fn a_failed_work_stops_the_check_and_both_results_come_back() {
        let (worked, checked) = alongside(
            |stop| {
                let deadline = Instant::now() + Duration::from_secs(10);
                while !stop.load(Ordering::Relaxed) {
                    if Instant::now() >= deadline {
                        return Err("never told to stop");
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err("stopped")
            },
            || Err::<(), _>("the settle timed out"),
        );
        assert_eq!(worked, Err("the settle timed out"));
        assert_eq!(checked, Err("stopped"));
    }
}
