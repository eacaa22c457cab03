//! Bundles and remote and guest nodes: what check refuses, the nodes constraints may name, and
//! Pacemaker's reading of the built cib.xml (crm_verify, crm_simulate) for every engine.

use crate::cib_tools::*;
use crate::common;
use hacc::diagnostic::Diagnostic;
use std::process::Command;

/// A three-node spec of `target` with fencing off around `body`.
fn spec_of(body: &str, target: &str) -> String {
    format!(
        "cluster \"b\" target=\"{target}\" {{\n{}\nnode \"n1\" address=\"10.0.0.11\"\n\
         node \"n2\" address=\"10.0.0.12\"\nnode \"n3\" address=\"10.0.0.13\"\nproperty \"stonith-enabled\" #false {{\n\
         unsafe-acknowledged \"test\"\n}}\n{body}\n}}\n",
        if target == "docker-lab" {
            "network \"net\" subnet=\"10.0.0.0/24\""
        } else {
            ""
        }
    )
}

fn diagnostics(body: &str, target: &str) -> Vec<Diagnostic> {
    hacc::pipeline::check_source(&spec_of(body, target)).diagnostics
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code.id).collect()
}

#[test]
fn check_refuses_bundles_pacemaker_refuses() {
    let cases = [
        // No container line.
        (
            r#"bundle "b" { meta target-role="Started" }"#,
            "has no container line",
        ),
        (
            r#"bundle "b" { docker image="i"; podman image="i" }"#,
            "has this line twice",
        ),
        (
            r#"bundle "b" { docker image="i"; network { port-mapping "p" port=80 range="1-2" } }"#,
            "has both a port and a range",
        ),
        (
            r#"bundle "b" { docker image="i"; network { port-mapping "p" } }"#,
            "maps no port",
        ),
        (
            r#"bundle "b" { docker image="i"; network { port-mapping "p" range="8000-8010" internal-port=80 } }"#,
            "internal port beside a range",
        ),
        (
            r#"bundle "b" { docker image="i"; network { port-mapping "p" range="80:90" } }"#,
            "is not `first-last`",
        ),
        (
            r#"bundle "b" { docker image="i"; storage-mapping "s" target-dir="/t" }"#,
            "has no source directory",
        ),
        (
            r#"bundle "b" { docker image="i"; storage-mapping "s" source-dir="/a" source-dir-root="/b" target-dir="/t" }"#,
            "both `source-dir` and `source-dir-root`",
        ),
        (
            r#"primitive "p" agent="ocf:pacemaker:Dummy"
               group "g" "p"
               bundle "b" primitive="g" { docker image="i"; network control-port=3121; }"#,
            "wraps group `g`",
        ),
        (
            r#"primitive "p" agent="ocf:pacemaker:Dummy"
               bundle "b" primitive="p" { docker image="i"; }"#,
            "has no way to reach `p` in its containers",
        ),
        (
            r#"primitive "p" agent="ocf:pacemaker:Dummy"
               bundle "b" primitive="p" { docker image="i" replicas=4 replicas-per-host=2; network control-port=3121; }"#,
            "runs 2 replicas per host behind one `control-port`",
        ),
    ];
    for (body, message) in cases {
        let diags = diagnostics(body, "hosts");
        let refused: Vec<&Diagnostic> = diags.iter().filter(|d| d.code.id == "E0430").collect();
        assert_eq!(refused.len(), 1, "{body}: {diags:#?}");
        assert!(refused[0].message.contains(message), "{body}: {diags:#?}");
    }
}

