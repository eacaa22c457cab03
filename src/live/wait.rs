//! Waiting for a started cluster: every node in the corosync membership, quorum, a Pacemaker
//! DC that sees every node online; then for the resources to settle. Progress goes to stderr;
//! a timeout names what was missing and shows the end of each node's log.

use super::first_values::FirstValues;
use super::pending::{dc_state, pending_actions};
use super::status::{ClusterStatus, query};
use super::transport::{Shell, Target};
use crate::state::Error;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Between looks at the membership, and at resources waiting for a node attribute: a look is
/// a few commands on a node already, and a DC or a gated start is then seen within a quarter
/// of a second instead of up to a second late.
const POLL: Duration = Duration::from_millis(250);
/// Between looks at the transition graph: each look is a command on a node of a few hundred ms
/// already, and resources often settle well within a second of a push.
const SETTLE_POLL: Duration = Duration::from_millis(200);
/// Between looks at the DC's state while it runs a transition, and the longest such wait.
const DC_POLL: Duration = Duration::from_millis(100);
const DC_BUSY: Duration = Duration::from_secs(5);
const QUICK: Duration = Duration::from_secs(20);
const STOPPED_GRACE: Duration = Duration::from_secs(30);

/// The corosync membership as one node sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Membership {
    pub members: Vec<String>,
    pub quorate: bool,
}

/// `corosync-quorumtool -s` on `node`; `None` when corosync does not answer there.
pub fn membership(node: &dyn Shell) -> Result<Option<Membership>, Error> {
    let output = node.run_command(&["corosync-quorumtool", "-s"], None, QUICK)?;
    // 0 quorate, 2 not quorate, anything else: corosync is not running.
    if output.code != 0 && output.code != 2 {
        return Ok(None);
    }
    Ok(Some(parse_membership(&output.stdout)))
}

pub fn parse_membership(text: &str) -> Membership {
    let quorate = text
        .lines()
        .any(|l| l.starts_with("Quorate:") && l.contains("Yes"));
    let members = text
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("Nodeid"))
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
        .collect();
    Membership { members, quorate }
}

/// Prints a line when the state changes; on a terminal the line is rewritten in place.
pub struct Progress {
    terminal: bool,
    last: String,
    started: Instant,
}

impl Progress {
    pub fn new() -> Progress {
        Progress {
            terminal: std::io::stderr().is_terminal(),
            last: String::new(),
            started: Instant::now(),
        }
    }

    pub fn show(&mut self, state: &str) {
        let seconds = self.started.elapsed().as_secs();
        let mut stderr = std::io::stderr();
        if self.terminal {
            let _ = write!(stderr, "\r\x1b[K  {state} ({seconds} s)");
            let _ = stderr.flush();
        } else if state != self.last {
            let _ = writeln!(stderr, "  {state} ({seconds} s)");
        }
        self.last = state.to_string();
    }

