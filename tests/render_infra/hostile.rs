//! Hostile values in every free-text field that reaches the infrastructure artifacts.
//!
//! Each value goes into one field of an otherwise ordinary spec. The outcome must be one of:
//! `hacc check` rejects it; the renderer refuses it (the format cannot carry it, and a check
//! is due); or every affected file still parses with its real tool and holds the value
//! literally.

use hacc::render::{Artifact, build};

/// The values, each with a short label for the outcome table.
pub fn values() -> Vec<(&'static str, String)> {
    let mut ten_kb = String::new();
    while ten_kb.len() < 10 * 1024 {
        ten_kb.push_str("ab'$\"\\;#: <&>{} é`");
    }
    vec![
        ("quotes", r#"it's "quoted""#.into()),
        ("newline", "line1\nline2".into()),
        (
            "shell",
            "$(touch /tmp/hacc-pwned) `id` ${HOME} $$ $1".into(),
        ),
        ("punctuation", "a; b # c: d <e> & f | g".into()),
        ("non-ascii", "ünïcødé ✓ 中文 🚀".into()),
        ("backslashes", r"back\slash \n 'single' \' end\".into()),
        (
            "typography",
            "smart ‘quotes’ “x” !history ~user *glob? [a]".into(),
        ),
        ("controls", "tab\tcr\r nel\u{85} ls\u{2028}".into()),
        ("nul", "nul\0byte".into()),
        ("braces", "{ brace }".into()),
        ("padded", "  padded  ".into()),
        ("10 KB", ten_kb),
    ]
}
/// More values for the spec's file name: what no comment of a generated format can hold.
pub fn file_name_values() -> Vec<(&'static str, String)> {
    vec![
        ("non-characters", "spec\u{FFFE}\u{FFFF}.kdl".into()),
        ("comment ends", "a --> b -- c */ d.kdl".into()),
        ("yaml document", "x\n---\nkey: value".into()),
        ("shell line", "x\nrm -rf /tmp/hacc-pwned #".into()),
    ]
}

pub use crate::common::kdl_string;

/// Free-text fields that reach the infrastructure artifacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    ClusterName,
    NetworkName,
    BaseImage,
    Package,
    CopySource,
    CopyDest,
    WrapperPath,
    WrapperArg,
    NodeName,
    EnvName,
    EnvValue,
    AutoTieBreakerNode,
    QuorumDeviceHost,
    Logfile,
    FrontName,
    FrontService,
    Health,
    /// The spec's file name, which no generated file names.
    SourceName,
}

pub const FIELDS: &[Field] = &[
    Field::ClusterName,
    Field::NetworkName,
    Field::BaseImage,
    Field::Package,
    Field::CopySource,
    Field::CopyDest,
    Field::WrapperPath,
    Field::WrapperArg,
    Field::NodeName,
    Field::EnvName,
    Field::EnvValue,
    Field::AutoTieBreakerNode,
    Field::QuorumDeviceHost,
    Field::Logfile,
    Field::FrontName,
    Field::FrontService,
    Field::Health,
    Field::SourceName,
];

impl Field {
    /// The text the field holds for a hostile value: paths keep their required shape.
    pub fn text(self, value: &str) -> String {
        match self {
            Field::CopyDest => format!("/opt/{value}"),
            Field::WrapperPath => format!("/usr/local/bin/{value}"),
            Field::Logfile => format!("/var/log/{value}"),
            Field::Health => format!("/{value}"),
            _ => value.to_string(),
        }
    }
}

/// What became of a hostile value.
pub enum Outcome {
    Rejected(String),
    Refused(String),
    Built(Vec<Artifact>),
}

/// The spec text with `text` in `field` (or in the spec's file name) and ordinary values
/// elsewhere.
pub fn spec(field: Field, text: &str) -> String {
    let slot = |own: Field, default: &str| {
        if own == field {
            kdl_string(text)
        } else {
            kdl_string(default)
        }
    };
    format!(
        r#"cluster {cluster} {{
    property "stonith-enabled" #false {{
        unsafe-acknowledged "test lab without fencing"
    }}
    network {network} subnet="10.0.0.0/24"
    image base={base} {{
        packages {package}
        copy {copy_source} to={copy_dest}
        wrapper {wrapper_path} "printf" "%s" {wrapper_arg}
    }}
    node {node} address="10.0.0.11" {{
        publish 5001 to=5000
        env {env_name}={env_value}
    }}
    node "node2" address="10.0.0.12"
    node "node3" address="10.0.0.13"
    corosync {{
        quorum{atb_node} {{
            device host={device_host}
        }}
        logging logfile={logfile}
    }}
    primitive "web" agent="ocf:heartbeat:anything" {{
        params binfile="/usr/local/bin/start"
    }}
    front {front} address="10.0.0.10" port=8080 service={service} backend-port=5000 health={health}
}}
"#,
        cluster = slot(Field::ClusterName, "web"),
        network = slot(Field::NetworkName, "ha_net"),
        base = slot(Field::BaseImage, "debian:bookworm"),
        package = slot(Field::Package, "curl"),
        copy_source = slot(Field::CopySource, "app.py"),
        copy_dest = slot(Field::CopyDest, "/opt/app/app.py"),
        wrapper_path = slot(Field::WrapperPath, "/usr/local/bin/start"),
        wrapper_arg = slot(Field::WrapperArg, "hello"),
        node = slot(Field::NodeName, "node1"),
        env_name = slot(Field::EnvName, "APP_ID"),
        env_value = slot(Field::EnvValue, "one"),
        atb_node = if field == Field::AutoTieBreakerNode {
            format!(" auto-tie-breaker-node={}", kdl_string(text))
        } else {
            String::new()
        },
        device_host = slot(Field::QuorumDeviceHost, "qnetd"),
        logfile = slot(Field::Logfile, "/var/log/corosync/corosync.log"),
        front = slot(Field::FrontName, "front"),
        service = slot(Field::FrontService, "web"),
        health = slot(Field::Health, "/health"),
    )
}

/// Checks and builds the spec with `value` in `field`.
pub fn outcome(field: Field, value: &str) -> Outcome {
    let text = field.text(value);
    let (source, name) = if field == Field::SourceName {
        (spec(field, ""), text.clone())
    } else {
        (spec(field, &text), "cluster.kdl".to_string())
    };
    let checked = hacc::pipeline::check_source(&source, &name);
    let Some(checked) = checked.checked else {
        let first = checked.diagnostics.iter().find(|d| d.is_error());
        return Outcome::Rejected(
            first.map_or(String::new(), |d| format!("{} {}", d.code.id, d.message)),
        );
    };
    match build(&checked) {
        Ok(artifacts) => Outcome::Built(artifacts),
        Err(e) => Outcome::Refused(e.to_string()),
    }
}
