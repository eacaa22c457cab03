//! Two configurations compared by what they mean to Pacemaker, not by how they are spelled:
//! the ids hacc generates (attribute sets, nvpairs, operations, rules, expressions, resource
//! sets, fencing levels) are ignored, and so is everything Pacemaker treats alike.

use super::options;
use crate::cib::*;
use crate::model::Score;

/// The configuration with generated ids cleared and equivalent spellings made one:
/// - attribute sets as sorted name/value pairs (names are unique in a set);
/// - scores in Pacemaker's reading (`+INFINITY`, `1000000` and `INFINITY` are one score);
/// - roles in Pacemaker 2.1's spelling (`Master` is `Promoted`);
/// - operations sorted by name and interval, fencing levels by target and index (their
///   order carries no meaning);
/// - `cluster-name` and the properties Pacemaker maintains left out: the controller sets them
///   from corosync at run time.
pub fn normalised(config: &CibConfig) -> CibConfig {
    let mut config = config.clone();
    config.properties.id.clear();
    config
        .properties
        .pairs
        .retain(|p| p.name != "cluster-name" && !options::MAINTAINED.contains(&p.name.as_str()));
    sort_pairs(&mut config.properties);
    // Pacemaker reads the remote nodes' entries by name, in any order.
    config.remote_nodes.sort_by(|a, b| a.uname.cmp(&b.uname));
    for node in config.nodes.iter_mut().chain(&mut config.remote_nodes) {
        set(&mut node.attributes);
        set(&mut node.utilization);
        ruled_sets(&mut node.attribute_sets);
        ruled_sets(&mut node.utilization_sets);
        if let Some(s) = &mut node.score {
            score(s);
        }
    }
    config.resources.iter_mut().for_each(resource);
    config.constraints.iter_mut().for_each(constraint);
    for ticket in &mut config.tickets {
        if let Some((_, rsc_role)) = &mut ticket.rsc {
            role(rsc_role);
        }
        for s in &mut ticket.sets {
            // Pacemaker reads neither option in a ticket's set.
            (s.sequential, s.require_all) = (None, true);
        }
        sets(&mut ticket.sets);
    }
    for level in &mut config.fencing_levels {
        level.id.clear();
    }
    config
        .fencing_levels
        .sort_by_key(|l| (l.target.key(), l.index));
    for alert in &mut config.alerts {
        set(&mut alert.params);
        set(&mut alert.meta);
        ruled_sets(&mut alert.param_sets);
        ruled_sets(&mut alert.meta_sets);
        let selected = alert
            .select
            .iter_mut()
            .flat_map(|s| s.attributes.iter_mut());
        for (id, _) in selected.flatten() {
            id.clear();
        }
        for recipient in &mut alert.recipients {
            recipient.id.clear();
            set(&mut recipient.params);
            set(&mut recipient.meta);
            ruled_sets(&mut recipient.param_sets);
            ruled_sets(&mut recipient.meta_sets);
        }
    }
    set(&mut config.rsc_defaults);
    set(&mut config.op_defaults);
    for sets in [
        &mut config.property_sets,
        &mut config.rsc_defaults_sets,
        &mut config.op_defaults_sets,
    ] {
        ruled_sets(sets);
    }
    config
}

/// Further sets keep their ids (the spec names them); their pairs' and rules' ids are
/// generated, and Pacemaker reads no score on the rule of a set.
fn ruled_sets(sets: &mut [RuledSet]) {
    for s in sets {
        sort_pairs(&mut s.set);
        if let Some(text) = &mut s.score {
            score(text);
        }
        if let Some(r) = &mut s.rule {
            rule(r);
            r.score.clear();
        }
    }
}

fn rule(r: &mut CibRule) {
    r.id.clear();
    score(&mut r.score);
    role(&mut r.role);
    for e in &mut r.expressions {
        e.id.clear();
    }
    for a in &mut r.agents {
        a.id.clear();
    }
    for o in &mut r.operations {
        o.id.clear();
    }
    for d in &mut r.dates {
        d.id.clear();
        for fields in [&mut d.duration, &mut d.spec].into_iter().flatten() {
            fields.id.clear();
        }
    }
    r.rules.iter_mut().for_each(rule);
}

fn sort_pairs(set: &mut AttrSet) {
    for pair in &mut set.pairs {
        pair.id.clear();
    }
    set.pairs.sort_by(|a, b| a.name.cmp(&b.name));
}

fn set(set: &mut Option<AttrSet>) {
    if let Some(s) = set {
        s.id.clear();
        sort_pairs(s);
        if s.pairs.is_empty() {
            *set = None;
        }
    }
}

fn role(role: &mut Option<String>) {
    if let Some(r) = role {
        *r = role_name(r);
    }
}

fn role_name(text: &str) -> String {
    match text {
        "Master" => "Promoted".into(),
        "Slave" => "Unpromoted".into(),
        other => other.into(),
    }
}

