//! The infrastructure artifacts of `hacc build` (Dockerfile, wrappers, entrypoint, compose,
//! corosync.conf, haproxy), proven with the tools that consume them.

mod common;
#[path = "render_infra/entrypoint.rs"]
mod entrypoint;
#[path = "render_infra/hostile.rs"]
mod hostile;
#[path = "render_infra/tools.rs"]
mod tools;

use common::have_tool;
use hacc::model::Checked;
use hacc::render::{Artifact, build};
use hostile::{Field, Outcome};
use tools::Scratch;

fn artifacts(checked: &Checked) -> Vec<Artifact> {
    build(checked).unwrap_or_else(|e| panic!("build failed: {e}"))
}

fn checked_source(source: &str) -> Checked {
    let outcome = hacc::check::check_source(source, "cluster.kdl");
    outcome.checked.unwrap_or_else(|| {
        let messages: Vec<_> = outcome.diagnostics.iter().map(|d| &d.message).collect();
        panic!("spec is invalid: {messages:#?}\n{source}")
    })
}

fn contents<'a>(artifacts: &'a [Artifact], path: &str) -> &'a str {
    &artifacts
        .iter()
        .find(|a| a.path == path)
        .unwrap_or_else(|| panic!("no `{path}` among the artifacts"))
        .contents
}

/// `address/prefix` of each of a node's addresses, for its namespace.
fn node_addresses(checked: &Checked, node: &hacc::model::Node) -> Vec<String> {
    let prefix = checked.cluster().network.prefix;
    node.addresses
        .iter()
        .map(|a| format!("{}/{prefix}", a.value))
        .collect()
}

#[test]
fn examples_render_the_same_bytes_twice() {
    for (name, path) in common::example_specs() {
        let checked = common::checked(&path);
        assert_eq!(
            artifacts(&checked),
            artifacts(&checked),
            "{name}: two builds differ"
        );
    }
}

#[test]
fn examples_render_every_infrastructure_file_with_its_header() {
    for (name, path) in common::example_specs() {
        let checked = common::checked(&path);
        let artifacts = artifacts(&checked);
        let mut expected = vec![
            ".dockerignore",
            "Dockerfile",
            "docker-compose.yml",
            "corosync.conf",
            "hacc-entrypoint",
        ];
        if checked.cluster().front.is_some() {
            expected.extend(["haproxy.cfg", "front/Dockerfile"]);
        }
        for path in expected {
            contents(&artifacts, path);
        }
        let header = format!("# {}\n", hacc::render::header(&checked));
        for artifact in artifacts.iter().filter(|a| !a.path.starts_with("cib.")) {
            let body = artifact
                .contents
                .strip_prefix("#!/bin/sh\n")
                .unwrap_or(&artifact.contents);
            assert!(
                body.starts_with(&header),
                "{name}/{} does not start with the header",
                artifact.path
            );
            assert!(
                !artifact.contents.contains(env!("CARGO_MANIFEST_DIR")),
                "{name}/{} holds a path of this machine",
                artifact.path
            );
            let script = artifact.contents.starts_with("#!");
            assert_eq!(artifact.mode, if script { 0o755 } else { 0o644 });
        }
    }
}

#[test]
fn corosync_accepts_the_conf_on_every_node_of_every_example() {
    if !have_tool("corosync") || !tools::have_namespaces() {
        return;
    }
    for (name, path) in common::example_specs() {
        let checked = common::checked(&path);
        let scratch = Scratch::with_artifacts(&name, &artifacts(&checked));
        for node in &checked.cluster().nodes {
            let addresses = node_addresses(&checked, node);
            let result =
                tools::corosync_check(&scratch.join("corosync.conf"), &node.name, &addresses);
            if let Err(e) = result {
                panic!("{name}: corosync -t as `{}` failed: {e}", node.name.value);
            }
        }
    }
}

