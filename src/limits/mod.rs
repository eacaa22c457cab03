//! What the generated files can carry: the rules `hacc check` enforces on spec values and the
//! renderers apply again as a last guard.
//!
//! Each rule lives here once. A predicate returns why a value cannot be used, or `None` when
//! it can: name and path rules a phrase that follows the value ("does not start with a
//! letter"), the crmsh rules a sentence.

pub mod copy_source;
pub mod crm;
pub mod image;
pub mod names;
pub mod paths;
pub mod text;
