//! The command line: clap definitions and dispatch to one module per subcommand.

mod check;
mod explain;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Exit status for a usage or I/O error (unreadable file, bad arguments).
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser)]
#[command(
    name = "hacc",
    version,
    about = "The high-availability cluster compiler"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a cluster spec and report every problem in it
    Check {
        /// The KDL cluster spec
        spec: PathBuf,
    },
    /// Print the long explanation of a diagnostic code (e.g. E0203)
    Explain {
        /// The code; omit it to list every code
        code: Option<String>,
    },
}

/// Runs hacc and returns the process exit status.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() { EXIT_USAGE } else { 0 };
        }
    };
    match cli.command {
        Command::Check { spec } => check::run(&spec),
        Command::Explain { code } => explain::run(code.as_deref()),
    }
}

/// Whether to colour output for this stream: a terminal, and `NO_COLOR` unset.
pub fn use_color(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
