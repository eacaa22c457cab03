//! Runtime state: what operators and Pacemaker set in the configuration while the cluster runs,
//! and hacc keeps when it pushes the spec's configuration.
//!
//! Operators' state (a node's `standby` or `maintenance`, the `cli-prefer-*`/`cli-ban-*`
//! constraints of `crm resource move/ban`, the `maintenance-mode` property, and a `crm_config`
//! name no Pacemaker release reads, which resource agents write as their state: redis's
//! `<resource>_REPL_INFO`) is reported as
//! drift unless the spec sets the same thing, in which case the spec owns it and a difference
//! is an ordinary change. Pacemaker's own properties (`dc-version` and the like), and the
//! start-up options a node's CIB is seeded with, are kept without a word.

use super::xml::{Element, Item};
use crate::validate::cluster_options::is_pacemaker_option;
use serde::Serialize;
use std::collections::BTreeMap;

/// Properties the cluster itself maintains.
const PACEMAKER_PROPERTIES: &[&str] = &[
    "dc-version",
    "cluster-infrastructure",
    "have-watchdog",
    "last-lrm-refresh",
];
/// Start-up options a node's first CIB holds (`cib-seed.xml`): kept silently, like the
/// cluster's own, unless the spec sets them, so a later start of the whole cluster is as quick.
const SEEDED_PROPERTIES: &[&str] = &["dc-deadtime"];
const OPERATOR_PROPERTIES: &[&str] = &["maintenance-mode"];
const OPERATOR_NODE_ATTRIBUTES: &[&str] = &["standby", "maintenance"];
const OPERATOR_CONSTRAINT_PREFIXES: &[&str] = &["cli-prefer-", "cli-ban-"];

/// One piece of runtime state found in the live configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuntimeState {
    /// `node`, `location`, `property`.
    pub kind: String,
    pub id: String,
    /// What it is, e.g. `standby=on`.
    pub description: String,
    /// Pacemaker's own state is kept silently; an operator's is shown as drift.
    #[serde(skip)]
    pub shown: bool,
    #[serde(skip)]
    keep: Keep,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Keep {
    Property {
        set: String,
        pair: Element,
    },
    NodeAttribute {
        node: String,
        set: String,
        pair: Element,
    },
    Constraint(Element),
}

/// The runtime state of `live` that `desired` does not own, in live document order.
pub fn find(live: &Element, desired: &Element) -> Vec<RuntimeState> {
    let mut found = Vec::new();
    if let Some(crm_config) = live.child("crm_config") {
        for set in crm_config.elements() {
            let set_id = set.id().unwrap_or_default();
            for pair in set.elements().filter(|p| p.name == "nvpair") {
                let name = pair.attr("name").unwrap_or_default();
                let pacemaker =
                    PACEMAKER_PROPERTIES.contains(&name) || SEEDED_PROPERTIES.contains(&name);
                let foreign = !is_pacemaker_option(name);
                if !(pacemaker || foreign || OPERATOR_PROPERTIES.contains(&name))
                    || desired_property(desired, name).is_some()
                {
                    continue;
                }
                found.push(RuntimeState {
                    kind: "property".into(),
                    id: name.to_string(),
                    description: format!("{name}={}", pair.attr("value").unwrap_or_default()),
                    shown: !pacemaker,
                    keep: Keep::Property {
                        set: set_id.to_string(),
                        pair: pair.clone(),
                    },
                });
            }
        }
    }
    for node in live.child("nodes").into_iter().flat_map(Element::elements) {
        let uname = node.attr("uname").unwrap_or_default();
        let Some(wanted) = desired_node(desired, uname) else {
            continue;
        };
        for set in node.elements().filter(|s| s.name == "instance_attributes") {
            for pair in set.elements().filter(|p| p.name == "nvpair") {
                let name = pair.attr("name").unwrap_or_default();
                if !OPERATOR_NODE_ATTRIBUTES.contains(&name) || node_sets(wanted, name) {
                    continue;
                }
                found.push(RuntimeState {
                    kind: "node".into(),
                    id: uname.to_string(),
                    description: format!("{name}={}", pair.attr("value").unwrap_or_default()),
                    shown: true,
                    keep: Keep::NodeAttribute {
                        node: uname.to_string(),
                        set: set.id().unwrap_or_default().to_string(),
                        pair: pair.clone(),
                    },
                });
            }
        }
    }
    let desired_constraints: Vec<&str> = desired
        .child("constraints")
        .into_iter()
        .flat_map(Element::elements)
        .filter_map(Element::id)
        .collect();
    for constraint in live
        .child("constraints")
        .into_iter()
        .flat_map(Element::elements)
    {
        let id = constraint.id().unwrap_or_default();
        let operator = OPERATOR_CONSTRAINT_PREFIXES
            .iter()
            .any(|p| id.starts_with(p));
        if !operator || desired_constraints.contains(&id) {
            continue;
        }
        found.push(RuntimeState {
            kind: "location".into(),
            id: id.to_string(),
            description: constraint_description(constraint),
            shown: true,
            keep: Keep::Constraint(constraint.clone()),
        });
    }
    found
}