#[test]
fn corosync_holds_the_spec_values_when_running() {
    if !have_tool("corosync") || !tools::have_namespaces() {
        return;
    }
    for (name, path) in common::example_specs() {
        let checked = common::checked(&path);
        let cluster = checked.cluster();
        let scratch = Scratch::with_artifacts(&name, &artifacts(&checked));
        let node = &cluster.nodes[0];
        let keys = [
            "totem.cluster_name",
            "totem.transport",
            "nodelist.node.0.name",
            "nodelist.node.0.ring0_addr",
        ];
        let values = tools::corosync_cmap(
            &scratch.join("corosync.conf"),
            &node.name,
            &node_addresses(&checked, node),
            &keys,
        )
        .unwrap_or_else(|e| panic!("{name}: corosync did not run: {e}"));
        let expected = [
            cluster.name.value.clone(),
            cluster.corosync.transport.as_str().to_string(),
            node.name.value.clone(),
            node.addresses[0].value.to_string(),
        ];
        assert_eq!(values, expected, "{name}");
    }
}

#[test]
fn compose_accepts_every_example() {
    if !have_tool("docker-compose") {
        return;
    }
    for (name, path) in common::example_specs() {
        let checked = common::checked(&path);
        let scratch = Scratch::with_artifacts(&name, &artifacts(&checked));
        if let Err(e) = tools::compose_valid(scratch.path()) {
            panic!("{name}: docker-compose config -q failed: {e}");
        }
    }
}

#[test]
fn compose_services_match_the_spec() {
    if !have_tool("docker-compose") || !tools::have_python_yaml() {
        return;
    }
    for (name, path) in common::example_specs() {
        let checked = common::checked(&path);
        let cluster = checked.cluster();
        let scratch = Scratch::with_artifacts(&name, &artifacts(&checked));
        let resolved = tools::compose_resolved(scratch.path()).unwrap();
        let services = resolved["services"].as_object().unwrap();
        let mut expected: Vec<&str> = cluster.nodes.iter().map(|n| n.name.as_str()).collect();
        expected.extend(cluster.front.iter().map(|f| f.name.as_str()));
        let mut found: Vec<&str> = services.keys().map(String::as_str).collect();
        expected.sort();
        found.sort();
        assert_eq!(found, expected, "{name}");
        for node in &cluster.nodes {
            let service = &services[node.name.as_str()];
            assert_eq!(service["hostname"], node.name.as_str());
            let network = &service["networks"][cluster.network.name.as_str()];
            assert_eq!(network["ipv4_address"], node.addresses[0].value.to_string());
            for pair in &node.env {
                let value = pair.value.replace('$', "$$");
                assert_eq!(service["environment"][pair.name.as_str()], value.as_str());
            }
            assert!(service.get("privileged").is_none(), "{name}: privileged");
            let volumes = service["volumes"].to_string();
            assert!(volumes.contains("/etc/corosync/corosync.conf"), "{name}");
        }
    }
}

#[test]
fn generated_scripts_pass_shellcheck_and_sh() {
    if !have_tool("shellcheck") {
        return;
    }
    for (name, path) in common::example_specs() {
        let checked = common::checked(&path);
        let artifacts = artifacts(&checked);
        let scratch = Scratch::with_artifacts(&name, &artifacts);
        let scripts: Vec<&Artifact> = artifacts.iter().filter(|a| a.mode == 0o755).collect();
        assert!(scripts.iter().any(|a| a.path == "hacc-entrypoint"));
        for script in scripts {
            let file = scratch.join(&script.path);
            if let Err(e) = tools::shellcheck(&file).and_then(|_| tools::sh_syntax(&file)) {
                panic!("{name}/{}: {e}", script.path);
            }
        }
    }
}

#[test]
fn haproxy_accepts_every_front() {
    if !have_tool("haproxy") {
        return;
    }
    for (name, path) in common::example_specs() {
        let checked = common::checked(&path);
        if checked.cluster().front.is_none() {
            continue;
        }
        let scratch = Scratch::with_artifacts(&name, &artifacts(&checked));
        if let Err(e) = tools::haproxy_check(&scratch.join("haproxy.cfg")) {
            panic!("{name}: haproxy -c failed: {e}");
        }
    }
}

