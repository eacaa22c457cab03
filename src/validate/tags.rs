//! `tag`s: each names at least one resource, and only resources the spec defines. Constraints
//! may name a tag in place of a resource (the reference checks accept its id), but a
//! colocation cannot place one tag with another.

use super::index::Index;
use super::references::unknown;
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};

pub(super) fn check(index: &Index<'_>, diags: &mut Diagnostics) {
    for tag in &index.cluster.tags {
        if tag.members.is_empty() && !tag.id.is_empty() {
            diags.push(
                Diagnostic::new(
                    &diag::INVALID_TAG,
                    tag.id.span,
                    format!("tag `{}` names no resource", shown(&tag.id)),
                )
                .label("needs at least one member")
                .help("list the resources after the id: `tag \"web\" \"vip\" \"site\"`"),
            );
        }
        for member in tag.members.iter().filter(|m| !m.is_empty()) {
            if index.resource(member).is_none() {
                diags.push(unknown("resource", member, index.resource_ids()));
            }
        }
    }
    for (c, rsc, with) in index.colocations_of_two(|id| index.is_tag(id)) {
        diags.push(
            Diagnostic::new(
                &diag::INVALID_TAG,
                with.span,
                format!(
                    "colocation `{}` places tag `{}` with tag `{}`",
                    shown(&c.id),
                    shown(rsc),
                    shown(with)
                ),
            )
            .label("a tag")
            .related(rsc.span, "a tag too")
            .help("Pacemaker ignores a colocation of two tags: write it over `set` blocks, or name a resource on one side"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    const RESOURCES: &str = r#"node "n1" address="10.0.0.11"
        property "stonith-enabled" #false { unsafe-acknowledged "test"; }
        primitive "a" agent="ocf:heartbeat:Dummy"
        primitive "b" agent="ocf:heartbeat:Dummy""#;

    fn codes(body: &str) -> Vec<(&'static str, String)> {
        diagnostics_of(&format!("{RESOURCES}\n{body}"))
            .iter()
            .map(|d| (d.code.id, d.help.clone().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn constraints_may_name_a_tag() {
        let found = codes(
            r#"tag "t" "a" "b"
               location "l" "t" node="n1" score=10
               colocation "c" "t" with="a" score=10
               order "o" first="a" then="t"
               rsc-ticket "k" "t" ticket="T"
               colocation "s" score=10 { set "t" "b"; }"#,
        );
        assert_eq!(found, []);
    }

    #[test]
    fn unknown_members_empty_tags_and_clashing_ids_are_refused() {
        let found = codes(
            r#"tag "t" "a" "bb"
               tag "e"
               tag "a" "b"
               tag "u" "b"
               colocation "c" "t" with="u" score=10"#,
        );
        assert_eq!(
            found,
            [
                ("E0203", "did you mean `b`?".to_string()),
                (
                    "E0437",
                    "list the resources after the id: `tag \"web\" \"vip\" \"site\"`".into()
                ),
                (
                    "E0201",
                    "resources, constraints, tickets, tags, alerts and ACL roles and groups share one namespace of ids in the CIB; rename one".into()
                ),
                (
                    "E0437",
                    "Pacemaker ignores a colocation of two tags: write it over `set` blocks, or name a resource on one side".into()
                ),
            ]
        );
    }

    #[test]
    fn an_unknown_name_in_a_constraint_is_still_refused() {
        let found = codes(
            r#"tag "t" "a"
               location "l" "tt" node="n1" score=10"#,
        );
        assert_eq!(found, [("E0203", "did you mean `t`?".to_string())]);
    }
}
