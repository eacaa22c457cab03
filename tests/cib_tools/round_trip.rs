//! The three proofs a spec construct that reaches the CIB owes: hacc builds it, Pacemaker
//! accepts cib.xml, crmsh loads cib.crm into the same configuration, and the importer gives
//! the spec back as a fixed point.

use super::{Scratch, cib_outputs, config_diff, crm_load, empty_cib, run, text};
use crate::common;
use std::process::Command;

/// cib.xml and cib.crm of a spec that checks without errors.
#[track_caller]
pub fn built_outputs(spec: &str) -> (String, String) {
    let outcome = hacc::pipeline::check_source(spec);
    let checked = outcome
        .checked
        .filter(|_| !outcome.diagnostics.iter().any(|d| d.is_error()))
        .unwrap_or_else(|| panic!("{:#?}", outcome.diagnostics));
    cib_outputs(&checked)
}

/// crm_verify finds no error in cib.xml and crmsh loads cib.crm (exit 0) into the same
/// configuration. Returns the output of the load and the scratch directory with `loaded.xml`
/// and `cib.crm`, or None (after saying why) when the tools are missing.
#[track_caller]
pub fn assert_pacemaker_and_crmsh_agree(
    name: &str,
    xml: &str,
    crm: &str,
) -> Option<(String, Scratch)> {
    if !common::have_tool("crm_verify") || !common::have_tool("crm") {
        return None;
    }
    let scratch = Scratch::new(name);
    let cib = scratch.write("cib.xml", xml);
    let output = run(Command::new("crm_verify").arg("--xml-file").arg(&cib));
    let verified = text(&output);
    // crm_verify exits non-zero for warnings too: only errors fail.
    assert!(
        !verified.contains("Errors found") && !verified.contains("error:"),
        "crm_verify: {verified}"
    );
    let loaded = empty_cib(&scratch, "loaded.xml");
    let script = scratch.write("cib.crm", crm);
    let (output, _) = crm_load(&loaded, &script);
    assert!(output.status.success(), "crm load: {}", text(&output));
    let loaded = std::fs::read_to_string(&loaded).unwrap();
    assert_eq!(
        config_diff(&scratch, xml, &loaded),
        None,
        "crmsh loads cib.crm into another configuration"
    );
    Some((text(&output), scratch))
}

/// Loading cib.crm again into the configuration `assert_pacemaker_and_crmsh_agree` loaded
/// changes nothing: the script is idempotent.
#[track_caller]
pub fn assert_second_load_changes_nothing(scratch: &Scratch) {
    let (loaded, script) = (scratch.join("loaded.xml"), scratch.join("cib.crm"));
    let once = std::fs::read_to_string(&loaded).unwrap();
    let (output, _) = crm_load(&loaded, &script);
    assert!(
        output.status.success(),
        "second crm load: {}",
        text(&output)
    );
    let twice = std::fs::read_to_string(&loaded).unwrap();
    assert_eq!(
        config_diff(scratch, &once, &twice),
        None,
        "a second load changes the configuration"
    );
}

/// The errors `hacc check` finds in a spec: code and message.
pub fn errors_of(spec: &str) -> Vec<(&'static str, String)> {
    hacc::pipeline::check_source(spec)
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.code.id, d.message.clone()))
        .collect()
}

/// Imports cib.xml, checks and builds the imported spec and imports that again: the same
/// spec, byte for byte. Returns the spec.
#[track_caller]
pub fn assert_import_fixed_point(xml: &str) -> String {
    let first = hacc::import::import(xml, None);
    let spec = first
        .spec
        .unwrap_or_else(|| panic!("the built CIB does not import: {:#?}", first.findings));
    let outcome = hacc::pipeline::check_source(&spec);
    let checked = outcome
        .checked
        .unwrap_or_else(|| panic!("the imported spec does not check:\n{spec}"));
    let (again, _) = cib_outputs(&checked);
    let second = hacc::import::import(&again, None);
    assert_eq!(
        second.spec.as_deref(),
        Some(spec.as_str()),
        "not a fixed point"
    );
    spec
}
