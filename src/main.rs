use std::ffi::{c_int, c_long};

/// mimalloc instead of the system allocator: a large spec becomes millions of small strings
/// (model, CIB tree, artifacts), and glibc's malloc and free were about 40% of the
/// instructions of `hacc build` at 10,000 primitives.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// `mi_option_purge_delay` of the mimalloc version the `mimalloc` crate builds (v3), numbered
// as in its `mimalloc.h` (`mi_option_e`); a test checks it against its default.
const MI_OPTION_PURGE_DELAY: c_int = 15;

unsafe extern "C" {
    fn mi_option_set(option: c_int, value: c_long);
    #[cfg(test)]
    fn mi_option_get(option: c_int) -> c_long;
}

fn main() {
    // Peak memory counts: freed pages go back to the system at once instead of after a
    // second. At 10,000 primitives that keeps the peak under 200 MB (196 MB; 202-205 MB with
    // the default delay) for some 30 ms of page faults.
    // SAFETY: setting an option is safe at any time; this one takes a plain number.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    std::process::exit(hacc::cli::run());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_number_matches_the_built_mimalloc() {
        // The default in the built version's options.c, 1,000 ms, unless the environment
        // overrides it.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: reading an option has no precondition.
            assert_eq!(unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) }, 1000);
        }
    }
}
