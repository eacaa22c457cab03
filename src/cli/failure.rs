//! How a subcommand fails. Each `run` returns its exit status or a `Failure`; `cli::run`
//! prints the failure and turns it into the exit status, in one place.

use super::EXIT_USAGE;
use crate::state::Error;

/// A subcommand's result: the exit status when it did its job (`fmt --check` and `plan
/// --detailed-exitcode` use more than 0), else why it could not.
pub(super) type Outcome = Result<i32, Failure>;

#[derive(Debug)]
pub(super) enum Failure {
    /// The command could not do its work: `error: ...`, exit status 1.
    Error(Error),
    /// An input that cannot be read, or an argument that names nothing: `error: ...`, exit
    /// status 2.
    Usage(Error),
    /// Reported already, as the spec's diagnostics are: nothing more to print.
    Reported(i32),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Error(error)
    }
}

impl Failure {
    /// A failure of the command, described by `message`.
    pub(super) fn refused(message: impl Into<String>) -> Failure {
        Failure::Error(Error::Refused(message.into()))
    }

    /// A usage failure, described by `message`.
    pub(super) fn usage(message: impl Into<String>) -> Failure {
        Failure::Usage(Error::Refused(message.into()))
    }

    /// Prints what has not been told yet and gives the exit status.
    pub(super) fn report(self) -> i32 {
        match self {
            Failure::Error(error) => {
                eprintln!("error: {error}");
                1
            }
            Failure::Usage(error) => {
                eprintln!("error: {error}");
                EXIT_USAGE
            }
            Failure::Reported(status) => status,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_has_its_exit_status() {
        assert_eq!(Failure::refused("no").report(), 1);
        assert_eq!(Failure::usage("no").report(), EXIT_USAGE);
        assert_eq!(Failure::Reported(3).report(), 3);
    }
}