#[test]
fn a_bundles_primitive_is_placed_by_the_bundle_only() {
    let base = r#"primitive "p" agent="ocf:pacemaker:Dummy"
        bundle "b" primitive="p" { docker image="i"; network control-port=3121; }"#;
    let diags = diagnostics(
        &format!("{base}\nlocation \"l\" \"p\" node=\"n1\" score=1"),
        "hosts",
    );
    assert_eq!(codes(&diags), ["E0403"], "{diags:#?}");
    assert_eq!(diags[0].help.as_deref(), Some("aim it at `b`"));
    let diags = diagnostics(&format!("{base}\nclone \"c\" of=\"p\""), "hosts");
    assert_eq!(codes(&diags), ["E0405"], "{diags:#?}");
    let diags = diagnostics(
        &format!("{base}\nlocation \"l\" \"b\" node=\"n1\" score=1"),
        "hosts",
    );
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn a_lab_spec_with_a_bundle_is_warned() {
    let body = r#"bundle "b" { docker image="i"; }"#;
    let diags = diagnostics(body, "docker-lab");
    assert_eq!(codes(&diags), ["W0431"], "{diags:#?}");
    assert!(diagnostics(body, "hosts").is_empty());
}

#[test]
fn constraints_may_name_remote_guest_and_replica_nodes() {
    let body = r#"primitive "remote1" agent="ocf:pacemaker:remote" { params server="10.0.0.21"; }
        primitive "vm" agent="ocf:pacemaker:Dummy" { meta remote-node="guest1"; }
        primitive "app" agent="ocf:pacemaker:Dummy"
        bundle "b" primitive="app" { docker image="i" replicas=2; network control-port=3121; }
        primitive "r" agent="ocf:pacemaker:Dummy"
        remote-node "remote1" { attribute rack="a"; }
        location "l1" "r" node="remote1" score=1
        location "l2" "r" node="guest1" score=1
        location "l3" "r" node="b-1" score=1"#;
    let diags = diagnostics(body, "hosts");
    assert!(diags.is_empty(), "{diags:#?}");
    // Two replicas: `b-0` and `b-1`, no `b-2`.
    let diags = diagnostics(
        &format!("{body}\nlocation \"l4\" \"r\" node=\"b-2\" score=1"),
        "hosts",
    );
    assert_eq!(codes(&diags), ["W0423"], "{diags:#?}");
}

/// A spec with one bundle of `engine`, which runs a promotable primitive in 2 replicas.
fn engine_spec(engine: &str) -> String {
    format!(
        r#"cluster "b" target="hosts" {{
            node "n1" address="10.0.0.11"
            node "n2" address="10.0.0.12"
            node "n3" address="10.0.0.13"
            property "stonith-enabled" #false {{
                unsafe-acknowledged "test"
            }}
            primitive "db" agent="ocf:pacemaker:Stateful"
            bundle "db-bundle" primitive="db" {{
                {engine} image="registry/db:1" replicas=2 promoted-max=1
                network control-port=3121 {{
                    port-mapping "db-port" port=5432
                }}
                storage-mapping "db-data" source-dir-root="/var/lib/db" target-dir="/data" options="rw"
            }}
            primitive "client" agent="ocf:pacemaker:Dummy"
            colocation "client-with-primary" "client" with="db-bundle" with-role="Promoted" score="INFINITY"
        }}
"#
    )
}

#[test]
fn every_engine_builds_a_cib_pacemaker_runs() {
    if !common::have_tool("crm_verify") || !common::have_tool("crm_simulate") {
        return;
    }
    for engine in ["docker", "podman", "rkt"] {
        let outcome = hacc::pipeline::check_source(&engine_spec(engine));
        let checked = outcome
            .checked
            .unwrap_or_else(|| panic!("{:#?}", outcome.diagnostics));
        let (xml, _) = cib_outputs(&checked);
        assert!(
            xml.contains(&format!("<{engine} image=\"registry/db:1\"")),
            "{xml}"
        );
        let scratch = Scratch::new("bundle");
        let cib = scratch.write("cib.xml", &xml);
        let output = run(Command::new("crm_verify").arg("--xml-file").arg(&cib));
        assert!(
            output.status.success(),
            "{engine}: crm_verify: {}",
            text(&output)
        );
        let output = run(Command::new("crm_simulate")
            .arg("--xml-file")
            .arg(&cib)
            .args(["--node-up", "n1", "--node-up", "n2", "--node-up", "n3"])
            .args(["--quorum", "1", "--simulate"]));
        assert!(output.status.success(), "{engine}: {}", text(&output));
        let stdout = String::from_utf8_lossy(&output.stdout);
        let lines: Vec<String> = stdout
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        // Pacemaker starts the containers of both replicas and their connections (the guest
        // nodes `db-bundle-0` and `-1`) and the primitive inside them; the client waits for a
        // promoted instance, which the first transition has not made yet.
        let client = lines.iter().any(|l| l.starts_with("* Start client "));
        assert!(
            !client,
            "{engine}: client started beside no primary:\n{stdout}"
        );
        for action in [
            format!("db-bundle-{engine}-0"),
            format!("db-bundle-{engine}-1"),
            "db-bundle-0".to_string(),
            "db-bundle-1".to_string(),
            "db:0 ( db-bundle-0 )".to_string(),
            "db:1 ( db-bundle-1 )".to_string(),
        ] {
            let start = format!("* Start {action}");
            assert!(
                lines.iter().any(|l| l.starts_with(&start)),
                "{engine}: {action} not started:\n{stdout}"
            );
        }
    }
}

