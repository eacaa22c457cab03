use thiserror::Error;

/// A value the target format cannot carry, found while writing an artifact.
///
/// `hacc check` is meant to reject such values first; this error keeps a missing check from
/// turning into a file that means something else than the spec.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("cannot write `{path}`: {message}")]
pub struct RenderError {
    pub path: String,
    pub message: String,
}
