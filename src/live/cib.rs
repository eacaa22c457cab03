//! The CIB: fetched from a running node (`cibadmin -Q`) or read from cib.xml, and taken apart
//! into objects keyed by (kind, id), each a flat map of readable fields, so two configurations
//! can be compared object by object and attribute by attribute.

use super::transport::Shell;
use super::xml::{Element, parse};
use crate::cib::{CibVersion, RESOURCE_ELEMENTS};
use crate::state::Error;
use std::collections::BTreeMap;
use std::time::Duration;

/// The live CIB's text, as `cibadmin --query` prints it on `node`.
pub fn query(node: &dyn Shell) -> Result<String, Error> {
    node.run_command(&["cibadmin", "--query"], None, Duration::from_secs(60))?
        .ok("cibadmin --query")
}

/// The set Pacemaker keeps its own cluster options in; its properties are shown by name alone.
pub const BOOTSTRAP_SET: &str = "cib-bootstrap-options";

/// A whole CIB document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cib {
    pub root: Element,
}

impl Cib {
    pub fn parse(text: &str, what: &str) -> Result<Cib, Error> {
        let root = parse(text, what)?;
        if root.name != "cib" || root.child("configuration").is_none() {
            return Err(Error::Refused(format!(
                "{what} is not a CIB (no `cib` root with a `configuration`)"
            )));
        }
        Ok(Cib { root })
    }

    /// The live CIB of the cluster a node belongs to.
    pub fn fetch(node: &dyn Shell) -> Result<Cib, Error> {
        Cib::parse(&query(node)?, &format!("the CIB of `{}`", node.node_name()))
    }

    pub fn version(&self) -> CibVersion {
        let number = |name| {
            self.root
                .attr(name)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        CibVersion {
            admin_epoch: number("admin_epoch"),
            epoch: number("epoch"),
        }
    }

    pub fn configuration(&self) -> &Element {
        self.root.child("configuration").expect("checked at parse")
    }

    /// This document with `configuration` in place of its own, same version attributes.
    pub fn with_configuration(&self, configuration: Element) -> Cib {
        let mut root = self.root.clone();
        for child in root.elements_mut() {
            if child.name == "configuration" {
                *child = configuration;
                break;
            }
        }
        Cib { root }
    }
}

/// What an object of the configuration is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Property,
    Node,
    Resource(String),
    Constraint(String),
    RscDefaults,
    OpDefaults,
    FencingLevel,
    Other(String),
}

impl Kind {
    /// The word shown in plans: crmsh's names where there is one.
    pub fn word(&self) -> &str {
        match self {
            Kind::Property => "property",
            Kind::Node => "node",
            // A constraint's tag without `rsc_`; a resource's tag is crmsh's word already.
            Kind::Resource(tag) | Kind::Constraint(tag) => tag.strip_prefix("rsc_").unwrap_or(tag),
            Kind::RscDefaults => "rsc_defaults",
            Kind::OpDefaults => "op_defaults",
            Kind::FencingLevel => "fencing-level",
            Kind::Other(tag) => tag,
        }
    }
}

/// One object: its readable fields (`score`, `params ip`, `op monitor 10s timeout`) and the
/// resources it names (for tying predicted moves to the change that causes them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object {
    pub kind: Kind,
    pub id: String,
    pub fields: BTreeMap<String, String>,
    pub refs: Vec<String>,
}

pub type Objects = BTreeMap<(Kind, String), Object>;

