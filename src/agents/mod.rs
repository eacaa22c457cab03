//! Resource agent metadata that hacc ships, so specs are checked without the agents installed.
//!
//! Parameters follow the agents' `meta-data` in resource-agents 4.12 and drbd-utils 9 (the
//! versions Debian bookworm, hacc's default base image, installs). Agents not listed here are
//! not checked.

mod catalog;

use crate::model::Agent;

/// One parameter an agent declares.
#[derive(Debug)]
pub struct Param {
    pub name: &'static str,
    pub required: bool,
    /// What the parameter does, for help lines.
    pub doc: &'static str,
}

/// What hacc knows about one agent's parameters.
#[derive(Debug)]
pub enum Metadata {
    /// The agent declares exactly these parameters (plus the generic OCF ones).
    Params(&'static [Param]),
    /// The agent takes no parameters: systemd units are configured in the unit file.
    NoParams,
}

/// Parameters every OCF agent that uses the shared shell functions accepts (tracing).
pub const GENERIC_OCF: &[Param] = &[
    Param {
        name: "trace_ra",
        required: false,
        doc: "trace the agent's shell commands to a file",
    },
    Param {
        name: "trace_file",
        required: false,
        doc: "where the trace goes",
    },
];

/// Every agent hacc ships parameters for, with them, in catalog order.
pub fn known() -> &'static [(&'static str, &'static [Param])] {
    catalog::AGENTS
}

/// The metadata of a known agent, or None when hacc does not check this agent.
pub fn metadata(agent: &Agent) -> Option<Metadata> {
    if agent.class == "systemd" {
        return Some(Metadata::NoParams);
    }
    let full = agent.to_string();
    catalog::AGENTS
        .iter()
        .find(|(name, _)| *name == full)
        .map(|(_, params)| Metadata::Params(params))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::scalars::parse_agent;

    #[test]
    fn known_agents_have_unique_parameters() {
        for (name, params) in catalog::AGENTS {
            let agent = parse_agent(name).expect("catalog names parse");
            assert!(
                matches!(metadata(&agent), Some(Metadata::Params(_))),
                "{name}"
            );
            let mut names: Vec<_> = params.iter().chain(GENERIC_OCF).map(|p| p.name).collect();
            names.sort_unstable();
            let count = names.len();
            names.dedup();
            assert_eq!(names.len(), count, "{name} repeats a parameter");
        }
    }

    #[test]
    fn systemd_takes_nothing_and_others_are_unchecked() {
        let unit = parse_agent("systemd:nginx").unwrap();
        assert!(matches!(metadata(&unit), Some(Metadata::NoParams)));
        let fence = parse_agent("stonith:fence_xvm").unwrap();
        assert!(metadata(&fence).is_none());
        let other = parse_agent("ocf:heartbeat:mysql").unwrap();
        assert!(metadata(&other).is_none());
    }
}
