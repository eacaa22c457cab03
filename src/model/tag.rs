//! Tags: a name for a list of resources, which constraints may name in place of a resource
//! (Pacemaker applies such a constraint to every member).

use crate::spanned::Spanned;
use serde::Serialize;

/// A `tag`: its id (in the CIB's one namespace of ids) and the resources it names.
#[derive(Debug, Clone, Serialize)]
pub struct Tag {
    pub id: Spanned<String>,
    pub members: Vec<Spanned<String>>,
}