    pub fn done(&mut self, state: &str) {
        let seconds = self.started.elapsed().as_secs_f64();
        if self.terminal {
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
        eprintln!("  {state} ({seconds:.1} s)");
    }
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}

/// Waits until every node of the target runs, is a corosync member and is online in
/// Pacemaker, with quorum and a DC. Returns the status then.
pub fn until_ready(target: &dyn Target, limit: Duration) -> Result<ClusterStatus, Error> {
    eprintln!("Waiting for corosync membership, quorum and a Pacemaker DC:");
    let mut progress = Progress::new();
    let deadline = Instant::now() + limit;
    loop {
        let (state, ready) = observe(target)?;
        if let Some(status) = ready {
            progress.done(&state);
            return Ok(status);
        }
        progress.show(&state);
        if Instant::now() >= deadline {
            progress.done(&state);
            return Err(Error::NotReady {
                what: "the cluster was not ready".into(),
                limit,
                state,
                detail: format!("\n{}", target.node_logs()),
            });
        }
        std::thread::sleep(POLL);
    }
}

/// One look at the cluster: a description, and the status when everything is ready.
fn observe(target: &dyn Target) -> Result<(String, Option<ClusterStatus>), Error> {
    let names = target.node_names();
    let nodes = target.running_nodes()?;
    let missing: Vec<&str> = names
        .iter()
        .filter(|n| !nodes.iter().any(|node| node.node_name() == n.as_str()))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        return Ok((format!("not running: {}", missing.join(", ")), None));
    }
    let mut members = None;
    for node in &nodes {
        if let Some(membership) = membership(&**node)? {
            members = Some((node, membership));
            break;
        }
    }
    let Some((node, membership)) = members else {
        return Ok(("corosync is not answering yet".into(), None));
    };
    let joined = names
        .iter()
        .filter(|n| membership.members.contains(n))
        .count();
    let quorum = if membership.quorate { "yes" } else { "no" };
    let mut state = format!("members {joined}/{}, quorum {quorum}", names.len());
    if joined < names.len() || !membership.quorate {
        return Ok((state + ", DC none", None));
    }
    // Pacemaker's tools fail while its daemons start.
    let Ok(status) = query(&**node) else {
        return Ok((state + ", pacemaker starting", None));
    };
    let online = names
        .iter()
        .filter(|n| status.node(n).is_some_and(|s| s.online))
        .count();
    match &status.dc {
        Some(dc) => state.push_str(&format!(", DC {dc}, online {online}/{}", names.len())),
        None => state
            .push_str(", DC none (Pacemaker elects one after its dc-deadtime, 20 s by default)"),
    }
    let ready = status.dc.is_some() && online == names.len();
    Ok((state, ready.then_some(status)))
}

/// Waits until Pacemaker has nothing left to do (an empty transition graph, see `pending`)
/// and every resource runs somewhere, showing progress. Node attributes that constraints read
/// (a ping agent's score, for one) arrive a few seconds after their agent starts and start a
/// new transition, so a resource still stopped once the cluster has settled gets
/// `STOPPED_GRACE` more; after that it is taken as stopped on purpose and the status shows it.
/// With `first_values` (a cluster this command started), such attributes are written as soon
/// as attrd holds them, instead of after their dampening.
pub fn until_settled(
    node: &dyn Shell,
    limit: Duration,
    mut first_values: Option<FirstValues>,
) -> Result<ClusterStatus, Error> {
    eprintln!("Waiting for the resources to reach their target state:");
    let mut progress = Progress::new();
    let deadline = Instant::now() + limit;
    let mut settled_since: Option<Instant> = None;
    loop {
        let state = match pending_actions(node)? {
            // An action in flight is recorded as pending in the CIB, and the scheduler plans
            // nothing more for it: the graph is empty before the start has finished.
            Ok(0) if dc_busy(node)? => {
                settled_since = None;
                std::thread::sleep(SETTLE_POLL);
                "the DC runs a transition".to_string()
            }
            Ok(0) => {
                let status = query(node)?;
                let stopped = stopped_resources(&status);
                let since = *settled_since.get_or_insert_with(Instant::now);
                if stopped.is_empty() || since.elapsed() >= STOPPED_GRACE {
                    progress.done(&if stopped.is_empty() {
                        "settled, every resource running".to_string()
                    } else {
                        format!("settled; not running: {}", stopped.join(", "))
                    });
                    return Ok(status);
                }
                let written = match &mut first_values {
                    Some(first) => first.write_held(node, &status)?,
                    None => Vec::new(),
                };
                if written.is_empty() {
                    std::thread::sleep(POLL);
                    format!("waiting for {} to start", stopped.join(", "))
                } else {
                    format!(
                        "first value(s) of {} written without their dampening",
                        written.join(", ")
                    )
                }
            }
            pending => {
                settled_since = None;
                std::thread::sleep(SETTLE_POLL);
                until_dc_idle(node, deadline)?;
                match pending {
                    Ok(count) => format!("{count} action(s) pending"),
                    Err(said) => said,
                }
            }
        };
        if Instant::now() >= deadline {
            progress.done(&state);
            return Err(Error::NotReady {
                what: "the resources did not settle".into(),
                limit,
                state,
                detail: format!("\n{}", super::pending_report::report(node)),
            });
        }
        progress.show(&state);
    }
}

