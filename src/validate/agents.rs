//! Agent parameters against the metadata hacc ships: required ones present, unknown ones
//! pointed out (a systemd unit takes none). A template's own parameters are checked against its
//! agent; a primitive made from it is checked with the template's parameters and its own
//! together (the required ones may come from either).

use crate::agents::{GENERIC_OCF, Metadata, Param, metadata};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Cluster, NvPair, NvSet, Primitive, Resource};
use std::collections::HashMap;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let inherited = inherited(cluster);
    for resource in &cluster.resources {
        let (primitive, given) = match resource {
            Resource::Primitive(p) => (p, Some(given(cluster, p))),
            // A template needs no parameter: the primitives made from it may give them.
            Resource::Template(t) => (t, None),
            _ => continue,
        };
        match metadata(&primitive.agent) {
            None => {}
            Some(Metadata::NoParams) => no_params(primitive, diags),
            Some(Metadata::Params(params)) => {
                declared(primitive, params, diags);
                if let Some(given) = given {
                    let from_parents = inherited
                        .get(primitive.id.value.as_str())
                        .map_or(&[][..], Vec::as_slice);
                    required(primitive, &given, from_parents, params, diags);
                }
            }
        }
    }
}

/// The parameters a primitive runs with on every node: its template's (the first template of
/// the id, as in `Cluster::resource`), then its own, in its plain set or in a further set
/// without a rule. A set under a rule may not hold, so what only it gives is still missing.
fn given<'a>(cluster: &'a Cluster, primitive: &'a Primitive) -> Vec<&'a NvPair> {
    let template = primitive
        .template
        .as_ref()
        .filter(|_| !primitive.agent_written)
        .and_then(|t| cluster.resource(&t.value));
    let mut given: Vec<&NvPair> = match template {
        Some(Resource::Template(t)) => unconditional(t).collect(),
        _ => Vec::new(),
    };
    given.extend(unconditional(primitive));
    given
}

fn unconditional(primitive: &Primitive) -> impl Iterator<Item = &NvPair> {
    let sets = primitive.param_sets.iter().filter(|s| s.rule.is_none());
    primitive.params.iter().chain(sets.flat_map(|s| &s.pairs))
}

/// The parameter names each primitive inherits from the group and clone around it:
/// Pacemaker passes a parent's instance attributes to its children (named in the help of a
/// missing required parameter).
fn inherited(cluster: &Cluster) -> HashMap<&str, Vec<&str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for resource in &cluster.resources {
        let (members, params, sets): (Vec<&str>, &[NvPair], &[NvSet]) = match resource {
            Resource::Group(g) => (
                g.members.iter().map(|m| m.value.as_str()).collect(),
                &g.params,
                &g.param_sets,
            ),
            Resource::Clone(c) => {
                let mut members = vec![c.of.value.as_str()];
                if let Some(Resource::Group(g)) = cluster.resource(&c.of.value) {
                    members.extend(g.members.iter().map(|m| m.value.as_str()));
                }
                (members, &c.params, &c.param_sets)
            }
            _ => continue,
        };
        let given: Vec<&str> = params
            .iter()
            .chain(sets.iter().flat_map(|s| &s.pairs))
            .map(|p| p.name.value.as_str())
            .collect();
        for member in members {
            out.entry(member).or_default().extend(&given);
        }
    }
    out
}

fn no_params(primitive: &Primitive, diags: &mut Diagnostics) {
    for param in &primitive.params {
        diags.push(
            Diagnostic::new(
                &diag::UNKNOWN_PARAM,
                param.name.span,
                format!(
                    "`{}` takes no parameters",
                    shown(&primitive.agent.to_string())
                ),
            )
            .label("not passed to a systemd unit")
            .help("configure the unit in its unit file or a drop-in, and remove `params`"),
        );
    }
}

