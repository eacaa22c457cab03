//! `hacc check` rejects every value the renderers or crmsh cannot carry: hostile values in
//! every free-text field either fail the check with a short message, or pass and then render
//! without a refusal, with every CIB value loadable by crmsh and every generated id unique.

use crate::common;
use crate::common::hostile::{self, CIB, INFRA, Outcome, Place, kdl_string};

use hacc::cib::{AttrSet, CibConfig, CibLocationTarget, CibResource, duplicate_ids};
use hacc::pipeline::{CheckOutcome, check_source};
use hacc::render::cib::crm_quote::{rule_value_problem, value_problem};
use hacc::validate::cluster_options::{self, Kind};
use hacc::validate::resource_options::{OP_OPTIONS, RESOURCE_META};

/// Longest message, label or help a diagnostic may have, whatever the value it quotes.
const MAX_TEXT: usize = 400;

/// Values from both renderers' hostile tests, and values near the limits `hacc check` sets.
fn values() -> Vec<(String, String)> {
    hostile::values()
        .into_iter()
        .chain(hostile::near_limit_values())
        .map(|(label, value)| (label.to_string(), value))
        .collect()
}

/// Every diagnostic is short enough to read, however long the value it is about.
#[track_caller]
fn assert_short(outcome: &CheckOutcome, what: &str) {
    for d in &outcome.diagnostics {
        let texts = [Some(&d.message), d.label.as_ref(), d.help.as_ref()];
        for text in texts.into_iter().flatten() {
            assert!(
                text.len() <= MAX_TEXT,
                "{what}: {} has a {}-byte text: {}...",
                d.code.id,
                text.len(),
                text.chars().take(80).collect::<String>()
            );
        }
    }
}

#[test]
fn infrastructure_fields_are_rejected_or_rendered() {
    let mut refused = Vec::new();
    for field in INFRA {
        for (label, value) in values() {
            match hostile::outcome(*field, &value) {
                Outcome::Refused(why) => refused.push(format!("{field:?} / {label}: {why}")),
                Outcome::Rejected(_) | Outcome::Built(_) => {}
            }
            let text = field.text(&value);
            let source = hostile::spec(*field, &kdl_string(&text));
            assert_short(&check_source(&source), &format!("{field:?}"));
        }
    }
    assert!(
        refused.is_empty(),
        "checked specs the renderers refuse:\n{}",
        refused.join("\n")
    );
}

fn set_values(set: &Option<AttrSet>, out: &mut Vec<String>) {
    for pair in set.iter().flat_map(|s| &s.pairs) {
        out.push(pair.value.clone());
    }
}

fn resource_values(resource: &CibResource, out: &mut Vec<String>) {
    match resource {
        CibResource::Primitive(p) | CibResource::Template(p) => {
            set_values(&p.params, out);
            set_values(&p.meta, out);
            set_values(&p.utilization, out);
        }
        CibResource::Group(g) => {
            set_values(&g.meta, out);
            for member in &g.members {
                resource_values(&CibResource::Primitive(member.clone()), out);
            }
        }
        CibResource::Clone(c) => {
            set_values(&c.meta, out);
            resource_values(&c.child, out);
        }
        CibResource::Bundle(b) => {
            set_values(&b.meta, out);
            out.extend(b.container.iter().map(|(_, v)| v.clone()));
            if let Some(p) = &b.primitive {
                resource_values(&CibResource::Primitive(p.clone()), out);
            }
        }
    }
}

/// Every attribute value of a configuration, and every rule value.
fn cib_values(config: &CibConfig) -> (Vec<String>, Vec<String>) {
    let mut values = Vec::new();
    set_values(&Some(config.properties.clone()), &mut values);
    for node in &config.nodes {
        set_values(&node.attributes, &mut values);
        set_values(&node.utilization, &mut values);
    }
    for resource in &config.resources {
        resource_values(resource, &mut values);
    }
    set_values(&config.rsc_defaults, &mut values);
    set_values(&config.op_defaults, &mut values);
    for resource in &config.resources {
        if let hacc::cib::CibResource::Primitive(p) = resource {
            values.extend(p.description.clone());
        }
    }
    for p in config.acls.roles.iter().flat_map(|r| &r.permissions) {
        values.extend(p.xpath.iter().chain(&p.description).cloned());
    }
    let mut rule_values = Vec::new();
    for constraint in &config.constraints {
        if let hacc::cib::CibConstraint::Location(l) = constraint
            && let CibLocationTarget::Rules(rules) = &l.target
        {
            for e in rules.iter().flat_map(|r| &r.expressions) {
                rule_values.extend(e.value.clone());
            }
        }
    }
    (values, rule_values)
}

