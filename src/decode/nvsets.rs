//! Further attribute sets (`property-set`, `meta-set`, ...) and the rules they share with
//! location constraints.

use super::reader::NodeView;
use crate::model::{
    DATE_SPEC_FIELDS, DURATION_FIELDS, DateExpression, NvPair, NvSet, OpExpression, RscExpression,
    Rule, RuleExpression, Score,
};
use crate::spanned::Spanned;

/// Where the nodes of one kind of rule are described in the schema.
pub(super) struct RulePaths {
    pub rule: &'static str,
    pub expression: &'static str,
    pub date: &'static str,
    pub duration: &'static str,
    pub date_spec: &'static str,
    /// Location rules place a role and may take their score from a node attribute; the rules
    /// of a set do neither.
    pub location_rule: bool,
    /// `rsc-expression` and `op-expression`, where the schema has them (defaults sets).
    pub agent: Option<&'static str>,
    pub operation: Option<&'static str>,
    /// Expressions may compare with the placed resource's parameters (`value-source`).
    pub resource_values: bool,
    /// The rules inside this kind of rule, where the schema has them.
    pub nested: Option<&'static RulePaths>,
    /// Whether the rule has a score of its own (a nested rule is only a test).
    pub scored: bool,
}

/// Where the nodes of one kind of set are described in the schema.
pub(super) struct SetPaths {
    pub set: &'static str,
    /// Whether the set takes a `score` (crmsh has none for the cluster's own sets).
    pub scored: bool,
    pub values: &'static str,
    pub rule: RulePaths,
}

macro_rules! rule_paths {
    ($rule:expr, $location_rule:expr) => {
        rule_paths!($rule, $location_rule, None, None)
    };
    ($rule:expr, $location_rule:expr, $agent:expr, $operation:expr) => {
        RulePaths {
            rule: $rule,
            expression: concat!($rule, ".expression"),
            date: concat!($rule, ".date"),
            duration: concat!($rule, ".date.duration"),
            date_spec: concat!($rule, ".date-spec"),
            location_rule: $location_rule,
            agent: $agent,
            operation: $operation,
            resource_values: $location_rule,
            nested: None,
            scored: true,
        }
    };
}

macro_rules! set_paths {
    ($set:expr, $scored:expr) => {
        set_paths!($set, $scored, None, None)
    };
    ($set:expr, $scored:expr, $agent:expr, $operation:expr) => {
        SetPaths {
            set: $set,
            scored: $scored,
            values: concat!($set, ".values"),
            rule: rule_paths!(concat!($set, ".rule"), false, $agent, $operation),
        }
    };
}

pub(super) static LOCATION_RULE: RulePaths = RulePaths {
    nested: Some(&NESTED_LOCATION_RULE),
    ..rule_paths!("cluster.location.rule", true)
};
/// A rule inside a location rule (and inside that one, ...): its tests are a location
/// rule's, without a role or a score of its own.
static NESTED_LOCATION_RULE: RulePaths = RulePaths {
    nested: Some(&NESTED_LOCATION_RULE),
    resource_values: true,
    scored: false,
    ..rule_paths!("cluster.location.rule.rule", false)
};
pub(super) const PROPERTY_SET: SetPaths = set_paths!("cluster.property-set", false);
pub(super) const RSC_DEFAULTS_SET: SetPaths = set_paths!(
    "cluster.rsc-defaults-set",
    false,
    Some("cluster.rsc-defaults-set.rule.rsc-expression"),
    None
);
pub(super) const OP_DEFAULTS_SET: SetPaths = set_paths!(
    "cluster.op-defaults-set",
    false,
    Some("cluster.op-defaults-set.rule.rsc-expression"),
    Some("cluster.op-defaults-set.rule.op-expression")
);
pub(super) const NODE_ATTRIBUTE_SET: SetPaths = set_paths!("cluster.node.attribute-set", true);
pub(super) const NODE_UTILIZATION_SET: SetPaths = set_paths!("cluster.node.utilization-set", true);
pub(super) const PRIMITIVE_PARAMS_SET: SetPaths = set_paths!("cluster.primitive.params-set", true);
pub(super) const PRIMITIVE_META_SET: SetPaths = set_paths!("cluster.primitive.meta-set", true);
pub(super) const PRIMITIVE_UTILIZATION_SET: SetPaths =
    set_paths!("cluster.primitive.utilization-set", true);
pub(super) const PRIMITIVE_OP_PARAMS_SET: SetPaths =
    set_paths!("cluster.primitive.op.params-set", true);
pub(super) const TEMPLATE_OP_PARAMS_SET: SetPaths =
    set_paths!("cluster.template.op.params-set", true);
pub(super) const PRIMITIVE_OP_META_SET: SetPaths =
    set_paths!("cluster.primitive.op.meta-set", true);
pub(super) const TEMPLATE_OP_META_SET: SetPaths = set_paths!("cluster.template.op.meta-set", true);
pub(super) const GROUP_PARAMS_SET: SetPaths = set_paths!("cluster.group.params-set", true);
pub(super) const TEMPLATE_PARAMS_SET: SetPaths = set_paths!("cluster.template.params-set", true);
pub(super) const TEMPLATE_META_SET: SetPaths = set_paths!("cluster.template.meta-set", true);
pub(super) const TEMPLATE_UTILIZATION_SET: SetPaths =
    set_paths!("cluster.template.utilization-set", true);
