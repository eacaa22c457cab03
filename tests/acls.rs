//! ACLs: Pacemaker reads the built cib.xml, crmsh loads cib.crm into the same configuration
//! (twice changes nothing), the importer gives the spec back, and what Pacemaker would refuse
//! or ignore is found by `hacc check` first.

use crate::cib_tools::*;

/// Also built, verified and loaded by the tests over tests/specs/cib.
const SPEC: &str = include_str!("specs/cib/acls.kdl");

#[test]
fn acls_reach_the_cib_as_pacemaker_reads_them() {
    let (xml, crm) = built_outputs(SPEC);
    for element in [
        r#"<acl_permission id="operator-0" kind="write" xpath="//resources"/>"#,
        r#"<acl_permission id="operator-2" kind="deny" object-type="nvpair" attribute="passwd"/>"#,
        r#"<acl_permission id="operator-status" kind="read" xpath="/cib/status" description="what runs where"/>"#,
        // Derived ids count only the permissions without one of their own, as crmsh's do.
        r#"<acl_permission id="operator-3" kind="write" reference="vip-instance_attributes"/>"#,
        r#"<acl_target id="bob" name="bob.smith">"#,
        "<acl_group id=\"haclient\">\n        <role id=\"reader\"/>",
    ] {
        assert!(xml.contains(element), "{element} not in\n{xml}");
    }
    assert!(
        xml.find("</alerts>").unwrap_or(0) < xml.find("<acls>").unwrap(),
        "acls come last"
    );
    for line in [
        " read $id=operator-status description=\"what runs where\" xpath:/cib/status write ",
        " deny xpath:\"//nvpair[@name='secret key' and @value=\\\"x\\\"]\"\n",
        "\nacl_target alice operator reader\n",
        // crmsh has no syntax for an empty role or a subject's name.
        "\nxml <acl_role id=\"nobody\"/>\n",
        "\nxml <acl_target id=\"bob\" name=\"bob.smith\"><role id=\"reader\"/></acl_target>\n",
    ] {
        assert!(crm.contains(line), "{line:?} not in\n{crm}");
    }
    if let Some((_, scratch)) = assert_pacemaker_and_crmsh_agree("acls", &xml, &crm) {
        assert_second_load_changes_nothing(&scratch);
    }
}

#[test]
fn acls_import_to_the_same_spec() {
    let (xml, _) = built_outputs(SPEC);
    let spec = assert_import_fixed_point(&xml);
    for line in [
        r#"acl-role "operator" description="runs the services, may not see secrets" {"#,
        r#"    deny type="nvpair" attribute="passwd""#,
        r#"    read id="operator-status" xpath="/cib/status" description="what runs where""#,
        r#"acl-target "bob" "reader" name="bob.smith""#,
        r#"acl-role "nobody""#,
        r#"acl-group "haclient" "reader""#,
    ] {
        assert!(spec.contains(line), "{line} not in\n{spec}");
    }
    // The permission crmsh would number is written without its id.
    assert!(!spec.contains("operator-0"), "{spec}");
}

/// The errors and warnings of `hacc check` on `SPEC` with `from` replaced by `to`.
fn found(edits: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    let mut spec = SPEC.to_string();
    for (from, to) in edits {
        assert!(spec.contains(from), "no `{from}` in the spec");
        spec = spec.replace(from, to);
    }
    hacc::pipeline::check_source(&spec)
        .diagnostics
        .iter()
        .filter(|d| d.code.id != "W0304")
        .map(|d| (d.code.id, d.message.clone()))
        .collect()
}

#[test]
fn a_permission_selects_with_exactly_one_selector() {
    assert_eq!(
        found(&[
            (r#"read xpath="/cib""#, r#"read"#),
            (
                r#"read reference="vip""#,
                r#"read reference="vip" xpath="//vip""#
            ),
            (r#"deny type="nvpair" attribute"#, r#"deny attribute"#),
        ]),
        [
            (
                "E0439",
                "`read` permission of ACL role `operator` selects with `xpath=` and `reference=`"
                    .to_string()
            ),
            (
                "E0439",
                "`deny` permission of ACL role `operator` selects nothing".to_string()
            ),
            (
                "E0439",
                "`deny` permission of ACL role `operator` names an attribute without `type=`"
                    .to_string()
            ),
            (
                "E0439",
                "`read` permission of ACL role `reader` selects nothing".to_string()
            ),
        ]
    );
}

#[test]
fn roles_and_references_must_exist() {
    assert_eq!(
        found(&[
            (r#""alice" "operator" "reader""#, r#""alice" "operater""#),
            (r#"read reference="vip""#, r#"read reference="vipp""#),
        ]),
        [
            ("E0203", "unknown CIB id `vipp`".to_string()),
            ("E0203", "unknown ACL role `operater`".to_string()),
        ]
    );
}

#[test]
fn ids_are_shared_with_the_rest_of_the_cib() {
    let codes = found(&[
        (r#"acl-role "nobody""#, r#"acl-role "site""#),
        (r#"id="operator-status""#, r#"id="vip""#),
        (r#"acl-target "carol""#, r#"acl-target "alice""#),
    ]);
    let messages: Vec<&str> = codes.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "id `vip` would be defined twice in the CIB",
            "id `site` of ACL role is used twice",
            "ACL target `alice` is declared twice",
        ],
        "{codes:?}"
    );
    assert!(codes.iter().all(|(code, _)| *code == "E0201"), "{codes:?}");
}

#[test]
fn acls_without_enable_acl_are_a_warning() {
    assert_eq!(
        found(&[(r#"property "enable-acl" #true"#, "")]),
        [(
            "W0424",
            "the ACLs are not applied: `enable-acl` is not true".to_string()
        )]
    );
    assert_eq!(found(&[]), []);
}
