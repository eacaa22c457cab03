//! Pushing a configuration to the running cluster in one transaction: the live CIB with the
//! desired configuration in place of its own, turned into a patch by `crm_diff` and applied
//! by `cibadmin --patch`, both on a node. The patch names the live version it was made
//! from, so Pacemaker refuses it if anything changed in between; nothing is sent when the
//! two are the same.

use super::cib::Cib;
use super::transport::Shell;
use super::xml::Element;
use crate::cib::CibVersion;
use crate::state::Error;
use std::time::Duration;

/// Status updates (monitor results) move `num_updates` all the time, which also makes a
/// patch "older than the existing configuration"; it is then made again from a fresh copy.
const ATTEMPTS: usize = 5;
/// `cibadmin` exit status when the CIB moved on since the patch was made.
const CIB_OLDER: i32 = 103;

/// Shell run on the node, in one command (each costs a few hundred ms): its input is
/// three documents, cut by their lengths in bytes (`$1` `$2` `$3`): the live CIB, the wanted
/// one with the live version (`same.xml`), and the same with the next epoch (`new.xml`: a
/// patch must move the version forward). GNU `head -c` reads no further than it writes.
const SCRIPT: &str = r#"dir=$(mktemp -d /tmp/hacc.XXXXXX) || exit 90
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 90
head -c "$1" > live.xml && head -c "$2" > same.xml && head -c "$3" > new.xml || exit 90
if crm_diff --original live.xml --new same.xml > /dev/null; then
    echo unchanged
    exit 0
fi
crm_diff --original live.xml --new new.xml > patch.xml
[ $? -eq 1 ] || exit 91
cibadmin --patch --xml-file patch.xml
"#;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    /// The live configuration already was the desired one: nothing was sent.
    Unchanged,
    Patched,
}

/// Makes `desired` the cluster's configuration, provided the live one is still at `expected`.
pub fn push(node: &dyn Shell, expected: CibVersion, desired: &Element) -> Result<Pushed, Error> {
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
        let documents = [live.root.to_xml(), same.root.to_xml(), new.root.to_xml()];
        let lengths = documents.each_ref().map(|d| d.len().to_string());
        let mut argv = vec!["sh", "-c", SCRIPT, "sh"];
        argv.extend(lengths.iter().map(String::as_str));
        let output = node.run_command(
            &argv,
            Some(documents.concat().as_bytes()),
            Duration::from_secs(120),
        )?;
        match output.code {
            0 if output.stdout.trim() == "unchanged" => return Ok(Pushed::Unchanged),
            0 => return Ok(Pushed::Patched),
            CIB_OLDER => {}
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
    Error::CibMoved {
        planned: expected,
        now,
    }
}

#[cfg(test)]
mod tests {
    use super::super::exec::{Output, run};
    use super::*;
    use std::process::Command;

    /// Runs `SCRIPT` outside a node, with stand-ins for `crm_diff` (the documents differ)
    /// and `cibadmin` (prints the files it was given).
    fn run_script(documents: [&str; 3]) -> Output {
        let stubs = tempfile::tempdir().unwrap();
        let bin = stubs.path();
        let stub = |name: &str, body: &str| {
            let path = bin.join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
            let executable = std::os::unix::fs::PermissionsExt::from_mode(0o755);
            std::fs::set_permissions(&path, executable).unwrap();
        };
        stub("crm_diff", "echo '<diff/>'; exit 1");
        stub(
            "cibadmin",
            "cat live.xml; echo '|'; cat same.xml; echo '|'; cat new.xml; echo '|'; cat \"$3\"",
        );
        let lengths = documents.map(|d| d.len().to_string());
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        run(
            Command::new("sh")
                .args(["-c", SCRIPT, "sh"])
                .args(&lengths)
                .env("PATH", path),
            Some(documents.concat().as_bytes()),
            Duration::from_secs(10),
        )
        .unwrap()
    }

    #[test]
    fn a_moved_cib_is_its_own_kind_of_error_with_the_old_text() {
        let version = |epoch| CibVersion {
            admin_epoch: 0,
            epoch,
        };
        let error = changed_since(version(7), version(9));
        assert!(
            matches!(error, Error::CibMoved { planned, now } if planned.epoch == 7 && now.epoch == 9),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "the cluster configuration changed since it was planned (admin_epoch 0, epoch 7 -> \
             admin_epoch 0, epoch 9); run `hacc plan` again to see the changes"
        );
    }

    #[test]
    fn the_script_cuts_its_input_into_the_three_documents() {
        let output = run_script(["<cib a=\"1\"/>\n", "<cib b=\"é\"/>", "<cib c=\"3\"/>\n\n"]);
        assert_eq!(output.code, 0, "{}", output.stderr);
        assert_eq!(
            output.stdout,
            "<cib a=\"1\"/>\n|\n<cib b=\"é\"/>|\n<cib c=\"3\"/>\n\n|\n<diff/>\n"
        );
    }
}
