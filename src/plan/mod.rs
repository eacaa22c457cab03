//! Planning: what the spec wants in an output directory, what is there, and the steps between.

mod compute;
mod desired;
mod diff;
mod disk;
mod display;
mod encoded_contents;
mod json;
mod rederive;
mod saved;
mod secret_sets;
mod step;
mod summary;

pub use compute::{Plan, PlannedFile, compute};
pub(crate) use desired::AUTHKEY_PATH;
pub use desired::{Content, DesiredFile, MIN_KEY_BYTES, desired_files, is_secret};
pub(crate) use diff::unified_hunks;
pub use disk::{OnDisk, dir_state, read_current};
pub use display::{render_plan, render_steps};
pub use json::json_report;
pub use saved::SavedPlan;
pub use step::{Action, Blocker, Step};
pub use summary::{Summary, blocked_message, short_key_message};