/// Waits while the DC runs a transition, at most `DC_BUSY` (so progress is shown) or until the
/// deadline; returns at once when there is no DC to ask.
fn until_dc_idle(node: &dyn Shell, deadline: Instant) -> Result<(), Error> {
    let until = deadline.min(Instant::now() + DC_BUSY);
    while Instant::now() < until {
        match dc_state(node)? {
            Some(state) if state != "S_IDLE" => std::thread::sleep(DC_POLL),
            _ => break,
        }
    }
    Ok(())
}

/// Whether the DC is in a transition (any state but `S_IDLE`); `false` when no DC answers.
fn dc_busy(node: &dyn Shell) -> Result<bool, Error> {
    Ok(dc_state(node)?.is_some_and(|state| state != "S_IDLE"))
}

/// Resources (or clones, groups) that run nowhere.
fn stopped_resources(status: &ClusterStatus) -> Vec<String> {
    let mut names: Vec<String> = status
        .resources
        .iter()
        .map(|r| r.parent.clone().unwrap_or_else(|| r.id.clone()))
        .filter(|name| status.running_on(name).is_empty())
        .collect();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::exec::Output;
    use std::sync::Mutex;

    const RUNNING: &str = r#"<pacemaker-result api-version="2.25" request="crm_mon">
  <summary><current_dc present="true" name="n1" id="1" with_quorum="true"/></summary>
  <nodes><node name="n1" id="1" online="true" standby="false"/></nodes>
  <resources>
    <resource id="web" resource_agent="ocf:pacemaker:Dummy" role="Started" failed="false">
      <node name="n1" id="1" cached="true"/>
    </resource>
  </resources>
</pacemaker-result>"#;

    /// A DC whose scheduler plans nothing while its controller is in a transition for the
    /// first `busy` looks, as while a start runs; records what was asked.
    struct Starting {
        busy: Mutex<usize>,
        asked: Mutex<Vec<&'static str>>,
    }

    impl Shell for Starting {
        fn node_name(&self) -> &'static str {
            "n1"
        }
        fn run_command(
            &self,
            argv: &[&str],
            _stdin: Option<&[u8]>,
            _limit: Duration,
        ) -> Result<Output, Error> {
            let (what, stdout) = match argv[0] {
                "crm_simulate" => ("graph", "<transition_graph/>".to_string()),
                "sh" => {
                    let mut busy = self.busy.lock().unwrap();
                    let state = if *busy > 0 {
                        "S_TRANSITION_ENGINE"
                    } else {
                        "S_IDLE"
                    };
                    *busy = busy.saturating_sub(1);
                    ("dc", format!("{state}\n"))
                }
                _ => ("status", RUNNING.to_string()),
            };
            self.asked.lock().unwrap().push(what);
            Ok(Output {
                code: 0,
                stdout,
                stderr: String::new(),
            })
        }
    }

    #[test]
    fn an_empty_graph_is_not_settled_while_the_dc_runs_a_transition() {
        let node = Starting {
            busy: Mutex::new(2),
            asked: Mutex::new(Vec::new()),
        };
        until_settled(&node, Duration::from_secs(20), None).unwrap();
        let asked = node.asked.lock().unwrap();
        assert_eq!(
            *asked,
            ["graph", "dc", "graph", "dc", "graph", "dc", "status"],
            "the status was read before the DC was idle"
        );
    }

    #[test]
    fn quorumtool_output_gives_members_and_quorum() {
        let text = "Quorum information\n------------------\nQuorate:          Yes\n\n\
                    Membership information\n----------------------\n    Nodeid      Votes Name\n\
                    \x20        1          1 web1 (local)\n         3          1 web3\n";
        let membership = parse_membership(text);
        assert_eq!(membership.members, ["web1", "web3"]);
        assert!(membership.quorate);
        assert!(!parse_membership("Quorate:          No\n").quorate);
    }
}
