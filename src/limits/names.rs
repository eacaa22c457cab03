//! Names the generated files use as identifiers: host names, project, network and variable
//! names, and Pacemaker attribute names.

/// Longest label of a host name (RFC 1123).
pub const HOST_NAME_MAX: usize = 63;

/// Longest host name with its domain (RFC 1123).
pub const FQDN_MAX: usize = 253;

/// Longest cluster name: corosync's `cluster_name` limit.
pub const CLUSTER_NAME_MAX: usize = 32;

/// A character of a word in the generated files, and of an XML id after its first: an ASCII
/// letter or digit, `_`, `.` or `-`.
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

/// A node or front name: the container's host name and compose service name and, for a node,
/// its corosync and Pacemaker node name, which must all be the same word. Pacemaker takes a
/// node's `uname -n`, so the name may start with a digit (RFC 1123), be a fully qualified
/// domain name or hold `_`, which Linux and Docker take in a host name though DNS does not; a
/// name of digits and dots alone would read as an address.
pub fn host_name(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        Some("is empty")
    } else if text.chars().all(|c| c.is_ascii_digit() || c == '.') {
        Some("is made of digits and dots only, which reads as an address")
    } else if !text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
    {
        Some("holds characters other than letters, digits, `-`, `_` and `.`")
    } else if text.split('.').any(str::is_empty) {
        Some("has an empty part between dots")
    } else if text.split('.').any(|l| l.starts_with('-')) {
        Some("has a part that starts with `-`")
    } else if text.split('.').any(|l| l.ends_with('-')) {
        Some("has a part that ends with `-`")
    } else if text.split('.').any(|l| l.len() > HOST_NAME_MAX) {
        Some("has a part longer than 63 characters")
    } else if text.len() > FQDN_MAX {
        Some("is longer than 253 characters")
    } else {
        None
    }
}

/// The cluster name: corosync's `cluster_name`, the compose project and the image names.
pub fn cluster_name(text: &str) -> Option<&'static str> {
    if !text.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Some("does not start with a letter")
    } else if !text.chars().all(is_word_char) {
        Some("holds characters other than letters, digits, `-`, `_` and `.`")
    } else if text.len() > CLUSTER_NAME_MAX {
        Some("is longer than 32 characters")
    } else {
        None
    }
}

/// A docker-compose network name.
pub fn network_name(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        Some("is empty")
    } else if !text.chars().all(is_word_char) {
        Some("holds characters other than letters, digits, `.`, `_` and `-`")
    } else {
        None
    }
}

/// An environment variable name a POSIX shell (and so most programs) can read.
pub fn env_name(text: &str) -> Option<&'static str> {
    if !text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        Some("does not start with a letter or `_`")
    } else if !text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Some("holds characters other than letters, digits and `_`")
    } else if text.starts_with("HACC_") {
        Some("starts with `HACC_`, which the node containers keep for hacc's own variables")
    } else {
        None
    }
}

/// The name of a Pacemaker attribute (params, meta, utilization, node attributes, defaults):
/// crmsh reads `name=value` and derives the nvpair id `<set>-<name>` from it.
pub fn attribute_name(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        Some("is empty")
    } else if !text.chars().all(is_word_char) {
        Some("holds characters other than letters, digits, `_`, `.` and `-`")
    } else {
        None
    }
}

/// The name of a node attribute. Pacemaker takes any name here: resource agents and tools
/// set attributes such as `master-db:0` (a promotion score) or `#health-disk` (node health),
/// and the scheduler reads them back by name. A name must only be something the spec and the
/// CIB can carry: not empty, no control characters. The ids of such pairs are derived with
/// the characters an id cannot hold replaced (`cib::ids::nvpair`), and cib.crm writes a node
/// whose ids crmsh would derive wrongly in crmsh's `xml` form.
pub fn node_attribute_name(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        Some("is empty")
    } else if text.chars().any(char::is_control) {
        Some("holds a control character")
    } else {
        None
    }
}

/// Words crmsh reads as part of a rule's syntax when they stand where an attribute belongs.
const RULE_KEYWORDS: &[&str] = &["date", "defined", "not_defined"];

/// The node attribute a location rule expression tests. crmsh 4.4 reads `#` and `:` anywhere
/// in the name (`#uname`, `fail-count-db#monitor_10000`, `master-db:0`: the type of a
/// comparison goes on the operator, `string:eq`) but refuses a name that starts with `.`.
pub fn rule_attribute(text: &str) -> Option<&'static str> {
    if RULE_KEYWORDS.contains(&text) {
        Some("is a word of crmsh's rule syntax")
    } else if text.is_empty() {
        Some("is empty")
    } else if !text
        .chars()
        .all(|c| is_word_char(c) || matches!(c, '#' | ':'))
    {
        Some("holds characters other than letters, digits, `_`, `.`, `-`, `#` and `:`")
    } else if text.starts_with('.') {
        Some("starts with `.`, which crmsh does not read as a name")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names() {
        for good in [
            "node1",
            "a",
            "web-1",
            "18node1",
            "407888-db1",
            "alice.demo",
            "virt-009.cluster-qe.lab.eng.brq.redhat.com",
            "ubuntu_2",
            &"a".repeat(63),
        ] {
            assert_eq!(host_name(good), None, "{good}");
        }
        for bad in [
            "",
            "123",
            "10.0.0.1",
            "-a",
            "a-",
            "a.-b",
            "a..b",
            ".a",
            "a.",
            "a b",
            "ünï",
            &"a".repeat(64),
            &format!("{}.b", "a".repeat(64)),
            &["a"; 128].join("."),
        ] {
            assert!(host_name(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn cluster_and_network_names() {
        assert_eq!(cluster_name("docker-cluster_2.b"), None);
        assert!(cluster_name("2nd").is_some() && cluster_name("a b").is_some());
        assert!(cluster_name(&"a".repeat(33)).is_some());
        assert_eq!(network_name("ha_net.1-x"), None);
        assert!(network_name("").is_some() && network_name("a/b").is_some());
    }

    #[test]
    fn variable_and_attribute_names() {
        assert_eq!(env_name("_APP_ID2"), None);
        assert!(env_name("2A").is_some() && env_name("A-B").is_some() && env_name("").is_some());
        assert_eq!(attribute_name("target-role"), None);
        assert_eq!(attribute_name(".x"), None);
        assert!(attribute_name("a:b").is_some() && attribute_name("#x").is_some());
        for good in [
            "master-db:0",
            "#health-cpu",
            "a b",
            "fail-count-r#monitor_10000",
            "é",
        ] {
            assert_eq!(node_attribute_name(good), None, "{good}");
        }
        assert!(node_attribute_name("").is_some() && node_attribute_name("a\tb").is_some());
    }

    #[test]
    fn rule_attributes() {
        for good in [
            "pingd",
            "#uname",
            "site.zone-a_1",
            "#",
            "#.x",
            "a#b",
            "master-db:0",
        ] {
            assert_eq!(rule_attribute(good), None, "{good}");
        }
        for bad in [
            "date",
            "defined",
            "not_defined",
            "",
            ".x",
            "a b",
            "a\"b",
            "é",
        ] {
            assert!(rule_attribute(bad).is_some(), "{bad}");
        }
    }
}