const PLACEMENT_SPEC: &str = r#"
cluster "placement" {
    property "stonith-enabled" #false {
        unsafe-acknowledged "test lab without fencing"
    }
    node "alpha" address="10.0.0.11"
    node "beta" address="10.0.0.12"
    node "gamma" address="10.0.0.13"
    node "delta" address="10.0.0.14" standby=#true
    corosync {
        quorum auto-tie-breaker=#true
    }
    primitive "vip" agent="ocf:heartbeat:IPaddr2" {
        params ip="10.0.0.100" cidr_netmask=24
    }
    primitive "web" agent="ocf:heartbeat:anything" {
        params binfile="/usr/local/bin/web"
    }
    group "site" "vip" "web"
    location "not-on-beta" "site" node="beta" score="-INFINITY"
    location "likes-gamma" "site" node="gamma" score=100
    front "lb" address="10.0.0.10" port=8081 service="web" backend-port=8000 health="/ok"
}
"#;

#[test]
fn front_backends_are_the_nodes_that_may_run_the_service() {
    let artifacts = artifacts(&checked_source(PLACEMENT_SPEC));
    let servers: Vec<&str> = contents(&artifacts, "haproxy.cfg")
        .lines()
        .filter(|l| l.trim_start().starts_with("server "))
        .collect();
    // beta is banned from the group holding `web`, delta is in standby.
    assert_eq!(
        servers,
        [
            "    server 'alpha' '10.0.0.11:8000' check inter 1s fall 2 rise 2",
            "    server 'gamma' '10.0.0.13:8000' check inter 1s fall 2 rise 2",
        ]
    );
}

#[test]
fn address_agents_get_net_admin_and_nothing_else_does() {
    let with_vip = artifacts(&checked_source(PLACEMENT_SPEC));
    assert!(contents(&with_vip, "docker-compose.yml").contains("cap_add:\n      - \"NET_ADMIN\""));
    for (name, path) in common::example_specs() {
        let checked = common::checked(&path);
        let uses_ip_agent = checked.cluster().resources.iter().any(
            |r| matches!(r, hacc::model::Resource::Primitive(p) if p.agent.kind.starts_with("IP")),
        );
        let compose = artifacts(&checked);
        let compose = contents(&compose, "docker-compose.yml");
        assert_eq!(compose.contains("NET_ADMIN"), uses_ip_agent, "{name}");
        assert!(!compose.contains("privileged"), "{name}");
    }
}

const UDPU_SPEC: &str = r#"
cluster "legacy" {
    property "stonith-enabled" #false {
        unsafe-acknowledged "test lab without fencing"
    }
    network "lan" subnet="10.1.0.0/24"
    node "n1" address="10.1.0.11"
    node "n2" address="10.1.0.12"
    node "n3" address="10.1.0.13"
    corosync transport="udpu" {
        quorum expected-votes=3 wait-for-all=#false
        logging to-logfile=#true logfile="/var/log/corosync/corosync.log" debug=#true
    }
}
"#;

#[test]
fn udpu_has_no_crypto_and_needs_no_authkey() {
    let checked = checked_source(UDPU_SPEC);
    let artifacts = artifacts(&checked);
    let conf = contents(&artifacts, "corosync.conf");
    assert!(!conf.contains("crypto"), "{conf}");
    assert!(conf.contains("transport: udpu"));
    assert!(conf.contains("expected_votes: 3\n    wait_for_all: 0\n"));
    assert!(!contents(&artifacts, "docker-compose.yml").contains("/etc/corosync/authkey"));
    assert!(!contents(&artifacts, "hacc-entrypoint").contains("authkey"));
    if have_tool("corosync") && tools::have_namespaces() {
        let scratch = Scratch::with_artifacts("udpu", &artifacts);
        let node = &checked.cluster().nodes[1];
        tools::corosync_check(
            &scratch.join("corosync.conf"),
            &node.name,
            &node_addresses(&checked, node),
        )
        .unwrap();
    }
}

const KNET_LINKS_SPEC: &str = r#"
cluster "two-links" {
    property "stonith-enabled" #false {
        unsafe-acknowledged "test lab without fencing"
    }
    network "lan" subnet="10.2.0.0/16"
    node "n1" address="10.2.0.11" {
        link-address "10.2.1.11"
    }
    node "n2" address="10.2.0.12" {
        link-address "10.2.1.12"
    }
    node "n3" address="10.2.0.13" {
        link-address "10.2.1.13"
    }
    corosync timers="fast-failover" {
        totem window-size=50 join=60
        link 0 priority=10 ping-interval=500 ping-timeout=1000 pong-count=2
        link 1 priority=5 transport="udp"
    }
}
"#;

