//! Which configuration a CIB holds: what a saved plan and a push compare.

use serde::{Deserialize, Serialize};

/// A configuration version: `epoch` moves with every configuration change (not with status
/// updates); `admin_epoch` only by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CibVersion {
    pub admin_epoch: u64,
    pub epoch: u64,
}

impl std::fmt::Display for CibVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "admin_epoch {}, epoch {}", self.admin_epoch, self.epoch)
    }
}
