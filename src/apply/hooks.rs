//! Test hooks, read from the environment so tests can drive the real binary.

/// `HACC_TEST_CRASH_AFTER=N`: once N changed files are in place, apply aborts in the middle of
/// the next one (its temp file written, not yet renamed), or before its final manifest when no
/// file is left. Shows that a crash leaves each file old or new and the next apply converges.
const CRASH_AFTER: &str = "HACC_TEST_CRASH_AFTER";
/// `HACC_TEST_PAUSE_AFTER_LOCK_MS=N`: apply sleeps N ms once it holds the lock, so a test can
/// start a second apply while the first is running.
const PAUSE_AFTER_LOCK: &str = "HACC_TEST_PAUSE_AFTER_LOCK_MS";

fn number(var: &str) -> Option<u64> {
    std::env::var(var).ok()?.trim().parse().ok()
}

/// Aborts the process when `done` files are in place and a crash was asked for at that point.
pub fn crash_point(done: usize) {
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