/// Checks the spec with `literal` in `slot`; when it passes, renders it, records every way the
/// files fall short in `problems`, and returns its cib.xml.
fn carried(slot: Place, label: &str, literal: &str, problems: &mut Vec<String>) -> Option<String> {
    let source = hostile::spec(slot, literal);
    let outcome = check_source(&source);
    assert_short(&outcome, &format!("{slot:?} / {label}"));
    let checked = outcome.checked?;
    let cluster = checked.cluster();
    let artifacts = match hacc::render::build(&checked) {
        Ok(artifacts) => artifacts,
        Err(e) => {
            problems.push(format!("{slot:?} / {label}: build refused: {e}"));
            return None;
        }
    };
    let duplicates = duplicate_ids(cluster);
    if !duplicates.is_empty() {
        problems.push(format!("{slot:?} / {label}: ids {duplicates:?}"));
    }
    let (values, rule_values) = cib_values(&hacc::cib::build(cluster));
    for v in values.iter().filter(|v| value_problem(v).is_some()) {
        problems.push(format!("{slot:?} / {label}: crmsh cannot load {v:?}"));
    }
    for v in rule_values
        .iter()
        .filter(|v| rule_value_problem(v).is_some())
    {
        problems.push(format!(
            "{slot:?} / {label}: crmsh cannot load rule value {v:?}"
        ));
    }
    artifacts
        .into_iter()
        .find(|a| a.path == "cib.xml")
        .map(|a| a.contents)
}

/// Runs crm_verify on each distinct CIB (on a few threads: each run mostly waits), and
/// returns what it refused, by label. Fencing is off in every spec here, so crm_verify must
/// find nothing at all: it exits 78 for warnings too.
fn crm_verify_refusals(cibs: Vec<(String, String)>) -> Vec<String> {
    if !common::have_tool("crm_verify") {
        return Vec::new();
    }
    let mut seen = std::collections::HashSet::new();
    let distinct: Vec<(String, String)> = cibs
        .into_iter()
        .filter(|(_, xml)| seen.insert(xml.clone()))
        .collect();
    eprintln!("crm_verify on {} distinct CIBs", distinct.len());
    let dir = tempfile::tempdir().unwrap();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let refusals = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some((label, xml)) = distinct.get(i) else {
                        break;
                    };
                    let path = dir.path().join(format!("{i}.xml"));
                    std::fs::write(&path, xml).unwrap();
                    let output = std::process::Command::new("crm_verify")
                        .arg("--xml-file")
                        .arg(&path)
                        .arg("-V")
                        .output()
                        .unwrap();
                    if !output.status.success() {
                        let said = String::from_utf8_lossy(&output.stderr);
                        let said: Vec<_> = said.lines().filter(|l| !l.is_empty()).collect();
                        refusals
                            .lock()
                            .unwrap()
                            .push(format!("{label}: crm_verify: {}", said.join(" | ")));
                    }
                }
            });
        }
    });
    let mut refusals = refusals.into_inner().unwrap();
    refusals.sort();
    refusals
}

