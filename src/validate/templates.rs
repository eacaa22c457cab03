//! Resource templates: a primitive names a template or an agent, exactly one of them, and the
//! template exists; a template stays at the top level (Pacemaker's schema has no template in a
//! group, clone or bundle). Constraints may name a template: Pacemaker applies them to every
//! primitive made from it, so the reference checks accept one like any resource, except a
//! colocation of two templates, which Pacemaker ignores with an error.

use super::index::{Index, kind, wrapped};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Primitive, Resource};

pub(super) fn check(index: &Index<'_>, diags: &mut Diagnostics) {
    let is_template = |id: &str| matches!(index.resource(id), Some(Resource::Template(_)));
    for (c, rsc, with) in index.colocations_of_two(is_template) {
        diags.push(
            Diagnostic::new(
                &diag::TEMPLATE_WRAPPED,
                with.span,
                format!(
                    "colocation `{}` places template `{}` with template `{}`",
                    shown(&c.id),
                    shown(rsc),
                    shown(with)
                ),
            )
            .label("Pacemaker ignores a colocation of two templates")
            .related(rsc.span, "a template")
            .help("name a primitive made from one of them on one side, or use a set"),
        );
    }
    for resource in &index.cluster.resources {
        if let Resource::Primitive(p) = resource {
            agent_or_template(index, p, diags);
        }
        for inner in wrapped(resource) {
            if let Some(Resource::Template(t)) = index.resource(inner) {
                diags.push(
                    Diagnostic::new(
                        &diag::TEMPLATE_WRAPPED,
                        inner.span,
                        format!(
                            "{} `{}` holds the template `{}`",
                            kind(resource),
                            shown(resource.id()),
                            shown(inner)
                        ),
                    )
                    .label("a template is not a resource that runs")
                    .related(t.id.span, "the template is defined here")
                    .help(format!(
                        "make a primitive from it (`primitive \"...\" template=\"{}\"`) and list that",
                        shown(inner)
                    )),
                );
            }
        }
    }
}

