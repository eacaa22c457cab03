//! corosync.conf -> the spec's `corosync` block and its node list (names, ids, addresses).
//!
//! Only what the spec language has is carried: transport, crypto, totem timers, links, the
//! votequorum options and a qnetd device, and logging. Any other key or section is a finding
//! pointing into corosync.conf (path `totem.secauth`, `nodelist.node`, ...).

use super::finding::Finding;
use super::kdl_text::string;
use crate::diagnostic::{self as diag, Diagnostic};
use std::fmt::Write as _;
use std::net::Ipv4Addr;

#[derive(Debug, Clone)]
pub struct CorosyncNode {
    pub name: String,
    pub id: u32,
    /// One per link, ring0 first.
    pub addresses: Vec<Ipv4Addr>,
}

#[derive(Debug, Clone, Default)]
pub struct CorosyncInfo {
    pub cluster_name: Option<String>,
    /// The spec's `corosync` node, empty when every setting is the spec's default.
    pub block: String,
    pub nodes: Vec<CorosyncNode>,
    pub findings: Vec<Finding>,
}

/// A `key: value` line or a `name {` section, with the byte offset of its line.
#[derive(Debug)]
enum Item {
    Pair {
        key: String,
        value: String,
        at: usize,
    },
    Section {
        name: String,
        at: usize,
        items: Vec<Item>,
    },
}

struct Reader<'a> {
    source: &'a str,
    findings: Vec<Finding>,
}

impl Reader<'_> {
    fn refuse(&mut self, at: usize, len: usize, path: &str, message: String) {
        let diagnostic = Diagnostic::new(&diag::UNCARRIED_ATTRIBUTE, (at, len).into(), message);
        self.findings.push(Finding::new(
            self.source,
            diagnostic,
            path.to_string(),
            format!("corosync {path}"),
        ));
    }

    fn unknown(&mut self, item: &Item, parent: &str) {
        let (name, at) = match item {
            Item::Pair { key, at, .. } => (key, *at),
            Item::Section { name, at, .. } => (name, *at),
        };
        let path = format!("{parent}.{name}");
        self.refuse(
            at,
            name.len(),
            &path,
            format!("`{path}` cannot be imported: the spec's `corosync` block has no such setting"),
        );
    }
}

fn parse(source: &str) -> Result<Vec<Item>, (usize, String)> {
    let mut stack: Vec<(String, usize, Vec<Item>)> = vec![(String::new(), 0, Vec::new())];
    let mut offset = 0;
    for raw in source.split_inclusive('\n') {
        let at = offset + (raw.len() - raw.trim_start().len());
        offset += raw.len();
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "}" {
            let Some((name, start, items)) = (stack.len() > 1).then(|| stack.pop()).flatten()
            else {
                return Err((at, "a `}` closes no section".into()));
            };
            if let Some(parent) = stack.last_mut() {
                parent.2.push(Item::Section {
                    name,
                    at: start,
                    items,
                });
            }
        } else if let Some(name) = line.strip_suffix('{') {
            stack.push((name.trim().to_string(), at, Vec::new()));
        } else if let Some((key, value)) = line.split_once(':') {
            let item = Item::Pair {
                key: key.trim().to_string(),
                value: value.trim().to_string(),
                at,
            };
            if let Some(section) = stack.last_mut() {
                section.2.push(item);
            }
        } else {
            return Err((
                at,
                format!("`{line}` is neither `key: value` nor a section"),
            ));
        }
    }
    if stack.len() != 1 {
        return Err((source.len(), "a section is not closed".into()));
    }
    Ok(stack.pop().map(|s| s.2).unwrap_or_default())
}

pub fn read_corosync(source: &str) -> CorosyncInfo {
    let mut reader = Reader {
        source,
        findings: Vec::new(),
    };
    let items = match parse(source) {
        Ok(items) => items,
        Err((at, message)) => {
            let diagnostic = Diagnostic::new(
                &diag::UNREADABLE_CIB,
                (at, 0).into(),
                format!("corosync.conf does not parse: {message}"),
            );
            return CorosyncInfo {
                findings: vec![Finding::new(
                    source,
                    diagnostic,
                    "/".into(),
                    "corosync.conf syntax".into(),
                )],
                ..CorosyncInfo::default()
            };
        }
    };
    let mut info = CorosyncInfo::default();
    let mut settings = Settings::default();
    for item in &items {
        match item {
            Item::Section { name, items, .. } => match name.as_str() {
                "totem" => totem(&mut reader, &mut info, &mut settings, items),
                "nodelist" => info.nodes = nodelist(&mut reader, items),
                "quorum" => quorum(&mut reader, &mut settings, items),
                "logging" => logging(&mut reader, &mut settings, items),
                _ => reader.unknown(item, ""),
            },
            Item::Pair { .. } => reader.unknown(item, ""),
        }
    }
    info.block = settings.block();
    info.findings = reader.findings;
    info
}

