//! The Pacemaker configuration as hacc knows it, below every stage that reads or writes one:
//! validation, rendering, the live cluster and saved plans all speak of the same objects.

mod version;

pub use version::CibVersion;
