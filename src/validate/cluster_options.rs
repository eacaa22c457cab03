//! The Pacemaker 2.1 cluster options (`crm_config` properties) and the values each accepts,
//! from the metadata of pacemaker-schedulerd, pacemaker-controld and pacemaker-based, and the
//! kinds of value every typed Pacemaker attribute takes.

use crate::decode::scalars::{is_xml_id, parse_duration};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Boolean,
    /// A duration such as `60s` or `15min`.
    Time,
    Integer,
    /// An integer, `INFINITY`, `+INFINITY` or `-INFINITY`, as Pacemaker parses a score.
    Score,
    /// A whole number: 0 or more.
    Count,
    /// A whole number or `INFINITY` (`migration-threshold`).
    Threshold,
    /// A TCP port, 1 to 65535.
    Port,
    /// A guest node's name (`remote-node`): a node name, which Pacemaker also makes the id
    /// of the connection resource it adds. It does not check that id against the schema, so
    /// a host name that starts with a digit (`18node2`) works as well as an XML id.
    GuestName,
    /// A percentage such as `80%`.
    Percentage,
    Text,
    Select(&'static [&'static str]),
    /// Maintained by Pacemaker itself; a spec must not set it.
    ReadOnly,
}

pub const OPTIONS: &[(&str, Kind)] = &[
    ("batch-limit", Kind::Integer),
    ("cluster-delay", Kind::Time),
    ("cluster-infrastructure", Kind::ReadOnly),
    ("cluster-ipc-limit", Kind::Integer),
    ("cluster-name", Kind::Text),
    ("cluster-recheck-interval", Kind::Time),
    ("concurrent-fencing", Kind::Boolean),
    ("dc-deadtime", Kind::Time),
    ("dc-version", Kind::ReadOnly),
    ("election-timeout", Kind::Time),
    ("enable-acl", Kind::Boolean),
    ("enable-startup-probes", Kind::Boolean),
    ("fence-reaction", Kind::Select(&["stop", "panic"])),
    ("have-watchdog", Kind::ReadOnly),
    ("join-finalization-timeout", Kind::Time),
    ("join-integration-timeout", Kind::Time),
    ("load-threshold", Kind::Percentage),
    ("maintenance-mode", Kind::Boolean),
    ("migration-limit", Kind::Integer),
    (
        "no-quorum-policy",
        Kind::Select(&["stop", "freeze", "ignore", "demote", "suicide"]),
    ),
    ("node-action-limit", Kind::Integer),
    // Scores, though the metadata says integer: node-health-red defaults to -INFINITY.
    ("node-health-base", Kind::Score),
    ("node-health-green", Kind::Score),
    ("node-health-red", Kind::Score),
    (
        "node-health-strategy",
        Kind::Select(&[
            "none",
            "migrate-on-red",
            "only-green",
            "progressive",
            "custom",
        ]),
    ),
    ("node-health-yellow", Kind::Score),
    ("pe-error-series-max", Kind::Integer),
    ("pe-input-series-max", Kind::Integer),
    ("pe-warn-series-max", Kind::Integer),
    (
        "placement-strategy",
        Kind::Select(&["default", "utilization", "minimal", "balanced"]),
    ),
    ("priority-fencing-delay", Kind::Time),
    ("remove-after-stop", Kind::Boolean),
    ("shutdown-escalation", Kind::Time),
    ("shutdown-lock", Kind::Boolean),
    ("shutdown-lock-limit", Kind::Time),
    ("start-failure-is-fatal", Kind::Boolean),
    ("startup-fencing", Kind::Boolean),
    // `poweroff` is a deprecated alias of `off` that crm_verify warns about (see `ALIASES`).
    ("stonith-action", Kind::Select(&["reboot", "off"])),
    ("stonith-enabled", Kind::Boolean),
    ("stonith-max-attempts", Kind::Integer),
    ("stonith-timeout", Kind::Time),
    ("stonith-watchdog-timeout", Kind::Time),
    ("stop-all-resources", Kind::Boolean),
    ("stop-orphan-actions", Kind::Boolean),
    ("stop-orphan-resources", Kind::Boolean),
    ("symmetric-cluster", Kind::Boolean),
    ("transition-delay", Kind::Time),
];

/// Deprecated spellings Pacemaker still reads but warns about: (option, old, what to write).
pub const ALIASES: &[(&str, &str, &str)] = &[("stonith-action", "poweroff", "off")];

pub use crate::model::pacemaker3::{PACEMAKER3_NAMES, pacemaker21_name, pacemaker21_value};

/// Names of other Pacemaker releases: the old names of options (Heartbeat's and Pacemaker
/// 1's), with the option Pacemaker 2.1 reads each as when it still does, and options added
/// after 2.1.5, which it ignores.
pub const OTHER_RELEASES: &[(&str, Release)] = &[
    (
        "crmd-finalization-timeout",
        Release::Older(Some("join-finalization-timeout")),
    ),
    (
        "crmd-integration-timeout",
        Release::Older(Some("join-integration-timeout")),
    ),
    (
        "crmd-transition-delay",
        Release::Older(Some("transition-delay")),
    ),
    ("no_quorum-policy", Release::Older(None)),
    ("node-pending-timeout", Release::Newer),
    ("probe_complete", Release::Older(None)),
    ("require_quorum", Release::Older(None)),
    ("transition-idle-timeout", Release::Older(None)),
    ("transition_timeout", Release::Older(None)),
];

