//! `tag "id" "member" ...`: a name for a list of resources.

use super::reader::NodeView;
use crate::model::Tag;

pub(super) fn tags(cluster: &NodeView<'_>) -> Vec<Tag> {
    cluster
        .children("tag", "cluster.tag")
        .map(|t| Tag {
            id: t.arg_or_empty(0),
            members: t.rest_args(1),
        })
        .collect()
}
