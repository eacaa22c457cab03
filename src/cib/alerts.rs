//! Checked model -> alerts, with the ids crmsh gives their parts: `<alert>-<n>` for each
//! selected attribute (from 0) and `<alert>-recipient-<n>` for each recipient (from 1).

use super::attr_sets::{attr_set, pairs};
use super::config::{CibAlert, CibAlertSelect, CibRecipient, CibRule};
use super::ids;
use super::nvsets::ruled_sets;
use crate::model::Cluster;

/// `set_rule` gives a further set's rule (no role).
pub(super) fn build(
    cluster: &Cluster,
    set_rule: impl Fn(&str, &crate::model::Rule) -> CibRule + Copy,
) -> Vec<CibAlert> {
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
                param_sets: ruled_sets(&a.param_sets, set_rule),
                meta_sets: ruled_sets(&a.meta_sets, set_rule),
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
                            param_sets: ruled_sets(&r.param_sets, set_rule),
                            meta_sets: ruled_sets(&r.meta_sets, set_rule),
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
