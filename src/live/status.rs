//! `hacc status`: what the running cluster says about itself (`crm_mon --output-as=xml`):
//! nodes, quorum, the DC and where each resource runs.

use super::transport::Shell;
use crate::state::Error;
use roxmltree::Document;
use std::fmt::Write;
use std::time::Duration;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClusterStatus {
    /// The designated controller, once one is elected.
    pub dc: Option<String>,
    /// Whether the DC's partition has quorum (false without a DC).
    pub quorum: bool,
    pub nodes: Vec<NodeStatus>,
    pub resources: Vec<ResourceStatus>,
    /// Failed actions, one line each (`web-server start on web2: not installed`).
    pub failures: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeStatus {
    pub name: String,
    pub online: bool,
    pub standby: bool,
    pub maintenance: bool,
    /// Its transient attributes as the CIB holds them (`pingd`, ...): what rules read.
    pub attributes: Vec<(String, String)>,
}

/// One resource instance as `crm_mon` lists it; clone instances share the id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceStatus {
    pub id: String,
    /// The group, clone or bundle it belongs to.
    pub parent: Option<String>,
    pub agent: String,
    pub role: String,
    pub nodes: Vec<String>,
    pub failed: bool,
    pub managed: bool,
}

impl ClusterStatus {
    pub fn node(&self, name: &str) -> Option<&NodeStatus> {
        self.nodes.iter().find(|n| n.name == name)
    }

    /// The nodes where a resource (or any instance of it) is active.
    pub fn running_on(&self, id: &str) -> Vec<String> {
        let mut nodes: Vec<String> = self
            .resources
            .iter()
            .filter(|r| r.id == id || r.parent.as_deref() == Some(id))
            .flat_map(|r| r.nodes.iter().cloned())
            .collect();
        nodes.sort();
        nodes.dedup();
        nodes
    }
}

/// Asks a node for the cluster status.
pub fn query(node: &dyn Shell) -> Result<ClusterStatus, Error> {
    let xml = node
        .run_command(
            &["crm_mon", "--one-shot", "--output-as=xml"],
            None,
            Duration::from_secs(30),
        )?
        .ok("crm_mon")?;
    parse(&xml)
}

pub fn parse(xml: &str) -> Result<ClusterStatus, Error> {
    let document = Document::parse(xml).map_err(|e| Error::Unreadable {
        what: "crm_mon printed XML that does not parse".into(),
        reason: e.to_string(),
    })?;
    let root = document.root_element();
    let mut status = ClusterStatus::default();
    if let Some(dc) = root
        .descendants()
        .find(|n| n.has_tag_name("current_dc") && n.attribute("present") == Some("true"))
    {
        status.dc = dc.attribute("name").map(str::to_string);
        status.quorum = dc.attribute("with_quorum") == Some("true");
    }
    let section = |name: &str| root.children().find(|n| n.has_tag_name(name));
    if let Some(nodes) = section("nodes") {
        status.nodes = nodes
            .children()
            .filter(|n| n.has_tag_name("node"))
            .map(|n| NodeStatus {
                name: n.attribute("name").unwrap_or_default().to_string(),
                online: n.attribute("online") == Some("true"),
                standby: n.attribute("standby") == Some("true"),
                maintenance: n.attribute("maintenance") == Some("true"),
                attributes: Vec::new(),
            })
            .collect();
    }
    if let Some(attributes) = section("node_attributes") {
        for node in attributes.children().filter(|n| n.has_tag_name("node")) {
            let name = node.attribute("name").unwrap_or_default();
            if let Some(status) = status.nodes.iter_mut().find(|n| n.name == name) {
                status.attributes = node
                    .children()
                    .filter(|a| a.has_tag_name("attribute"))
                    .filter_map(|a| {
                        Some((a.attribute("name")?.into(), a.attribute("value")?.into()))
                    })
                    .collect();
            }
        }
    }
    if let Some(resources) = section("resources") {
        collect_resources(resources, None, &mut status.resources);
    }
    if let Some(failures) = section("failures") {
        status.failures = failures
            .children()
            .filter(roxmltree::Node::is_element)
            .map(|f| {
                let attr = |name| f.attribute(name).unwrap_or("?");
                let reason = f
                    .attribute("exitreason")
                    .filter(|r| !r.is_empty())
                    .unwrap_or_else(|| attr("exitstatus"));
                format!("{} on {}: {reason}", attr("op_key"), attr("node"))
            })
            .collect();
    }
    Ok(status)
}

fn collect_resources(parent: roxmltree::Node, group: Option<&str>, out: &mut Vec<ResourceStatus>) {
    for child in parent.children().filter(roxmltree::Node::is_element) {
        let id = child.attribute("id").unwrap_or_default();
        if child.has_tag_name("resource") {
            out.push(ResourceStatus {
                id: id.to_string(),
                parent: group.map(str::to_string),
                agent: child
                    .attribute("resource_agent")
                    .unwrap_or_default()
                    .to_string(),
                role: child.attribute("role").unwrap_or_default().to_string(),
                nodes: child
                    .children()
                    .filter(|n| n.has_tag_name("node"))
                    .filter_map(|n| n.attribute("name").map(str::to_string))
                    .collect(),
                failed: child.attribute("failed") == Some("true"),
                managed: child.attribute("managed") != Some("false"),
            });
        } else {
            // A group, clone or bundle: its members are listed under it. A group inside a
            // clone is named after the clone, which is what constraints refer to.
            collect_resources(child, Some(group.unwrap_or(id)), out);
        }
    }
}

