//! Helpers for the tests that build CIBs: the Pacemaker tools, run in scratch directories.
#![allow(dead_code)]

pub mod placement;
pub mod round_trip;
pub mod simulate;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub use crate::common::hostile::CibSpot;
pub use crate::common::scratch::Scratch;
pub use round_trip::{
    assert_import_fixed_point, assert_pacemaker_and_crmsh_agree,
    assert_second_load_changes_nothing, built_outputs, errors_of,
};

pub fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

pub fn text(output: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// cib.xml and cib.crm as `hacc build` writes them.
pub fn cib_outputs(checked: &hacc::model::Checked) -> (String, String) {
    let artifacts = hacc::render::build(checked).expect("a checked spec renders");
    let get = |path: &str| {
        artifacts
            .iter()
            .find(|a| a.path == path)
            .unwrap_or_else(|| panic!("no {path} in the build"))
            .contents
            .clone()
    };
    (get("cib.xml"), get("cib.crm"))
}

/// An empty CIB file from `cibadmin --empty`, the starting point of every crm load.
pub fn empty_cib(scratch: &Scratch, name: &str) -> PathBuf {
    let output = run(Command::new("cibadmin").arg("--empty"));
    assert!(
        output.status.success(),
        "cibadmin --empty: {}",
        text(&output)
    );
    let path = scratch.join(name);
    std::fs::write(&path, &output.stdout).unwrap();
    path
}

/// `CIB_file=<cib> crm configure load update <script>`: the output and how long it took.
pub fn crm_load(cib: &Path, script: &Path) -> (Output, Duration) {
    let start = Instant::now();
    let output = run(Command::new("crm")
        .args(["configure", "load", "update"])
        .arg(script)
        .env("CIB_file", cib));
    (output, start.elapsed())
}

/// The `<configuration>` element of a CIB document, as text.
pub fn configuration(xml: &str) -> &str {
    let start = xml
        .find("<configuration>")
        .expect("a <configuration> element");
    let end = xml
        .find("</configuration>")
        .expect("a </configuration> tag");
    &xml[start..end + "</configuration>".len()]
}

/// A CIB reduced to its configuration under a fixed root.
///
/// A loaded CIB and cib.xml legitimately differ outside the configuration: `epoch` counts the
/// loads, `crm_feature_set`/`validate-with` come from the tools, and the status section is
/// runtime state. Both documents are normalised the same way before `crm_diff` compares them.
pub fn normalised(xml: &str) -> String {
    format!(
        "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\">\n{}\n</cib>\n",
        configuration(xml)
    )
}

/// `crm_diff` of the normalised configurations: None when equal, else the diff.
pub fn config_diff(scratch: &Scratch, original: &str, new: &str) -> Option<String> {
    let a = scratch.write("diff-original.xml", &normalised(original));
    let b = scratch.write("diff-new.xml", &normalised(new));
    let output = run(Command::new("crm_diff")
        .arg("--original")
        .arg(a)
        .arg("--new")
        .arg(b));
    match output.status.code() {
        Some(0) => None,
        _ => Some(text(&output)),
    }
}

/// Reads a value back from a CIB file with Pacemaker's tools (which parse it with libxml2).
pub fn read(cib: &Path, spot: CibSpot) -> Option<String> {
    let mut command = match spot {
        CibSpot::Property(name) => {
            let mut c = Command::new("crm_attribute");
            c.args(["--type", "crm_config", "--name", name, "--query", "--quiet"]);
            c
        }
        CibSpot::NodeAttribute(node, name) => {
            let mut c = Command::new("crm_attribute");
            c.args([
                "--type", "nodes", "--node", node, "--name", name, "--query", "--quiet",
            ]);
            c
        }
        CibSpot::Param(rsc, name) => {
            let mut c = Command::new("crm_resource");
            c.args(["--resource", rsc, "--get-parameter", name]);
            c
        }
        CibSpot::Meta(rsc, name) => {
            let mut c = Command::new("crm_resource");
            c.args(["--resource", rsc, "--meta", "--get-parameter", name]);
            c
        }
        CibSpot::Id(id) => return value_of(cib, id),
    };
    let output = run(command.env("CIB_file", cib));
    if !output.status.success() {
        return None;
    }
    let mut value = String::from_utf8(output.stdout).ok()?;
    // The tools end the value with one newline of their own.
    value.pop().filter(|c| *c == '\n')?;
    Some(value)
}

/// The `value` attribute of the element with `id` in a CIB file, read back through Pacemaker
/// (`cibadmin --query --xpath` parses the file with libxml2 and serialises the element again).
pub fn value_of(cib: &Path, id: &str) -> Option<String> {
    let output = run(Command::new("cibadmin")
        .args(["--query", "--xpath"])
        .arg(format!("//*[@id='{id}']"))
        .env("CIB_file", cib));
    if !output.status.success() {
        return None;
    }
    let element = String::from_utf8(output.stdout).ok()?;
    let start = element.find(" value=\"")? + " value=\"".len();
    let end = start + element[start..].find('"')?;
    Some(unescape(&element[start..end]))
}

/// Resolves the entities and character references of an XML attribute value.
pub fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let semi = amp + rest[amp..].find(';').expect("an entity ends with `;`");
        let entity = &rest[amp + 1..semi];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = match entity.strip_prefix("#x") {
                    Some(hex) => u32::from_str_radix(hex, 16),
                    None => entity.trim_start_matches('#').parse(),
                };
                char::from_u32(code.expect("a numeric reference")).expect("a character")
            }
        };
        out.push(c);
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    out
}
