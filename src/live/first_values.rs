//! Bring-up without waiting out the dampening of node attributes' first values.
//!
//! Agents such as `ocf:pacemaker:ping` set their attribute through pacemaker-attrd with a
//! write delay (`dampen`), so that a value that flaps does not move resources back and forth.
//! attrd holds the very first value for that delay too, and on a cluster that has just started
//! a rule on the attribute (`pingd` not defined: -INFINITY) keeps resources stopped for the
//! whole delay, although there is no earlier value to protect. So while a cluster that this
//! command started settles, hacc asks attrd to write what it holds (`attrd_updater
//! --refresh`) as soon as a value that the rules read is held there and missing from the CIB.
//! That writes every value attrd holds: at bring-up each of them is a first value. Changes to
//! a running cluster are never hurried.

use super::status::ClusterStatus;
use super::transport::Shell;
use super::xml::Element;
use crate::state::Error;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(20);

/// The node attributes that a configuration's rules read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FirstValues {
    names: Vec<String>,
}

impl FirstValues {
    /// The attributes the rules of `configuration` compare (`#uname` and the other built-in
    /// ones aside: Pacemaker gives them, attrd does not).
    pub fn read_by(configuration: &Element) -> FirstValues {
        let mut names = Vec::new();
        collect(configuration, &mut names);
        names.sort();
        names.dedup();
        FirstValues { names }
    }

    /// Has attrd write the values it holds back when one of them is a first value the rules
    /// read; returns the names of those held, empty when none was. Each name is written so
    /// once: a value attrd keeps to itself (a private attribute) never reaches the CIB, and
    /// asking again would only repeat the write.
    pub fn write_held(
        &mut self,
        node: &dyn Shell,
        status: &ClusterStatus,
    ) -> Result<Vec<String>, Error> {
        let mut held = Vec::new();
        for name in &self.names {
            let output = node.run_command(
                &["attrd_updater", "--query", "--all", "--name", name],
                None,
                LIMIT,
            )?;
            // attrd does not know the attribute (yet): nothing is held.
            if !output.success() {
                continue;
            }
            let in_cib = |host: &str| {
                status
                    .node(host)
                    .is_none_or(|n| n.attributes.iter().any(|(a, _)| a == name))
            };
            if held_hosts(&output.stdout).iter().any(|host| !in_cib(host)) {
                held.push(name.clone());
            }
        }
        if !held.is_empty() {
            node.run_command(&["attrd_updater", "--refresh"], None, LIMIT)?
                .ok("attrd_updater --refresh")?;
            self.names.retain(|name| !held.contains(name));
        }
        Ok(held)
    }
}

fn collect(element: &Element, names: &mut Vec<String>) {
    if element.name == "expression"
        && let Some(attribute) = element.attr("attribute")
        && !attribute.starts_with('#')
    {
        names.push(attribute.to_string());
    }
    for child in element.elements() {
        collect(child, names);
    }
}

/// The hosts for which `attrd_updater --query --all` shows a value
/// (`name="pingd" host="web1" value="1000"`); a deleted value shows as empty.
fn held_hosts(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|line| {
            let value = quoted(line, "value")?;
            (!value.is_empty()).then_some(quoted(line, "host")?)
        })
        .collect()
}

