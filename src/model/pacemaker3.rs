//! Pacemaker 3's names of cluster options Pacemaker 2.1 knows under other names. hacc builds
//! for 2.1, which ignores the new names: a spec may use them, and the model holds 2.1's.

/// Pacemaker 3 option name -> the Pacemaker 2.1 name of the same option (Pacemaker's options
/// table lists the 2.1 name as the old name of each). Pacemaker 2.1 ignores the new names.
pub const PACEMAKER3_NAMES: &[(&str, &str)] = &[
    ("cancel-removed-actions", "stop-orphan-actions"),
    ("fencing-action", "stonith-action"),
    ("fencing-enabled", "stonith-enabled"),
    ("fencing-max-attempts", "stonith-max-attempts"),
    ("fencing-reaction", "fence-reaction"),
    ("fencing-timeout", "stonith-timeout"),
    ("fencing-watchdog-timeout", "stonith-watchdog-timeout"),
    ("stop-removed-resources", "stop-orphan-resources"),
];

/// The Pacemaker 2.1 name of a Pacemaker 3 option, None for other names.
pub fn pacemaker21_name(name: &str) -> Option<&'static str> {
    PACEMAKER3_NAMES
        .iter()
        .find(|(new, _)| *new == name)
        .map(|(_, old)| *old)
}

/// `no-quorum-policy=fence` is Pacemaker 3's name for 2.1's `suicide`.
pub fn pacemaker21_value(name: &str, value: &str) -> Option<&'static str> {
    (name == "no-quorum-policy" && value == "fence").then_some("suicide")
}

/// What of a property the spec wrote in Pacemaker 3's spelling.
#[derive(Debug, Clone, Default)]
pub struct Pacemaker3Spelling {
    pub name: Option<String>,
    pub value: Option<String>,
}
