//! `hacc import`: each construct from a small CIB to its golden spec (tests/specs/import/),
//! each refusal with its code, line:col and element path, the fixed point (import, build,
//! import the built cib.xml again: the same spec), and the command's exit statuses.

use crate::common;

use hacc::import::{Imported, import};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> Vec<PathBuf> {
    let dir = common::root().join("tests/specs/import");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    files
}

/// `<name>.corosync.conf` beside `<name>.xml`, when there is one.
fn corosync_of(xml: &Path) -> Option<String> {
    let conf = xml.with_extension("corosync.conf");
    conf.is_file()
        .then(|| std::fs::read_to_string(conf).unwrap())
}

#[track_caller]
fn imported_spec(imported: &Imported, what: &str) -> String {
    let messages: Vec<String> = imported
        .findings
        .iter()
        .chain(&imported.corosync_findings)
        .map(|f| {
            format!(
                "{} {} at {}",
                f.diagnostic.code.id, f.diagnostic.message, f.path
            )
        })
        .collect();
    assert!(!imported.has_errors(), "{what} is refused: {messages:#?}");
    imported
        .spec
        .clone()
        .expect("a spec when nothing is refused")
}

fn built(spec: &str) -> (String, String) {
    let outcome = hacc::pipeline::check_source(spec);
    let errors: Vec<&str> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.as_str())
        .collect();
    let checked = outcome
        .checked
        .filter(|_| errors.is_empty())
        .unwrap_or_else(|| panic!("the imported spec fails `hacc check`: {errors:?}\n{spec}"));
    let artifacts = hacc::render::build(&checked).unwrap();
    let file = |path: &str| {
        artifacts
            .iter()
            .find(|a| a.path == path)
            .unwrap()
            .contents
            .clone()
    };
    (file("cib.xml"), file("corosync.conf"))
}

