//! `hacc lsp`: the language server on standard input and output, for editors to start.

use lsp_server::Connection;

/// 0 after the client's `shutdown` and `exit`, 1 when it exits without `shutdown` or the
/// connection breaks (as LSP asks).
pub fn run() -> i32 {
    let (connection, io_threads) = Connection::stdio();
    match crate::lsp::serve(&connection) {
        Ok(clean) => {
            // Dropping the connection lets the writer finish sending, then stop.
            drop(connection);
            if let Err(error) = io_threads.join() {
                eprintln!("error: the connection to the editor broke: {error}");
                return 1;
            }
            if clean { 0 } else { 1 }
        }
        Err(error) => {
            eprintln!("error: {error}");
            1
        }
    }
}
