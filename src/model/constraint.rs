//! Placement and ordering constraints.

use super::Score;
use crate::spanned::Spanned;
use miette::SourceSpan;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Constraint {
    Location(Location),
    Colocation(Colocation),
    Order(Order),
}

impl Constraint {
    pub fn id(&self) -> &Spanned<String> {
        match self {
            Constraint::Location(c) => &c.id,
            Constraint::Colocation(c) => &c.id,
            Constraint::Order(c) => &c.id,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Location {
    pub id: Spanned<String>,
    /// What is placed: one resource, the top-level resources whose id matches `pattern`, or
    /// the members of `sets` (validation asks for exactly one of the three).
    pub resource: Option<Spanned<String>>,
    /// `rsc-pattern`: a POSIX extended regular expression, inverted by a leading `!`.
    pub pattern: Option<Spanned<String>>,
    pub sets: Vec<ResourceSet>,
    pub role: Option<Spanned<String>>,
    pub resource_discovery: Option<Spanned<String>>,
    pub target: LocationTarget,
    /// `rule` blocks written beside `node=`: the CIB takes one or the other, so validation
    /// refuses them (they are not part of `target`).
    #[serde(skip)]
    pub rules_beside_node: Vec<SourceSpan>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LocationTarget {
    Node {
        node: Spanned<String>,
        score: Spanned<Score>,
    },
    Rules(Vec<Rule>),
}

/// A location rule: the score applies where the expressions hold.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    #[serde(skip)]
    pub span: SourceSpan,
    pub score: Spanned<Score>,
    /// A location rule's score read, on each node, from this node attribute (`pingd` of
    /// `ocf:pacemaker:ping`); `score` is then not given.
    pub score_attribute: Option<Spanned<String>>,
    /// `and` or `or`.
    pub boolean: Spanned<String>,
    /// The role this rule places; the location's `role` when not given.
    pub role: Option<Spanned<String>>,
    pub expressions: Vec<RuleExpression>,
    /// Date tests, written after the attribute tests.
    pub dates: Vec<DateExpression>,
    /// Resource agent tests, after the date tests: only in the rules of `rsc-defaults-set`
    /// and `op-defaults-set` (the decoder refuses them elsewhere).
    pub agents: Vec<RscExpression>,
    /// Operation tests, after the agent tests: only in the rules of `op-defaults-set`.
    pub operations: Vec<OpExpression>,
    /// Rules inside this one (location rules), each one test of it, after the others.
    pub rules: Vec<Rule>,
}

impl Location {
    /// The resources the location names: its resource, or its sets' members (none for a
    /// pattern, whose matches are Pacemaker's to find).
    pub fn members(&self) -> impl Iterator<Item = &Spanned<String>> {
        let in_sets = self.sets.iter().flat_map(|s| &s.resources);
        self.resource.iter().chain(in_sets)
    }

    /// The ids of `top_level` its `rsc-pattern` places, as Pacemaker matches them: those the
    /// expression matches somewhere in, or with a leading `!` those it does not. None without
    /// a pattern, or for one validation refuses.
    pub fn pattern_matches<'a>(&self, top_level: &[&'a str]) -> Vec<&'a str> {
        let Some(written) = &self.pattern else {
            return Vec::new();
        };
        let (inverted, expression) = match written.value.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, written.value.as_str()),
        };
        let Ok(pattern) = crate::posix_pattern::Pattern::parse(expression) else {
            return Vec::new();
        };
        top_level
            .iter()
            .copied()
            .filter(|id| pattern.is_match(id) != inverted)
            .collect()
    }
}

impl Rule {
    /// Whether `score=` was written: an absent one takes the rule's own span.
    pub fn score_given(&self) -> bool {
        self.score.span != self.span
    }

    /// This rule and every rule inside it, outermost first.
    pub fn with_nested(&self) -> Vec<&Rule> {
        let mut all = vec![self];
        let mut at = 0;
        while let Some(rule) = all.get(at) {
            all.extend(rule.rules.iter());
            at += 1;
        }
        all
    }

    /// Whether the rule tests nothing at all.
    pub fn is_empty(&self) -> bool {
        self.expressions.is_empty()
            && self.dates.is_empty()
            && self.agents.is_empty()
            && self.operations.is_empty()
            && self.rules.is_empty()
    }
}

