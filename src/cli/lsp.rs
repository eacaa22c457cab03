//! `hacc lsp`: the language server on standard input and output, for editors to start.

use super::failure::{Failure, Outcome};
use lsp_server::Connection;

/// 0 after the client's `shutdown` and `exit`, 1 when it exits without `shutdown` or the
/// connection breaks (as LSP asks).
pub(super) fn run() -> Outcome {
    let (connection, io_threads) = Connection::stdio();
    let clean = crate::lsp::serve(&connection).map_err(|error| Failure::refused(error.clone()))?;
    // Dropping the connection lets the writer finish sending, then stop.
    drop(connection);
    io_threads.join().map_err(|error| {
        Failure::refused(format!("the connection to the editor broke: {error}"))
    })?;
    Ok(i32::from(!clean))
}