/// The status for people: nodes, then where each resource runs, then failed actions.
pub fn render(status: &ClusterStatus, stopped_containers: &[String]) -> String {
    let mut out = String::new();
    let quorum = if status.quorum {
        "quorate"
    } else {
        "no quorum"
    };
    let dc = status
        .dc
        .as_deref()
        .map_or("none".to_string(), |d| format!("`{d}`"));
    let _ = writeln!(out, "Cluster: {quorum}, DC {dc}");
    let _ = writeln!(out, "Nodes:");
    let width = status.nodes.iter().map(|n| n.name.len()).max().unwrap_or(0);
    for node in &status.nodes {
        let mut state = vec![if node.online { "online" } else { "offline" }];
        if node.standby {
            state.push("standby");
        }
        if node.maintenance {
            state.push("maintenance");
        }
        if status.dc.as_deref() == Some(&node.name) {
            state.push("DC");
        }
        if stopped_containers.contains(&node.name) {
            state.push("container not running");
        }
        let _ = writeln!(out, "  {:width$}  {}", node.name, state.join(", "));
    }
    let _ = writeln!(out, "Resources:");
    let names: Vec<String> = status
        .resources
        .iter()
        .map(|r| match &r.parent {
            Some(parent) => format!("{parent}/{}", r.id),
            None => r.id.clone(),
        })
        .collect();
    let width = names.iter().map(String::len).max().unwrap_or(0);
    let mut shown: Vec<String> = Vec::new();
    for (resource, name) in status.resources.iter().zip(&names) {
        if shown.contains(name) {
            continue;
        }
        shown.push(name.clone());
        // Clone instances are listed once, with every node they run on.
        let instances: Vec<&ResourceStatus> = status
            .resources
            .iter()
            .zip(&names)
            .filter(|(_, n)| *n == name)
            .map(|(r, _)| r)
            .collect();
        let mut nodes: Vec<&str> = instances
            .iter()
            .flat_map(|r| r.nodes.iter().map(String::as_str))
            .collect();
        nodes.sort_unstable();
        let place = if nodes.is_empty() {
            "stopped".to_string()
        } else {
            format!("{} on {}", resource.role.to_lowercase(), nodes.join(", "))
        };
        let mut notes = Vec::new();
        if instances.iter().any(|r| r.failed) {
            notes.push("failed");
        }
        if instances.iter().any(|r| !r.managed) {
            notes.push("unmanaged");
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!("   ({})", notes.join(", "))
        };
        let _ = writeln!(
            out,
            "  {name:width$}  {place}{notes}   [{}]",
            resource.agent
        );
    }
    if status.resources.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    if !status.failures.is_empty() {
        let _ = writeln!(out, "Failed actions:");
        for failure in &status.failures {
            let _ = writeln!(out, "  {failure}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CRM_MON: &str = r#"<pacemaker-result api-version="2.25" request="crm_mon --output-as=xml">
  <summary>
    <current_dc present="true" version="2.1.5" name="n2" id="2" with_quorum="true"/>
  </summary>
  <nodes>
    <node name="n1" id="1" online="true" standby="false" maintenance="false"/>
    <node name="n2" id="2" online="true" standby="true" maintenance="false"/>
    <node name="n3" id="3" online="false" standby="false" maintenance="false"/>
  </nodes>
  <node_attributes>
    <node name="n1"><attribute name="pingd" value="1000" expected="1000"/></node>
  </node_attributes>
  <resources>
    <group id="site" number_resources="1">
      <resource id="ip" resource_agent="ocf:heartbeat:IPaddr2" role="Started" failed="false" managed="true">
        <node name="n1" id="1" cached="true"/>
      </resource>
    </group>
    <clone id="ping-clone">
      <resource id="ping" resource_agent="ocf:pacemaker:ping" role="Started" failed="false">
        <node name="n2" id="2" cached="true"/>
      </resource>
      <resource id="ping" resource_agent="ocf:pacemaker:ping" role="Started" failed="false">
        <node name="n1" id="1" cached="true"/>
      </resource>
    </clone>
    <resource id="lone" resource_agent="ocf:pacemaker:Dummy" role="Stopped" failed="true"/>
  </resources>
  <failures>
    <failure op_key="lone_start_0" node="n1" exitstatus="error" exitreason="no binary"/>
  </failures>
</pacemaker-result>"#;

    #[test]
    fn crm_mon_xml_gives_nodes_dc_and_placement() {
        let status = parse(CRM_MON).unwrap();
        assert_eq!((status.dc.as_deref(), status.quorum), (Some("n2"), true));
        assert!(status.node("n2").unwrap().standby);
        assert!(!status.node("n3").unwrap().online);
        let attributes = |n| status.node(n).unwrap().attributes.clone();
        assert_eq!(
            attributes("n1"),
            [("pingd".to_string(), "1000".to_string())]
        );
        assert!(attributes("n2").is_empty());
        assert_eq!(status.running_on("site"), ["n1"]);
        assert_eq!(status.running_on("ping-clone"), ["n1", "n2"]);
        assert_eq!(status.failures, ["lone_start_0 on n1: no binary"]);
        let shown = render(&status, &["n3".to_string()]);
        assert!(
            shown.contains("n3  offline, container not running"),
            "{shown}"
        );
        assert!(
            shown.contains("ping-clone/ping  started on n1, n2"),
            "{shown}"
        );
        assert!(
            shown.contains("lone             stopped   (failed)"),
            "{shown}"
        );
    }
}
