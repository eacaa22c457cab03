//! Predicting what a new configuration does to the running resources: `crm_simulate` on a copy
//! of the live CIB (with its status) carrying the new configuration, inside a node.

use super::cib::Cib;
use super::transport::Shell;
use crate::state::Error;
use serde::Serialize;
use std::time::Duration;

/// One action of the transition summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Prediction {
    /// `start`, `stop`, `restart`, `move`, `recover`, `promote`, `demote`, `migrate`, ...
    pub action: String,
    /// A resource id; clone instances carry `:N`.
    pub resource: String,
    /// Where it runs now (for a start: where it will run).
    pub node: Option<String>,
    /// Where a move or migration takes it.
    pub to: Option<String>,
    pub reason: Option<String>,
}

impl Prediction {
    /// The resource id without a clone instance number.
    pub fn base_resource(&self) -> &str {
        self.resource
            .split_once(':')
            .map_or(self.resource.as_str(), |(base, _)| base)
    }
}

impl std::fmt::Display for Prediction {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{} {}", self.action, self.resource)?;
        match (&self.node, &self.to) {
            (Some(from), Some(to)) => write!(f, " {from} -> {to}")?,
            (Some(node), None) => write!(f, " on {node}")?,
            (None, Some(to)) => write!(f, " to {to}")?,
            (None, None) => {}
        }
        if let Some(reason) = &self.reason {
            write!(f, " ({reason})")?;
        }
        Ok(())
    }
}

/// What Pacemaker would do if `document` (live status, new configuration) were the CIB.
pub fn predict(node: &dyn Shell, document: &Cib) -> Result<Vec<Prediction>, Error> {
    // `--xml-file -` reads the document from the standard input: no file to copy in first.
    // `--run` stops at the transition summary; `--simulate` would also play every action of
    // the transition through (ten times slower for 50 new resources, the same summary).
    let xml = node
        .run_command(
            &[
                "crm_simulate",
                "--xml-file",
                "-",
                "--run",
                "--output-as=xml",
            ],
            Some(document.root.to_xml().as_bytes()),
            Duration::from_secs(120),
        )?
        .ok("crm_simulate")?;
    parse(&xml)
}

/// The `<actions>` of `crm_simulate --output-as=xml`: its transition summary.
pub fn parse(xml: &str) -> Result<Vec<Prediction>, Error> {
    let document = roxmltree::Document::parse(xml).map_err(|e| Error::Unreadable {
        what: "crm_simulate printed XML that does not parse".into(),
        reason: e.to_string(),
    })?;
    let Some(actions) = document
        .root_element()
        .children()
        .find(|n| n.has_tag_name("actions"))
    else {
        return Ok(Vec::new());
    };
    Ok(actions
        .children()
        .filter(|n| n.has_tag_name("rsc_action"))
        .map(|n| {
            let attr = |name| n.attribute(name).map(str::to_string);
            Prediction {
                action: attr("action").unwrap_or_default().to_lowercase(),
                resource: attr("resource").unwrap_or_default(),
                node: attr("node").or_else(|| attr("source")),
                to: attr("dest"),
                reason: attr("reason"),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_transition_summary_becomes_predictions() {
        let xml = r#"<pacemaker-result>
  <actions>
    <rsc_action action="start" resource="d1" node="web1"/>
    <rsc_action action="move" resource="ip" source="web1" dest="web3"/>
    <rsc_action action="restart" resource="ping:1" source="web3" reason="resource definition change"/>
  </actions>
</pacemaker-result>"#;
        let shown: Vec<String> = parse(xml)
            .unwrap()
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        assert_eq!(
            shown,
            [
                "start d1 on web1",
                "move ip web1 -> web3",
                "restart ping:1 on web3 (resource definition change)",
            ]
        );
        assert_eq!(parse(xml).unwrap()[2].base_resource(), "ping");
    }
}