fn declared(primitive: &Primitive, params: &'static [Param], diags: &mut Diagnostics) {
    let agent = &primitive.agent;
    let all = || params.iter().chain(GENERIC_OCF);
    for param in &primitive.params {
        if all().any(|p| p.name == param.name.value) {
            continue;
        }
        // Pacemaker passes any parameter to the agent, which may ignore it: a warning, so a
        // misspelling is still pointed out.
        let diagnostic = Diagnostic::new(
            &diag::UNDECLARED_PARAM,
            param.name.span,
            format!("`{agent}` has no parameter `{}`", shown(&param.name)),
        )
        .label("not in the agent's metadata: passed to it, which may ignore it")
        .suggest(&param.name, all().map(|p| p.name));
        let diagnostic = if diagnostic.help.is_some() {
            diagnostic
        } else {
            let names: Vec<_> = params.iter().map(|p| format!("`{}`", p.name)).collect();
            diagnostic.help(format!("its parameters: {}", names.join(", ")))
        };
        diags.push(diagnostic);
    }
}

fn required(
    primitive: &Primitive,
    given: &[&NvPair],
    from_parents: &[&str],
    params: &'static [Param],
    diags: &mut Diagnostics,
) {
    let agent = &primitive.agent;
    for required in params.iter().filter(|p| p.required) {
        if !given.iter().any(|p| p.name.value == required.name) {
            // Pacemaker would pass a parent's value to the agent, but crmsh refuses to load a
            // primitive without its required parameter, so cib.crm could not be applied.
            let help = if from_parents.contains(&required.name) {
                format!(
                    "the group or clone around it gives `{}`, which Pacemaker passes on, but \
                     crmsh refuses a primitive without it: move it into the primitive's `params`",
                    required.name
                )
            } else {
                format!("add `params {}=...`: {}", required.name, required.doc)
            };
            diags.push(
                Diagnostic::new(
                    &diag::MISSING_PARAM,
                    agent.span,
                    format!(
                        "`{}` needs the parameter `{}`",
                        shown(&primitive.id),
                        required.name
                    ),
                )
                .label(format!("`{agent}` requires `{}`", required.name))
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    #[test]
    fn required_and_unknown_parameters() {
        let diags = diagnostics_of(
            r##"primitive "ip" agent="ocf:heartbeat:IPaddr2" { params cidr_netmsk=24; }
               primitive "fs" agent="ocf:heartbeat:Filesystem" {
                   params device="/dev/drbd0" directory="/srv" fstype="ext4" trace_ra=1
               }
               primitive "web" agent="systemd:nginx" { params port=80; }
               primitive "db" agent="ocf:heartbeat:mysql" { params anything=1; }
               primitive "f" agent="stonith:fence_xvm" { params whatever=1; }
               primitive "per-node" agent="ocf:heartbeat:IPaddr2" {
                   params-set "on-n1" score=2 {
                       rule { expression "#uname" op="eq" value="n1"; }
                       values ip="10.0.0.9"
                   }
                   params-set "everywhere" score=1 { values ip="10.0.0.8"; }
               }
               primitive "only-n1" agent="ocf:heartbeat:IPaddr2" {
                   params-set "only-on-n1" {
                       rule { expression "#uname" op="eq" value="n1"; }
                       values ip="10.0.0.9"
                   }
               }"##,
        );
        let of = |code: &str| {
            diags
                .iter()
                .filter(|d| d.code.id == code)
                .collect::<Vec<_>>()
        };
        let missing = of("E0406");
        // `ip` is missing on `ip` and, wherever the rule does not hold, on `only-n1`; the set
        // without a rule gives it to `per-node` everywhere.
        let missing: Vec<&str> = missing.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            missing,
            [
                "`ip` needs the parameter `ip`",
                "`only-n1` needs the parameter `ip`"
            ],
            "{diags:#?}"
        );
        assert_eq!(of("E0407").len(), 1, "{diags:#?}");
        let unknown = of("W0417");
        assert_eq!(unknown.len(), 1, "{diags:#?}");
        assert_eq!(
            unknown[0].help.as_deref(),
            Some("did you mean `cidr_netmask`?")
        );
    }
}
