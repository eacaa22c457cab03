/// mimalloc instead of the system allocator: a large spec becomes millions of small strings
/// (model, CIB tree, artifacts), and glibc's malloc and free were about 40% of the
/// instructions of `hacc build` at 10,000 primitives.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(hacc::cli::run());
}
