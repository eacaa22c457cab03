//! `hacc import` on the 854 CIBs of Pacemaker's scheduler regression suite: each file is
//! imported, or refused with a code naming the construct; each imported spec is built and its
//! configuration compared with the imported one by meaning, and where they are not equal,
//! crm_simulate runs the original status section with both configurations: the transitions
//! must be the same. Nothing may differ. A refused file is also given to crm_verify, so the
//! share is reported of the files whose configuration Pacemaker itself accepts.
//!
//! The corpus is not part of the repository: it is looked up beside it at run time
//! (`shared/corpus/pacemaker-scheduler` in the repository's parent or an ancestor of it).

use crate::common;

use hacc::import::{Imported, import, meaning};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Files imported exactly or with the same transition, measured on the corpus. A floor to be
/// raised as the spec language grows (tickets, bundles, several attribute sets, ...): the test
/// fails when fewer files get through. 259 since CIB node ids that are not corosync nodeids
/// are kept as `cib-id`, node names may start with a digit or be fully qualified, and
/// top-level resources keep their order; 263 with roles on location rules and `sequential`
/// on resource sets kept as written; 287 with fencing and LSB agents given by path; 398 with
/// tickets, alerts and the less common operation options; 488 with several attribute sets
/// per element, their scores and rules (date tests included); 601 with warnings instead of
/// refusals where Pacemaker 2.1 reads what hacc refused (options of other releases and
/// Pacemaker 3 names, lenient meta values, undeclared agent parameters, an attribute twice in
/// a set, `P10S`, a demote-then-promote order of one clone) and `require-all` on pair orders;
/// 658 with bundles and remote and guest nodes, and clone-max above the nodes a warning; 689
/// with `crm_config` names no release reads (agents' state) and constraints on group members
/// warnings; 700 with fencing levels by pattern and attribute, and levels for nodes the spec
/// lacks a warning; 704 with `id-ref` on operations and nvpairs imported as copies (W0432);
/// 722 with an empty `<acls/>` read as no ACLs; 735 with group and clone params and
/// locations for unknown nodes as warnings; 751 with templates; 761 with any node attribute
/// name; 769 with tags, and agent and operation tests in the rules of defaults sets.
const IMPORTED_FLOOR: usize = 787;

fn corpus() -> Option<PathBuf> {
    let root = common::root();
    let found = root
        .ancestors()
        .skip(1)
        .map(|a| a.join("shared/corpus/pacemaker-scheduler"))
        .find(|p| p.is_dir());
    if found.is_none() {
        if std::env::var_os(common::REQUIRE_TOOLS_VAR).is_some() {
            panic!(
                "the Pacemaker scheduler corpus is required but not found beside the repository"
            );
        }
        eprintln!("skipped: no shared/corpus/pacemaker-scheduler beside the repository");
    }
    found
}

#[derive(Debug)]
enum Outcome {
    Exact,
    SameTransition,
    Differs(String),
    /// The constructs refused, and whether crm_verify finds errors in the configuration too.
    Refused(Vec<String>, bool),
}

