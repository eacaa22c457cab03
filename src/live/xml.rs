//! A CIB document read at run time: the element tree of [`crate::cib::tree`], with a document
//! that is not XML turned into the runtime error that names where it came from.

pub use crate::cib::tree::{Element, Item};
use crate::state::Error;

/// Parses a document and returns its root element; `what` names it in the error.
pub fn parse(text: &str, what: &str) -> Result<Element, Error> {
    crate::cib::tree::parse(text).map_err(|e| Error::Unreadable {
        what: format!("{what} is not valid XML"),
        reason: e.to_string(),
    })
}
