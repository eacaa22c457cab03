//! `hacc completions SHELL`: a completion script for the shell, generated from the same clap
//! definitions the parser uses, so it never lags behind a new subcommand or flag.

use super::Cli;
use super::failure::{Failure, Outcome};
use clap::{CommandFactory, ValueEnum};

/// The shells hacc writes completions for (the ones its tests run).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// The completion script for `shell`.
pub(super) fn script(shell: Shell) -> Vec<u8> {
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut out = Vec::new();
    clap_complete::generate(generator, &mut Cli::command(), "hacc", &mut out);
    out
}

pub(super) fn run(shell: Shell) -> Outcome {
    use std::io::Write as _;
    std::io::stdout()
        .write_all(&script(shell))
        .map_err(|error| {
            Failure::refused(format!("cannot write the completion script: {error}"))
        })?;
    Ok(0)
}