/// Where a cluster option name of another release comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Release {
    /// An older name: Pacemaker 2.1 reads it as this option, or ignores it (None).
    Older(Option<&'static str>),
    /// An option of a later Pacemaker.
    Newer,
}

/// Whether some release of Pacemaker reads `name` as a cluster option; other `crm_config`
/// names are agents' state or leftovers of other tools (W0419).
pub fn is_pacemaker_option(name: &str) -> bool {
    kind(name).is_some() || other_release(name).is_some()
}

pub fn other_release(name: &str) -> Option<Release> {
    OTHER_RELEASES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, r)| *r)
}

/// Boolean options Pacemaker 2.1 deprecates: it warns when they are on.
pub const DEPRECATED_WHEN_ON: &[&str] = &["remove-after-stop"];

pub fn kind(name: &str) -> Option<Kind> {
    OPTIONS.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
}

pub fn names() -> impl Iterator<Item = &'static str> + Clone {
    OPTIONS.iter().map(|(n, _)| *n)
}

/// Pacemaker's boolean spellings (case-insensitive); None when the text is not a boolean.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "on" | "yes" | "y" | "1" => Some(true),
        "false" | "off" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

/// Pacemaker's spellings of an infinite score, case-sensitive as it compares them.
fn is_infinity(value: &str) -> bool {
    matches!(value, "INFINITY" | "+INFINITY")
}

impl Kind {
    /// Whether the value suits this kind; read-only options accept nothing.
    pub fn accepts(self, value: &str) -> bool {
        match self {
            Kind::Boolean => parse_bool(value).is_some(),
            Kind::Time => parse_duration(value).is_some(),
            Kind::Integer => value.parse::<i64>().is_ok(),
            Kind::Score => {
                is_infinity(value) || value == "-INFINITY" || Kind::Integer.accepts(value)
            }
            Kind::Count => value.parse::<u32>().is_ok(),
            Kind::Threshold => is_infinity(value) || Kind::Count.accepts(value),
            Kind::Port => value.parse::<u16>().is_ok_and(|port| port > 0),
            Kind::GuestName => is_xml_id(value) || crate::limits::names::host_name(value).is_none(),
            Kind::Percentage => value
                .strip_suffix('%')
                .unwrap_or(value)
                .parse::<u32>()
                .is_ok(),
            Kind::Text => true,
            Kind::Select(values) => values.contains(&value),
            Kind::ReadOnly => false,
        }
    }

    /// What the option expects, for help lines.
    pub fn expected(self) -> String {
        match self {
            Kind::Boolean => "#true or #false".into(),
            Kind::Time => "a duration such as \"60s\" or \"15min\"".into(),
            Kind::Integer => "an integer".into(),
            Kind::Score => "a score: an integer, \"INFINITY\" or \"-INFINITY\"".into(),
            Kind::Count => "a whole number (0 or more)".into(),
            Kind::Threshold => "a whole number or \"INFINITY\"".into(),
            Kind::Port => "a port number (1 to 65535)".into(),
            Kind::GuestName => {
                "a node name: letters, digits, `-`, `_` and `.`, not only digits and dots".into()
            }
            Kind::Percentage => "a percentage such as \"80%\"".into(),
            Kind::Text => "any text".into(),
            Kind::Select(values) => format!("one of: {}", values.join(", ")),
            Kind::ReadOnly => "nothing: Pacemaker sets it".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_values_are_checked() {
        let names: Vec<_> = names().collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
        assert!(Kind::Boolean.accepts("false") && !Kind::Boolean.accepts("maybe"));
        assert!(Kind::Time.accepts("15min") && !Kind::Time.accepts("soon"));
        assert!(Kind::Integer.accepts("-1") && !Kind::Integer.accepts("1.5"));
        assert!(Kind::Percentage.accepts("80%") && !Kind::Percentage.accepts("lots"));
        assert!(!Kind::ReadOnly.accepts("true"));
        assert!(Kind::Score.accepts("-INFINITY") && Kind::Score.accepts("+INFINITY"));
        assert!(!Kind::Score.accepts("inf") && !Kind::Score.accepts("1.5"));
        assert!(Kind::Count.accepts("0") && !Kind::Count.accepts("-1"));
        assert!(Kind::Threshold.accepts("INFINITY") && !Kind::Threshold.accepts("-INFINITY"));
        assert!(Kind::Port.accepts("3121") && !Kind::Port.accepts("0"));
        assert_eq!(
            kind("no-quorum-policy").map(|k| k.accepts("ignore")),
            Some(true)
        );
        let other: Vec<_> = OTHER_RELEASES.iter().map(|(n, _)| *n).collect();
        let mut sorted = other.clone();
        sorted.sort_unstable();
        assert_eq!(other, sorted);
        for (name, release) in OTHER_RELEASES {
            assert!(kind(name).is_none(), "{name} is a 2.1 option");
            if let Release::Older(Some(current)) = release {
                assert!(kind(current).is_some(), "{current} is not a 2.1 option");
            }
        }
        assert_eq!(pacemaker21_name("fencing-enabled"), Some("stonith-enabled"));
        assert_eq!(pacemaker21_name("stonith-enabled"), None);
    }
}
