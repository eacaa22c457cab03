//! `hacc lsp`: a language server for cluster specs, over stdio. Diagnostics are `hacc check`'s;
//! hover, completion and go to definition read the text as written (so they work while it is
//! half typed) against the schema and the agents hacc knows; formatting is `hacc fmt`'s.

mod completion;
mod definition;
mod diagnostics;
mod formatting;
mod hover;
mod outline;
mod position;
mod server;
mod spot;
mod tokens;
mod vocabulary;

pub use server::{capabilities, serve};
