//! `hacc check` rejects every value the renderers or crmsh cannot carry: hostile values in
//! every free-text field either fail the check with a short message, or pass and then render
//! without a refusal, with every CIB value loadable by crmsh and every generated id unique.

mod common;
#[allow(dead_code)]
#[path = "render_infra/hostile.rs"]
mod hostile;

use hacc::check::{CheckOutcome, check_source};
use hacc::render::cib::crm_quote::{rule_value_problem, value_problem};
use hacc::render::cib::{AttrSet, CibConfig, CibLocationTarget, CibResource, duplicate_ids};
use hostile::{FIELDS, Outcome, kdl_string};

/// Longest message, label or help a diagnostic may have, whatever the value it quotes.
const MAX_TEXT: usize = 400;

/// Values from both renderers' hostile tests, and values near the limits `hacc check` sets.
fn values() -> Vec<(String, String)> {
    let mut values: Vec<(String, String)> = hostile::values()
        .into_iter()
        .map(|(label, value)| (label.to_string(), value))
        .collect();
    let extra = [
        ("empty", String::new()),
        ("plain", "plain".to_string()),
        ("id-like", "web-1".to_string()),
        ("dotted", "a.b_c-d".to_string()),
        ("leading digit", "1abc".to_string()),
        ("trailing dash", "abc-".to_string()),
        ("hash", "#uname".to_string()),
        ("rule keyword", "defined".to_string()),
        ("ends with backslash", "ends\\".to_string()),
        ("escaped quote", "a\\\"b".to_string()),
        ("xml", "<tag attr=\"x\"> & &amp; ]]>".to_string()),
        ("long name", "a".repeat(64)),
        ("long path", format!("{}/x", "d".repeat(300))),
        ("dot dot", "../up".to_string()),
        ("reserved", "/usr/local/sbin/hacc-entrypoint".to_string()),
        ("image", "registry.example:5000/team/base:1.0".to_string()),
        ("package pin", "curl=7.88.1-10".to_string()),
    ];
    values.extend(extra.into_iter().map(|(l, v)| (l.to_string(), v)));
    values
}

/// Every diagnostic is short enough to read, however long the value it is about.
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
    for field in FIELDS {
        for (label, value) in values() {
            match hostile::outcome(*field, &value) {
                Outcome::Refused(why) => refused.push(format!("{field:?} / {label}: {why}")),
                Outcome::Rejected(_) | Outcome::Built(_) => {}
            }
            let text = field.text(&value);
            let source = hostile::spec(*field, &text);
            assert_short(&check_source(&source, "cluster.kdl"), &format!("{field:?}"));
        }
    }
    assert!(
        refused.is_empty(),
        "checked specs the renderers refuse:\n{}",
        refused.join("\n")
    );
}

/// A place in a spec where a hostile value reaches the CIB or the crm script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    NodeAttributeName,
    NodeAttributeValue,
    NodeUtilizationValue,
    ParamValue,
    MetaName,
    MetaValue,
    UtilizationName,
    PropertyValue,
    RscDefaultsName,
    OpDefaultsValue,
    RuleAttribute,
    RuleValue,
    ResourceId,
    ConstraintId,
}

const SLOTS: &[Slot] = &[
    Slot::NodeAttributeName,
    Slot::NodeAttributeValue,
    Slot::NodeUtilizationValue,
    Slot::ParamValue,
    Slot::MetaName,
    Slot::MetaValue,
    Slot::UtilizationName,
    Slot::PropertyValue,
    Slot::RscDefaultsName,
    Slot::OpDefaultsValue,
    Slot::RuleAttribute,
    Slot::RuleValue,
    Slot::ResourceId,
    Slot::ConstraintId,
];

/// An ordinary spec with `value` in `slot`.
fn cib_spec(slot: Slot, value: &str) -> String {
    let v = kdl_string(value);
    let at = |own: Slot, default: &str| {
        if own == slot {
            v.clone()
        } else {
            kdl_string(default)
        }
    };
    let resource = at(Slot::ResourceId, "h");
    format!(
        r#"cluster "hostile" {{
    network "lab" subnet="10.30.0.0/24"
    node "n1" address="10.30.0.11" {{
        attribute {attr_name}={attr_value}
        utilization cpu={util_value}
    }}
    node "n2" address="10.30.0.12"
    node "n3" address="10.30.0.13"
    property "stonith-enabled" #false {{
        unsafe-acknowledged "offline test, nothing runs"
    }}
    property "cluster-name" {property}
    rsc-defaults {rsc_name}="x"
    op-defaults timeout={op_value}
    primitive {resource} agent="ocf:pacemaker:Dummy" {{
        params fake={param}
        meta {meta_name}={meta_value}
        utilization {util_name}=1
    }}
    location {location} {resource} {{
        rule score=10 {{
            expression {rule_attr} op="eq" value={rule_value}
        }}
    }}
}}
"#,
        attr_name = at(Slot::NodeAttributeName, "note"),
        attr_value = at(Slot::NodeAttributeValue, "x"),
        util_value = at(Slot::NodeUtilizationValue, "4"),
        property = at(Slot::PropertyValue, "lab"),
        rsc_name = at(Slot::RscDefaultsName, "description"),
        op_value = at(Slot::OpDefaultsValue, "20s"),
        param = at(Slot::ParamValue, "x"),
        meta_name = at(Slot::MetaName, "description"),
        meta_value = at(Slot::MetaValue, "x"),
        util_name = at(Slot::UtilizationName, "cpu"),
        location = at(Slot::ConstraintId, "h-rule"),
        rule_attr = at(Slot::RuleAttribute, "note"),
        rule_value = at(Slot::RuleValue, "x"),
    )
}

fn set_values(set: &Option<AttrSet>, out: &mut Vec<String>) {
    for pair in set.iter().flat_map(|s| &s.pairs) {
        out.push(pair.value.clone());
    }
}

fn resource_values(resource: &CibResource, out: &mut Vec<String>) {
    match resource {
        CibResource::Primitive(p) => {
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
    let mut rule_values = Vec::new();
    for constraint in &config.constraints {
        if let hacc::render::cib::CibConstraint::Location(l) = constraint
            && let CibLocationTarget::Rules(rules) = &l.target
        {
            for e in rules.iter().flat_map(|r| &r.expressions) {
                rule_values.extend(e.value.clone());
            }
        }
    }
    (values, rule_values)
}

#[test]
fn cib_fields_are_rejected_or_carried() {
    let mut accepted = 0;
    let mut problems = Vec::new();
    for slot in SLOTS {
        for (label, value) in values() {
            let source = cib_spec(*slot, &value);
            let outcome = check_source(&source, "hostile.kdl");
            assert_short(&outcome, &format!("{slot:?} / {label}"));
            let Some(checked) = outcome.checked else {
                continue;
            };
            accepted += 1;
            let cluster = checked.cluster();
            if let Err(e) = hacc::render::build(&checked) {
                problems.push(format!("{slot:?} / {label}: build refused: {e}"));
            }
            let duplicates = duplicate_ids(cluster);
            if !duplicates.is_empty() {
                problems.push(format!("{slot:?} / {label}: ids {duplicates:?}"));
            }
            let (values, rule_values) = cib_values(&hacc::render::cib::build(cluster));
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
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Some values pass in every slot (`plain` at least), so the checks above ran.
    assert!(
        accepted >= SLOTS.len(),
        "only {accepted} specs were accepted"
    );
}