fn constraint_description(constraint: &Element) -> String {
    let attr = |name| constraint.attr(name).unwrap_or("?");
    let verb = if constraint.attr("score").is_some_and(|s| s.starts_with('-')) {
        "banned from"
    } else {
        "moved to"
    };
    format!(
        "`{}` {verb} `{}` (crm resource move/ban)",
        attr("rsc"),
        attr("node")
    )
}

fn desired_property<'a>(desired: &'a Element, name: &str) -> Option<&'a Element> {
    desired
        .child("crm_config")?
        .elements()
        .flat_map(Element::elements)
        .find(|p| p.name == "nvpair" && p.attr("name") == Some(name))
}

fn desired_node<'a>(desired: &'a Element, uname: &str) -> Option<&'a Element> {
    desired
        .child("nodes")?
        .elements()
        .find(|n| n.attr("uname") == Some(uname))
}

fn node_sets(node: &Element, name: &str) -> bool {
    node.elements()
        .filter(|s| s.name == "instance_attributes")
        .flat_map(Element::elements)
        .any(|p| p.attr("name") == Some(name))
}

/// Puts every kept piece of runtime state into `desired`, in a fixed place, so pushing the
/// result leaves it as it is and pushing again finds nothing to change.
pub fn preserve(desired: &mut Element, state: &[RuntimeState]) {
    let mut properties: Vec<(&str, &Element)> = Vec::new();
    for item in state {
        match &item.keep {
            Keep::Property { set, pair } => properties.push((set, pair)),
            Keep::NodeAttribute { node, set, pair } => {
                let nodes = desired.child_or_insert("nodes");
                let Some(target) = nodes.elements_mut().find(|n| n.attr("uname") == Some(node))
                else {
                    continue;
                };
                let sets = target
                    .elements_mut()
                    .find(|s| s.name == "instance_attributes");
                if let Some(existing) = sets {
                    existing.push(pair.clone());
                } else {
                    let mut new_set = Element::new("instance_attributes");
                    new_set.set_attr("id", set);
                    new_set.push(pair.clone());
                    target.push(new_set);
                }
            }
            Keep::Constraint(constraint) => {
                desired
                    .child_or_insert("constraints")
                    .push(constraint.clone());
            }
        }
    }
    // Kept properties go first in their set (after its comments), in live order.
    let crm_config = desired.child_or_insert("crm_config");
    let mut inserted: BTreeMap<&str, usize> = BTreeMap::new();
    for (set_id, pair) in properties {
        if !crm_config.elements().any(|s| s.id() == Some(set_id)) {
            let mut set = Element::new("cluster_property_set");
            set.set_attr("id", set_id);
            crm_config.push(set);
        }
        let set = crm_config
            .elements_mut()
            .find(|s| s.id() == Some(set_id))
            .expect("just ensured");
        let comments = set
            .children
            .iter()
            .take_while(|c| matches!(c, Item::Comment(_)))
            .count();
        let done = inserted.entry(set_id).or_default();
        set.children
            .insert(comments + *done, Item::Element(pair.clone()));
        *done += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::xml::parse;

    const LIVE: &str = r#"<configuration>
  <crm_config>
    <cluster_property_set id="cib-bootstrap-options">
      <nvpair id="a" name="have-watchdog" value="false"/>
      <nvpair id="b" name="dc-version" value="2.1.5"/>
      <nvpair id="c" name="maintenance-mode" value="true"/>
      <nvpair id="d" name="stonith-enabled" value="true"/>
    </cluster_property_set>
  </crm_config>
  <nodes>
    <node id="1" uname="n1">
      <instance_attributes id="nodes-1"><nvpair id="nodes-1-standby" name="standby" value="on"/></instance_attributes>
    </node>
    <node id="2" uname="n2">
      <instance_attributes id="nodes-2"><nvpair id="nodes-2-standby" name="standby" value="on"/></instance_attributes>
    </node>
  </nodes>
  <resources/>
  <constraints>
    <rsc_location id="cli-prefer-site" rsc="site" role="Started" node="n2" score="INFINITY"/>
    <rsc_location id="mine" rsc="site" node="n1" score="50"/>
  </constraints>
</configuration>"#;

    const DESIRED: &str = r#"<configuration>
  <crm_config>
    <cluster_property_set id="cib-bootstrap-options">
      <!--# generated-->
      <nvpair id="d" name="stonith-enabled" value="false"/>
    </cluster_property_set>
  </crm_config>
  <nodes>
    <node id="1" uname="n1"/>
    <node id="2" uname="n2">
      <instance_attributes id="nodes-2"><nvpair id="nodes-2-standby" name="standby" value="off"/></instance_attributes>
    </node>
  </nodes>
  <resources/>
  <constraints>
    <rsc_location id="mine" rsc="site" node="n1" score="60"/>
  </constraints>
</configuration>"#;

    #[test]
    fn operator_state_is_drift_unless_the_spec_owns_it() {
        let (live, desired) = (
            parse(LIVE, "live").unwrap(),
            parse(DESIRED, "desired").unwrap(),
        );
        let state = find(&live, &desired);
        let shown: Vec<String> = state
            .iter()
            .filter(|s| s.shown)
            .map(|s| format!("{} {}: {}", s.kind, s.id, s.description))
            .collect();
        // n2's standby is in the spec: a change, not drift.
        assert_eq!(
            shown,
            [
                "property maintenance-mode: maintenance-mode=true",
                "node n1: standby=on",
                "location cli-prefer-site: `site` moved to `n2` (crm resource move/ban)",
            ]
        );
        assert_eq!(state.iter().filter(|s| !s.shown).count(), 2);
    }

    #[test]
    fn preserving_twice_gives_the_same_document() {
        let (live, desired) = (
            parse(LIVE, "live").unwrap(),
            parse(DESIRED, "desired").unwrap(),
        );
        let mut first = desired.clone();
        preserve(&mut first, &find(&live, &desired));
        let text = first.to_xml();
        assert!(
            text.contains("<!--# generated-->\n      <nvpair id=\"a\""),
            "{text}"
        );
        assert!(text.contains("cli-prefer-site"), "{text}");
        assert!(text.contains("nodes-1-standby"), "{text}");
        // Once pushed, the result is the live configuration: preserving again changes nothing.
        let mut second = desired.clone();
        preserve(&mut second, &find(&first, &desired));
        assert_eq!(second, first);
    }

    #[test]
    fn an_agents_state_in_crm_config_is_kept_as_drift_unless_the_spec_sets_it() {
        let live = parse(
            r#"<configuration><crm_config><cluster_property_set id="cib-bootstrap-options">
      <nvpair id="r" name="redis_REPL_INFO" value="n1"/>
      <nvpair id="t" name="transition-delay" value="1s"/>
    </cluster_property_set></crm_config></configuration>"#,
            "live",
        )
        .unwrap();
        let kept = find(&live, &parse(DESIRED, "desired").unwrap());
        let kept: Vec<(&str, bool)> = kept.iter().map(|s| (s.id.as_str(), s.shown)).collect();
        // A Pacemaker option the spec does not set is the spec's to remove; the agent's is not.
        assert_eq!(kept, [("redis_REPL_INFO", true)]);
        let owned = parse(
            r#"<configuration><crm_config><cluster_property_set id="cib-bootstrap-options">
      <nvpair id="r" name="redis_REPL_INFO" value="n2"/>
    </cluster_property_set></crm_config></configuration>"#,
            "desired",
        )
        .unwrap();
        assert!(find(&live, &owned).is_empty());
    }

    #[test]
    fn the_seeded_dc_deadtime_is_kept_silently_unless_the_spec_sets_it() {
        let live = parse(
            r#"<configuration><crm_config><cluster_property_set id="cib-bootstrap-options">
      <nvpair id="cib-bootstrap-options-dc-deadtime" name="dc-deadtime" value="2s"/>
    </cluster_property_set></crm_config></configuration>"#,
            "live",
        )
        .unwrap();
        let kept = find(&live, &parse(DESIRED, "desired").unwrap());
        let kept: Vec<(&str, bool)> = kept.iter().map(|s| (s.id.as_str(), s.shown)).collect();
        assert_eq!(kept, [("dc-deadtime", false)]);
        let owned = parse(
            r#"<configuration><crm_config><cluster_property_set id="cib-bootstrap-options">
      <nvpair id="x" name="dc-deadtime" value="10s"/>
    </cluster_property_set></crm_config></configuration>"#,
            "desired",
        )
        .unwrap();
        assert!(find(&live, &owned).is_empty());
    }
}
