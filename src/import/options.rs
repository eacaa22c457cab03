//! Cluster options as the importer writes them: the ones Pacemaker maintains are left out,
//! Pacemaker 3 names become their Pacemaker 2.1 names.

/// Written by Pacemaker's controller (or by tools) into every running cluster's CIB, never
/// by a user: importing them would make the spec claim them.
pub(super) const MAINTAINED: &[&str] = &[
    "cluster-infrastructure",
    "dc-version",
    "expected-quorum-votes",
    "have-watchdog",
    "last-lrm-refresh",
];

/// Pacemaker 3 option name -> the Pacemaker 2.1 name of the same option (Pacemaker's options
/// table lists the 2.1 name as the old name of each).
pub(super) const RENAMED: &[(&str, &str)] = &[
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
pub(super) fn old_name(name: &str) -> Option<&'static str> {
    RENAMED
        .iter()
        .find(|(new, _)| *new == name)
        .map(|(_, old)| *old)
}

/// `no-quorum-policy=fence` is Pacemaker 3's name for 2.1's `suicide`.
pub(super) fn old_value(name: &str, value: &str) -> Option<&'static str> {
    (name == "no-quorum-policy" && value == "fence").then_some("suicide")
}

/// Why a property value needs an acknowledgement in the spec, None when it does not (the same
/// two cases `hacc check` refuses without one).
pub(super) fn risk(name: &str, value: &str) -> Option<&'static str> {
    let false_like = matches!(
        value.to_ascii_lowercase().as_str(),
        "false" | "off" | "no" | "n" | "0"
    );
    match name {
        "stonith-enabled" if false_like => Some("fencing is disabled"),
        "no-quorum-policy" if value == "ignore" => Some("quorum is ignored"),
        _ => None,
    }
}

/// The acknowledgement text written for an unsafe imported value.
pub(super) fn acknowledgement(risk: &str) -> String {
    format!("imported from a CIB where {risk}: review this before using the spec")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_and_risks() {
        assert_eq!(old_name("fencing-enabled"), Some("stonith-enabled"));
        assert_eq!(old_name("stonith-enabled"), None);
        assert_eq!(old_value("no-quorum-policy", "fence"), Some("suicide"));
        assert_eq!(
            risk("stonith-enabled", "False"),
            Some("fencing is disabled")
        );
        assert_eq!(risk("stonith-enabled", "true"), None);
        assert_eq!(
            risk("no-quorum-policy", "ignore"),
            Some("quorum is ignored")
        );
    }
}