fn agent_or_template(index: &Index<'_>, p: &Primitive, diags: &mut Diagnostics) {
    let Some(template) = &p.template else {
        if !p.agent_written {
            diags.push(
                Diagnostic::new(
                    &diag::MISSING_VALUE,
                    p.id.span,
                    format!("`{}` needs `agent=` or `template=`", shown(&p.id)),
                )
                .label("no agent")
                .help("add `agent=\"class:provider:type\"`, or `template=\"...\"` to take a template's"),
            );
        }
        return;
    };
    if p.agent_written {
        diags.push(
            Diagnostic::new(
                &diag::AGENT_AND_TEMPLATE,
                template.span,
                format!("`{}` gives both `agent=` and `template=`", shown(&p.id)),
            )
            .label("a primitive from a template runs the template's agent")
            .related(p.agent.span, "agent given here")
            .help("remove one of them"),
        );
        return;
    }
    if template.is_empty() {
        return;
    }
    let templates = || {
        index.cluster.resources.iter().filter_map(|r| match r {
            Resource::Template(t) => Some(t.id.value.as_str()),
            _ => None,
        })
    };
    let diagnostic = match index.resource(template) {
        Some(Resource::Template(_)) => return,
        Some(other) => Diagnostic::new(
            &diag::UNKNOWN_TEMPLATE,
            template.span,
            format!("`{}` is a {}, not a template", shown(template), kind(other)),
        )
        .label("not a template")
        .related(other.id().span, "defined here"),
        None => Diagnostic::new(
            &diag::UNKNOWN_TEMPLATE,
            template.span,
            format!("unknown template `{}`", shown(template)),
        )
        .label("no template has this name"),
    };
    let diagnostic = diagnostic.suggest(template, templates());
    let names: Vec<String> = templates().map(|n| format!("`{}`", shown(n))).collect();
    diags.push(if diagnostic.help.is_some() {
        diagnostic
    } else if names.is_empty() {
        diagnostic.help("declare it: `template \"...\" agent=\"class:provider:type\" { ... }`")
    } else {
        diagnostic.help(format!("defined templates: {}", names.join(", ")))
    });
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    fn codes(body: &str) -> Vec<&'static str> {
        diagnostics_of(body).iter().map(|d| d.code.id).collect()
    }

    const TEMPLATE: &str = r#"template "tpl" agent="ocf:heartbeat:Dummy" {
                   params fake="x"
                   op "monitor" interval="10s"
               }"#;

    #[test]
    fn a_primitive_from_a_template_is_checked() {
        let body = format!(
            r#"node "node1" address="10.0.0.11"
               primitive "fence" agent="stonith:fence_xvm"
               {TEMPLATE}
               primitive "a" template="tpl" {{
                   params state="/run/a"
               }}
               primitive "b" template="tpl"
               group "g" "b"
               colocation "c" "a" with="tpl" score="INFINITY"
               order "o" first="tpl" then="g"
               location "l" "tpl" node="node1" score=10"#
        );
        let diags = diagnostics_of(&body);
        assert!(
            !diags.iter().any(crate::diagnostic::Diagnostic::is_error),
            "{diags:#?}"
        );
    }

    #[test]
    fn a_constraint_on_a_template_of_a_cloned_primitive_is_refused() {
        let found = codes(&format!(
            r#"node "node1" address="10.0.0.11"
               {TEMPLATE}
               primitive "a" template="tpl"
               clone "a-clone" of="a"
               location "l" "tpl" node="node1" score=10"#
        ));
        assert!(found.contains(&"E0403"), "{found:?}");
    }

    #[test]
    fn two_templates_are_not_colocated() {
        let found = codes(&format!(
            r#"{TEMPLATE}
               template "other" agent="ocf:heartbeat:Dummy"
               colocation "c" "tpl" with="other" score="INFINITY""#
        ));
        assert!(found.contains(&"E0434"), "{found:?}");
    }

    #[test]
    fn an_unknown_template_gets_a_suggestion() {
        let diags = diagnostics_of(&format!("{TEMPLATE}\nprimitive \"a\" template=\"tlp\""));
        let unknown: Vec<_> = diags.iter().filter(|d| d.code.id == "E0433").collect();
        assert_eq!(unknown.len(), 1, "{diags:#?}");
        assert_eq!(unknown[0].help.as_deref(), Some("did you mean `tpl`?"));
    }

    #[test]
    fn a_primitive_is_no_template() {
        let diags = diagnostics_of(
            r#"primitive "p" agent="ocf:heartbeat:Dummy"
               primitive "a" template="p""#,
        );
        let unknown: Vec<_> = diags.iter().filter(|d| d.code.id == "E0433").collect();
        assert_eq!(unknown.len(), 1, "{diags:#?}");
        assert!(unknown[0].message.contains("is a primitive"), "{diags:#?}");
    }

    #[test]
    fn agent_and_template_together_or_neither_are_refused() {
        assert!(
            codes(&format!(
                "{TEMPLATE}\nprimitive \"a\" template=\"tpl\" agent=\"ocf:heartbeat:Dummy\""
            ))
            .contains(&"E0435")
        );
        assert!(codes(r#"primitive "a""#).contains(&"E0103"));
    }

    #[test]
    fn a_template_is_in_no_group_or_clone() {
        let found = codes(&format!(
            "{TEMPLATE}\ngroup \"g\" \"tpl\"\nclone \"c\" of=\"tpl\""
        ));
        assert_eq!(
            found.iter().filter(|c| **c == "E0434").count(),
            2,
            "{found:?}"
        );
    }

    #[test]
    fn required_parameters_may_come_from_the_template() {
        let with = |template_params: &str, own: &str| {
            codes(&format!(
                r#"template "ip" agent="ocf:heartbeat:IPaddr2" {{
                       {template_params}
                   }}
                   primitive "vip" template="ip" {{
                       {own}
                   }}"#
            ))
        };
        assert!(!with(r#"params ip="10.0.0.50""#, "").contains(&"E0406"));
        assert!(!with("", r#"params ip="10.0.0.50""#).contains(&"E0406"));
        assert!(with("", "").contains(&"E0406"));
        assert!(with(r#"params ipp="1""#, r#"params ip="10.0.0.50""#).contains(&"W0417"));
    }
}
