use std::ffi::{c_int, c_long};

/// mimalloc instead of the system allocator: a large spec becomes millions of small strings
/// (model, CIB tree, artifacts), and glibc's malloc and free were about 40% of the
/// instructions of `hacc build` at 10,000 primitives.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Options of the mimalloc version the `mimalloc` crate builds (v3), numbered as in its
// `mimalloc.h` (`mi_option_e`); a test checks them against their defaults.
const MI_OPTION_ARENA_EAGER_COMMIT: c_int = 4;
const MI_OPTION_PURGE_DELAY: c_int = 15;

unsafe extern "C" {
    fn mi_option_set(option: c_int, value: c_long);
    #[cfg(test)]
    fn mi_option_get(option: c_int) -> c_long;
}

fn main() {
    // Peak memory counts: commit arena memory as it is used, and give freed pages back at
    // once (the parsed document is freed right before the model grows).
    // SAFETY: setting an option is safe at any time; these take plain numbers.
    unsafe {
        mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
    std::process::exit(hacc::cli::run());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_numbers_match_the_built_mimalloc() {
        // SAFETY: reading an option has no precondition.
        let (eager, delay) = unsafe {
            (
                mi_option_get(MI_OPTION_ARENA_EAGER_COMMIT),
                mi_option_get(MI_OPTION_PURGE_DELAY),
            )
        };
        // The defaults in the built version's options.c: 2 (commit eagerly on overcommit
        // systems) and 1,000 ms, unless the environment overrides them (`MIMALLOC_...`).
        if std::env::var_os("MIMALLOC_ARENA_EAGER_COMMIT").is_none() {
            assert_eq!(eager, 2);
        }
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(delay, 1000);
        }
    }
}