fn score(text: &mut String) {
    let parsed = match text.trim().parse::<i128>() {
        Ok(n) => Some(Score::from_int(n)),
        Err(_) => Score::parse(text),
    };
    if let Some(parsed) = parsed {
        *text = parsed.to_string();
    }
}

fn meta(set: &mut Option<AttrSet>) {
    self::set(set);
    for pair in set.iter_mut().flat_map(|s| &mut s.pairs) {
        if pair.name == "target-role" {
            pair.value = role_name(&pair.value);
        }
    }
}

fn primitive(p: &mut CibPrimitive) {
    set(&mut p.params);
    meta(&mut p.meta);
    ruled_sets(&mut p.param_sets);
    ruled_sets(&mut p.meta_sets);
    ruled_sets(&mut p.utilization_sets);
    set(&mut p.utilization);
    for op in &mut p.ops {
        op.id.clear();
        set(&mut op.extra.params);
        ruled_sets(&mut op.extra.param_sets);
        set(&mut op.extra.meta);
        ruled_sets(&mut op.extra.meta_sets);
        role(&mut op.role);
    }
    p.ops
        .sort_by(|a, b| (&a.name, &a.interval).cmp(&(&b.name, &b.interval)));
}

fn resource(r: &mut CibResource) {
    match r {
        CibResource::Primitive(p) | CibResource::Template(p) => primitive(p),
        CibResource::Group(g) => {
            set(&mut g.params);
            meta(&mut g.meta);
            ruled_sets(&mut g.param_sets);
            ruled_sets(&mut g.meta_sets);
            g.members.iter_mut().for_each(primitive);
        }
        CibResource::Clone(c) => {
            set(&mut c.params);
            meta(&mut c.meta);
            ruled_sets(&mut c.param_sets);
            ruled_sets(&mut c.meta_sets);
            resource(&mut c.child);
        }
        CibResource::Bundle(b) => {
            set(&mut b.params);
            meta(&mut b.meta);
            ruled_sets(&mut b.param_sets);
            ruled_sets(&mut b.meta_sets);
            b.primitive.iter_mut().for_each(primitive);
        }
    }
}

fn sets(sets: &mut [CibSet]) {
    for s in sets {
        s.id.clear();
        role(&mut s.role);
        // `group` is what Pacemaker reads without the attribute.
        if s.ordering.as_deref() == Some("group") {
            s.ordering = None;
        }
    }
}

fn constraint(c: &mut CibConstraint) {
    match c {
        CibConstraint::Location(l) => {
            role(&mut l.role);
            sets(&mut l.sets);
            l.sets
                .iter_mut()
                .filter_map(|s| s.score.as_mut())
                .for_each(score);
            match &mut l.target {
                CibLocationTarget::Node { score: s, .. } => score(s),
                CibLocationTarget::Rules(rules) => rules.iter_mut().for_each(rule),
            }
        }
        CibConstraint::Colocation(c) => {
            score(&mut c.score);
            if let Some(p) = &mut c.pair {
                role(&mut p.rsc_role);
                role(&mut p.with_rsc_role);
            }
            sets(&mut c.sets);
        }
        CibConstraint::Order(o) => sets(&mut o.sets),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_roles_and_ids_do_not_count() {
        let location = |id: &str, score: &str, role: &str| CibConfig {
            properties: AttrSet {
                id: id.into(),
                pairs: Vec::new(),
            },
            nodes: Vec::new(),
            remote_nodes: Vec::new(),
            resources: Vec::new(),
            tickets: Vec::new(),
            tags: Vec::new(),
            acls: crate::cib::CibAcls::default(),
            alerts: Vec::new(),
            constraints: vec![CibConstraint::Location(CibLocation {
                id: "l".into(),
                rsc: Some("r".into()),
                rsc_pattern: None,
                sets: Vec::new(),
                role: Some(role.into()),
                resource_discovery: None,
                target: CibLocationTarget::Rules(vec![CibRule {
                    role: None,
                    id: id.into(),
                    score: score.into(),
                    score_attribute: None,
                    or: false,
                    expressions: Vec::new(),
                    dates: Vec::new(),
                    agents: Vec::new(),
                    operations: Vec::new(),
                    rules: Vec::new(),
                }]),
            })],
            fencing_levels: Vec::new(),
            rsc_defaults: None,
            op_defaults: None,
            property_sets: Vec::new(),
            rsc_defaults_sets: Vec::new(),
            op_defaults_sets: Vec::new(),
        };
        assert_eq!(
            normalised(&location("a", "+INFINITY", "Master")),
            normalised(&location("b", "1000000", "Promoted"))
        );
        assert_ne!(
            normalised(&location("a", "100", "Master")),
            normalised(&location("a", "101", "Master"))
        );
    }
}
