//! What Pacemaker still has to do: the transition graph its scheduler computes from the live
//! CIB. An empty graph means the cluster has settled. This is the test `crm_resource --wait`
//! makes, asked once per call: `crm_resource --wait` in Pacemaker 2.1 sleeps two seconds
//! before each check, the first one included, which a caller polling it pays in full.
//! Computing the graph costs a second of CPU or more while the cluster is busy; the DC's
//! controller state (`S_IDLE` once its transition is done) is cheap to ask, and says when to
//! compute it again.

use super::transport::Shell;
use crate::state::Error;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);

/// The number of actions the scheduler would still run; `Err` with Pacemaker's own message
/// when it cannot tell (no CIB connection while the daemons start, for one).
pub fn pending_actions(node: &dyn Shell) -> Result<Result<usize, String>, Error> {
    let output = node.run_command(
        &[
            "crm_simulate",
            "--live-check",
            "--save-graph=/dev/stdout",
            "--quiet",
        ],
        None,
        LIMIT,
    )?;
    if !output.success() {
        let said = output.stderr.lines().last().unwrap_or_default().trim();
        return Ok(Err(format!("the scheduler did not answer: {said}")));
    }
    count(&output.stdout).map(Ok)
}

/// The DC controller's state (`S_IDLE`, `S_TRANSITION_ENGINE`, ...); `None` when there is no
/// DC or it does not answer.
pub fn dc_state(node: &dyn Shell) -> Result<Option<String>, Error> {
    let output = node.run_command(
        &[
            "sh",
            "-c",
            r#"crmadmin --quiet --status="$(crmadmin --dc_lookup --quiet)" 2>&1"#,
        ],
        None,
        LIMIT,
    )?;
    Ok(output
        .stdout
        .split_whitespace()
        .find(|word| word.starts_with("S_"))
        .map(str::to_string))
}

/// Actions in a transition graph (those a synapse runs, not the inputs that order them) that
/// run something: resource operations other than
/// notifications, and cluster events (fencing, clearing fail counts). Pseudo-actions only
/// order the others, and notifications are left out the way `crm_resource --wait` does.
pub fn count(graph: &str) -> Result<usize, Error> {
    Ok(actions(graph)?.len())
}

/// One action of a transition graph that runs something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub operation: String,
    /// The resource (a clone instance as `id:n`), or the event's kind for a cluster event.
    pub resource: String,
    pub node: Option<String>,
}

impl Action {
    pub fn describe(&self) -> String {
        match &self.node {
            Some(node) => format!("{} {} on {node}", self.operation, self.resource),
            None => format!("{} {}", self.operation, self.resource),
        }
    }
}

/// The actions of a transition graph that run something (see `count`), with what and where.
///
/// Instance numbers of an anonymous clone mean nothing: computed from the live CIB outside the
/// DC, a graph may stop `web:0` and start `web:1` on the same node (and the reverse on
/// another), which the DC never runs since nothing would change. Such renumberings, with the
/// monitors of the renamed instances, are not counted, or the cluster would never settle.
pub fn actions(graph: &str) -> Result<Vec<Action>, Error> {
    let document = roxmltree::Document::parse(graph).map_err(|e| Error::Unreadable {
        what: "crm_simulate printed a transition graph that does not parse".into(),
        reason: e.to_string(),
    })?;
    let ops: Vec<roxmltree::Node> = running(&document).collect();
    let renumbered = renumbered(&ops);
    Ok(ops
        .iter()
        .filter(|n| {
            anonymous_instance(n)
                .is_none_or(|(base, _)| !renumbered.contains(&(base, n.attribute("on_node"))))
        })
        .map(|n| {
            let primitive = n.children().find(|c| c.has_tag_name("primitive"));
            let resource = primitive
                .and_then(|p| p.attribute("long-id").or(p.attribute("id")))
                .or(n.attribute("operation_key"))
                .unwrap_or("?");
            Action {
                operation: n.attribute("operation").unwrap_or("?").to_string(),
                resource: resource.to_string(),
                node: n.attribute("on_node").map(str::to_string),
            }
        })
        .collect())
}

/// The actions a synapse runs: resource operations but notifications, and cluster events.
fn running<'a>(
    document: &'a roxmltree::Document<'a>,
) -> impl Iterator<Item = roxmltree::Node<'a, 'a>> {
    document
        .descendants()
        .filter(|n| n.parent().is_some_and(|p| p.has_tag_name("action_set")))
        .filter(|n| match n.tag_name().name() {
            "rsc_op" => n.attribute("operation") != Some("notify"),
            "crm_event" => true,
            _ => false,
        })
}

/// The primitive and instance of an operation on an anonymous clone's instance (`web`, `0`).
/// Pacemaker 2.1 writes such an op's primitive as `id="web" long-id="web:0"` with the
/// instance in `CRM_meta_clone`, and `CRM_meta_globally_unique` only when it is true.
fn anonymous_instance<'a>(op: &roxmltree::Node<'a, 'a>) -> Option<(&'a str, &'a str)> {
    let attributes = op.children().find(|c| c.has_tag_name("attributes"))?;
    if attributes.attribute("CRM_meta_globally_unique") == Some("true") {
        return None;
    }
    let instance = attributes.attribute("CRM_meta_clone")?;
    let id = op
        .children()
        .find(|c| c.has_tag_name("primitive"))?
        .attribute("id")?;
    let base = id
        .strip_suffix(instance)
        .and_then(|b| b.strip_suffix(':'))
        .unwrap_or(id);
    Some((base, instance))
}

