//! Cluster options as the importer writes them: the ones Pacemaker maintains are left out,
//! Pacemaker 3 names become their Pacemaker 2.1 names (the table is the checker's, which
//! reads them in a spec the same way).

/// Written by Pacemaker's controller (or by tools) into every running cluster's CIB, never
/// by a user: importing them would make the spec claim them.
pub(super) const MAINTAINED: &[&str] = &[
    "cluster-infrastructure",
    "dc-version",
    "expected-quorum-votes",
    "have-watchdog",
    "last-lrm-refresh",
];

pub(super) use crate::validate::cluster_options::{
    pacemaker21_name as old_name, pacemaker21_value as old_value,
};

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
