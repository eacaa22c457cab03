//! Alerts: scripts Pacemaker runs on cluster events, each for a list of recipients.

use super::NvPair;
use crate::spanned::Spanned;
use miette::SourceSpan;
use serde::Serialize;

/// An `alert`: the agent `path` is called for the selected events, once per recipient.
#[derive(Debug, Clone, Serialize)]
pub struct Alert {
    pub id: Spanned<String>,
    pub path: Spanned<String>,
    /// Instance attributes, passed to the agent as environment variables.
    pub params: Vec<NvPair>,
    /// Alert options (`timeout`, `timestamp-format`).
    pub meta: Vec<NvPair>,
    /// Further sets of each, with their own id, score and rule.
    pub param_sets: Vec<super::NvSet>,
    pub meta_sets: Vec<super::NvSet>,
    /// Which events; all of them when absent.
    pub select: Option<AlertSelect>,
    pub recipients: Vec<Recipient>,
}

/// The kinds of events an alert is called for.
#[derive(Debug, Clone, Serialize)]
pub struct AlertSelect {
    #[serde(skip)]
    pub span: SourceSpan,
    pub nodes: bool,
    pub fencing: bool,
    pub resources: bool,
    /// `attributes=` as written: node attribute changes; implied by `attribute` children.
    pub attributes: Option<Spanned<bool>>,
    /// Only changes of these node attributes (all of them when empty).
    pub attribute_names: Vec<Spanned<String>>,
}

impl AlertSelect {
    /// Whether node attribute changes are selected.
    pub fn selects_attributes(&self) -> bool {
        self.attributes
            .as_ref()
            .map_or(!self.attribute_names.is_empty(), |a| a.value)
    }
}

/// Where an alert goes (a file, an address): the agent reads it as `CRM_alert_recipient`.
#[derive(Debug, Clone, Serialize)]
pub struct Recipient {
    pub value: Spanned<String>,
    pub params: Vec<NvPair>,
    pub meta: Vec<NvPair>,
    pub param_sets: Vec<super::NvSet>,
    pub meta_sets: Vec<super::NvSet>,
}
