//! Every typed attribute with a value Pacemaker does not take: the code, and the span on the
//! value as written.

use crate::pipeline::check_source;
use crate::validate::tests::source_of;

/// Three nodes and fencing off: what a body needs to pass but for its own problem.
const FENCING_OFF: &str = r#"node "n1" address="10.0.0.11"
node "n2" address="10.0.0.12"
node "n3" address="10.0.0.13"
property "stonith-enabled" #false { unsafe-acknowledged "test"; }
primitive "p" agent="ocf:pacemaker:Dummy""#;

/// Three nodes, fencing on and a fencing device.
const FENCING_ON: &str = r#"node "n1" address="10.0.0.11"
node "n2" address="10.0.0.12"
node "n3" address="10.0.0.13"
primitive "fence" agent="stonith:fence_xvm"
primitive "p" agent="ocf:pacemaker:Dummy""#;

/// (base, a line with `{v}` for the value, the value as written, the code it gets).
#[rustfmt::skip]
const BAD: &[(&str, &str, &str, &str)] = &[
    // Resource meta attributes.
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta target-role={v}; }", "\"Bogus\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta target-role={v}; }", "\"begun\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta target-role={v}; }", "\"Promoted\"", "E0413"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta is-managed={v}; }", "\"abc\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta is-managed={v}; }", "#nan", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta is-managed={v}; }", "1.5", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta critical={v}; }", "2", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta maintenance={v}; }", "\"maybe\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta allow-migrate={v}; }", "#inf", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta allow-unhealthy-nodes={v}; }", "\"\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta priority={v}; }", "\"1.5e3\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta priority={v}; }", "#inf", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta priority={v}; }", "\"inf\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta resource-stickiness={v}; }", "#nan", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta resource-stickiness={v}; }", "\"abc\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta migration-threshold={v}; }", "-1", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta migration-threshold={v}; }", "\"-INFINITY\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta failure-timeout={v}; }", "\"soon\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta failure-timeout={v}; }", "1.5", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta multiple-active={v}; }", "\"stop-start\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta requires={v}; }", "\"always\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta requires={v}; }", "\"fencing\"", "E0414"),
    (FENCING_ON, "primitive \"q\" agent=\"stonith:fence_xvm\" { meta requires={v}; }", "\"unfencing\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta remote-port={v}; }", "0", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta remote-port={v}; }", "70000", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta remote-connect-timeout={v}; }", "\"later\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta container-attribute-target={v}; }", "\"guest\"", "E0414"),
    (FENCING_OFF, "group \"g\" \"p\" { meta priority={v}; }", "\"high\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta remote-node={v}; }", "\"guest 1\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta remote-node={v}; }", "\"n1\"", "E0414"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta remote-node={v}; }", "\"p\"", "E0414"),
    // Clone options in a clone's `meta` block.
    (FENCING_OFF, "clone \"c\" of=\"p\" clone-node-max={v}", "2", "E0414"),
    (FENCING_OFF, "rsc-defaults clone-node-max={v}\nclone \"c\" of=\"p\"", "3", "E0414"),
    (FENCING_OFF, "clone \"c\" of=\"p\" { meta notify={v}; }", "\"x\"", "E0414"),
    (FENCING_OFF, "clone \"c\" of=\"p\" { meta interleave={v}; }", "1.5", "E0414"),
    (FENCING_OFF, "clone \"c\" of=\"p\" { meta globally-unique={v}; }", "#nan", "E0414"),
    (FENCING_OFF, "clone \"c\" of=\"p\" { meta promoted-max={v}; }", "-1", "E0414"),
    (FENCING_OFF, "clone \"c\" of=\"p\" { meta clone-node-max={v}; }", "\"two\"", "E0414"),
    (FENCING_OFF, "clone \"c\" of=\"p\" { meta target-role={v}; }", "\"Unpromoted\"", "E0413"),
    // Resource defaults.
    (FENCING_OFF, "rsc-defaults resource-stickiness={v}", "\"abc\"", "E0414"),
    (FENCING_OFF, "rsc-defaults is-managed={v}", "1.5", "E0414"),
    (FENCING_OFF, "rsc-defaults target-role={v}", "\"Master\"", "E0413"),
    (FENCING_ON, "rsc-defaults requires={v}", "\"unfencing\"", "E0414"),
    (FENCING_OFF, "rsc-defaults requires={v}", "\"fencing\"", "E0414"),
    // Operation defaults.
    (FENCING_OFF, "op-defaults timeout={v}", "\"abc\"", "E0414"),
    (FENCING_OFF, "op-defaults timeout={v}", "#nan", "E0414"),
    (FENCING_OFF, "op-defaults interval={v}", "#inf", "E0414"),
    (FENCING_OFF, "op-defaults on-fail={v}", "\"explode\"", "E0414"),
    (FENCING_OFF, "op-defaults record-pending={v}", "\"x\"", "E0414"),
    (FENCING_OFF, "op-defaults enabled={v}", "2", "E0414"),
    (FENCING_OFF, "op-defaults role={v}", "\"Leader\"", "E0414"),
    (FENCING_OFF, "op-defaults start-delay={v}", "\"x\"", "E0414"),
    // Operations.
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { op \"start\" interval={v}; }", "\"10s\"", "E0411"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { op \"monitor\" interval=\"10s\" on-fail={v}; }", "\"demote\"", "E0411"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { op \"monitor\" interval={v}; }", "99999999999999999999", "E0109"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { op \"monitor\" interval={v}; }", "\"10 s\"", "E0109"),
    // Cluster properties.
    (FENCING_OFF, "property \"batch-limit\" {v}", "\"\"", "E0408"),
    (FENCING_OFF, "property \"remove-after-stop\" {v}", "#true", "E0408"),
    (FENCING_OFF, "property \"no-quorum-policy\" {v} { unsafe-acknowledged \"test\"; }", "\"suicide\"", "E0408"),
    (FENCING_ON, "property \"node-health-red\" {v}", "\"-inf\"", "E0408"),
];

/// Values Pacemaker takes, in the same places: no diagnostic at all.
#[rustfmt::skip]
const GOOD: &[(&str, &str)] = &[
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta target-role=\"Stopped\" is-managed=#false priority=\"INFINITY\"; }"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta migration-threshold=\"INFINITY\" failure-timeout=\"PT1M\" resource-stickiness=\"-INFINITY\"; }"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta critical=\"yes\" remote-port=3121 requires=\"quorum\" my-department=\"sales\"; }"),
    (FENCING_OFF, "clone \"c\" of=\"p\" promotable=#true { meta target-role=\"Promoted\" notify=#true; }"),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Stateful\" { meta target-role=\"Unpromoted\"; op \"monitor\" interval=\"10s\" role=\"Promoted\" on-fail=\"demote\"; op \"promote\" on-fail=\"demote\"; }\nclone \"c\" of=\"q\" promotable=#true"),
    (FENCING_ON, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta requires=\"unfencing\"; }\nrsc-defaults requires=\"fencing\""),
    (FENCING_ON, "property \"node-health-red\" \"-INFINITY\"\nproperty \"no-quorum-policy\" \"suicide\""),
    (FENCING_OFF, "primitive \"q\" agent=\"ocf:pacemaker:Dummy\" { meta remote-node=\"guest1\"; }\nclone \"c\" of=\"p\" clone-node-max=2 globally-unique=#true"),
    (FENCING_OFF, "property \"remove-after-stop\" #false\nproperty \"cluster-name\" \"\""),
    (FENCING_OFF, "op-defaults timeout=30 on-fail=\"restart\" record-pending=#true interval-origin=\"2024-01-01T00:00:00\""),
];

