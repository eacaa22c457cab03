//! The `corosync` block: transport, crypto, timer presets, links, quorum and logging.

use super::reader::NodeView;
use crate::model::{Corosync, Link, Logging, NvPair, Quorum, QuorumDevice, Transport};
use crate::spanned::Spanned;

/// Totem timers of the `fast-failover` preset, in ms.
///
/// A 1 s token (default 3 s) detects a dead node about three times sooner, at the price of
/// false membership changes when a node stalls for more than a second (heavy load, VM pauses).
/// Shorter tokens were measured on a loaded 2-core host (BENCHMARKS.md, section 4): 800 ms
/// saved about 0.4 s per failover and stayed quiet in a 150 s idle run, 600 ms lost the token
/// once in the same time. 1 s keeps a margin over the stalls seen there; the 2 s Pacemaker's
/// controller spends after a non-DC node is lost is beyond any corosync timer.
pub(super) const FAST_FAILOVER_TIMERS: &[(&str, &str)] = &[
    ("token", "1000"),
    ("token_coefficient", "0"),
    ("consensus", "1200"),
];

pub(super) fn corosync(cluster: &NodeView<'_>) -> Corosync {
    let view = cluster.children("corosync", "cluster.corosync").next();
    let span = view.map_or(cluster.name_span(), |v| v.name_span());
    let default = |text: &str| Spanned::new(text.to_string(), span);
    let transport = view.and_then(|v| v.str("transport")).map_or_else(
        || Spanned::new(Transport::Knet, span),
        |t| {
            let kind = match t.value.as_str() {
                "udpu" => Transport::Udpu,
                "udp" => Transport::Udp,
                _ => Transport::Knet,
            };
            Spanned::new(kind, t.span)
        },
    );
    // Legacy transports cannot encrypt, so their crypto defaults to off (and is warned about).
    let crypto_default = if transport.value == Transport::Knet {
        ("aes256", "sha256")
    } else {
        ("none", "none")
    };
    Corosync {
        span,
        crypto_cipher: view
            .and_then(|v| v.str("crypto-cipher"))
            .unwrap_or_else(|| default(crypto_default.0)),
        crypto_hash: view
            .and_then(|v| v.str("crypto-hash"))
            .unwrap_or_else(|| default(crypto_default.1)),
        transport,
        totem: view.map(|v| totem(&v)).unwrap_or_default(),
        links: view.map(|v| links(&v)).unwrap_or_default(),
        quorum: view
            .and_then(|v| v.children("quorum", "cluster.corosync.quorum").next())
            .map(|q| quorum(&q))
            .unwrap_or_default(),
        logging: view
            .and_then(|v| v.children("logging", "cluster.corosync.logging").next())
            .map(|l| logging(&l))
            .unwrap_or_default(),
    }
}

/// Totem options in spec spelling; corosync spells them with `_`.
const TOTEM_OPTIONS: &[&str] = &[
    "token",
    "token-coefficient",
    "token-retransmit",
    "join",
    "consensus",
    "merge",
    "downcheck",
    "fail-recv-const",
    "max-messages",
    "window-size",
    "ip-version",
    "link-mode",
    "knet-compression-model",
    "knet-compression-threshold",
    "knet-compression-level",
];

/// Per-link options in spec spelling (renderers map them to `knet_*` names).
const LINK_OPTIONS: &[&str] = &[
    "priority",
    "ping-interval",
    "ping-timeout",
    "ping-precision",
    "pong-count",
    "transport",
    "mcastport",
];

/// The preset's timers, then explicit `totem` options (which win), in corosync spelling.
fn totem(view: &NodeView<'_>) -> Vec<NvPair> {
    let mut options: Vec<NvPair> = Vec::new();
    if let Some(preset) = view.str("timers").filter(|p| p.value == "fast-failover") {
        for (name, value) in FAST_FAILOVER_TIMERS {
            options.push(NvPair {
                name: Spanned::new(name.to_string(), preset.span),
                value: Spanned::new(value.to_string(), preset.span),
            });
        }
    }
    for block in view.children("totem", "cluster.corosync.totem") {
        for mut pair in TOTEM_OPTIONS.iter().filter_map(|key| block.pair(key)) {
            pair.name.value = pair.name.value.replace('-', "_");
            options.retain(|o| o.name.value != pair.name.value);
            options.push(pair);
        }
    }
    options
}

fn links(view: &NodeView<'_>) -> Vec<Link> {
    view.children("link", "cluster.corosync.link")
        .filter_map(|l| {
            let number = l.arg_int(0)?;
            let number = Spanned::new(u8::try_from(number.value).unwrap_or(u8::MAX), number.span);
            Some(Link {
                number,
                options: LINK_OPTIONS.iter().filter_map(|key| l.pair(key)).collect(),
            })
        })
        .collect()
}

fn quorum(view: &NodeView<'_>) -> Quorum {
    let u32_of = |key: &str| {
        view.int(key)
            .and_then(|i| Some(Spanned::new(u32::try_from(i.value).ok()?, i.span)))
    };
    Quorum {
        span: Some(view.name_span()),
        expected_votes: u32_of("expected-votes"),
        two_node: view.bool("two-node"),
        wait_for_all: view.bool("wait-for-all"),
        last_man_standing: view.bool("last-man-standing"),
        last_man_standing_window: u32_of("last-man-standing-window"),
        auto_tie_breaker: view.bool("auto-tie-breaker"),
        auto_tie_breaker_node: view.str("auto-tie-breaker-node"),
        allow_downscale: view.bool("allow-downscale"),
        device: view
            .children("device", "cluster.corosync.quorum.device")
            .next()
            .map(|d| QuorumDevice {
                span: d.name_span(),
                host: d.str_or_empty("host"),
                algorithm: d
                    .str("algorithm")
                    .unwrap_or_else(|| Spanned::new("ffsplit".into(), d.name_span())),
                tls: d
                    .str("tls")
                    .unwrap_or_else(|| Spanned::new("on".into(), d.name_span())),
            }),
    }
}

fn logging(view: &NodeView<'_>) -> Logging {
    let defaults = Logging::default();
    let flag = |key: &str, default: bool| view.bool(key).map_or(default, |b| b.value);
    Logging {
        to_stderr: flag("to-stderr", defaults.to_stderr),
        to_syslog: flag("to-syslog", defaults.to_syslog),
        to_logfile: flag("to-logfile", defaults.to_logfile),
        logfile: view.str("logfile"),
        timestamp: flag("timestamp", defaults.timestamp),
        debug: flag("debug", defaults.debug),
    }
}