pub(super) const GROUP_META_SET: SetPaths = set_paths!("cluster.group.meta-set", true);
pub(super) const CLONE_PARAMS_SET: SetPaths = set_paths!("cluster.clone.params-set", true);
pub(super) const CLONE_META_SET: SetPaths = set_paths!("cluster.clone.meta-set", true);
pub(super) const BUNDLE_PARAMS_SET: SetPaths = set_paths!("cluster.bundle.params-set", true);
pub(super) const BUNDLE_META_SET: SetPaths = set_paths!("cluster.bundle.meta-set", true);
pub(super) const ALERT_PARAMS_SET: SetPaths = set_paths!("cluster.alert.params-set", true);
pub(super) const ALERT_META_SET: SetPaths = set_paths!("cluster.alert.meta-set", true);
pub(super) const RECIPIENT_PARAMS_SET: SetPaths =
    set_paths!("cluster.alert.recipient.params-set", true);
pub(super) const RECIPIENT_META_SET: SetPaths =
    set_paths!("cluster.alert.recipient.meta-set", true);
pub(super) const REMOTE_NODE_ATTRIBUTE_SET: SetPaths =
    set_paths!("cluster.remote-node.attribute-set", true);
pub(super) const REMOTE_NODE_UTILIZATION_SET: SetPaths =
    set_paths!("cluster.remote-node.utilization-set", true);

/// Every `name` child of `view`, as sets.
pub(super) fn sets(
    view: &NodeView<'_>,
    name: &'static str,
    paths: &'static SetPaths,
) -> Vec<NvSet> {
    view.children(name, paths.set)
        .map(|s| {
            let mut rules = s.children("rule", paths.rule.rule);
            let rule = rules.next().map(|r| rule(&r, &paths.rule));
            NvSet {
                span: s.name_span(),
                id: s.arg_or_empty(0),
                score: paths
                    .scored
                    .then(|| s.text("score"))
                    .flatten()
                    .and_then(|text| {
                        let parsed = score(&s, Score::Value(0));
                        (parsed.span == text.span).then_some(parsed)
                    }),
                rule,
                extra_rules: rules.map(|r| r.name_span()).collect(),
                pairs: s.child_pairs("values", paths.values),
            }
        })
        .collect()
}

/// A rule: the score applies (or the set is used) where its tests hold.
pub(super) fn rule(r: &NodeView<'_>, paths: &RulePaths) -> Rule {
    Rule {
        span: r.name_span(),
        score: if paths.scored {
            score(r, Score::Infinity)
        } else {
            Spanned::new(Score::Infinity, r.name_span())
        },
        boolean: r
            .str("boolean")
            .unwrap_or_else(|| Spanned::new("and".into(), r.name_span())),
        score_attribute: paths
            .location_rule
            .then(|| r.str("score-attribute"))
            .flatten(),
        role: if paths.location_rule {
            r.str("role")
        } else {
            None
        },
        expressions: r
            .children("expression", paths.expression)
            .map(|e| RuleExpression {
                attribute: e.arg_or_empty(0),
                operation: e.str_or_empty("op"),
                value: e.text("value"),
                value_type: e.str("type"),
                value_source: paths
                    .resource_values
                    .then(|| e.str("value-source"))
                    .flatten(),
            })
            .collect(),
        dates: dates(r, paths),
        agents: paths.agent.map_or_else(Vec::new, |path| {
            r.children("rsc-expression", path)
                .map(|e| RscExpression {
                    span: e.name_span(),
                    class: e.str("class"),
                    provider: e.str("provider"),
                    kind: e.str("type"),
                })
                .collect()
        }),
        operations: paths.operation.map_or_else(Vec::new, |path| {
            r.children("op-expression", path)
                .map(|e| OpExpression {
                    span: e.name_span(),
                    name: e.arg_or_empty(0),
                    interval: e.text("interval"),
                })
                .collect()
        }),
        rules: paths.nested.map_or_else(Vec::new, |nested| {
            r.children("rule", nested.rule)
                .map(|inner| rule(&inner, nested))
                .collect()
        }),
    }
}

fn dates(r: &NodeView<'_>, paths: &RulePaths) -> Vec<DateExpression> {
    let fields = |view: &NodeView<'_>, names: &[&str]| -> Vec<NvPair> {
        names.iter().filter_map(|name| view.pair(name)).collect()
    };
    let mut out = Vec::new();
    for child in r.node.children() {
        match child.name() {
            "date" => {
                let d = r.child(child, paths.date);
                out.push(DateExpression {
                    span: d.name_span(),
                    operation: d.arg_or_empty(0),
                    start: d.text("start"),
                    end: d.text("end"),
                    duration: d
                        .children("duration", paths.duration)
                        .flat_map(|view| fields(&view, DURATION_FIELDS))
                        .collect(),
                    spec: Vec::new(),
                });
            }
            "date-spec" => {
                let d = r.child(child, paths.date_spec);
                out.push(DateExpression {
                    span: d.name_span(),
                    operation: Spanned::new("date_spec".into(), d.name_span()),
                    start: None,
                    end: None,
                    duration: Vec::new(),
                    spec: fields(&d, DATE_SPEC_FIELDS),
                });
            }
            _ => {}
        }
    }
    out
}

/// The score when `score=` is written.
pub(super) fn given_score(view: &NodeView<'_>) -> Option<Spanned<Score>> {
    view.text("score").map(|_| score(view, Score::Infinity))
}

/// A node's `score=` (an integer or an infinity), or `default` at the node's name without one.
pub(super) fn score(view: &NodeView<'_>, default: Score) -> Spanned<Score> {
    view.text("score")
        .and_then(|s| {
            let score = match s.value.parse::<i128>() {
                Ok(int) => Score::from_int(int),
                Err(_) => Score::parse(&s)?,
            };
            Some(Spanned::new(score, s.span))
        })
        .unwrap_or_else(|| Spanned::new(default, view.name_span()))
}
