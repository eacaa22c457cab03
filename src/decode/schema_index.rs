//! The schema resolved once for the structure check: each node's children and properties by
//! name, so checking a node neither formats its path nor hashes its names.

use crate::schema::{NodeSchema, PropSchema, Schema};
use std::sync::OnceLock;

pub(super) struct SchemaIndex {
    nodes: Vec<IndexedNode>,
}

pub(super) struct IndexedNode {
    pub schema: &'static NodeSchema,
    /// Each allowed child's name and index (every child is described: a test in `schema`).
    children: Vec<(&'static str, usize)>,
    /// Named properties in schema order.
    props: Vec<(&'static str, &'static PropSchema)>,
    /// The `*` property (any name, the user's own), if the node has one.
    any_prop: Option<&'static PropSchema>,
}

impl SchemaIndex {
    pub(super) fn get() -> &'static SchemaIndex {
        static INDEX: OnceLock<SchemaIndex> = OnceLock::new();
        INDEX.get_or_init(|| SchemaIndex::new(Schema::get()))
    }

    fn new(schema: &'static Schema) -> SchemaIndex {
        let nodes = schema
            .nodes
            .iter()
            .map(|(path, node)| IndexedNode {
                schema: node,
                children: node
                    .children
                    .iter()
                    .map(|child| {
                        let index = schema
                            .nodes
                            .get_index_of(&*crate::schema::canonical_path(&format!(
                                "{path}.{child}"
                            )))
                            .expect("every child in the schema is described");
                        (child.as_str(), index)
                    })
                    .collect(),
                props: node
                    .props
                    .iter()
                    .filter(|(name, _)| *name != "*")
                    .map(|(name, prop)| (name.as_str(), prop))
                    .collect(),
                any_prop: node.props.get("*"),
            })
            .collect();
        SchemaIndex { nodes }
    }

    #[allow(
        clippy::unused_self,
        reason = "every lookup goes through the index, whatever it holds"
    )]
    pub(super) fn index_of(&self, path: &str) -> Option<usize> {
        Schema::get().nodes.get_index_of(path)
    }

    pub(super) fn node(&self, index: usize) -> &IndexedNode {
        &self.nodes[index]
    }
}

impl IndexedNode {
    /// The child's index, `None` when `name` is not a child here.
    pub(super) fn child(&self, name: &str) -> Option<usize> {
        self.children
            .iter()
            .find(|(child, _)| *child == name)
            .map(|(_, index)| *index)
    }

    /// The property's schema, or else the `*` one.
    pub(super) fn prop(&self, name: &str) -> Option<&'static PropSchema> {
        self.props
            .iter()
            .find(|(prop, _)| *prop == name)
            .map(|(_, schema)| *schema)
            .or(self.any_prop)
    }
}
