//! Pushing a configuration to the running cluster in one transaction: the live CIB with the
//! desired configuration in place of its own, turned into a patch by `crm_diff` and applied
//! by `cibadmin --patch`, both inside a node. The patch names the live version it was made
//! from, so Pacemaker refuses it if anything changed in between; nothing is sent when the
//! two are the same.

use super::cib::{Cib, CibVersion};
use super::exec::Node;
use super::xml::Element;
use crate::state::Error;
use std::time::Duration;

/// Status updates (monitor results) move `num_updates` all the time, which also makes a
/// patch "older than the existing configuration"; it is then made again from a fresh copy.
const ATTEMPTS: usize = 5;
/// `cibadmin` exit status when the CIB moved on since the patch was made.
const CIB_OLDER: i32 = 103;

/// Shell run in the node: `same.xml` is the wanted document with the live version, `new.xml`
/// the same with the next epoch (a patch must move the version forward).
const SCRIPT: &str = r#"cd "$1" || exit 90
if crm_diff --original live.xml --new same.xml > /dev/null; then
    echo unchanged
    exit 0
fi
crm_diff --original live.xml --new new.xml > patch.xml
[ $? -eq 1 ] || exit 91
exec cibadmin --patch --xml-file patch.xml
"#;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    /// The live configuration already was the desired one: nothing was sent.
    Unchanged,
    Patched,
}

/// Makes `desired` the cluster's configuration, provided the live one is still at `expected`.
pub fn push(node: &Node, expected: CibVersion, desired: &Element) -> Result<Pushed, Error> {
    for _ in 0..ATTEMPTS {
        let live = Cib::fetch(node)?;
        if live.version() != expected {
            return Err(changed_since(expected, live.version()));
        }
        let same = live.with_configuration(desired.clone());
        let mut new = same.clone();
        new.root
            .set_attr("epoch", &(expected.epoch + 1).to_string());
        new.root.set_attr("num_updates", "0");
        let dir = node.temp_dir()?;
        dir.write("live.xml", live.root.to_xml().as_bytes())?;
        dir.write("same.xml", same.root.to_xml().as_bytes())?;
        dir.write("new.xml", new.root.to_xml().as_bytes())?;
        let output = node.run(
            &["sh", "-c", SCRIPT, "sh", &dir.path],
            Duration::from_secs(120),
        )?;
        match output.code {
            0 if output.stdout.trim() == "unchanged" => return Ok(Pushed::Unchanged),
            0 => return Ok(Pushed::Patched),
            CIB_OLDER => continue,
            _ => {
                output.ok("pushing the configuration (crm_diff, cibadmin --patch)")?;
            }
        }
    }
    Err(Error::Refused(format!(
        "the CIB kept changing while the configuration was pushed ({ATTEMPTS} attempts); try again"
    )))
}

/// The refusal when the configuration moved on since hacc read it.
pub fn changed_since(expected: CibVersion, now: CibVersion) -> Error {
    Error::Refused(format!(
        "the cluster configuration changed since it was planned ({expected} -> {now}); run \
         `hacc plan` again to see the changes"
    ))
}
