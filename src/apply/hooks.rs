//! Test hooks, read from the environment so tests can drive the real binary. They exist only
//! in a build with the `test-hooks` feature (`scripts/test` enables it): a plain build
//! ignores the variables, so no environment can make a released hacc abort or stall.

/// `HACC_TEST_CRASH_AFTER=N`: once N changes are done, apply aborts before the next one takes
/// effect: a write is cut between its flushed temp file and the rename, a delete or mode change
/// is not started; with no change left, the final manifest is not written. Lets a test show that
/// a crash leaves each file old or new and that the next apply converges.
const CRASH_AFTER: &str = "HACC_TEST_CRASH_AFTER";
/// `HACC_TEST_PAUSE_AFTER_LOCK_MS=N`: apply sleeps N ms once it holds the lock, so a test can
/// start a second apply while the first is running.
const PAUSE_AFTER_LOCK: &str = "HACC_TEST_PAUSE_AFTER_LOCK_MS";

/// The number in `var`, only when the hooks are built in.
fn number(var: &str) -> Option<u64> {
    if !cfg!(feature = "test-hooks") {
        return None;
    }
    std::env::var(var).ok()?.trim().parse().ok()
}

/// Aborts the process when `done` files are in place and a crash was asked for at that point.
pub(super) fn crash_point(done: usize) {
    if number(CRASH_AFTER) == Some(done as u64) {
        eprintln!("{CRASH_AFTER}={done}: aborting");
        std::process::abort();
    }
}

pub fn pause_after_lock() {
    if let Some(ms) = number(PAUSE_AFTER_LOCK) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}