#[test]
fn the_scheduler_corpus_imports_without_a_difference() {
    let Some(dir) = corpus() else { return };
    if !common::have_tool("crm_simulate") {
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    assert!(files.len() > 800, "the corpus has {} files", files.len());
    let scratch = tempfile::tempdir().unwrap();
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(file) = files.get(i) else { break };
                    let outcome = one_file(file, &scratch.path().join(i.to_string()));
                    results.lock().unwrap().push((file.clone(), outcome));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some(report) = std::env::var_os("HACC_CORPUS_REPORT") {
        write_refusals(Path::new(&report), &results);
    }
    let mut exact = 0;
    let mut same = 0;
    let mut differs = Vec::new();
    let mut refused_files = 0;
    let mut refused_by_pacemaker = 0;
    let mut by_construct: BTreeMap<String, usize> = BTreeMap::new();
    for (file, outcome) in &results {
        match outcome {
            Outcome::Exact => exact += 1,
            Outcome::SameTransition => same += 1,
            Outcome::Differs(why) => differs.push(format!("{}: {why}", file.display())),
            Outcome::Refused(constructs, pacemaker_too) => {
                refused_files += 1;
                refused_by_pacemaker += usize::from(*pacemaker_too);
                for construct in constructs {
                    *by_construct.entry(construct.clone()).or_default() += 1;
                }
            }
        }
    }
    println!("hacc import on {} corpus files:", results.len());
    println!("  exact            {exact:4}");
    println!("  same transition  {same:4}");
    println!("  differs          {:4}", differs.len());
    println!("  refused          {refused_files:4}  (files per code and construct:)");
    let mut constructs: Vec<_> = by_construct.into_iter().collect();
    constructs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (construct, count) in &constructs {
        println!("    {count:4}  {construct}");
    }
    let valid = results.len() - refused_by_pacemaker;
    println!(
        "  refused where crm_verify finds errors in the configuration too: {refused_by_pacemaker}"
    );
    println!(
        "  imported of the {valid} files whose configuration crm_verify accepts: {} ({:.1} %)",
        exact + same,
        100.0 * (exact + same) as f64 / valid as f64
    );
    assert!(
        differs.is_empty(),
        "{} imported file(s) mean something else once built:\n{}",
        differs.len(),
        differs.join("\n")
    );
    assert!(
        exact + same >= IMPORTED_FLOOR,
        "only {} files import (floor {IMPORTED_FLOOR})",
        exact + same
    );
}

/// One line per refused file (name, whether crm_verify refuses it too, the constructs), for
/// choosing what to carry next: `HACC_CORPUS_REPORT=refused.tsv`.
fn write_refusals(report: &Path, results: &[(PathBuf, Outcome)]) {
    let mut text = String::new();
    for (file, outcome) in results {
        if let Outcome::Refused(constructs, pacemaker_too) = outcome {
            let name = file.file_name().unwrap().to_string_lossy();
            text.push_str(&format!(
                "{name}\t{pacemaker_too}\t{}\n",
                constructs.join("; ")
            ));
        }
    }
    std::fs::write(report, text).unwrap();
}

fn one_file(file: &Path, scratch: &Path) -> Outcome {
    let xml = std::fs::read_to_string(file).unwrap();
    let imported = import(&xml, None);
    if imported.has_errors() {
        let mut constructs: Vec<String> = imported
            .findings
            .iter()
            .filter(|f| f.diagnostic.is_error())
            .map(|f| format!("{} {}", f.diagnostic.code.id, f.construct))
            .collect();
        constructs.sort();
        constructs.dedup();
        std::fs::create_dir_all(scratch).unwrap();
        return Outcome::Refused(constructs, pacemaker_refuses(&xml, scratch));
    }
    match compare(&xml, &imported, scratch) {
        Ok(outcome) => outcome,
        Err(why) => Outcome::Differs(why),
    }
}

fn compare(xml: &str, imported: &Imported, scratch: &Path) -> Result<Outcome, String> {
    let spec = imported
        .spec
        .as_ref()
        .ok_or("no spec although nothing was refused")?;
    let outcome = hacc::pipeline::check_source(spec);
    let checked = outcome
        .checked
        .filter(|_| !outcome.diagnostics.iter().any(|d| d.is_error()))
        .ok_or("the imported spec fails `hacc check`")?;
    let built = hacc::cib::build(checked.cluster());
    let read = imported.config.as_ref().ok_or("no configuration read")?;
    if meaning::normalised(read) == meaning::normalised(&built) && imported.normalised.is_empty() {
        return Ok(Outcome::Exact);
    }
    let artifacts = hacc::render::build(&checked).map_err(|e| e.to_string())?;
    let cib_xml = artifacts
        .iter()
        .find(|a| a.path == "cib.xml")
        .ok_or("no cib.xml")?;
    let built_xml = cib_xml.contents.clone();
    std::fs::create_dir_all(scratch).unwrap();
    let original = transition(&scratch.join("original.xml"), &renamed_options(xml))?;
    let rebuilt = transition(
        &scratch.join("built.xml"),
        &with_configuration(xml, &built_xml),
    )?;
    if original == rebuilt {
        Ok(Outcome::SameTransition)
    } else {
        Err(format!(
            "the transitions differ:\n--- original\n{original}\n--- built\n{rebuilt}"
        ))
    }
}

/// Whether crm_verify finds errors (not only warnings) in the configuration as Pacemaker 2.1
/// reads it, without the status section, whose recorded failures it would report too.
fn pacemaker_refuses(xml: &str, scratch: &Path) -> bool {
    let renamed = renamed_options(xml);
    let configuration_only = match section(&renamed, "status") {
        Some((start, end)) => format!("{}<status/>{}", &renamed[..start], &renamed[end..]),
        None => renamed,
    };
    let path = scratch.join("verify.xml");
    std::fs::write(&path, configuration_only).unwrap();
    let output = Command::new("crm_verify")
        .arg("--xml-file")
        .arg(&path)
        .output()
        .expect("crm_verify runs");
    String::from_utf8_lossy(&output.stderr).contains("Errors found during check")
}

/// The byte range of the first `<tag ...>...</tag>` element.
fn section(xml: &str, tag: &str) -> Option<(usize, usize)> {
    let start = xml.find(&format!("<{tag}"))?;
    let close = format!("</{tag}>");
    let end = xml.find(&close)? + close.len();
    (start < end).then_some((start, end))
}

/// The original CIB as Pacemaker 2.1 reads it: its Pacemaker 3 option names (which 2.1
/// ignores) replaced by their 2.1 names, as the importer writes them.
fn renamed_options(xml: &str) -> String {
    let Some((start, end)) = section(xml, "crm_config") else {
        return xml.to_string();
    };
    let mut crm_config = xml[start..end].to_string();
    for (new, old) in hacc::model::pacemaker3::PACEMAKER3_NAMES {
        crm_config = crm_config.replace(&format!("name=\"{new}\""), &format!("name=\"{old}\""));
    }
    format!("{}{crm_config}{}", &xml[..start], &xml[end..])
}

/// The original CIB (its status section) with the configuration of the built cib.xml.
fn with_configuration(original: &str, built: &str) -> String {
    let (start, end) = section(original, "configuration").expect("a configuration");
    let (b_start, b_end) = section(built, "configuration").expect("a built configuration");
    format!(
        "{}{}{}",
        &original[..start],
        &built[b_start..b_end],
        &original[end..]
    )
}

/// The transition crm_simulate computes for a CIB: its summary and every action of the graph
/// (operation and node), sorted, so numbering and listing order do not count.
fn transition(path: &Path, xml: &str) -> Result<String, String> {
    std::fs::write(path, xml).unwrap();
    let graph = path.with_extension("graph.xml");
    let output = Command::new("crm_simulate")
        .arg("--xml-file")
        .arg(path)
        .arg("--run")
        .arg("--save-graph")
        .arg(&graph)
        .output()
        .map_err(|e| format!("cannot run crm_simulate: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "crm_simulate failed on {}: {}{}",
            path.display(),
            stdout,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    // Column padding follows the longest resource name crm_simulate lists, whatever the
    // transition: words only.
    let mut summary: Vec<String> = stdout
        .split("Transition Summary:")
        .nth(1)
        .unwrap_or_default()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    summary.sort_unstable();
    let graph = std::fs::read_to_string(&graph).unwrap_or_default();
    let document = roxmltree::Document::parse(&graph).map_err(|e| e.to_string())?;
    let mut actions: Vec<String> = document
        .descendants()
        .filter(|n| {
            n.parent().is_some_and(|p| p.has_tag_name("action_set"))
                && n.attribute("operation_key").is_some()
        })
        .map(|n| {
            format!(
                "{} {} {}",
                n.tag_name().name(),
                n.attribute("operation_key").unwrap_or_default(),
                n.attribute("on_node").unwrap_or_default()
            )
        })
        .collect();
    actions.sort();
    Ok(format!("{}\n{}", summary.join("\n"), actions.join("\n")))
}