/// `rsc-expression class=... provider=... type=...`: holds for resources whose agent has
/// every field given (Pacemaker's `rsc_expression`).
#[derive(Debug, Clone, Serialize)]
pub struct RscExpression {
    #[serde(skip)]
    pub span: SourceSpan,
    pub class: Option<Spanned<String>>,
    pub provider: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
}

/// `op-expression "monitor" interval=...`: holds for operations of that name (and interval),
/// Pacemaker's `op_expression`.
#[derive(Debug, Clone, Serialize)]
pub struct OpExpression {
    #[serde(skip)]
    pub span: SourceSpan,
    pub name: Spanned<String>,
    pub interval: Option<Spanned<String>>,
}

/// The fields of a `duration` and of a `date-spec`, as Pacemaker names them.
pub const DURATION_FIELDS: &[&str] = &[
    "years", "months", "weeks", "days", "hours", "minutes", "seconds",
];
pub const DATE_SPEC_FIELDS: &[&str] = &[
    "years",
    "months",
    "weekdays",
    "yeardays",
    "monthdays",
    "weeks",
    "weekyears",
    "hours",
    "minutes",
    "seconds",
    "moon",
];

/// `date "in_range" start=... end=...`, `date "gt" start=...`, `date "lt" end=...`, or a
/// `date-spec` (operation `date_spec`): the rule holds at those times.
#[derive(Debug, Clone, Serialize)]
pub struct DateExpression {
    #[serde(skip)]
    pub span: SourceSpan,
    /// `in_range`, `gt`, `lt` or `date_spec`.
    pub operation: Spanned<String>,
    pub start: Option<Spanned<String>>,
    pub end: Option<Spanned<String>>,
    /// `duration years=... months=...` of an `in_range` without `end`.
    pub duration: Vec<super::NvPair>,
    /// The fields of a `date-spec` (`hours="9-16" weekdays="1-5"`).
    pub spec: Vec<super::NvPair>,
}

/// `attribute op value`, e.g. `pingd lte 0` or `pingd not_defined`.
#[derive(Debug, Clone, Serialize)]
pub struct RuleExpression {
    pub attribute: Spanned<String>,
    pub operation: Spanned<String>,
    pub value: Option<Spanned<String>>,
    /// `string`, `integer`, `number` or `version`.
    pub value_type: Option<Spanned<String>>,
    /// `param` or `meta`: `value` names a parameter or meta attribute of the placed resource
    /// (location rules only); `literal` is the default.
    pub value_source: Option<Spanned<String>>,
}

/// A resource set in a colocation (members in a `role`), an order (members doing an
/// `action`) or a location (members placed in a `role`, with a `score` of their own).
#[derive(Debug, Clone, Serialize)]
pub struct ResourceSet {
    #[serde(skip)]
    pub span: SourceSpan,
    pub resources: Vec<Spanned<String>>,
    pub sequential: Option<bool>,
    pub require_all: Option<bool>,
    pub role: Option<Spanned<String>>,
    pub action: Option<Spanned<String>>,
    /// A location set's own score for the location's node.
    pub score: Option<Spanned<Score>>,
    /// A colocation set's `ordering`: `group` (each member with the one before it, the
    /// default) or `listed` (each member with every one before it).
    pub ordering: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Colocation {
    pub id: Spanned<String>,
    pub score: Spanned<Score>,
    /// Either a pair (`rsc` placed with `with_rsc`) or resource sets.
    pub rsc: Option<Spanned<String>>,
    pub with_rsc: Option<Spanned<String>>,
    pub rsc_role: Option<Spanned<String>>,
    pub with_rsc_role: Option<Spanned<String>>,
    /// `#false`: the dependent's preferences do not move the resource it is placed with.
    pub influence: Option<Spanned<bool>>,
    /// The node attribute whose equal values count as "the same place" (default `#uname`);
    /// read on a pair only.
    pub node_attribute: Option<Spanned<String>>,
    pub sets: Vec<ResourceSet>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Order {
    pub id: Spanned<String>,
    /// `Mandatory`, `Optional` or `Serialize`.
    pub kind: Spanned<String>,
    pub first: Option<Spanned<String>>,
    pub then: Option<Spanned<String>>,
    pub first_action: Option<Spanned<String>>,
    pub then_action: Option<Spanned<String>>,
    pub symmetrical: Option<Spanned<bool>>,
    /// `#false`: `then` needs only one instance of the clone `first` (Pacemaker reads it on
    /// a pair only).
    pub require_all: Option<Spanned<bool>>,
    pub sets: Vec<ResourceSet>,
}
