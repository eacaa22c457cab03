//! What a settle timeout tells: each action Pacemaker still has to run, on which node, and
//! the lines of the node's Pacemaker log about those resources, not only their count.

use super::pending::actions;
use super::transport::Shell;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);
/// Log lines read from the end of the file, and the most shown.
const LOG_TAIL: &str = "3000";
const LOG_SHOWN: usize = 20;

/// The pending actions and the log lines about them, as text for a timeout's message; what
/// could not be read is said instead.
pub fn report(node: &dyn Shell) -> String {
    let graph = node.run_command(
        &[
            "crm_simulate",
            "--live-check",
            "--save-graph=/dev/stdout",
            "--quiet",
        ],
        None,
        LIMIT,
    );
    let actions = match graph.map(|o| actions(&o.stdout)) {
        Ok(Ok(actions)) => actions,
        Ok(Err(e)) | Err(e) => return format!("(the pending actions could not be read: {e})\n"),
    };
    let mut out = format!("pending actions, as `{}` sees them:\n", node.node_name());
    for action in &actions {
        out.push_str(&format!("  {}\n", action.describe()));
    }
    let log = node.run_command(
        &["tail", "-n", LOG_TAIL, "/var/log/pacemaker/pacemaker.log"],
        None,
        LIMIT,
    );
    let resources: Vec<&str> = actions.iter().map(|a| a.resource.as_str()).collect();
    match log {
        Ok(log) => {
            out.push_str(&format!(
                "--- `{}`'s Pacemaker log about them ---\n",
                node.node_name()
            ));
            for line in relevant_lines(&log.stdout, &resources, LOG_SHOWN) {
                out.push_str(&format!("  {line}\n"));
            }
        }
        Err(e) => out.push_str(&format!("(its Pacemaker log could not be read: {e})\n")),
    }
    out
}

/// The last `max` lines of a Pacemaker log that name one of `resources` (a clone instance
/// `id:n` also by its `id`), or that warn or report an error.
pub fn relevant_lines<'a>(log: &'a str, resources: &[&str], max: usize) -> Vec<&'a str> {
    let names: Vec<&str> = resources
        .iter()
        .map(|r| r.split(':').next().unwrap_or(r))
        .collect();
    let lines: Vec<&str> = log
        .lines()
        .filter(|line| {
            names.iter().any(|n| line.contains(n))
                || line.contains("warning:")
                || line.contains("error:")
        })
        .collect();
    lines[lines.len().saturating_sub(max)..].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::pending::Action;

    /// Captured from `crm_simulate --live-check --save-graph` of a seed cluster (Pacemaker
    /// 2.1.5) while its clone instances were still to start, cut to three synapses.
    const GRAPH: &str = r#"<transition_graph cluster-delay="60s" stonith-timeout="60s" failed-stop-offset="INFINITY" failed-start-offset="INFINITY"  batch-limit="0" transition_id="0">
  <synapse id="0">
    <action_set>
      <rsc_op id="12" operation="start" operation_key="flask-api:1_start_0" on_node="node2" on_node_uuid="2">
        <primitive id="flask-api" long-id="flask-api:1" class="ocf" provider="heartbeat" type="anything"/>
        <attributes CRM_meta_clone="1" CRM_meta_clone_max="3" CRM_meta_on_node="node2" CRM_meta_timeout="20000" binfile="/usr/local/bin/start-api"/>
      </rsc_op>
    </action_set>
    <inputs>
      <trigger>
        <pseudo_event id="15" operation="start" operation_key="flask-api-clone_start_0"/>
      </trigger>
    </inputs>
  </synapse>
  <synapse id="1">
    <action_set>
      <pseudo_event id="15" operation="start" operation_key="flask-api-clone_start_0">
        <attributes CRM_meta_clone_max="3" CRM_meta_timeout="20000"/>
      </pseudo_event>
    </action_set>
    <inputs/>
  </synapse>
  <synapse id="2">
    <action_set>
      <crm_event id="3" operation="stonith" operation_key="stonith-node3-reboot" on_node="node3" on_node_uuid="3">
        <attributes CRM_meta_on_node="node3" CRM_meta_stonith_action="reboot"/>
      </crm_event>
    </action_set>
    <inputs/>
  </synapse>
</transition_graph>"#;

    #[test]
    fn each_pending_action_is_named_with_its_node() {
        let described: Vec<String> = actions(GRAPH)
            .unwrap()
            .iter()
            .map(Action::describe)
            .collect();
        assert_eq!(
            described,
            [
                "start flask-api:1 on node2",
                "stonith stonith-node3-reboot on node3"
            ]
        );
        // The same actions `count` counts.
        assert_eq!(super::super::pending::count(GRAPH).unwrap(), 2);
    }

    #[test]
    fn the_log_lines_shown_are_the_last_about_the_pending_resources() {
        let log = "\
Dec 02 00:35:58.666 node1 pacemaker-controld  [50] (do_state_transition) notice: State transition S_PENDING -> S_ELECTION
Dec 02 00:36:02.170 node1 pacemaker-controld  [50] (execute_rsc_action) notice: Initiating start operation flask-api_start_0 on node2 | action 12
Dec 02 00:36:02.200 node1 pacemaker-schedulerd[51] (unpack_config) notice: Watchdog will be used via SBD if fencing is required
Dec 02 00:36:04.310 node1 pacemaker-controld  [50] (action_timer_callback) error: Node node2 did not send start result (via controller) within 20000ms
Dec 02 00:36:04.400 node1 pacemaker-controld  [50] (execute_rsc_action) notice: Initiating start operation flask-api_start_0 on node2 | action 12
";
        let lines = relevant_lines(log, &["flask-api:1"], 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].contains("did not send start result"), "{lines:?}");
        assert!(lines[1].ends_with("action 12"), "{lines:?}");
        assert_eq!(relevant_lines(log, &["flask-api:1"], 10).len(), 3);
    }
}