#[test]
fn a_bundle_is_promotable_by_promoted_max_or_its_promotable_meta() {
    let spec = |container: &str, meta: &str| {
        format!(
            r#"primitive "db" agent="ocf:pacemaker:Stateful"
               bundle "b" primitive="db" {{ {container}; network control-port=3121; {meta} }}
               primitive "c" agent="ocf:pacemaker:Dummy"
               colocation "c-with-primary" "c" with="b" with-role="Promoted" score="INFINITY""#
        )
    };
    for (container, meta) in [
        (r#"docker image="i" promoted-max=1"#, ""),
        (r#"docker image="i""#, r#"meta promotable="true""#),
    ] {
        let diags = diagnostics(&spec(container, meta), "hosts");
        assert!(diags.is_empty(), "{container} {meta}: {diags:#?}");
    }
    let diags = diagnostics(&spec(r#"docker image="i" promoted-max=0"#, ""), "hosts");
    assert_eq!(codes(&diags), ["E0413"], "{diags:#?}");
}

/// A CIB with one bundle whose body is `inner`.
fn bundle_cib(inner: &str) -> String {
    format!(
        r#"<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="options">
        <nvpair id="opt-stonith" name="stonith-enabled" value="false"/>
      </cluster_property_set>
    </crm_config>
    <nodes><node id="1" uname="node1"/></nodes>
    <resources>
      <bundle id="b">{inner}</bundle>
    </resources>
    <constraints/>
  </configuration>
</cib>
"#
    )
}

#[test]
fn the_importer_refuses_bundles_it_cannot_write_the_same() {
    for (inner, construct, path) in [
        (
            r#"<network control-port="3121"/>"#,
            "bundle without container",
            "/cib/configuration/resources/bundle[@id='b']",
        ),
        (
            r#"<docker image="i" replicas="03"/>"#,
            "bundle option not an integer",
            "/cib/configuration/resources/bundle[@id='b']/docker",
        ),
        (
            r#"<docker image="i"/><network add-host="yes"/>"#,
            "bundle option not a boolean",
            "/cib/configuration/resources/bundle[@id='b']/network",
        ),
        (
            r#"<docker image="i"/><primitive id="p1" class="ocf" provider="pacemaker" type="Dummy"/><primitive id="p2" class="ocf" provider="pacemaker" type="Dummy"/>"#,
            "bundle with several primitives",
            "/cib/configuration/resources/bundle[@id='b']/primitive[@id='p2']",
        ),
    ] {
        let imported = hacc::import::import(&bundle_cib(inner), None);
        assert!(imported.spec.is_none(), "{inner}");
        let found: Vec<(&str, &str)> = imported
            .findings
            .iter()
            .filter(|f| f.diagnostic.is_error())
            .map(|f| (f.construct.as_str(), f.path.as_str()))
            .collect();
        assert_eq!(found, [(construct, path)], "{inner}");
    }
    // The deprecated `masters` is read as `promoted-max`.
    let imported = hacc::import::import(&bundle_cib(r#"<docker image="i" masters="1"/>"#), None);
    let spec = imported.spec.expect("imported");
    assert!(spec.contains("docker image=\"i\" promoted-max=1"), "{spec}");
    assert_eq!(imported.normalised.len(), 1, "{:?}", imported.normalised);
}

#[test]
fn bundle_text_cib_crm_cannot_carry_is_refused() {
    for body in [
        r#"bundle "b" { docker image="i" options="--a\n--b"; }"#,
        r#"bundle "b" { docker image="i"; storage-mapping "s" source-dir="/a" target-dir="/t\n"; }"#,
    ] {
        let diags = diagnostics(body, "hosts");
        assert_eq!(codes(&diags), ["E0112"], "{body}: {diags:#?}");
    }
}

/// A bundle whose further meta set, scored above the plain one, stops it while its rule holds.
fn bundle_with_meta_set(date: &str) -> String {
    let body = format!(
        r#"primitive "db" agent="ocf:pacemaker:Dummy"
        bundle "b" primitive="db" {{
            docker image="registry/db:1" replicas=1
            network control-port=3121
            meta target-role="Started"
            meta-set "b-paused" score=5 {{
                rule {{
                    {date}
                }}
                values target-role="Stopped"
            }}
        }}"#
    );
    spec_of(&body, "hosts")
}

#[test]
fn a_bundles_further_meta_sets_are_read_by_pacemaker_and_imported_back() {
    let built = |date: &str| {
        let outcome = hacc::pipeline::check_source(&bundle_with_meta_set(date));
        let checked = outcome
            .checked
            .unwrap_or_else(|| panic!("{:#?}", outcome.diagnostics));
        cib_outputs(&checked).0
    };
    let holds = built(r#"date "gt" start="2020-01-01""#);
    let never = built(r#"date "lt" end="2020-01-01""#);
    assert!(
        holds.contains(r#"<meta_attributes id="b-paused" score="5">"#),
        "{holds}"
    );
    let imported = hacc::import::import(&holds, None);
    let spec = imported
        .spec
        .unwrap_or_else(|| panic!("{:#?}", imported.findings));
    assert!(spec.contains("meta-set \"b-paused\" score=5"), "{spec}");
    let outcome = hacc::pipeline::check_source(&spec);
    let rebuilt = cib_outputs(&outcome.checked.expect("the imported spec checks")).0;
    let again = hacc::import::import(&rebuilt, None)
        .spec
        .expect("imported again");
    assert_eq!(spec, again, "not a fixed point");

    if !common::have_tool("crm_simulate") {
        return;
    }
    let starts = |xml: &str| {
        let scratch = Scratch::new("bundle-sets");
        let cib = scratch.write("cib.xml", xml);
        let output = run(Command::new("crm_simulate")
            .arg("--xml-file")
            .arg(&cib)
            .args(["--node-up", "n1", "--node-up", "n2", "--node-up", "n3"])
            .args(["--quorum", "1", "--simulate"]));
        assert!(output.status.success(), "{}", text(&output));
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter(|l| l.trim_start().starts_with("* Start"))
            .count()
    };
    // The container, its connection and the primitive inside it.
    assert_eq!(starts(&never), 3, "{never}");
    assert_eq!(
        starts(&holds),
        0,
        "the set whose rule holds did not stop the bundle"
    );
}

#[test]
fn a_bundles_parameters_reach_every_resource_pacemaker_makes_for_it() {
    let spec = spec_of(
        r#"primitive "db" agent="ocf:pacemaker:Dummy"
        bundle "b" primitive="db" {
            docker image="registry/db:1" replicas=1
            network control-port=3121
            params level="plain" kept="yes"
            params-set "b-later" score=5 {
                rule {
                    date "gt" start="2020-01-01"
                }
                values level="ruled"
            }
        }"#,
        "hosts",
    );
    let outcome = hacc::pipeline::check_source(&spec);
    let checked = outcome
        .checked
        .unwrap_or_else(|| panic!("{:#?}", outcome.diagnostics));
    let (xml, crm) = cib_outputs(&checked);
    assert!(
        xml.contains(r#"<instance_attributes id="b-later" score="5">"#),
        "{xml}"
    );
    // crmsh 4.4 has no `params` on a bundle: cib.crm holds it as XML.
    assert!(crm.contains("xml <bundle id=\"b\">"), "{crm}");
    let imported = assert_import_fixed_point(&xml);
    assert!(
        imported.contains(r#"params level="plain" kept="yes""#),
        "{imported}"
    );
    assert!(
        imported.contains(r#"params-set "b-later" score=5"#),
        "{imported}"
    );

    if !common::have_tool("crm_simulate") {
        return;
    }
    let scratch = Scratch::new("bundle-params");
    let cib = scratch.write("cib.xml", &xml);
    let graph = scratch.join("graph.xml");
    let output = run(Command::new("crm_simulate")
        .arg("--xml-file")
        .arg(&cib)
        .args(["--node-up", "n1", "--node-up", "n2", "--node-up", "n3"])
        .args(["--quorum", "1", "--simulate", "--save-graph"])
        .arg(&graph));
    assert!(output.status.success(), "{}", text(&output));
    let graph = std::fs::read_to_string(&graph).unwrap();
    // The primitive inside, the container and the connection: each start carries the
    // bundle's parameters, the ruled set's value above the plain one.
    for key in ["db:0_start_0", "b-docker-0_start_0", "b-0_start_0"] {
        let start = graph
            .split("<rsc_op ")
            .find(|op| {
                // The action itself, with its children, not a trigger naming it.
                let head = op.lines().next().unwrap_or_default();
                head.contains(&format!(r#"operation_key="{key}""#)) && !head.ends_with("/>")
            })
            .unwrap_or_else(|| panic!("no {key} in\n{graph}"));
        assert!(
            start.contains(r#"level="ruled""#) && start.contains(r#"kept="yes""#),
            "{key} lacks the bundle's parameters: {start}"
        );
    }
}