#[test]
fn cib_fields_are_rejected_or_carried() {
    let mut problems = Vec::new();
    let mut cibs = Vec::new();
    for slot in CIB {
        for (label, value) in values() {
            if let Some(xml) = carried(*slot, &label, &kdl_string(&value), &mut problems) {
                cibs.push((format!("{slot:?} / {label}"), xml));
            }
        }
    }
    // Some values pass in every slot (`plain` at least), so the checks above ran.
    assert!(
        cibs.len() >= CIB.len(),
        "only {} specs were accepted",
        cibs.len()
    );
    problems.extend(crm_verify_refusals(cibs));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Clone options, and what a clone's meta block sets differently from a primitive's.
const CLONE_META: &[&str] = &[
    "clone-max",
    "clone-min",
    "clone-node-max",
    "globally-unique",
    "interleave",
    "master-max",
    "master-node-max",
    "notify",
    "ordered",
    "promotable",
    "promoted-max",
    "promoted-node-max",
    "target-role",
];

/// Every place a typed Pacemaker attribute is set in, with the kind hacc checks it against.
fn typed_slots() -> Vec<(Place, Kind)> {
    let mut slots = Vec::new();
    for (name, kind) in RESOURCE_META {
        slots.push((Place::Meta(name), *kind));
        slots.push((Place::RscDefault(name), *kind));
        if CLONE_META.contains(name) {
            slots.push((Place::CloneMeta(name), *kind));
        }
    }
    for (name, kind) in OP_OPTIONS {
        slots.push((Place::OpDefault(name), *kind));
        if ["timeout", "role", "on-fail"].contains(name) {
            slots.push((Place::MonitorOption(name), *kind));
        }
    }
    for (name, kind) in cluster_options::OPTIONS {
        slots.push((Place::Property(name), *kind));
    }
    let operations = [
        "monitor",
        "start",
        "stop",
        "promote",
        "demote",
        "notify",
        "reload",
        "reload-agent",
        "migrate_to",
        "migrate_from",
        "meta-data",
        "validate-all",
    ];
    for op in operations {
        slots.push((Place::OpInterval(op), Kind::Time));
    }
    slots
}

/// Values of each kind that Pacemaker takes, as KDL literals.
fn examples(kind: Kind) -> Vec<String> {
    let literals: &[&str] = match kind {
        Kind::Boolean => &["#true", "#false", "\"yes\""],
        Kind::Time => &["\"10s\"", "\"PT1M\"", "30", "\"0\""],
        Kind::Integer => &["0", "7", "-1"],
        Kind::Score => &["10", "\"INFINITY\"", "\"-INFINITY\"", "\"+INFINITY\""],
        Kind::Count => &["0", "1"],
        Kind::Threshold => &["3", "\"INFINITY\""],
        Kind::Port => &["3121"],
        Kind::GuestName => &["\"guest1\"", "\"18guest\""],
        Kind::Percentage => &["\"80%\""],
        Kind::Text => &["\"x\""],
        Kind::Select(values) => return values.iter().map(|v| kdl_string(v)).collect(),
        Kind::ReadOnly => &[],
    };
    literals.iter().map(|l| l.to_string()).collect()
}

/// Values of the wrong kind somewhere, or right only in some places, as KDL literals.
const TYPED_LITERALS: &[&str] = &[
    "#true",
    "#false",
    "#null",
    "#nan",
    "#inf",
    "#-inf",
    "1.5",
    "-0.0",
    "0",
    "1",
    "-1",
    "70000",
    "99999999999999999999",
    "\"\"",
    "\"abc\"",
    "\"Bogus\"",
    "\"yes\"",
    "\"stopped\"",
    "\"INFINITY\"",
    "\"+INFINITY\"",
    "\"-INFINITY\"",
    "\"inf\"",
    "\"10s\"",
    "\"10 s\"",
    "\"-10s\"",
    "\"1.5s\"",
    "\"PT1M\"",
    "\"80%\"",
    "\"0x10\"",
];

/// Whatever `hacc check` accepts for a typed attribute builds a CIB crm_verify accepts, and
/// for each attribute some value Pacemaker documents is accepted.
#[test]
fn typed_attributes_pass_check_only_as_crm_verify_takes_them() {
    let mut problems = Vec::new();
    let mut cibs = Vec::new();
    let hostile: Vec<(String, String)> = values()
        .into_iter()
        .map(|(label, value)| (label, kdl_string(&value)))
        .collect();
    for (slot, kind) in typed_slots() {
        let mut documented_accepted = false;
        let literals = examples(kind)
            .into_iter()
            .map(|l| (true, l.clone(), l))
            .chain(
                TYPED_LITERALS
                    .iter()
                    .map(|l| (false, l.to_string(), l.to_string())),
            )
            .chain(
                hostile
                    .iter()
                    .map(|(label, l)| (false, label.clone(), l.clone())),
            );
        for (documented, label, literal) in literals {
            if let Some(xml) = carried(slot, &label, &literal, &mut problems) {
                documented_accepted |= documented;
                cibs.push((format!("{slot:?} = {label}"), xml));
            }
        }
        if !documented_accepted && kind != Kind::ReadOnly {
            problems.push(format!("{slot:?}: no value of {kind:?} passes check"));
        }
    }
    problems.extend(crm_verify_refusals(cibs));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
