//! Checked model -> alerts, with the ids crmsh gives their parts: `<alert>-<n>` for each
//! selected attribute (from 0) and `<alert>-recipient-<n>` for each recipient (from 1).

use super::attr_sets::{attr_set, pairs};
use super::config::{CibAlert, CibAlertSelect, CibRecipient};
use super::ids;
use crate::model::Cluster;

pub(super) fn build(cluster: &Cluster) -> Vec<CibAlert> {
    cluster
        .alerts
        .iter()
        .map(|a| {
            let id = &a.id.value;
            CibAlert {
                id: id.clone(),
                path: a.path.value.clone(),
                params: attr_set(ids::instance_attributes(id), pairs(&a.params)),
                meta: attr_set(ids::meta_attributes(id), pairs(&a.meta)),
                select: a.select.as_ref().map(|s| CibAlertSelect {
                    nodes: s.nodes,
                    fencing: s.fencing,
                    resources: s.resources,
                    attributes: s.selects_attributes().then(|| {
                        s.attribute_names
                            .iter()
                            .enumerate()
                            .map(|(i, n)| (ids::numbered_after(id, i), n.value.clone()))
                            .collect()
                    }),
                }),
                recipients: a
                    .recipients
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let rid = recipient_id(id, i);
                        CibRecipient {
                            params: attr_set(ids::instance_attributes(&rid), pairs(&r.params)),
                            meta: attr_set(ids::meta_attributes(&rid), pairs(&r.meta)),
                            id: rid,
                            value: r.value.value.clone(),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The id crmsh gives the `index`-th recipient (from 0) of an alert.
pub(super) fn recipient_id(alert: &str, index: usize) -> String {
    format!("{alert}-recipient-{}", index + 1)
}
