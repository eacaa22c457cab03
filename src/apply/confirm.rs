use crate::state::Error;
use std::io::{BufRead, IsTerminal, Write};

/// Asks on the terminal; only `yes` agrees. Refuses when standard input is not a terminal,
/// because an answer read from a pipe or a file is nobody's decision.
pub fn confirm(question: &str) -> Result<bool, Error> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(Error::Refused(
            "cannot ask for confirmation: standard input is not a terminal; rerun with \
             `--auto-approve` to apply without asking"
                .into(),
        ));
    }
    let mut stderr = std::io::stderr();
    let _ = write!(stderr, "{question} Only `yes` is accepted: ");
    let _ = stderr.flush();
    let mut answer = String::new();
    stdin
        .lock()
        .read_line(&mut answer)
        .map_err(crate::state::io_error(
            "read from",
            std::path::Path::new("standard input"),
        ))?;
    Ok(answer.trim() == "yes")
}