/// Every object of a `configuration` element.
pub fn objects(configuration: &Element) -> Objects {
    let mut out = Objects::new();
    let mut add = |object: Object| {
        out.insert((object.kind.clone(), object.id.clone()), object);
    };
    for section in configuration.elements() {
        match section.name.as_str() {
            "crm_config" => {
                for set in section.elements() {
                    let set_id = set.id().unwrap_or_default();
                    for pair in set.elements().filter(|e| e.name == "nvpair") {
                        let name = pair.attr("name").unwrap_or_default();
                        let id = match set_id {
                            BOOTSTRAP_SET => name.to_string(),
                            other => format!("{other}/{name}"),
                        };
                        add(Object {
                            kind: Kind::Property,
                            id,
                            fields: value_field(pair),
                            refs: Vec::new(),
                        });
                    }
                }
            }
            "nodes" => {
                for node in section.elements() {
                    let id = node.attr("uname").or(node.id()).unwrap_or_default();
                    let mut object = object(Kind::Node, id, node);
                    // Node instance attributes are what `crm node attribute` sets.
                    object.fields = std::mem::take(&mut object.fields)
                        .into_iter()
                        .map(|(k, v)| match k.strip_prefix("params ") {
                            Some(name) => (format!("attribute {name}"), v),
                            None => (k, v),
                        })
                        .collect();
                    add(object);
                }
            }
            "resources" => resources(section, &mut add),
            "constraints" => {
                for constraint in section.elements() {
                    let mut object = object(
                        Kind::Constraint(constraint.name.clone()),
                        constraint.id().unwrap_or_default(),
                        constraint,
                    );
                    object.refs = constraint_refs(constraint);
                    add(object);
                }
            }
            "rsc_defaults" | "op_defaults" => {
                let kind = match section.name.as_str() {
                    "rsc_defaults" => Kind::RscDefaults,
                    _ => Kind::OpDefaults,
                };
                for set in section.elements() {
                    for pair in set.elements().filter(|e| e.name == "nvpair") {
                        add(Object {
                            kind: kind.clone(),
                            id: pair.attr("name").unwrap_or_default().to_string(),
                            fields: value_field(pair),
                            refs: Vec::new(),
                        });
                    }
                }
            }
            "fencing-topology" => {
                for level in section.elements() {
                    add(object(
                        Kind::FencingLevel,
                        level.id().unwrap_or_default(),
                        level,
                    ));
                }
            }
            // A role, a user and a group may share a name: each is its own kind.
            "acls" => {
                for item in section.elements() {
                    let kind = match item.name.as_str() {
                        "acl_role" => "role",
                        tag => tag,
                    };
                    let id = item.id().unwrap_or_default();
                    add(object(Kind::Other(kind.to_string()), id, item));
                }
            }
            other => {
                for item in section.elements() {
                    let id = item.id().unwrap_or(&item.name).to_string();
                    add(object(Kind::Other(other.to_string()), &id, item));
                }
            }
        }
    }
    out
}

fn value_field(pair: &Element) -> BTreeMap<String, String> {
    BTreeMap::from([(
        "value".to_string(),
        pair.attr("value").unwrap_or_default().to_string(),
    )])
}

fn object(kind: Kind, id: &str, element: &Element) -> Object {
    let mut fields = BTreeMap::new();
    flatten(element, "", &mut fields);
    Object {
        kind,
        id: id.to_string(),
        fields,
        refs: Vec::new(),
    }
}

/// Resources at any depth are objects of their own; a group or clone lists its members.
fn resources(parent: &Element, add: &mut impl FnMut(Object)) {
    for resource in parent
        .elements()
        .filter(|e| RESOURCE_ELEMENTS.contains(&e.name.as_str()))
    {
        let id = resource.id().unwrap_or_default();
        let mut object = object(Kind::Resource(resource.name.clone()), id, resource);
        object.refs = vec![id.to_string()];
        add(object);
        resources(resource, add);
    }
}