#[test]
fn knet_links_and_timers_reach_corosync() {
    let checked = checked_source(KNET_LINKS_SPEC);
    let artifacts = artifacts(&checked);
    let conf = contents(&artifacts, "corosync.conf");
    for line in [
        "    token: 1000\n",
        "    token_coefficient: 0\n",
        "    window_size: 50\n",
        "        linknumber: 1\n        knet_link_priority: 5\n        knet_transport: udp\n",
        "        knet_ping_interval: 500\n",
        "        ring1_addr: 10.2.1.13\n",
    ] {
        assert!(conf.contains(line), "missing {line:?} in\n{conf}");
    }
    if have_tool("corosync") && tools::have_namespaces() {
        let scratch = Scratch::with_artifacts("links", &artifacts);
        let node = &checked.cluster().nodes[2];
        let values = tools::corosync_cmap(
            &scratch.join("corosync.conf"),
            &node.name,
            &node_addresses(&checked, node),
            &[
                "totem.token",
                "totem.window_size",
                "totem.interface.1.knet_transport",
            ],
        )
        .unwrap();
        assert_eq!(values, ["1000", "50", "udp"]);
    }
}

#[test]
fn wrappers_exec_their_command_with_the_callers_arguments() {
    let spec = r#"
cluster "wrap" {
    property "stonith-enabled" #false {
        unsafe-acknowledged "test lab without fencing"
    }
    image {
        wrapper "/usr/local/bin/say" "printf" "[%s]"
    }
    node "n1" address="10.0.0.11"
}
"#;
    let artifacts = artifacts(&checked_source(spec));
    let scratch = Scratch::with_artifacts("wrap", &artifacts);
    let output = tools::run(
        std::process::Command::new("sh")
            .arg(scratch.join("files/say"))
            .args(["a b", "c"]),
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "[a b][c]");
    assert!(contents(&artifacts, "files/say").contains("\nexec 'printf' '[%s]' \"$@\"\n"));
}

/// The `install` commands of the Dockerfile, as the image build's shell reads them: the RUN
/// instruction (continuation lines joined as Docker joins them) runs under `sh` with an
/// `install` that prints its arguments. Returns (mode, source in image, destination).
fn dockerfile_installs(dockerfile: &str) -> Result<Vec<[String; 3]>, String> {
    let joined = dockerfile.replace("\\\n", "");
    let Some(run) = joined.lines().find(|l| l.starts_with("RUN install ")) else {
        return Ok(Vec::new());
    };
    let script = format!(
        "install() {{ printf '%s\\0' \"$@\"; printf '\\n'; }}\nrm() {{ :; }}\n{}",
        &run["RUN ".len()..]
    );
    let output = tools::run(std::process::Command::new("sh").args(["-c", &script]));
    let stdout = tools::succeeded(&output)?;
    stdout
        .split_terminator('\n')
        .map(|call| {
            let args: Vec<&str> = call.split_terminator('\0').collect();
            match args.as_slice() {
                ["-D", "-m", mode, source, dest] => {
                    Ok([mode.to_string(), source.to_string(), dest.to_string()])
                }
                other => Err(format!("unexpected install call {other:?}")),
            }
        })
        .collect()
}

/// Whether the renderer may refuse `value` in `field`: only where the target format cannot
/// carry it at all or the field needs a `hacc check` restriction (see the report).
fn may_refuse(field: Field, value: &str) -> bool {
    match field {
        Field::EnvValue | Field::WrapperArg | Field::CopyDest | Field::WrapperPath => {
            value.contains('\0')
        }
        Field::Health => value.chars().any(char::is_control),
        Field::CopySource | Field::SourceName => false,
        _ => true,
    }
}

