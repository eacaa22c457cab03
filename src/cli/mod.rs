//! The command line: clap definitions and dispatch to one module per subcommand.

mod apply;
mod build;
mod check;
mod completions;
mod down;
mod explain;
mod failure;
mod fmt;
mod graph;
mod hosts;
mod import;
mod live;
mod load_spec;
mod lsp;
mod man;
mod on_hosts;
mod plan;
mod status;

use crate::diagnostic::format::Format;
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
        /// How to report: for people, or JSON, SARIF or GitHub Actions annotations on stdout
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print the long explanation of a diagnostic code (e.g. E0203)
    Explain {
        /// The code; omit it to list every code
        code: Option<String>,
    },
    /// Write every generated file of a spec into a directory
    Build {
        /// The KDL cluster spec
        spec: PathBuf,
        /// The directory to write into
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
    /// Show what `hacc apply` would change in a directory
    Plan {
        /// The KDL cluster spec
        spec: PathBuf,
        /// The directory the generated files are deployed from
        #[arg(long)]
        dir: PathBuf,
        /// Print the plan as JSON (schema: schemas/plan.json)
        #[arg(long)]
        json: bool,
        /// Save the plan, to apply exactly it later with `hacc apply FILE`
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Exit with 0 when there are no changes, 1 on error, 2 when there are changes
        #[arg(long)]
        detailed_exitcode: bool,
    },
    /// Bring a directory up to date with a spec, or apply a saved plan
    Apply {
        /// A KDL cluster spec (needs `--dir`), or a plan saved by `hacc plan --out`
        target: PathBuf,
        /// The directory the generated files are deployed from
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Apply without asking for confirmation
        #[arg(long)]
        auto_approve: bool,
        /// Overwrite files edited outside hacc or not written by it
        #[arg(long)]
        force: bool,
        /// Also build and start the cluster with Docker Compose when it is not running, wait
        /// for it, and push its configuration (a spec of hosts always converges them to a
        /// running cluster, with or without it)
        #[arg(long)]
        up: bool,
    },
    /// Show the running cluster of a directory: nodes, quorum, DC, where resources run
    Status {
        /// The directory the cluster was started from
        #[arg(long)]
        dir: PathBuf,
    },
    /// Stop and remove a Docker lab's containers and network; the files stay (a cluster on
    /// hosts is refused)
    Down {
        /// The directory the cluster was started from
        #[arg(long)]
        dir: PathBuf,
    },
    /// Work with the hosts of a spec of the hosts target (`target="hosts"`)
    Hosts {
        #[command(subcommand)]
        action: HostsAction,
    },
    /// Print a shell completion script for bash, zsh or fish
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: completions::Shell,
    },
    /// Print hacc's man page, or write a page for hacc and each subcommand into a directory
    Man {
        /// The directory to write `hacc.1`, `hacc-check.1`, ... into
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Serve editors as a language server on standard input and output
    Lsp,
    /// Rewrite specs in the canonical layout, keeping every comment
    Fmt {
        /// The KDL cluster specs; `-` reads standard input and writes standard output
        #[arg(required = true)]
        specs: Vec<PathBuf>,
        /// Change nothing; exit with 1 and show the difference when a spec is not canonical
        #[arg(long)]
        check: bool,
    },
    /// Write a spec from a CIB file (e.g. from `cibadmin --query`)
    Import {
        /// The CIB XML file (e.g. the output of `cibadmin --query`)
        #[arg(required_unless_present = "dir")]
        cib: Option<PathBuf>,
        /// The cluster's corosync.conf: gives the corosync settings and the node addresses
        #[arg(long, value_name = "FILE")]
        corosync: Option<PathBuf>,
        /// Import the running cluster of this deploy directory instead: its live CIB and a
        /// node's corosync.conf
        #[arg(long, value_name = "DIR", conflicts_with_all = ["cib", "corosync"])]
        dir: Option<PathBuf>,
        /// The spec to write (must not exist)
        #[arg(short, long, value_name = "SPEC")]
        output: PathBuf,
    },
    /// Draw a spec's nodes, resources, groups, clones, constraints and fencing levels
    Graph {
        /// The KDL cluster spec
        spec: PathBuf,
        /// What to write: an SVG picture, or DOT for Graphviz
        #[arg(long, value_enum, default_value_t = crate::graph::Format::Svg)]
        format: crate::graph::Format,
        /// The file to write; standard output when omitted
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// A deploy directory whose running cluster is drawn over the spec: each node's
        /// state, where each resource runs now, and what is stopped or failed
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum HostsAction {
    /// Show the host keys the spec's hosts offer, and record them as theirs after asking
    Accept {
        /// The KDL cluster spec
        spec: PathBuf,
        /// The deploy directory whose `.hacc/known_hosts` records the keys
        #[arg(long)]
        dir: PathBuf,
        /// Record the keys without asking
        #[arg(long)]
        yes: bool,
    },
    /// Log in to every host over SSH and show the distribution it runs
    Check {
        /// The KDL cluster spec
        spec: PathBuf,
        /// The deploy directory whose `.hacc/known_hosts` the host keys are checked against
        #[arg(long)]
        dir: PathBuf,
    },
}

/// Runs hacc and returns the process exit status.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            // With `--detailed-exitcode`, 2 means "changes": a usage error must not look like one.
            let detailed = std::env::args().any(|a| a == "--detailed-exitcode");
            return match (error.use_stderr(), detailed) {
                (false, _) => 0,
                (true, true) => 1,
                (true, false) => EXIT_USAGE,
            };
        }
    };
    let outcome = match cli.command {
        Command::Check { spec, format } => check::run(&spec, format),
        Command::Explain { code } => explain::run(code.as_deref()),
        Command::Build { spec, output } => build::run(&spec, &output),
        Command::Plan {
            spec,
            dir,
            json,
            out,
            detailed_exitcode,
        } => plan::run(&plan::PlanArgs {
            spec,
            dir,
            json,
            out,
            detailed_exitcode,
        }),
        Command::Apply {
            target,
            dir,
            auto_approve,
            force,
            up,
        } => apply::run(&apply::ApplyArgs {
            target,
            dir,
            auto_approve,
            force,
            up,
        }),
        Command::Status { dir } => status::run(&dir),
        Command::Down { dir } => down::run(&dir),
        Command::Hosts { action } => match action {
            HostsAction::Accept { spec, dir, yes } => {
                hosts::run(&spec, &dir, &hosts::Action::Accept { yes })
            }
            HostsAction::Check { spec, dir } => hosts::run(&spec, &dir, &hosts::Action::Check),
        },
        Command::Completions { shell } => completions::run(shell),
        Command::Man { out } => man::run(out.as_deref()),
        Command::Fmt { specs, check } => fmt::run(&specs, check),
        Command::Import {
            cib,
            corosync,
            dir,
            output,
        } => {
            let source = match (&dir, &cib) {
                (Some(dir), _) => import::Source::Dir(dir),
                (None, Some(cib)) => import::Source::Files {
                    cib,
                    corosync: corosync.as_deref(),
                },
                (None, None) => unreachable!("clap requires a CIB or --dir"),
            };
            import::run(&source, &output)
        }
        Command::Lsp => lsp::run(),
        Command::Graph {
            spec,
            format,
            output,
            dir,
        } => graph::run(&spec, format, output.as_deref(), dir.as_deref()),
    };
    outcome.unwrap_or_else(failure::Failure::report)
}

/// Whether to colour output for this stream: a terminal, and `NO_COLOR` unset.
pub fn use_color(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