/// Fields of an element: its attributes (not `id`: crmsh derives ids) and its children's, each
/// under a readable path.
fn flatten(element: &Element, prefix: &str, fields: &mut BTreeMap<String, String>) {
    let key = |name: &str| match prefix {
        "" => name.to_string(),
        _ => format!("{prefix} {name}"),
    };
    for (name, value) in element.attrs.iter().filter(|(n, _)| n != "id") {
        fields.insert(key(name), value.clone());
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut members = Vec::new();
    for child in element.elements() {
        let tag = child.name.as_str();
        let count = seen.entry(tag).or_default();
        *count += 1;
        let nth = match *count {
            1 => String::new(),
            n => format!("[{n}]"),
        };
        match tag {
            "nvpair" => {
                let name = child.attr("name").unwrap_or_default();
                fields.insert(key(name), child.attr("value").unwrap_or_default().into());
            }
            "instance_attributes" => flatten(child, &key(&format!("params{nth}")), fields),
            "meta_attributes" => flatten(child, &key(&format!("meta{nth}")), fields),
            "utilization" => flatten(child, &key(&format!("utilization{nth}")), fields),
            "operations" => flatten(child, prefix, fields),
            "op" => {
                let name = child.attr("name").unwrap_or_default();
                let interval = child.attr("interval").unwrap_or("0");
                flatten(child, &key(&format!("op {name} {interval}")), fields);
            }
            // A set's resources and a tag's members are listed by id, which is all they hold.
            "resource_ref" | "obj_ref" => members.push(child.id().unwrap_or_default().to_string()),
            tag if RESOURCE_ELEMENTS.contains(&tag) => {
                members.push(child.id().unwrap_or_default().to_string());
            }
            _ => flatten(child, &key(&format!("{tag}{nth}")), fields),
        }
    }
    if !members.is_empty() {
        fields.insert(key("members"), members.join(" "));
    }
}

/// The resources a constraint names.
fn constraint_refs(constraint: &Element) -> Vec<String> {
    let mut refs: Vec<String> = ["rsc", "with-rsc", "first", "then"]
        .iter()
        .filter_map(|a| constraint.attr(a).map(str::to_string))
        .collect();
    for set in constraint.elements().filter(|e| e.name == "resource_set") {
        refs.extend(
            set.elements()
                .filter(|e| e.name == "resource_ref")
                .filter_map(|e| e.id().map(str::to_string)),
        );
    }
    refs
}

/// Each resource id with the ids of everything inside it (a group's members, a clone's child).
pub fn resource_members(configuration: &Element) -> BTreeMap<String, Vec<String>> {
    fn walk(element: &Element, out: &mut BTreeMap<String, Vec<String>>) -> Vec<String> {
        let mut all = Vec::new();
        for child in element
            .elements()
            .filter(|e| RESOURCE_ELEMENTS.contains(&e.name.as_str()))
        {
            let id = child.id().unwrap_or_default().to_string();
            let mut inside = walk(child, out);
            out.insert(id.clone(), inside.clone());
            all.push(id);
            all.append(&mut inside);
        }
        all
    }
    let mut out = BTreeMap::new();
    if let Some(resources) = configuration.child("resources") {
        walk(resources, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = r#"<configuration>
  <crm_config>
    <cluster_property_set id="cib-bootstrap-options">
      <nvpair id="o1" name="stonith-enabled" value="false"/>
    </cluster_property_set>
  </crm_config>
  <nodes>
    <node id="1" uname="n1">
      <instance_attributes id="nodes-1"><nvpair id="n1s" name="standby" value="on"/></instance_attributes>
    </node>
  </nodes>
  <resources>
    <group id="site">
      <primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2">
        <instance_attributes id="ip-ia"><nvpair id="ip-ia-ip" name="ip" value="10.0.0.9"/></instance_attributes>
        <operations><op id="ip-mon" name="monitor" interval="10s" timeout="20s"/></operations>
      </primitive>
    </group>
  </resources>
  <constraints>
    <rsc_location id="prefer" rsc="site" node="n1" score="100"/>
  </constraints>
  <tags>
    <tag id="web"><obj_ref id="site"/><obj_ref id="ip"/></tag>
  </tags>
</configuration>"#;

    const TEMPLATE: &str = r#"<configuration><resources>
    <template id="t" class="ocf" provider="heartbeat" type="Dummy">
      <instance_attributes id="t-ia"><nvpair id="t-ia-f" name="fake" value="1"/></instance_attributes>
    </template>
    <primitive id="d" template="t"/>
  </resources></configuration>"#;

    #[test]
    fn templates_and_tag_members_are_fields_a_plan_compares() {
        let config = parse(TEMPLATE, "test").unwrap();
        let objects = objects(&config);
        let template = &objects[&(Kind::Resource("template".into()), "t".to_string())];
        assert_eq!(template.fields["params fake"], "1");
        let primitive = &objects[&(Kind::Resource("primitive".into()), "d".to_string())];
        assert_eq!(primitive.fields["template"], "t");
        let config = parse(CONFIG, "test").unwrap();
        let tag = &super::objects(&config)[&(Kind::Other("tags".into()), "web".to_string())];
        assert_eq!(tag.fields["members"], "site ip");
    }

    #[test]
    fn objects_have_readable_fields() {
        let config = parse(CONFIG, "test").unwrap();
        let objects = objects(&config);
        let get = |kind: Kind, id: &str| &objects[&(kind, id.to_string())];
        assert_eq!(
            get(Kind::Property, "stonith-enabled").fields["value"],
            "false"
        );
        assert_eq!(get(Kind::Node, "n1").fields["attribute standby"], "on");
        let ip = get(Kind::Resource("primitive".into()), "ip");
        assert_eq!(ip.fields["params ip"], "10.0.0.9");
        assert_eq!(ip.fields["op monitor 10s timeout"], "20s");
        assert_eq!(
            get(Kind::Resource("group".into()), "site").fields["members"],
            "ip"
        );
        let prefer = get(Kind::Constraint("rsc_location".into()), "prefer");
        assert_eq!(prefer.fields["score"], "100");
        assert_eq!(prefer.refs, ["site"]);
        assert_eq!(resource_members(&config)["site"], ["ip"]);
    }
}