/// Proves a built spec: the files `field` reaches parse with their tools and hold `text`.
fn verify(field: Field, text: &str, artifacts: &[Artifact]) -> Result<(), String> {
    let scratch = Scratch::with_artifacts("hostile", artifacts);
    let node1 = ["10.0.0.11/24".to_string()];
    match field {
        Field::EnvValue if tools::have_python_yaml() && have_tool("docker-compose") => {
            let resolved = tools::compose_resolved(scratch.path())?;
            let env = &resolved["services"]["node1"]["environment"]["APP_ID"];
            // `config` prints a compose file: each `$` of the value shows doubled.
            let expected = text.replace('$', "$$");
            (env == expected.as_str())
                .then_some(())
                .ok_or(format!("environment holds {env}"))
        }
        Field::WrapperArg => {
            let script = scratch.join("files/start");
            if have_tool("shellcheck") {
                tools::shellcheck(&script)?;
            }
            let output = tools::run(std::process::Command::new("sh").arg(&script));
            let printed = tools::succeeded(&output)?;
            (printed == text)
                .then_some(())
                .ok_or(format!("the wrapper printed {printed:?}"))
        }
        Field::CopyDest | Field::WrapperPath | Field::CopySource => {
            let installs = dockerfile_installs(contents(artifacts, "Dockerfile"))?;
            let dests: Vec<&str> = installs.iter().map(|i| i[2].as_str()).collect();
            let expected = match field {
                Field::CopyDest => [text, "/usr/local/bin/start"],
                Field::WrapperPath => ["/opt/app/app.py", text],
                _ => ["/opt/app/app.py", "/usr/local/bin/start"],
            };
            if dests != expected {
                return Err(format!("the image build installs to {dests:?}"));
            }
            let checked = common_checked_for(field, text);
            let staged = hacc::render::staged_files(&checked.cluster().image);
            let plain = |s: &str| {
                s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "./_-".contains(c))
            };
            if staged.iter().any(|s| !plain(&s.staged)) {
                return Err(format!("staged names need quoting: {staged:?}"));
            }
            if field == Field::CopySource && staged[0].source.as_deref() != Some(text) {
                return Err(format!("the copy source became {:?}", staged[0].source));
            }
            Ok(())
        }
        Field::ClusterName
        | Field::QuorumDeviceHost
        | Field::Logfile
        | Field::AutoTieBreakerNode
            if have_tool("corosync") && tools::have_namespaces() =>
        {
            let key = match field {
                Field::ClusterName => "totem.cluster_name",
                Field::QuorumDeviceHost => "quorum.device.net.host",
                Field::AutoTieBreakerNode => "quorum.auto_tie_breaker_node",
                _ => "logging.logfile",
            };
            let conf = scratch.join("corosync.conf");
            let values = tools::corosync_cmap(&conf, "node1", &node1, &[key])?;
            if values != [text] {
                return Err(format!("corosync holds {values:?}"));
            }
            if field == Field::ClusterName && have_tool("docker-compose") {
                tools::compose_valid(scratch.path())?;
            }
            Ok(())
        }
        Field::Health if have_tool("haproxy") => {
            let config = scratch.join("haproxy.cfg");
            tools::haproxy_check(&config)?;
            if !have_tool("python3") || !tools::have_namespaces() {
                return Ok(());
            }
            let line = tools::haproxy_health_request(&config, &node1[0], 5000)?;
            let expected = format!("GET {text} HTTP/1.0");
            (line == expected.as_bytes())
                .then_some(())
                .ok_or(format!("haproxy sent {:?}", String::from_utf8_lossy(&line)))
        }
        Field::FrontService if have_tool("haproxy") => {
            tools::haproxy_check(&scratch.join("haproxy.cfg"))?;
            let comment = contents(artifacts, "haproxy.cfg")
                .lines()
                .nth(1)
                .unwrap_or("");
            comment
                .starts_with("# HTTP front of ")
                .then_some(())
                .ok_or(format!("the service comment spilled: {comment:?}"))
        }
        Field::SourceName => {
            if have_tool("docker-compose") {
                tools::compose_valid(scratch.path())?;
            }
            if have_tool("corosync") && tools::have_namespaces() {
                tools::corosync_check(&scratch.join("corosync.conf"), "node1", &node1)?;
            }
            if have_tool("shellcheck") {
                tools::shellcheck(&scratch.join("hacc-entrypoint"))?;
                tools::shellcheck(&scratch.join("files/start"))?;
            }
            if have_tool("haproxy") {
                tools::haproxy_check(&scratch.join("haproxy.cfg"))?;
            }
            Ok(())
        }
        // Fields that need a restriction: when a value passes, the whole build must parse.
        _ => {
            if have_tool("docker-compose") {
                tools::compose_valid(scratch.path())?;
            }
            if have_tool("corosync") && tools::have_namespaces() {
                tools::corosync_check(&scratch.join("corosync.conf"), "node1", &node1)?;
            }
            Ok(())
        }
    }
}

