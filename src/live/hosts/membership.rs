//! Hosts joining and leaving a running cluster. Which nodes corosync runs with is read from a
//! member at run time (its nodelist in cmap), not from a file: a host of the spec missing
//! there joins, a node there (or recorded in `.hacc/hosts.json`) that the spec no longer names
//! leaves. The nodelist change itself is the lab's corosync reload; leaving adds stopping the
//! host's stack and `crm_node -R` on a remaining member.

use super::SshHost;
use super::converge::SERVICES;
use super::each::on_each;
use super::record::HostsRecord;
use super::survey::{ServiceState, services};
use crate::live::converge::LiveCluster;
use crate::live::corosync::{reload, settings};
use crate::live::transport::Shell;
use crate::live::wait::until_settled;
use crate::state::Error;
use serde::{Serialize, Serializer};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(120);
/// How long the resources of the leaving nodes may take to move, before they are removed.
const SETTLE_LIMIT: Duration = Duration::from_secs(300);
/// How long each member may go on knowing a removed node.
const FORGET_LIMIT: Duration = Duration::from_secs(60);

/// The command that prints corosync's run-time nodelist on a member.
pub fn nodelist_command() -> [&'static str; 2] {
    ["corosync-cmapctl", "nodelist.node."]
}

/// The node names of `corosync-cmapctl` lines such as `nodelist.node.0.name (str) = node1`.
pub fn parse_nodelist(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .lines()
        .filter_map(|line| {
            let (key, value) = line.split_once(" = ")?;
            let key = key.split_whitespace().next()?;
            let index = key.strip_prefix("nodelist.node.")?.strip_suffix(".name")?;
            index
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| value.trim().to_string())
        })
        .collect();
    names.sort();
    names
}

/// The nodes corosync runs with, as the member `node` holds them.
pub fn running_nodelist(node: &dyn Shell) -> Result<Vec<String>, Error> {
    let text = node
        .run_command(&nodelist_command(), None, Duration::from_secs(30))?
        .ok(&format!(
            "reading corosync's nodelist on `{}`",
            node.node_name()
        ))?;
    Ok(parse_nodelist(&text))
}

/// A node the spec no longer names, and what its host runs.
#[derive(Debug, Clone)]
pub struct Leaving {
    pub name: String,
    /// How it is reached, as the record of the hosts says; `None` when hacc never wrote there.
    pub host: Option<SshHost>,
    /// The cluster stack's services there, or why they could not be read.
    pub state: Result<Vec<ServiceState>, String>,
}

impl Leaving {
    pub fn destination(&self) -> Option<&str> {
        self.host.as_ref().map(|h| h.reach().destination.as_str())
    }
}

/// Who joins the running cluster and who leaves it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MembershipChange {
    /// Hosts of the spec corosync does not run with yet.
    pub joining: Vec<String>,
    #[serde(serialize_with = "leaving_as_json")]
    pub leaving: Vec<Leaving>,
    /// Why the remaining members would lose quorum, when they would.
    pub quorum_loss: Option<String>,
}

/// Each leaving node as `plan --json` shows it: its name, where it is reached, and why its
/// host could not be read (`null` when it could).
fn leaving_as_json<S: Serializer>(leaving: &[Leaving], serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Shown<'a> {
        name: &'a str,
        destination: Option<&'a str>,
        unreachable: Option<&'a str>,
    }
    serializer.collect_seq(leaving.iter().map(|l| Shown {
        name: &l.name,
        destination: l.destination(),
        unreachable: l.state.as_ref().err().map(String::as_str),
    }))
}

impl MembershipChange {
    pub fn is_empty(&self) -> bool {
        self.joining.is_empty() && self.leaving.is_empty()
    }

    /// Refuses a change that loses quorum, always, and one whose leaving host cannot be
    /// reached, unless forced.
    pub fn refuse(&self, force: bool) -> Result<(), Error> {
        if let Some(why) = &self.quorum_loss {
            return Err(Error::Refused(format!("{why}; nothing was changed")));
        }
        let unreachable: Vec<String> = self
            .leaving
            .iter()
            .filter_map(|l| {
                l.state
                    .as_ref()
                    .err()
                    .map(|e| format!("`{}` ({e})", l.name))
            })
            .collect();
        if unreachable.is_empty() || force {
            return Ok(());
        }
        Err(Error::Refused(format!(
            "{} cannot be reached to stop its cluster stack; nothing was changed; apply with \
             `--force` to remove it from the cluster all the same",
            unreachable.join(", ")
        )))
    }
}