/// The spec text the settings become, each part only when it is not the spec's default.
#[derive(Default)]
struct Settings {
    head: Vec<String>,
    totem: Vec<String>,
    links: Vec<String>,
    quorum: Vec<String>,
    device: Vec<String>,
    logging: Vec<String>,
}

impl Settings {
    fn block(&self) -> String {
        let mut children = Vec::new();
        if !self.totem.is_empty() {
            children.push(format!("totem {}", self.totem.join(" ")));
        }
        children.extend(self.links.iter().cloned());
        if !self.quorum.is_empty() || !self.device.is_empty() {
            let mut line = format!("quorum {}", self.quorum.join(" "));
            if !self.device.is_empty() {
                let _ = write!(line, " {{\ndevice {}\n}}", self.device.join(" "));
            }
            children.push(line);
        }
        if !self.logging.is_empty() {
            children.push(format!("logging {}", self.logging.join(" ")));
        }
        if self.head.is_empty() && children.is_empty() {
            return String::new();
        }
        let mut out = format!("corosync {}", self.head.join(" "));
        if !children.is_empty() {
            let _ = write!(out, " {{\n{}\n}}", children.join("\n"));
        }
        out.push('\n');
        out
    }
}

const TOTEM_INTEGERS: &[&str] = &[
    "token",
    "token_coefficient",
    "token_retransmit",
    "join",
    "consensus",
    "merge",
    "downcheck",
    "fail_recv_const",
    "max_messages",
    "window_size",
    "knet_compression_threshold",
    "knet_compression_level",
];
const TOTEM_STRINGS: &[&str] = &["ip_version", "link_mode", "knet_compression_model"];

fn spec_name(corosync: &str) -> String {
    corosync.replace('_', "-")
}

fn integer(value: &str) -> Option<u64> {
    value.parse::<u64>().ok().filter(|n| n.to_string() == value)
}

fn totem(reader: &mut Reader<'_>, info: &mut CorosyncInfo, s: &mut Settings, items: &[Item]) {
    let mut cipher = None;
    let mut hash = None;
    let mut transport = "knet".to_string();
    for item in items {
        match item {
            Item::Pair { key, value, .. } => match key.as_str() {
                "version" if value == "2" => {}
                "cluster_name" => info.cluster_name = Some(value.clone()),
                "transport" => transport.clone_from(value),
                "crypto_cipher" => cipher = Some(value.clone()),
                "crypto_hash" => hash = Some(value.clone()),
                k if TOTEM_INTEGERS.contains(&k) && integer(value).is_some() => {
                    s.totem.push(format!("{}={value}", spec_name(k)));
                }
                k if TOTEM_STRINGS.contains(&k) => {
                    s.totem.push(format!("{}={}", spec_name(k), string(value)));
                }
                _ => reader.unknown(item, "totem"),
            },
            Item::Section { name, items, .. } if name == "interface" => {
                interface(reader, s, items, item);
            }
            Item::Section { .. } => reader.unknown(item, "totem"),
        }
    }
    if transport != "knet" {
        s.head.push(format!("transport={}", string(&transport)));
    }
    // knet without crypto settings runs unencrypted; the spec's default is aes256/sha256.
    if transport == "knet" {
        let cipher = cipher.unwrap_or_else(|| "none".into());
        let hash = hash.unwrap_or_else(|| "none".into());
        if (cipher.as_str(), hash.as_str()) != ("aes256", "sha256") {
            s.head.push(format!("crypto-cipher={}", string(&cipher)));
            s.head.push(format!("crypto-hash={}", string(&hash)));
        }
    }
}

fn interface(reader: &mut Reader<'_>, s: &mut Settings, items: &[Item], section: &Item) {
    let mut number = None;
    let mut options = Vec::new();
    for item in items {
        let Item::Pair { key, value, .. } = item else {
            reader.unknown(item, "totem.interface");
            continue;
        };
        let name = match key.as_str() {
            "linknumber" => {
                number = integer(value);
                continue;
            }
            "knet_link_priority" => "priority",
            "knet_ping_interval" => "ping-interval",
            "knet_ping_timeout" => "ping-timeout",
            "knet_ping_precision" => "ping-precision",
            "knet_pong_count" => "pong-count",
            "mcastport" => "mcastport",
            "knet_transport" => {
                options.push(format!("transport={}", string(value)));
                continue;
            }
            _ => {
                reader.unknown(item, "totem.interface");
                continue;
            }
        };
        match integer(value) {
            Some(n) => options.push(format!("{name}={n}")),
            None => reader.unknown(item, "totem.interface"),
        }
    }
    match number {
        Some(n) => s.links.push(format!("link {n} {}", options.join(" "))),
        None => reader.unknown(section, "totem"),
    }
}

