//! `alert` blocks: the agent, its attributes, the events selected and the recipients.

use super::nvsets::{self, sets};
use super::reader::NodeView;
use crate::model::{Alert, AlertSelect, Recipient};

pub(super) fn alerts(cluster: &NodeView<'_>) -> Vec<Alert> {
    cluster
        .children("alert", "cluster.alert")
        .map(|a| Alert {
            id: a.arg_or_empty(0),
            path: a.str_or_empty("path"),
            params: a.child_pairs("params", "cluster.alert.params"),
            meta: a.child_pairs("meta", "cluster.alert.meta"),
            param_sets: sets(&a, "params-set", &nvsets::ALERT_PARAMS_SET),
            meta_sets: sets(&a, "meta-set", &nvsets::ALERT_META_SET),
            select: a
                .children("select", "cluster.alert.select")
                .next()
                .map(|s| select(&s)),
            recipients: a
                .children("recipient", "cluster.alert.recipient")
                .map(|r| Recipient {
                    value: r.arg_or_empty(0),
                    params: r.child_pairs("params", "cluster.alert.recipient.params"),
                    meta: r.child_pairs("meta", "cluster.alert.recipient.meta"),
                    param_sets: sets(&r, "params-set", &nvsets::RECIPIENT_PARAMS_SET),
                    meta_sets: sets(&r, "meta-set", &nvsets::RECIPIENT_META_SET),
                })
                .collect(),
        })
        .collect()
}

fn select(view: &NodeView<'_>) -> AlertSelect {
    let flag = |name| view.bool(name).is_some_and(|b| b.value);
    AlertSelect {
        span: view.name_span(),
        nodes: flag("nodes"),
        fencing: flag("fencing"),
        resources: flag("resources"),
        attributes: view.bool("attributes"),
        attribute_names: view
            .children("attribute", "cluster.alert.select.attribute")
            .map(|a| a.arg_or_empty(0))
            .collect(),
    }
}