/// Who joins and who leaves: `nodelist` is what corosync runs with (`None` when the cluster
/// does not run: nobody joins then, and the recorded hosts the spec dropped leave).
pub fn joining_and_leaving(
    spec: &[String],
    nodelist: Option<&[String]>,
    record: Option<&HostsRecord>,
) -> (Vec<String>, Vec<String>) {
    let joining = match nodelist {
        Some(running) => spec
            .iter()
            .filter(|n| !running.contains(n))
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    let recorded = record.into_iter().flat_map(|r| r.hosts.keys());
    let leaving: BTreeSet<String> = nodelist
        .into_iter()
        .flatten()
        .chain(recorded)
        .filter(|n| !spec.contains(n))
        .cloned()
        .collect();
    (joining, leaving.into_iter().collect())
}

/// Reads each leaving host's services, all at once; a host the record does not know is one
/// that cannot be reached.
pub fn survey_leaving(
    names: &[String],
    record: Option<&HostsRecord>,
    hacc_dir: &Path,
) -> Vec<Leaving> {
    let hosts: Vec<SshHost> = names
        .iter()
        .filter_map(|name| {
            let reach = record?.hosts.get(name)?.reach.clone();
            Some(SshHost::new(name, reach, hacc_dir))
        })
        .collect();
    let mut states = on_each(&hosts, |host| services(host)).into_iter();
    names
        .iter()
        .map(|name| match hosts.iter().find(|h| h.node_name() == name) {
            Some(host) => Leaving {
                name: name.clone(),
                host: Some(host.clone()),
                state: states
                    .next()
                    .expect("a state per host")
                    .map_err(|e| e.to_string()),
            },
            None => Leaving {
                name: name.clone(),
                host: None,
                state: Err(format!(
                    "not in `.hacc/{}`: hacc does not know how to reach it",
                    super::record::RECORD_FILE
                )),
            },
        })
        .collect()
}

/// The votes a corosync.conf expects: `expected_votes` when set, else one per node; and
/// whether it is in two-node mode.
fn expected_votes(conf: &str) -> (u32, bool) {
    let settings = settings(conf);
    let nodes: BTreeSet<&str> = settings
        .keys()
        .filter_map(|k| k.strip_prefix("nodelist.node[")?.split_once(']'))
        .map(|(label, _)| label)
        .collect();
    let expected = settings
        .get("quorum.expected_votes")
        .and_then(|v| v.parse().ok())
        .unwrap_or(nodes.len() as u32);
    let two_node = settings.get("quorum.two_node").is_some_and(|v| v == "1");
    (expected, two_node)
}

/// The votes that make a quorum of `expected` (votequorum: more than half; one of two in
/// two-node mode).
pub fn quorum_of(expected: u32, two_node: bool) -> u32 {
    if two_node && expected == 2 {
        1
    } else {
        expected / 2 + 1
    }
}

/// Why removing `leaving` would leave the `remaining` members without quorum: once the
/// leaving hosts stop, the members still count the old configuration's votes; once they
/// reload, the new one's. `None` when both keep quorum.
pub fn quorum_loss(
    old_conf: &str,
    new_conf: &str,
    remaining: usize,
    leaving: &[String],
) -> Option<String> {
    if leaving.is_empty() {
        return None;
    }
    let remaining = u32::try_from(remaining).unwrap_or(u32::MAX);
    let (old, old_two) = expected_votes(old_conf);
    let (new, new_two) = expected_votes(new_conf);
    let needed = quorum_of(old, old_two).max(quorum_of(new, new_two));
    let names: Vec<String> = leaving.iter().map(|n| format!("`{n}`")).collect();
    (remaining < needed).then(|| {
        format!(
            "removing {} would leave {remaining} running member(s), fewer than the {needed} \
             vote(s) a quorum needs ({old} expected before the change, {new} after); start the \
             stopped members first, or remove fewer nodes at a time",
            names.join(", ")
        )
    })
}

/// Stops pacemaker, then the corosync it runs on, and keeps both from starting at boot.
pub fn stop_stack(host: &dyn Shell) -> Result<(), Error> {
    for service in SERVICES.iter().rev() {
        host.run_command(&["systemctl", "disable", "--now", service], None, LIMIT)?
            .ok(&format!("stopping {service} on `{}`", host.node_name()))?;
    }
    Ok(())
}

/// Exits 0 when Pacemaker still knows the node `$1`: in its peer list or the CIB's nodes.
const KNOWN_SCRIPT: &str = "crm_node -l | awk '{ print $2 }' | grep -qxF -- \"$1\" \
    || cibadmin --query --scope nodes | grep -qF -- \"uname=\\\"$1\\\"\"";

/// Carries `change` out once every host of the spec holds the new corosync.conf and the
/// joining ones run their stack (alone: the members do not know them yet). The leaving hosts
/// stop theirs (pacemaker moves their resources away); the members reload the nodelist, so
/// the joining hosts become members and the leaving ones are gone from corosync; every host
/// of the spec is waited for, online in Pacemaker; then a member removes the leaving nodes
/// from Pacemaker (`crm_node -R`), after corosync forgot them so that nothing brings them
/// back.
pub fn carry_out(cluster: &LiveCluster, change: &MembershipChange) -> Result<(), Error> {
    for leaving in &change.leaving {
        if let (Some(host), Ok(_)) = (&leaving.host, &leaving.state) {
            eprintln!(
                "Stopping pacemaker and corosync on `{}`, which leaves the cluster.",
                leaving.name
            );
            stop_stack(host)?;
        } else {
            let why = leaving
                .state
                .as_ref()
                .err()
                .map_or("not recorded", String::as_str);
            eprintln!(
                "`{}` cannot be reached ({why}): removed from the cluster without stopping it \
                 there (--force).",
                leaving.name
            );
        }
    }
    // The joining hosts run alone: only a node corosync already runs with reloads the rest.
    let members: Vec<Box<dyn Shell>> = cluster
        .nodes()?
        .into_iter()
        .filter(|n| !change.joining.iter().any(|j| j == n.node_name()))
        .collect();
    if !members.is_empty() {
        eprintln!("Reloading corosync's nodelist on the members (corosync-cfgtool -R).");
        reload(&*cluster.target, &members)?;
    }
    cluster.start()?;
    if change.leaving.is_empty() {
        return Ok(());
    }
    // What the DC writes about a leaving node while it moves the node's resources away would
    // bring the node back into Pacemaker's caches: it is removed once that is done.
    until_settled(&*cluster.any_node()?, SETTLE_LIMIT, None)?;
    let members = cluster.nodes()?;
    for leaving in &change.leaving {
        forget_everywhere(&members, &leaving.name)?;
    }
    Ok(())
}

/// Whether Pacemaker on `node` still knows the node `name`.
fn knows(node: &dyn Shell, name: &str) -> Result<bool, Error> {
    let argv = ["sh", "-c", KNOWN_SCRIPT, "hacc-known", name];
    Ok(node.run_command(&argv, None, LIMIT)?.success())
}

/// Removes the node `name` with `crm_node -R` on each member that still knows it, until
/// none does.
fn forget_everywhere(members: &[Box<dyn Shell>], name: &str) -> Result<(), Error> {
    let deadline = Instant::now() + FORGET_LIMIT;
    let mut said = false;
    loop {
        let mut knowing = Vec::new();
        for member in members {
            if knows(&**member, name)? {
                knowing.push(member);
            }
        }
        let Some(first) = knowing.first() else {
            return Ok(());
        };
        if Instant::now() >= deadline {
            return Err(Error::Refused(format!(
                "Pacemaker on `{}` still knows `{name}` after `crm_node -R` for {} s",
                first.node_name(),
                FORGET_LIMIT.as_secs()
            )));
        }
        if !said {
            eprintln!("Removing `{name}` from Pacemaker (crm_node -R).");
            said = true;
        }
        for member in knowing {
            forget_node(&**member, name)?;
        }
        std::thread::sleep(Duration::from_secs(2));
    }
}

/// The command that removes a stopped node from Pacemaker's configuration and caches.
pub fn forget_command(name: &str) -> [&str; 4] {
    ["crm_node", "-R", name, "--force"]
}

/// Removes the stopped node `name` from the CIB and membership, from the member `member`.
pub fn forget_node(member: &dyn Shell, name: &str) -> Result<(), Error> {
    member
        .run_command(&forget_command(name), None, LIMIT)?
        .ok(&format!("removing `{name}` with crm_node -R"))
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    const THREE: &str = "nodelist {\n    node {\n        name: a\n        nodeid: 1\n    }\n    node {\n        name: b\n        nodeid: 2\n    }\n    node {\n        name: c\n        nodeid: 3\n    }\n}\n";

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn plan_json_names_who_joins_and_who_leaves_unread() {
        let change = MembershipChange {
            joining: names(&["d"]),
            leaving: vec![Leaving {
                name: "c".into(),
                host: None,
                state: Err("connection refused".into()),
            }],
            quorum_loss: None,
        };
        assert_eq!(
            serde_json::to_value(&change).unwrap(),
            serde_json::json!({
                "joining": ["d"],
                "leaving": [{"name": "c", "destination": null, "unreachable": "connection refused"}],
                "quorum_loss": null,
            })
        );
    }

    #[test]
    fn the_run_time_nodelist_is_read_from_cmap() {
        let text = "nodelist.local_node_pos (u32) = 0\n\
            nodelist.node.0.name (str) = node2\n\
            nodelist.node.0.nodeid (u32) = 2\n\
            nodelist.node.0.ring0_addr (str) = 10.0.0.2\n\
            nodelist.node.1.name (str) = node1\n\
            nodelist.node.1.nodeid (u32) = 1\n";
        assert_eq!(parse_nodelist(text), ["node1", "node2"]);
        assert!(parse_nodelist("").is_empty());
    }

    #[test]
    fn spec_hosts_missing_from_the_nodelist_join_and_dropped_ones_leave() {
        let spec = names(&["a", "b", "d"]);
        let running = names(&["a", "b", "c"]);
        let mut record = HostsRecord::new("x");
        for name in ["a", "b", "c", "e"] {
            record.wrote(
                name,
                &super::super::Reach {
                    destination: format!("root@{name}"),
                    port: None,
                    identity: None,
                },
                std::collections::BTreeMap::new(),
            );
        }
        let (joining, leaving) = joining_and_leaving(&spec, Some(&running), Some(&record));
        assert_eq!(joining, ["d"]);
        assert_eq!(leaving, ["c", "e"]);
        // Not running: nobody joins, the recorded hosts the spec dropped still leave.
        let (joining, leaving) = joining_and_leaving(&spec, None, Some(&record));
        assert!(joining.is_empty());
        assert_eq!(leaving, ["c", "e"]);
        let same = joining_and_leaving(&running, Some(&running), None);
        assert_eq!(same, (Vec::new(), Vec::new()));
    }

    #[test]
    fn a_removal_that_leaves_too_few_members_for_a_quorum_is_refused() {
        let two = THREE.replace(
            "    node {\n        name: c\n        nodeid: 3\n    }\n",
            "",
        );
        assert_eq!(expected_votes(THREE), (3, false));
        assert_eq!(expected_votes(&two), (2, false));
        // Three nodes, one leaves, both others run: 2 of 3, then 2 of 2.
        assert_eq!(quorum_loss(THREE, &two, 2, &names(&["c"])), None);
        // One of the others is down: 1 of 3 is no quorum.
        let loss = quorum_loss(THREE, &two, 1, &names(&["c"])).unwrap();
        assert!(
            loss.starts_with("removing `c` would leave 1 running member(s), fewer than the 2"),
            "{loss}"
        );
        // Two-node mode after the change: one vote is a quorum of two, but not of the three
        // the members count until they reload.
        let two_node = format!("{two}quorum {{\n    two_node: 1\n}}\n");
        assert_eq!(quorum_of(2, true), 1);
        assert!(quorum_loss(THREE, &two_node, 1, &names(&["c"])).is_some());
        assert_eq!(quorum_loss(&two_node, &two_node, 1, &names(&["x"])), None);
        let four = format!("{THREE}quorum {{\n    expected_votes: 4\n}}\n");
        assert_eq!(expected_votes(&four), (4, false));
        assert!(quorum_loss(&four, &two, 2, &names(&["c"])).is_some());
        assert_eq!(quorum_loss(THREE, &two, 0, &[]), None, "nothing leaves");
        let change = MembershipChange {
            quorum_loss: Some(loss),
            ..MembershipChange::default()
        };
        let refused = change.refuse(true).unwrap_err().to_string();
        assert!(refused.ends_with("nothing was changed"), "{refused}");
    }

    #[test]
    fn an_unreachable_leaving_host_is_refused_unless_forced() {
        let change = MembershipChange {
            leaving: vec![Leaving {
                name: "c".into(),
                host: None,
                state: Err("cannot reach `c` over ssh".into()),
            }],
            ..MembershipChange::default()
        };
        let refused = change.refuse(false).unwrap_err().to_string();
        assert!(
            refused.starts_with("`c` (cannot reach `c` over ssh) cannot be reached")
                && refused.contains("--force"),
            "{refused}"
        );
        assert!(change.refuse(true).is_ok());
        assert_eq!(forget_command("c"), ["crm_node", "-R", "c", "--force"]);
        assert_eq!(nodelist_command()[0], "corosync-cmapctl");
    }
}
