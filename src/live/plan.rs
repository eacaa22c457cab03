//! The live part of a plan: what pushing the spec's configuration changes in the running
//! cluster (object by object, with `crm_simulate`'s predictions), the runtime state it keeps,
//! and how corosync.conf changes reach the nodes.

use super::cib::{Cib, objects, resource_members};
use super::corosync::{CorosyncChange, classify, running_conf};
use super::diff::{ObjectChange, diff};
use super::runtime::{RuntimeState, find, preserve};
use super::simulate::{Prediction, predict};
use super::transport::Shell;
use super::xml::Element;
use crate::cib::CibVersion;
use crate::cib::RESOURCE_ELEMENTS;
use crate::state::Error;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Debug, Clone, Serialize)]
pub struct LivePlan {
    /// The cluster's name on its target (the lab's compose project).
    pub project: String,
    /// Where the cluster runs, for people (``compose project `hacc-web-...` ``).
    #[serde(skip)]
    pub place: String,
    /// The live configuration version this plan was made against.
    pub cib_version: CibVersion,
    pub changes: Vec<ObjectChange>,
    pub predictions: Vec<Prediction>,
    /// Operators' runtime state, kept.
    pub runtime: Vec<RuntimeState>,
    pub corosync: Option<CorosyncChange>,
    /// Why the node containers are recreated one by one, when they are.
    pub rollout: Option<String>,
    /// The configuration to push: the spec's, with the runtime state kept.
    #[serde(skip)]
    pub desired: Element,
    /// Resource id -> everything inside it, from both sides.
    #[serde(skip)]
    members: BTreeMap<String, Vec<String>>,
}

/// Plans against the cluster `node` belongs to; `project` is the cluster's name on its target
/// and `place` says where it runs, for people.
pub fn plan(
    node: &dyn Shell,
    project: &str,
    place: &str,
    cib_xml: &str,
    corosync_conf: &str,
    rollout: Option<String>,
) -> Result<LivePlan, Error> {
    let live = Cib::fetch(node)?;
    let mut desired = Cib::parse(cib_xml, "the generated cib.xml")?
        .configuration()
        .clone();
    let all_state = find(live.configuration(), &desired);
    preserve(&mut desired, &all_state);
    let changes = diff(&objects(live.configuration()), &objects(&desired));
    let predictions = if changes.is_empty() {
        Vec::new()
    } else {
        predict(node, &live.with_configuration(desired.clone()))?
    };
    let mut members = resource_members(live.configuration());
    members.extend(resource_members(&desired));
    Ok(LivePlan {
        project: project.to_string(),
        place: place.to_string(),
        cib_version: live.version(),
        changes,
        predictions,
        runtime: all_state.into_iter().filter(|s| s.shown).collect(),
        corosync: classify(&running_conf(node)?, corosync_conf),
        rollout,
        desired,
        members,
    })
}

/// Counts for the cluster summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LiveSummary {
    pub add: usize,
    pub change: usize,
    pub destroy: usize,
    /// Runtime state kept as it is.
    pub kept: usize,
}

impl LivePlan {
    pub fn summary(&self) -> LiveSummary {
        use super::diff::ChangeAction::{Add, Change, Remove};
        let count = |action| self.changes.iter().filter(|c| c.action == action).count();
        LiveSummary {
            add: count(Add),
            change: count(Change),
            destroy: count(Remove),
            kept: self.runtime.len(),
        }
    }

    /// Whether applying would do anything to the cluster (kept runtime state is not a change).
    pub fn has_changes(&self) -> bool {
        !self.changes.is_empty() || self.corosync.is_some() || self.rollout.is_some()
    }

    /// The predictions shown beside a change: each prediction goes to the most specific
    /// changes that explain it: a change of the resource itself, else of a group or clone
    /// holding it, else of constraints naming it (or what holds it).
    fn effects(&self, change: &ObjectChange) -> Vec<&Prediction> {
        self.predictions
            .iter()
            .filter(|p| {
                let level = |c: &ObjectChange| self.relevance(c, p.base_resource());
                let best = self.changes.iter().filter_map(level).min();
                best.is_some() && level(change) == best
            })
            .collect()
    }

    /// How directly a change concerns a resource: 0 the resource itself, 1 a group or clone
    /// around it, 2 a constraint naming it or what holds it; `None` not at all.
    fn relevance(&self, change: &ObjectChange, resource: &str) -> Option<u8> {
        let holds = |id: &str| {
            id == resource
                || self
                    .members
                    .get(id)
                    .is_some_and(|inside| inside.iter().any(|m| m == resource))
        };
        let is_resource = RESOURCE_ELEMENTS.contains(&change.kind.as_str());
        match (is_resource, change.id == resource) {
            (true, true) => Some(0),
            (true, false) => holds(&change.id).then_some(1),
            (false, _) => change.refs.iter().any(|r| holds(r)).then_some(2),
        }
    }

    /// The "Cluster" section of a plan, ending with its summary line.
    pub fn render(&self) -> String {
        let mut out = format!("\nCluster ({}, CIB {}):\n", self.place, self.cib_version);
        let mut explained: Vec<&Prediction> = Vec::new();
        for change in &self.changes {
            let mut line = format!("  {} {} {}", change.symbol(), change.kind, change.id);
            let fields = change.describe_fields();
            if !fields.is_empty() {
                let _ = write!(line, ": {fields}");
            }
            let effects = self.effects(change);
            if !effects.is_empty() {
                let shown: Vec<String> = effects.iter().map(ToString::to_string).collect();
                let _ = write!(line, "   ({})", shown.join(", "));
            }
            explained.extend(effects);
            let _ = writeln!(out, "{line}");
        }
        for state in &self.runtime {
            let _ = writeln!(
                out,
                "  ! {} {}: {} set outside hacc   (kept: runtime state)",
                state.kind, state.id, state.description
            );
        }
        let others: Vec<String> = self
            .predictions
            .iter()
            .filter(|p| !explained.contains(p))
            .map(ToString::to_string)
            .collect();
        if !others.is_empty() {
            let _ = writeln!(out, "  crm_simulate also predicts: {}", others.join(", "));
        }
        if let Some(corosync) = &self.corosync {
            let _ = writeln!(
                out,
                "  ~ corosync.conf: {}   ({})",
                corosync.changes.join(", "),
                corosync.handling.describe()
            );
        }
        if let Some(reason) = &self.rollout {
            let _ = writeln!(
                out,
                "  ~ node containers: recreated one at a time   ({reason})"
            );
        }
        out.push_str(&summary_line(self));
        out
    }
}

pub fn summary_line(plan: &LivePlan) -> String {
    let s = plan.summary();
    let mut line = format!(
        "Cluster: {} to add, {} to change, {} to destroy, {} kept",
        s.add, s.change, s.destroy, s.kept
    );
    if let Some(corosync) = &plan.corosync {
        let _ = write!(line, "; corosync {}", corosync.handling.describe());
    }
    if plan.rollout.is_some() {
        line.push_str("; nodes recreated");
    }
    line.push_str(".\n");
    line
}