fn nodelist(reader: &mut Reader<'_>, items: &[Item]) -> Vec<CorosyncNode> {
    let mut nodes = Vec::new();
    for item in items {
        let Item::Section { name, items, at } = item else {
            reader.unknown(item, "nodelist");
            continue;
        };
        if name != "node" {
            reader.unknown(item, "nodelist");
            continue;
        }
        let mut node_name = None;
        let mut id = None;
        let mut rings: Vec<(u32, Ipv4Addr)> = Vec::new();
        for pair in items {
            let Item::Pair { key, value, .. } = pair else {
                reader.unknown(pair, "nodelist.node");
                continue;
            };
            let ring = key
                .strip_prefix("ring")
                .and_then(|r| r.strip_suffix("_addr"))
                .and_then(|n| n.parse::<u32>().ok());
            match (key.as_str(), ring, value.parse::<Ipv4Addr>()) {
                ("name", _, _) => node_name = Some(value.clone()),
                ("nodeid", _, _) => id = value.parse::<u32>().ok(),
                (_, Some(n), Ok(address)) => rings.push((n, address)),
                _ => reader.unknown(pair, "nodelist.node"),
            }
        }
        rings.sort_by_key(|(n, _)| *n);
        match (node_name, id, rings.is_empty()) {
            (Some(name), Some(id), false) => nodes.push(CorosyncNode {
                name,
                id,
                addresses: rings.into_iter().map(|(_, a)| a).collect(),
            }),
            _ => reader.refuse(
                *at,
                name.len(),
                "nodelist.node",
                "a corosync node needs `name`, `nodeid` and an IPv4 `ring0_addr`".into(),
            ),
        }
    }
    nodes
}

fn flag(value: &str) -> Option<&'static str> {
    match value {
        "1" | "yes" | "on" => Some("#true"),
        "0" | "no" | "off" => Some("#false"),
        _ => None,
    }
}

fn quorum(reader: &mut Reader<'_>, s: &mut Settings, items: &[Item]) {
    for item in items {
        match item {
            Item::Pair { key, value, .. } => {
                let written = match key.as_str() {
                    "provider" if value == "corosync_votequorum" => continue,
                    "expected_votes" | "last_man_standing_window" => {
                        integer(value).map(|n| n.to_string())
                    }
                    "two_node" | "wait_for_all" | "last_man_standing" | "auto_tie_breaker"
                    | "allow_downscale" => flag(value).map(str::to_string),
                    "auto_tie_breaker_node" => Some(string(value)),
                    _ => None,
                };
                match written {
                    Some(v) => s.quorum.push(format!("{}={v}", spec_name(key))),
                    None => reader.unknown(item, "quorum"),
                }
            }
            Item::Section { name, items, .. } if name == "device" => device(reader, s, items),
            Item::Section { .. } => reader.unknown(item, "quorum"),
        }
    }
}

fn device(reader: &mut Reader<'_>, s: &mut Settings, items: &[Item]) {
    for item in items {
        match item {
            Item::Pair { key, value, .. } if key == "model" && value == "net" => {}
            Item::Section { name, items, .. } if name == "net" => {
                for pair in items {
                    match pair {
                        Item::Pair { key, value, .. }
                            if matches!(key.as_str(), "host" | "algorithm" | "tls") =>
                        {
                            s.device.push(format!("{key}={}", string(value)));
                        }
                        _ => reader.unknown(pair, "quorum.device.net"),
                    }
                }
            }
            _ => reader.unknown(item, "quorum.device"),
        }
    }
}

fn logging(reader: &mut Reader<'_>, s: &mut Settings, items: &[Item]) {
    // The spec's defaults (containers log to stderr, with timestamps).
    let defaults = [
        ("to_stderr", true),
        ("to_syslog", false),
        ("to_logfile", false),
        ("timestamp", true),
        ("debug", false),
    ];
    for item in items {
        let Item::Pair { key, value, .. } = item else {
            reader.unknown(item, "logging");
            continue;
        };
        if key == "logfile" {
            s.logging.push(format!("logfile={}", string(value)));
            continue;
        }
        let default = defaults.iter().find(|(k, _)| k == key).map(|(_, d)| *d);
        match (default, flag(value)) {
            (Some(default), Some(written)) => {
                if (written == "#true") != default {
                    s.logging.push(format!("{}={written}", spec_name(key)));
                }
            }
            _ => reader.unknown(item, "logging"),
        }
    }
}
