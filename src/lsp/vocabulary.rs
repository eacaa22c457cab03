//! What the spec language offers at a node of the outline: the schema's description of the
//! node and its entries, what a reference names, and the parameters of a primitive's agent.

use super::outline::{Node, Outline, Word};
use crate::agents::{GENERIC_OCF, Metadata, Param, metadata};
use crate::decode::scalars::parse_agent;
use crate::schema::{ArgSchema, NodeSchema, PropSchema, Schema, ValueType};

/// What a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Resource,
    Node,
}

/// The entries whose value is a node's name; every other reference names a resource.
const NODE_REFERENCES: &[(&str, &str)] = &[
    ("cluster.location", "node"),
    ("cluster.fencing-level", "target"),
    ("cluster.corosync.quorum", "auto-tie-breaker-node"),
];

/// The node kinds that define a resource, by their id argument.
const RESOURCE_PATHS: &[&str] = &[
    "cluster.primitive",
    "cluster.template",
    "cluster.group",
    "cluster.clone",
];

pub(super) fn node_schema(path: &str) -> Option<&'static NodeSchema> {
    Schema::get()
        .nodes
        .get(&*crate::schema::canonical_path(path))
}

/// The node names allowed in the block of `parent` (`None`: the top level).
pub(super) fn child_names(parent: Option<&Node>) -> Vec<(&'static str, &'static NodeSchema)> {
    let schema = Schema::get();
    let (prefix, names): (String, Vec<&str>) = match parent {
        None => (String::new(), vec!["cluster"]),
        Some(node) => match node_schema(&node.path) {
            Some(s) => (
                format!("{}.", node.path),
                s.children.iter().map(String::as_str).collect(),
            ),
            None => return Vec::new(),
        },
    };
    names
        .into_iter()
        .filter_map(|name| {
            let path = format!("{prefix}{name}");
            let (key, child) = schema
                .nodes
                .get_key_value(&*crate::schema::canonical_path(&path))?;
            // The name as the key ends in it (a nested rule's path is shortened at the front).
            Some((&key[key.len() - name.len()..], child))
        })
        .collect()
}

/// The schema of argument number `index` of a node, the variadic one past the fixed ones.
pub(super) fn arg_schema(node: &Node, index: usize) -> Option<&'static ArgSchema> {
    let schema = node_schema(&node.path)?;
    schema.args.get(index).or(schema.variadic.as_ref())
}

/// The schema of property `key`; a node that takes any key (`*`) describes them together.
pub(super) fn prop_schema(node: &Node, key: &str) -> Option<&'static PropSchema> {
    let props = &node_schema(&node.path)?.props;
    props.get(key).or_else(|| props.get("*"))
}

/// What the value of an entry named `name` (a property key or an argument's schema name)
/// refers to, when it is a reference.
pub(super) fn reference(node: &Node, name: &str, ty: ValueType) -> Option<Target> {
    if NODE_REFERENCES.contains(&(node.path.as_str(), name)) {
        Some(Target::Node)
    } else if ty == ValueType::Reference {
        Some(Target::Resource)
    } else {
        None
    }
}

/// The defined names of `target`: the id or name argument of each defining node.
pub(super) fn definitions(
    outline: &Outline,
    target: Target,
) -> impl Iterator<Item = (&Node, &Word)> {
    let paths: &[&str] = match target {
        Target::Resource => RESOURCE_PATHS,
        Target::Node => &["cluster.node"],
    };
    outline
        .nodes
        .iter()
        .filter(move |n| !n.commented && paths.contains(&n.path.as_str()))
        .filter_map(|n| Some((n, n.args().next()?)))
}

/// The agent of the primitive a `params` block belongs to, and its parameters, when hacc
/// knows them.
pub(super) fn agent_params(
    outline: &Outline,
    params: &Node,
) -> Option<(String, Vec<&'static Param>)> {
    if params.path != "cluster.primitive.params" {
        return None;
    }
    let primitive = &outline.nodes[params.parent?];
    let agent = primitive.prop("agent")?.text.clone();
    match metadata(&parse_agent(&agent).ok()?)? {
        Metadata::Params(declared) => Some((agent, declared.iter().chain(GENERIC_OCF).collect())),
        Metadata::NoParams => Some((agent, Vec::new())),
    }
}

/// The name of a value type in the schema's `types` table, and its description there.
pub(super) fn type_doc(ty: ValueType) -> (&'static str, &'static str) {
    let name = match ty {
        ValueType::String => "string",
        ValueType::Integer => "integer",
        ValueType::Bool => "bool",
        ValueType::Value => "value",
        ValueType::Port => "port",
        ValueType::Address => "address",
        ValueType::Subnet => "subnet",
        ValueType::Path => "path",
        ValueType::Duration => "duration",
        ValueType::Score => "score",
        ValueType::Id => "id",
        ValueType::Reference => "reference",
        ValueType::Agent => "agent",
    };
    let doc = Schema::get().types.get(name).map_or("", String::as_str);
    (name, doc)
}

/// The last part of a node's path: its name as the schema spells it.
pub(super) fn kind(node: &Node) -> &str {
    node.path.rsplit('.').next().unwrap_or(&node.path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_type_is_described_in_the_schema() {
        let schema = Schema::get();
        let mut named = Vec::new();
        for node in schema.nodes.values() {
            let args = node.args.iter().chain(node.variadic.as_ref());
            named.extend(args.map(|a| type_doc(a.ty)));
            named.extend(node.props.values().map(|p| type_doc(p.ty)));
        }
        for (name, doc) in named {
            assert!(!doc.is_empty(), "`{name}` has no description");
        }
    }

    #[test]
    fn references_name_nodes_or_resources() {
        let outline = Outline::read(
            "cluster {\n node \"n1\"\n primitive \"p\" agent=\"ocf:heartbeat:Dummy\" { params state=x }\n location \"l\" \"p\" node=\"n1\"\n}",
        );
        let at = |path: &str| outline.nodes.iter().find(|n| n.path == path).unwrap();
        let location = at("cluster.location");
        let node_prop = prop_schema(location, "node").unwrap();
        assert_eq!(
            reference(location, "node", node_prop.ty),
            Some(Target::Node)
        );
        let resource_arg = arg_schema(location, 1).unwrap();
        assert_eq!(
            reference(location, &resource_arg.name, resource_arg.ty),
            Some(Target::Resource)
        );
        let ids: Vec<_> = definitions(&outline, Target::Resource)
            .map(|(_, w)| w.text.as_str())
            .collect();
        assert_eq!(ids, ["p"]);
        let params = at("cluster.primitive.params");
        let (agent, known) = agent_params(&outline, params).unwrap();
        assert_eq!(agent, "ocf:heartbeat:Dummy");
        assert!(known.iter().any(|p| p.name == "state"));
        assert!(known.iter().any(|p| p.name == "trace_ra"));
    }
}
