//! Corosync 3 settings: transport, crypto, totem timers, links, quorum and logging.

use super::NvPair;
use crate::spanned::Spanned;
use miette::SourceSpan;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    Knet,
    Udpu,
    Udp,
}

impl Transport {
    pub fn as_str(self) -> &'static str {
        match self {
            Transport::Knet => "knet",
            Transport::Udpu => "udpu",
            Transport::Udp => "udp",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Corosync {
    /// Span of the `corosync` node, or of the cluster when it is absent.
    #[serde(skip)]
    pub span: SourceSpan,
    pub transport: Spanned<Transport>,
    pub crypto_cipher: Spanned<String>,
    pub crypto_hash: Spanned<String>,
    /// Totem options in corosync spelling (`token`, `consensus`, ...), from a preset and/or set directly.
    pub totem: Vec<NvPair>,
    pub links: Vec<Link>,
    pub quorum: Quorum,
    pub logging: Logging,
}

/// Per-link interface options (`totem.interface`).
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub number: Spanned<u8>,
    pub options: Vec<NvPair>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Quorum {
    #[serde(skip)]
    pub span: Option<SourceSpan>,
    pub expected_votes: Option<Spanned<u32>>,
    pub two_node: Option<Spanned<bool>>,
    pub wait_for_all: Option<Spanned<bool>>,
    pub last_man_standing: Option<Spanned<bool>>,
    pub last_man_standing_window: Option<Spanned<u32>>,
    pub auto_tie_breaker: Option<Spanned<bool>>,
    pub auto_tie_breaker_node: Option<Spanned<String>>,
    pub allow_downscale: Option<Spanned<bool>>,
    pub device: Option<QuorumDevice>,
}

impl Quorum {
    pub fn flag(option: &Option<Spanned<bool>>) -> bool {
        option.as_ref().is_some_and(|f| f.value)
    }
}

/// A corosync-qnetd quorum device.
#[derive(Debug, Clone, Serialize)]
pub struct QuorumDevice {
    #[serde(skip)]
    pub span: SourceSpan,
    pub host: Spanned<String>,
    pub algorithm: Spanned<String>,
    pub tls: Spanned<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Logging {
    pub to_stderr: bool,
    pub to_syslog: bool,
    pub to_logfile: bool,
    pub logfile: Option<Spanned<String>>,
    pub timestamp: bool,
    pub debug: bool,
}

impl Default for Logging {
    /// Containers log to stderr so `docker logs` shows corosync.
    fn default() -> Self {
        Logging {
            to_stderr: true,
            to_syslog: false,
            to_logfile: false,
            logfile: None,
            timestamp: true,
            debug: false,
        }
    }
}