#[test]
fn each_fixture_imports_to_its_golden_spec() {
    let files = fixtures();
    assert!(files.len() >= 4, "fixtures: {files:?}");
    let mut mismatches = Vec::new();
    for xml in &files {
        let source = std::fs::read_to_string(xml).unwrap();
        let imported = import(&source, corosync_of(xml).as_deref());
        let spec = imported_spec(&imported, &xml.display().to_string());
        built(&spec);
        if let Some(diff) = common::compare_golden(&xml.with_extension("kdl"), &spec) {
            mismatches.push(diff);
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} imported spec(s) differ (UPDATE_GOLDEN=1 rewrites them):\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn importing_the_built_cib_gives_the_same_spec() {
    for xml in fixtures() {
        let source = std::fs::read_to_string(&xml).unwrap();
        let corosync = corosync_of(&xml);
        let first = imported_spec(&import(&source, corosync.as_deref()), "the fixture");
        let (cib_xml, corosync_conf) = built(&first);
        let again = import(
            &cib_xml,
            corosync.is_some().then_some(corosync_conf.as_str()),
        );
        let second = imported_spec(&again, "the built cib.xml");
        assert_eq!(first, second, "{}: not a fixed point", xml.display());
    }
}

#[test]
fn the_spec_is_laid_out_as_hacc_fmt_lays_it_out() {
    for xml in fixtures() {
        let source = std::fs::read_to_string(&xml).unwrap();
        let spec = imported_spec(&import(&source, corosync_of(&xml).as_deref()), "fixture");
        assert_eq!(hacc::layout::canonical(&spec).unwrap(), spec);
    }
}

/// A CIB whose configuration holds `inner` in the given section, with three nodes.
/// The code of every finding of an import, in order.
fn finding_codes(imported: &Imported) -> Vec<&'static str> {
    imported
        .findings
        .iter()
        .map(|f| f.diagnostic.code.id)
        .collect()
}

fn cib(section: &str, inner: &str) -> String {
    let mut sections = [
        ("crm_config", String::new()),
        (
            "nodes",
            "<node id=\"1\" uname=\"n1\"/><node id=\"2\" uname=\"n2\"/><node id=\"3\" uname=\"n3\"/>"
                .to_string(),
        ),
        (
            "resources",
            "<primitive id=\"fence\" class=\"stonith\" type=\"fence_dummy\"/>\n\
             <primitive id=\"a\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>"
                .to_string(),
        ),
        ("constraints", String::new()),
    ];
    let mut extra = String::new();
    match sections.iter_mut().find(|(tag, _)| *tag == section) {
        Some((_, text)) => text.push_str(inner),
        None => extra.push_str(inner),
    }
    let body: String = sections
        .iter()
        .map(|(tag, text)| format!("    <{tag}>\n{text}\n    </{tag}>\n"))
        .collect();
    format!("<cib>\n  <configuration>\n{body}{extra}  </configuration>\n</cib>\n")
}

/// (section, XML, code, line, column, element path): the refusal the import must report,
/// and only it.
const REFUSALS: &[(&str, &str, &str, u32, u32, &str)] = &[
    (
        "constraints",
        "<rsc_location id=\"t1\" rsc=\"a\" node=\"n1\" score=\"1\"><lifetime id=\"t1-life\"/></rsc_location>",
        "E0502",
        14,
        52,
        "/cib/configuration/constraints/rsc_location[@id='t1']/lifetime[@id='t1-life']",
    ),
    (
        "resources",
        "<primitive id=\"b\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><operations>\
         <op id=\"b-start\" name=\"start\" interval=\"0\" requires=\"quorum\"/></operations></primitive>",
        "E0503",
        11,
        195,
        "/cib/configuration/resources/primitive[@id='b']/operations/op[@id='b-start']",
    ),
    (
        "crm_config",
        "<cluster_property_set id=\"one\"/><cluster_property_set id=\"two\" score=\"high\"/>",
        "E0504",
        4,
        71,
        "/cib/configuration/crm_config/cluster_property_set[@id='two']",
    ),
    (
        "nodes",
        "<node id=\"007\" uname=\"n4\"/>",
        "E0505",
        7,
        86,
        "/cib/configuration/nodes/node[@id='007']",
    ),
    (
        "constraints",
        "<rsc_location id=\"l\" rsc=\"elsewhere\" node=\"n1\" score=\"10\"/>",
        "E0507",
        14,
        2,
        "/cib/configuration/constraints/rsc_location[@id='l']",
    ),
    (
        "",
        "<acls><acl_user id=\"u\"/></acls>",
        "E0502",
        16,
        8,
        "/cib/configuration/acls/acl_user[@id='u']",
    ),
];

#[test]
fn each_refusal_names_its_code_place_and_element() {
    let mut wrong = Vec::new();
    for (section, inner, code, line, column, path) in REFUSALS {
        let xml = cib(section, inner);
        let imported = import(&xml, None);
        let errors: Vec<(&str, u32, u32, &str)> = imported
            .findings
            .iter()
            .filter(|f| f.diagnostic.is_error())
            .map(|f| (f.diagnostic.code.id, f.line, f.column, f.path.as_str()))
            .collect();
        if errors != [(*code, *line, *column, *path)] || imported.spec.is_some() {
            wrong.push(format!("{inner}: {errors:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "refusals not as expected:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_problem_of_a_file_is_reported_in_one_run() {
    let inner = "<rsc_location id=\"t1\" rsc=\"a\" node=\"n1\" score=\"1\"><lifetime id=\"t1-life\"/></rsc_location>\
                 <rsc_location id=\"l\" rsc=\"a\" node=\"n1\" score=\"1\" lifetime=\"x\"/>";
    let imported = import(&cib("constraints", inner), None);
    let codes = finding_codes(&imported);
    assert_eq!(codes, ["E0502", "E0503"]);
}

#[test]
fn pacemaker_3_names_are_written_with_their_2_1_names_and_a_warning() {
    let inner = "<cluster_property_set id=\"o\">\
                 <nvpair id=\"f\" name=\"fencing-enabled\" value=\"true\"/>\
                 <nvpair id=\"q\" name=\"no-quorum-policy\" value=\"fence\"/>\
                 <nvpair id=\"d\" name=\"dc-version\" value=\"3.0.0\"/>\
                 </cluster_property_set>";
    let imported = import(&cib("crm_config", inner), None);
    let warnings = finding_codes(&imported);
    assert_eq!(warnings, ["W0508", "W0508"]);
    let spec = imported_spec(&imported, "the CIB");
    assert!(
        spec.contains("property \"stonith-enabled\" #true"),
        "{spec}"
    );
    assert!(
        spec.contains("property \"no-quorum-policy\" \"suicide\""),
        "{spec}"
    );
    assert!(!spec.contains("dc-version"), "{spec}");
}

/// Pacemaker reads the first of two values of one attribute in a set: so does the importer,
/// with a warning, and the built CIB says it once.
#[test]
fn an_attribute_twice_in_a_set_keeps_the_first_value_with_a_warning() {
    let inner = "<primitive id=\"b\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">\
                 <meta_attributes id=\"b-meta\">\
                 <nvpair id=\"b-1\" name=\"target-role\" value=\"Stopped\"/>\
                 <nvpair id=\"b-2\" name=\"target-role\" value=\"Started\"/>\
                 </meta_attributes></primitive>";
    let imported = import(&cib("resources", inner), None);
    let codes = finding_codes(&imported);
    assert_eq!(codes, ["W0509"]);
    assert_eq!(imported.normalised.len(), 1, "{:?}", imported.normalised);
    let spec = imported_spec(&imported, "the CIB");
    assert!(spec.contains("target-role=\"Stopped\""), "{spec}");
    assert!(!spec.contains("Started"), "{spec}");
    let (cib_xml, _) = built(&spec);
    assert_eq!(
        cib_xml.matches("name=\"target-role\"").count(),
        1,
        "{cib_xml}"
    );
}

/// `require-all="false"` on an order of two resources is carried into the spec and back.
#[test]
fn require_all_on_a_pair_order_is_carried() {
    let inner = "<rsc_order id=\"o\" first=\"fence\" then=\"a\" require-all=\"false\"/>";
    let imported = import(&cib("constraints", inner), None);
    let spec = imported_spec(&imported, "the CIB");
    assert!(
        spec.contains("order \"o\" first=\"fence\" then=\"a\" require-all=#false"),
        "{spec}"
    );
    let (cib_xml, _) = built(&spec);
    assert!(cib_xml.contains("require-all=\"false\""), "{cib_xml}");
}

fn hacc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hacc"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("hacc runs")
}

#[test]
fn the_command_writes_a_spec_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.xml");
    let bad = dir.path().join("bad.xml");
    std::fs::write(&good, cib("", "")).unwrap();
    std::fs::write(
        &bad,
        cib(
            "constraints",
            "<rsc_location id=\"t1\" rsc=\"a\" node=\"n1\" score=\"1\"><lifetime id=\"t1-life\"/></rsc_location>",
        ),
    )
    .unwrap();
    let spec = dir.path().join("spec.kdl");
    let out = spec.to_str().unwrap();

    let refused = hacc(&["import", bad.to_str().unwrap(), "-o", out]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("E0502") && stderr.contains("bad.xml:14:"),
        "{stderr}"
    );
    assert!(!spec.exists(), "no spec after a refusal");

    let written = hacc(&["import", good.to_str().unwrap(), "-o", out]);
    assert_eq!(written.status.code(), Some(0), "{written:?}");
    let check = hacc(&["check", out]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");

    let again = hacc(&["import", good.to_str().unwrap(), "-o", out]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing spec is not overwritten"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 3, "no temporary file is left behind");
}

/// `--dir` reads the running cluster of a deploy directory: a directory with no cluster is a
/// clear refusal, and a CIB file or `--corosync` beside it is a usage error; no spec appears.
#[test]
fn import_from_a_directory_without_a_running_cluster_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.kdl");
    let out = spec.to_str().unwrap();
    let deploy = dir.path().join("deploy");
    std::fs::create_dir(&deploy).unwrap();
    let deploy = deploy.to_str().unwrap();

    let nothing = hacc(&["import", "--dir", deploy, "-o", out]);
    assert_eq!(nothing.status.code(), Some(1), "{nothing:?}");
    let stderr = String::from_utf8_lossy(&nothing.stderr);
    assert!(stderr.contains("corosync.conf"), "{stderr}");

    let good = dir.path().join("good.xml");
    std::fs::write(&good, cib("", "")).unwrap();
    for args in [
        vec!["import", good.to_str().unwrap(), "--dir", deploy, "-o", out],
        vec!["import", "--corosync", "c.conf", "--dir", deploy, "-o", out],
        vec!["import", "-o", out],
    ] {
        let refused = hacc(&args);
        assert_eq!(refused.status.code(), Some(2), "{args:?}: {refused:?}");
    }
    assert!(!spec.exists(), "no spec after a refusal");
}

/// Pacemaker reads an `id-ref` as the element it names: the importer writes a copy with
/// W0432, and the built CIB repeats the operation and the value without a reference.
#[test]
fn an_id_ref_is_imported_as_a_copy_with_a_warning() {
    let inner = "<primitive id=\"c\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">\
                 <instance_attributes id=\"c-params\">\
                 <nvpair id=\"c-fake\" name=\"fake\" value=\"shared\"/></instance_attributes>\
                 <operations id=\"ops\"><op id=\"c-mon\" name=\"monitor\" interval=\"10s\"/>\
                 </operations></primitive>\
                 <primitive id=\"d\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">\
                 <instance_attributes id=\"d-params\"><nvpair id-ref=\"c-fake\"/>\
                 </instance_attributes><operations id-ref=\"ops\"/></primitive>";
    let imported = import(&cib("resources", inner), None);
    let codes = finding_codes(&imported);
    assert_eq!(codes, ["W0432", "W0432"]);
    let spec = imported_spec(&imported, "the CIB");
    assert_eq!(spec.matches("fake=\"shared\"").count(), 2, "{spec}");
    let (cib_xml, _) = built(&spec);
    assert!(!cib_xml.contains("id-ref"), "{cib_xml}");
    assert_eq!(cib_xml.matches("name=\"monitor\"").count(), 2, "{cib_xml}");
    let ids: Vec<&str> = cib_xml
        .split(" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "ids repeat: {cib_xml}");
}

/// An `id-ref` to no element of its tag is refused: Pacemaker would read nothing there.
#[test]
fn an_id_ref_to_nothing_is_refused() {
    let inner = "<primitive id=\"b\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">\
                 <operations id-ref=\"nowhere\"/></primitive>";
    let imported = import(&cib("resources", inner), None);
    let codes = finding_codes(&imported);
    assert_eq!(codes, ["E0506"]);
}

#[test]
fn rules_nested_past_what_a_spec_holds_are_refused_not_followed() {
    // Each level is read by the one above it: 200,000 of them would exhaust the stack.
    let depth = 200_000;
    let inner = format!(
        "<rsc_location id=\"l\" rsc=\"a\">{}<expression id=\"e\" attribute=\"x\" operation=\"defined\"/>{}</rsc_location>",
        "<rule id=\"r\" score=\"1\">".repeat(depth),
        "</rule>".repeat(depth)
    );
    let imported = import(&cib("constraints", &inner), None);
    assert_eq!(finding_codes(&imported), ["E0502"]);
    assert!(
        imported.findings[0]
            .diagnostic
            .message
            .contains("at most 16 deep")
    );
    assert!(imported.spec.is_none());
    // Sixteen levels inside the location's rule are a spec's.
    let depth = 17;
    let inner = format!(
        "<rsc_location id=\"l\" rsc=\"a\">{}<expression id=\"e\" attribute=\"x\" operation=\"defined\"/>{}</rsc_location>",
        (0..depth)
            .map(|i| format!("<rule id=\"r{i}\" score=\"1\">"))
            .collect::<String>(),
        "</rule>".repeat(depth)
    );
    let imported = import(&cib("constraints", &inner), None);
    assert!(imported.spec.is_some(), "{:?}", finding_codes(&imported));
}