/// The value of `key="..."` in one line of `attrd_updater`'s output.
fn quoted<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let marker = format!("{key}=\"");
    let start = line
        .match_indices(&marker)
        .find(|(at, _)| *at == 0 || line.as_bytes()[at - 1] == b' ')?
        .0
        + marker.len();
    let end = start + line[start..].find('"')?;
    Some(&line[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::exec::Output;
    use crate::live::status::NodeStatus;
    use std::sync::Mutex;

    const CONFIGURATION: &str = r##"<configuration><constraints>
  <rsc_location id="needs-gateway" rsc="site">
    <rule id="r" score="-INFINITY" boolean-op="or">
      <expression id="e1" attribute="pingd" operation="not_defined"/>
      <expression id="e2" attribute="pingd" operation="lte" value="0"/>
      <expression id="e3" attribute="#uname" operation="eq" value="n2"/>
    </rule>
  </rsc_location>
  <rsc_location id="rack" rsc="site">
    <rule id="r2" score="10"><expression id="e4" attribute="rack" operation="eq" value="a"/></rule>
  </rsc_location>
</constraints></configuration>"##;

    /// A node whose attrd holds `attrd` for every attribute asked; records the commands.
    struct Attrd {
        attrd: Option<&'static str>,
        asked: Mutex<Vec<String>>,
    }

    impl Shell for Attrd {
        fn node_name(&self) -> &'static str {
            "n1"
        }
        fn run_command(
            &self,
            argv: &[&str],
            _: Option<&[u8]>,
            _: Duration,
        ) -> Result<Output, Error> {
            self.asked.lock().unwrap().push(argv.join(" "));
            let (code, stdout) = match (argv.contains(&"--query"), self.attrd) {
                (true, Some(text)) => (0, text.to_string()),
                (true, None) => (105, String::new()),
                (false, _) => (0, String::new()),
            };
            Ok(Output {
                code,
                stdout,
                stderr: String::new(),
            })
        }
    }

    fn status(n1_attributes: &[(&str, &str)]) -> ClusterStatus {
        let node = |name: &str, attributes: &[(&str, &str)]| NodeStatus {
            name: name.into(),
            online: true,
            standby: false,
            maintenance: false,
            attributes: attributes
                .iter()
                .map(|(a, v)| ((*a).into(), (*v).into()))
                .collect(),
        };
        ClusterStatus {
            nodes: vec![node("n1", n1_attributes), node("n2", &[("pingd", "1000")])],
            ..ClusterStatus::default()
        }
    }

    fn first_values() -> FirstValues {
        FirstValues::read_by(&crate::live::xml::parse(CONFIGURATION, "test").unwrap())
    }

    #[test]
    fn the_rules_give_the_attributes_to_watch_without_built_in_ones() {
        let names = vec!["pingd".to_string(), "rack".to_string()];
        assert_eq!(first_values(), FirstValues { names });
    }

    #[test]
    fn a_value_held_in_attrd_and_missing_from_the_cib_is_written_at_once() {
        let node = Attrd {
            attrd: Some(
                "name=\"pingd\" host=\"n1\" value=\"1000\"\nname=\"pingd\" host=\"n2\" value=\"1000\"\n",
            ),
            asked: Mutex::new(Vec::new()),
        };
        let mut watched = first_values();
        let held = watched.write_held(&node, &status(&[])).unwrap();
        assert_eq!(held, ["pingd", "rack"]);
        // The CIB still lacks them (as for a private attribute): not asked again.
        assert!(watched.write_held(&node, &status(&[])).unwrap().is_empty());
        let asked = node.asked.lock().unwrap();
        assert_eq!(
            asked.last().map(String::as_str),
            Some("attrd_updater --refresh")
        );
        assert_eq!(asked.iter().filter(|c| c.contains("--refresh")).count(), 1);
    }

    #[test]
    fn values_the_cib_has_or_attrd_lacks_are_left_to_their_dampening() {
        let written = Attrd {
            attrd: Some(
                "name=\"pingd\" host=\"n1\" value=\"0\"\nname=\"pingd\" host=\"n2\" value=\"\"\n",
            ),
            asked: Mutex::new(Vec::new()),
        };
        // n1's value changed (1000 -> 0) and n2's was deleted: both are changes, not first values.
        let both = status(&[("pingd", "1000"), ("rack", "a")]);
        assert!(
            first_values()
                .write_held(&written, &both)
                .unwrap()
                .is_empty()
        );
        let unknown = Attrd {
            attrd: None,
            asked: Mutex::new(Vec::new()),
        };
        assert!(
            first_values()
                .write_held(&unknown, &status(&[]))
                .unwrap()
                .is_empty()
        );
        for node in [written, unknown] {
            assert!(
                !node
                    .asked
                    .lock()
                    .unwrap()
                    .iter()
                    .any(|c| c.contains("--refresh"))
            );
        }
    }

    #[test]
    fn attrd_lines_give_hosts_with_a_value() {
        let text = "name=\"pingd\" host=\"web1\" value=\"1000\"\nname=\"pingd\" host=\"web2\" value=\"\"\n";
        assert_eq!(held_hosts(text), ["web1"]);
    }
}
