//! hacc, the high-availability cluster compiler.
//!
//! Pipeline: [`parse`] (KDL) -> [`decode`] (typed spec with spans) -> [`validate`]
//! (cross-references, quorum math, safety lints) -> [`model::Checked`] -> render -> plan -> apply.

pub mod agents;
pub mod apply;
pub mod cib;
pub mod cli;
pub mod decode;
pub mod diagnostic;
pub mod fast_hash;
pub mod graph;
pub mod import;
pub mod layout;
pub mod limits;
pub mod live;
pub mod lsp;
pub mod model;
pub mod parallel;
pub mod parse;
pub mod pipeline;
pub mod plan;
pub mod posix_pattern;
pub mod render;
pub mod schema;
pub mod spanned;
pub mod state;
pub mod validate;
