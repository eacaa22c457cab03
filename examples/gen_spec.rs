//! Writes a valid benchmark spec of the asked size to standard output:
//! `cargo run --release --example gen_spec -- --resources 1000 --nodes 5 [--changed]`.

// A test crate is a binary: `pub` says what one module offers the others. The crate's
// pedantic lints are for the library; tests read best as plain assertions.
#![allow(unreachable_pub, clippy::pedantic)]

#[path = "../benches/support/spec_gen.rs"]
mod spec_gen;

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

/// A deterministic cluster spec of any size, for benchmarks
#[derive(Parser)]
struct Args {
    /// Number of `ocf:pacemaker:Dummy` primitives (and of location constraints)
    #[arg(long, default_value_t = 100)]
    resources: usize,
    /// Number of cluster nodes, 2 to 32
    #[arg(long, default_value_t = 3)]
    nodes: usize,
    /// Change one primitive's parameter, as a one-resource edit would
    #[arg(long)]
    changed: bool,
    /// Print the id of the primitive `--changed` edits, instead of the spec
    #[arg(long)]
    print_changed: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let shape = spec_gen::Shape {
        resources: args.resources,
        nodes: args.nodes,
        changed: args.changed,
    };
    if let Some(problem) = shape.problem() {
        eprintln!("error: {problem}");
        return ExitCode::from(2);
    }
    let text = if args.print_changed {
        format!("{}\n", spec_gen::changed_resource(&shape))
    } else {
        spec_gen::generate(&shape)
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot write the spec: {error}");
            ExitCode::FAILURE
        }
    }
}
