fn main() {
    std::process::exit(hacc::cli::run());
}
