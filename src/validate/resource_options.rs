//! The meta attributes Pacemaker 2.1 defines for resources and operations, and the kind of
//! value each takes, from Pacemaker Explained 2.1 ("Resource Meta-Attributes", "Clone
//! Options", "Operation Properties"). Other names are a user's own (rules may read them):
//! they are not checked.

use super::cluster_options::Kind;

/// The roles a resource can be told to keep; `Master` and `Slave` are the old names of the
/// promoted ones, which hacc writes in the current spelling.
pub const ROLES: &[&str] = &[
    "Stopped",
    "Started",
    "Unpromoted",
    "Promoted",
    "Slave",
    "Master",
];

/// Meta attributes of any resource, which `rsc-defaults` sets for every resource. Clone
/// options are among them: on a resource that is not a clone they do nothing, but a value of
/// the wrong kind is wrong anywhere.
pub const RESOURCE_META: &[(&str, Kind)] = &[
    ("allow-migrate", Kind::Boolean),
    ("allow-unhealthy-nodes", Kind::Boolean),
    ("clone-max", Kind::Count),
    ("clone-min", Kind::Count),
    ("clone-node-max", Kind::Count),
    // For bundles, where only `host` means anything.
    ("container-attribute-target", Kind::Select(&["host"])),
    ("critical", Kind::Boolean),
    ("failure-timeout", Kind::Time),
    ("globally-unique", Kind::Boolean),
    ("interleave", Kind::Boolean),
    ("is-managed", Kind::Boolean),
    ("maintenance", Kind::Boolean),
    // The deprecated names of promoted-max and promoted-node-max.
    ("master-max", Kind::Count),
    ("master-node-max", Kind::Count),
    ("migration-threshold", Kind::Threshold),
    (
        "multiple-active",
        Kind::Select(&["block", "stop_only", "stop_start", "stop_unexpected"]),
    ),
    ("notify", Kind::Boolean),
    ("ordered", Kind::Boolean),
    ("priority", Kind::Score),
    ("promotable", Kind::Boolean),
    ("promoted-max", Kind::Count),
    ("promoted-node-max", Kind::Count),
    ("remote-addr", Kind::Text),
    ("remote-connect-timeout", Kind::Time),
    ("remote-node", Kind::GuestName),
    ("remote-port", Kind::Port),
    (
        "requires",
        Kind::Select(&["nothing", "quorum", "fencing", "unfencing"]),
    ),
    ("resource-stickiness", Kind::Score),
    ("target-role", Kind::Select(ROLES)),
];

/// Operation properties, which `op-defaults` sets for every operation.
pub const OP_OPTIONS: &[(&str, Kind)] = &[
    ("enabled", Kind::Boolean),
    ("interval", Kind::Time),
    // An ISO 8601 date and time.
    ("interval-origin", Kind::Text),
    (
        "on-fail",
        Kind::Select(&[
            "ignore",
            "block",
            "stop",
            "restart",
            "standby",
            "fence",
            "demote",
            "restart-container",
        ]),
    ),
    ("record-pending", Kind::Boolean),
    ("role", Kind::Select(ROLES)),
    // Deprecated, still read.
    ("start-delay", Kind::Time),
    ("timeout", Kind::Time),
];

/// The kind of a name in one of the tables, or `None` for a name Pacemaker does not define.
pub fn kind(table: &[(&str, Kind)], name: &str) -> Option<Kind> {
    table.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
}

/// Whether a role is one of the promoted-clone roles.
pub fn is_promotable_role(role: &str) -> bool {
    matches!(role, "Promoted" | "Unpromoted" | "Master" | "Slave")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted() {
        for table in [RESOURCE_META, OP_OPTIONS] {
            let names: Vec<_> = table.iter().map(|(n, _)| *n).collect();
            let mut sorted = names.clone();
            sorted.sort_unstable();
            assert_eq!(names, sorted);
        }
        assert_eq!(kind(RESOURCE_META, "priority"), Some(Kind::Score));
        assert_eq!(kind(OP_OPTIONS, "priority"), None);
    }
}