fn common_checked_for(field: Field, text: &str) -> Checked {
    hacc::check::check_source(&hostile::spec(field, text), "cluster.kdl")
        .checked
        .expect("checked before")
}

/// Runs every hostile value through `field`, printing the outcome of each, and fails on the
/// first broken file or unexpected refusal.
fn hostile_field(field: Field) {
    let mut failures = Vec::new();
    for (label, value) in hostile::values() {
        let text = field.text(&value);
        let verdict = match hostile::outcome(field, &value) {
            Outcome::Rejected(why) => format!("rejected by check: {why}"),
            Outcome::Refused(why) => {
                if !may_refuse(field, &value) {
                    failures.push(format!("{label}: refused but should be written: {why}"));
                }
                format!("refused by the renderer: {why}")
            }
            Outcome::Built(artifacts) => match verify(field, &text, &artifacts) {
                Ok(()) => "written, parsed and read back literally".to_string(),
                Err(e) => {
                    failures.push(format!("{label}: {e}"));
                    format!("BROKEN: {e}")
                }
            },
        };
        eprintln!(
            "{field:?} / {label}: {}",
            verdict.lines().next().unwrap_or("")
        );
    }
    assert!(failures.is_empty(), "{field:?}:\n{}", failures.join("\n"));
}

/// The hostile tests, one per group of fields; together they cover every field.
const COMPOSE_FIELDS: &[Field] = &[
    Field::EnvValue,
    Field::EnvName,
    Field::NodeName,
    Field::NetworkName,
    Field::FrontName,
];
const IMAGE_FIELDS: &[Field] = &[
    Field::WrapperArg,
    Field::WrapperPath,
    Field::CopyDest,
    Field::CopySource,
    Field::Package,
    Field::BaseImage,
];
const COROSYNC_FIELDS: &[Field] = &[
    Field::ClusterName,
    Field::AutoTieBreakerNode,
    Field::QuorumDeviceHost,
    Field::Logfile,
];
const FRONT_FIELDS: &[Field] = &[Field::Health, Field::FrontService];
const HEADER_FIELDS: &[Field] = &[Field::SourceName];

#[test]
fn hostile_compose_values() {
    COMPOSE_FIELDS.iter().for_each(|f| hostile_field(*f));
}

#[test]
fn hostile_image_values() {
    IMAGE_FIELDS.iter().for_each(|f| hostile_field(*f));
}

#[test]
fn hostile_corosync_values() {
    COROSYNC_FIELDS.iter().for_each(|f| hostile_field(*f));
}

#[test]
fn hostile_front_values() {
    FRONT_FIELDS.iter().for_each(|f| hostile_field(*f));
}

#[test]
fn hostile_spec_file_names() {
    HEADER_FIELDS.iter().for_each(|f| hostile_field(*f));
}

