//! Working on every host at once: one thread per host, each host's outcome kept apart, so
//! one unreachable host does not hide what happened on the others.

use super::SshHost;
use crate::state::Error;

/// Runs `work` on every host in parallel and returns each host's result, in the hosts' order.
pub fn on_each<T: Send>(
    hosts: &[SshHost],
    work: impl Fn(&SshHost) -> Result<T, Error> + Sync,
) -> Vec<Result<T, Error>> {
    std::thread::scope(|scope| {
        let running: Vec<_> = hosts
            .iter()
            .map(|host| scope.spawn(|| work(host)))
            .collect();
        running
            .into_iter()
            .map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}
