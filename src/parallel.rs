//! Two pieces of work at once, on two threads: with a second core free they finish in the time
//! of the longer one; on a single core they take turns, costing only a thread start.

/// Runs `other` on a second thread while `here` runs on this one, and returns both results.
/// A panic on the second thread is raised again on this one, as if it had happened here.
pub fn join<A: Send, B>(other: impl FnOnce() -> A + Send, here: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|scope| {
        let other = scope.spawn(other);
        let here = here();
        let other = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (other, here)
    })
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn both_results_come_back_in_order() {
        let data = [1, 2, 3];
        let (sum, len) = join(|| data.iter().sum::<i32>(), || data.len());
        assert_eq!((sum, len), (6, 3));
    }

    #[test]
    #[should_panic(expected = "on the other thread")]
    fn a_panic_on_the_other_thread_reaches_the_caller() {
        join(|| panic!("on the other thread"), || ());
    }
}