#[test]
fn each_bad_value_gets_its_code_on_its_span() {
    let mut problems = Vec::new();
    for (base, line, value, code) in BAD {
        let body = format!("{base}\n{}", line.replace("{v}", value));
        let source = source_of(&body);
        let diagnostics = check_source(&source).diagnostics;
        let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
        let spans: Vec<_> = errors
            .iter()
            .map(|d| {
                let at = d.span.offset();
                (d.code.id, &source[at..at + d.span.len()])
            })
            .collect();
        if spans != [(*code, *value)] {
            problems.push(format!("{line} with {value}: {spans:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn good_values_pass() {
    for (base, line) in GOOD {
        let source = source_of(&format!("{base}\n{line}"));
        let diagnostics = check_source(&source).diagnostics;
        let messages: Vec<_> = diagnostics.iter().map(|d| &d.message).collect();
        assert!(messages.is_empty(), "{line}: {messages:?}");
    }
}

#[test]
fn help_names_what_the_attribute_takes() {
    let source = source_of(&format!(
        "{FENCING_OFF}\nprimitive \"q\" agent=\"ocf:pacemaker:Dummy\" {{ meta multiple-active=\"stop-start\" is-managed=1.5 target-role=\"Bogus\"; }}"
    ));
    let diagnostics = check_source(&source).diagnostics;
    let helps: Vec<_> = diagnostics
        .iter()
        .filter_map(|d| d.help.as_deref())
        .collect();
    assert_eq!(
        helps,
        [
            "did you mean `stop_start`?",
            "`is-managed` takes #true or #false",
            "`target-role` takes one of: Stopped, Started, Unpromoted, Promoted, Slave, Master",
        ]
    );
}