/// (primitive, node) pairs where one anonymous instance stops and another starts.
fn renumbered<'a>(ops: &[roxmltree::Node<'a, 'a>]) -> Vec<(&'a str, Option<&'a str>)> {
    let of = |operation: &str| {
        ops.iter()
            .filter(|n| n.attribute("operation") == Some(operation))
            .filter_map(|n| Some((anonymous_instance(n)?, n.attribute("on_node"))))
            .collect::<Vec<_>>()
    };
    let (stops, starts) = (of("stop"), of("start"));
    stops
        .iter()
        .filter(|((base, instance), node)| {
            starts
                .iter()
                .any(|((b, i), n)| b == base && i != instance && n == node)
        })
        .map(|((base, _), node)| (*base, *node))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_graph_has_nothing_pending() {
        let graph = r#"<transition_graph cluster-delay="60s" batch-limit="0" transition_id="0"/>"#;
        assert_eq!(count(graph).unwrap(), 0);
    }

    #[test]
    fn operations_and_events_count_but_pseudo_actions_and_notifications_do_not() {
        let graph = r#"<transition_graph transition_id="0">
  <synapse id="0"><action_set>
    <rsc_op id="5" operation="start" operation_key="p1_start_0" on_node="n1"/>
  </action_set><inputs/></synapse>
  <synapse id="1"><action_set>
    <rsc_op id="6" operation="monitor" operation_key="p1_monitor_10000" on_node="n1"/>
  </action_set><inputs><trigger><rsc_op id="5" operation="start"/></trigger></inputs></synapse>
  <synapse id="2"><action_set>
    <pseudo_event id="7" operation="running" operation_key="g_running_0"/>
  </action_set><inputs/></synapse>
  <synapse id="3"><action_set>
    <rsc_op id="8" operation="notify" operation_key="c_post_notify_start_0"/>
  </action_set><inputs/></synapse>
  <synapse id="4"><action_set>
    <crm_event id="9" operation="clear_failcount" on_node="n2"/>
  </action_set><inputs/></synapse>
</transition_graph>"#;
        // The trigger inside synapse 1 repeats action 5: only what a synapse runs counts.
        assert_eq!(count(graph).unwrap(), 3);
    }

    #[test]
    fn a_graph_that_does_not_parse_is_an_error() {
        assert!(count("<transition_graph").is_err());
    }

    /// An op of an anonymous clone instance, as `crm_simulate` of Pacemaker 2.1.5 writes it
    /// (the shape of the graph captured in `pending_report`).
    fn op(id: u32, operation: &str, instance: &str, node: &str) -> String {
        format!(
            r#"<synapse id="{id}"><action_set><rsc_op id="{id}" operation="{operation}" operation_key="flask-api:{instance}_{operation}_0" on_node="{node}"><primitive id="flask-api" long-id="flask-api:{instance}" class="ocf" provider="heartbeat" type="anything"/><attributes CRM_meta_clone="{instance}" CRM_meta_clone_max="3" CRM_meta_on_node="{node}"/></rsc_op></action_set><inputs/></synapse>"#
        )
    }

    /// An op of a globally unique clone's instance: its primitive is named with the number.
    fn unique(swap: &str) -> String {
        swap.replace(
            r#"<primitive id="flask-api""#,
            r#"<primitive id="flask-api:N""#,
        )
        .replace(
            "CRM_meta_clone_max",
            r#"CRM_meta_globally_unique="true" CRM_meta_clone_max"#,
        )
    }

    #[test]
    fn anonymous_instances_swapped_between_nodes_are_not_pending() {
        // Seen on a bring-up that never settled: instances 0 and 1 trade places.
        let swap = [
            op(1, "stop", "0", "node3"),
            op(2, "start", "0", "node2"),
            op(3, "monitor", "0", "node2"),
            op(4, "stop", "1", "node2"),
            op(5, "start", "1", "node3"),
            op(6, "monitor", "1", "node3"),
        ]
        .concat();
        let graph = format!(r#"<transition_graph transition_id="0">{swap}</transition_graph>"#);
        assert_eq!(count(&graph).unwrap(), 0);
        // A restart of one instance in place, and a start on a node where none stops, count.
        let real = [
            op(1, "stop", "0", "node1"),
            op(2, "start", "0", "node1"),
            op(3, "start", "2", "node4"),
        ]
        .concat();
        let graph = format!(r#"<transition_graph transition_id="0">{real}</transition_graph>"#);
        assert_eq!(count(&graph).unwrap(), 3);
        // A unique clone's instances are distinct resources: their moves count.
        let unique = unique(&swap);
        let graph = format!(r#"<transition_graph transition_id="0">{unique}</transition_graph>"#);
        assert_eq!(count(&graph).unwrap(), 6);
    }
}