/// Every free-text entry of the schema (strings, values, paths, references that are not a
/// fixed list), with the hostile field covering it, or `None` when the infrastructure
/// renderers never write it (it reaches only the CIB and crmsh script).
const SCHEMA_FREE_TEXT: &[(&str, &str, Option<Field>)] = &[
    ("cluster", "name", Some(Field::ClusterName)),
    ("cluster.network", "name", Some(Field::NetworkName)),
    ("cluster.image", "base", Some(Field::BaseImage)),
    ("cluster.image.packages", "package", Some(Field::Package)),
    ("cluster.image.copy", "source", Some(Field::CopySource)),
    ("cluster.image.copy", "to", Some(Field::CopyDest)),
    ("cluster.image.wrapper", "path", Some(Field::WrapperPath)),
    ("cluster.image.wrapper", "command", Some(Field::WrapperArg)),
    ("cluster.node", "name", Some(Field::NodeName)),
    ("cluster.node.env", "*", Some(Field::EnvValue)),
    ("cluster.node.attribute", "*", None),
    ("cluster.node.utilization", "*", None),
    (
        "cluster.corosync.quorum",
        "auto-tie-breaker-node",
        Some(Field::AutoTieBreakerNode),
    ),
    (
        "cluster.corosync.quorum.device",
        "host",
        Some(Field::QuorumDeviceHost),
    ),
    ("cluster.corosync.logging", "logfile", Some(Field::Logfile)),
    ("cluster.property", "name", None),
    ("cluster.property", "value", None),
    ("cluster.property.unsafe-acknowledged", "reason", None),
    ("cluster.rsc-defaults", "*", None),
    ("cluster.op-defaults", "*", None),
    ("cluster.primitive.params", "*", None),
    ("cluster.primitive.meta", "*", None),
    ("cluster.primitive.utilization", "*", None),
    ("cluster.primitive.op", "name", None),
    ("cluster.group", "member", None),
    ("cluster.group.meta", "*", None),
    ("cluster.clone", "of", None),
    ("cluster.clone.meta", "*", None),
    ("cluster.location", "resource", None),
    ("cluster.location", "node", None),
    ("cluster.location.rule.expression", "attribute", None),
    ("cluster.location.rule.expression", "value", None),
    ("cluster.colocation", "resource", None),
    ("cluster.colocation", "with", None),
    ("cluster.colocation.set", "resource", None),
    ("cluster.order", "first", None),
    ("cluster.order", "then", None),
    ("cluster.order.set", "resource", None),
    ("cluster.fencing-level", "target", None),
    ("cluster.fencing-level", "device", None),
    ("cluster.front", "name", Some(Field::FrontName)),
    ("cluster.front", "service", Some(Field::FrontService)),
    ("cluster.front", "health", Some(Field::Health)),
];

#[test]
fn every_free_text_field_of_the_schema_is_tested() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("schemas/spec.json")).unwrap(),
    )
    .unwrap();
    let free = |entry: &serde_json::Value| {
        ["string", "value", "path", "reference"].contains(&entry["type"].as_str().unwrap_or(""))
            && entry.get("values").is_none_or(|v| v.is_null())
    };
    let mut found = Vec::new();
    for (path, node) in schema["nodes"].as_object().unwrap() {
        let args = node["args"].as_array().into_iter().flatten();
        let variadic = node.get("variadic").filter(|v| !v.is_null());
        for entry in args.chain(variadic).filter(|e| free(e)) {
            found.push((path.clone(), entry["name"].as_str().unwrap().to_string()));
        }
        for (name, prop) in node["props"].as_object().into_iter().flatten() {
            if free(prop) {
                found.push((path.clone(), name.clone()));
            }
        }
    }
    let listed: Vec<(String, String)> = SCHEMA_FREE_TEXT
        .iter()
        .map(|(p, n, _)| (p.to_string(), n.to_string()))
        .collect();
    found.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(
        found, sorted,
        "classify each free-text schema entry in SCHEMA_FREE_TEXT"
    );
    let groups = [
        COMPOSE_FIELDS,
        IMAGE_FIELDS,
        COROSYNC_FIELDS,
        FRONT_FIELDS,
        HEADER_FIELDS,
    ]
    .concat();
    for field in hostile::FIELDS {
        let tested = groups.iter().filter(|f| *f == field).count();
        assert_eq!(tested, 1, "{field:?} is run by {tested} hostile tests");
    }
    for (_, _, field) in SCHEMA_FREE_TEXT {
        if let Some(field) = field {
            assert!(hostile::FIELDS.contains(field), "{field:?}");
        }
    }
}

#[test]
fn kdl_strings_round_trip() {
    for (label, value) in hostile::values() {
        let source = format!("node {}\n", hostile::kdl_string(&value));
        let document: kdl::KdlDocument = source.parse().unwrap_or_else(|e| panic!("{label}: {e}"));
        let entry = &document.nodes()[0].entries()[0];
        assert_eq!(entry.value().as_string(), Some(value.as_str()), "{label}");
    }
}
