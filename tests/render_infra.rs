//! The infrastructure artifacts of `hacc build` (Dockerfile, wrappers, entrypoint, compose,
//! corosync.conf, haproxy), proven with the tools that consume them.

use crate::common;
mod entrypoint;
mod front_retry;
mod hostile_tests;
mod tools;

use common::have_tool;
use hacc::model::Checked;
use hacc::render::{Artifact, build};
use tools::Scratch;

fn artifacts(checked: &Checked) -> Vec<Artifact> {
    build(checked).unwrap_or_else(|e| panic!("build failed: {e}"))
}

fn checked_source(source: &str) -> Checked {
    let outcome = hacc::pipeline::check_source(source);
    outcome.checked.unwrap_or_else(|| {
        let messages: Vec<_> = outcome.diagnostics.iter().map(|d| &d.message).collect();
        panic!("spec is invalid: {messages:#?}\n{source}")
    })
}

pub fn contents<'a>(artifacts: &'a [Artifact], path: &str) -> &'a str {
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
        let header = format!("# {}\n", hacc::render::HEADER);
        for artifact in artifacts.iter().filter(|a| !a.path.starts_with("cib")) {
            let body = artifact
                .contents
                .strip_prefix("#!/bin/sh\n")
                .or_else(|| artifact.contents.strip_prefix("#!/bin/bash\n"))
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
        expected.extend(cluster.fencing.iter().map(|_| "hacc-fence-gateway"));
        let mut found: Vec<&str> = services.keys().map(String::as_str).collect();
        expected.sort();
        found.sort();
        assert_eq!(found, expected, "{name}");
        // The gateway alone mounts the Docker socket, and every node can reach it by name.
        for (service_name, service) in services {
            let volumes = service["volumes"].as_array().cloned().unwrap_or_default();
            let socket = volumes
                .iter()
                .any(|v| v.to_string().contains("/var/run/docker.sock"));
            assert_eq!(
                socket,
                service_name == "hacc-fence-gateway",
                "{name}: {service}"
            );
        }
        if let Some(fencing) = &cluster.fencing {
            let gateway = &services["hacc-fence-gateway"];
            let network = &gateway["networks"][cluster.network.name.as_str()];
            assert_eq!(network["ipv4_address"], fencing.address.value.to_string());
            for node in &cluster.nodes {
                let hosts = services[node.name.as_str()]["extra_hosts"].to_string();
                assert!(
                    hosts.contains(&format!("hacc-fence-gateway:{}", fencing.address.value)),
                    "{name}: {hosts}"
                );
            }
        }
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
            // The output directory, where hacc-entrypoint finds corosync.conf and the key.
            let volumes = service["volumes"].to_string();
            assert!(volumes.contains(":/etc/hacc:ro"), "{name}: {volumes}");
            assert_eq!(service["tmpfs"], serde_json::json!(["/run"]), "{name}");
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
            "    server 'alpha' '10.0.0.11:8000' check inter 1s fastinter 250ms downinter 250ms fall 2 rise 2 \
             observe layer4 error-limit 1 on-error mark-down",
            "    server 'gamma' '10.0.0.13:8000' check inter 1s fastinter 250ms downinter 250ms fall 2 rise 2 \
             observe layer4 error-limit 1 on-error mark-down",
        ]
    );
}

/// The names of the front's servers for `PLACEMENT_SPEC` with `locations` added.
fn servers_with(locations: &str) -> Vec<String> {
    let spec = PLACEMENT_SPEC.replace("    front ", &format!("{locations}\n    front "));
    contents(&artifacts(&checked_source(&spec)), "haproxy.cfg")
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("server '"))
        .filter_map(|l| l.split('\'').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn a_ban_by_rsc_pattern_removes_the_backend_as_pacemaker_matches_it() {
    assert_eq!(servers_with(""), ["alpha", "gamma"]);
    // `site`, the group holding `web`, is top-level and matches.
    let ban = r#"location "no-s" rsc-pattern="^s.t" node="gamma" score="-INFINITY""#;
    assert_eq!(servers_with(ban), ["alpha"]);
    // Every top-level resource but `site` is banned from alpha.
    let others = r#"location "others" rsc-pattern="!^site$" node="alpha" score="-INFINITY""#;
    assert_eq!(servers_with(others), ["alpha", "gamma"]);
    let all = r#"location "all" rsc-pattern="!^nothing$" node="alpha" score="-INFINITY""#;
    assert_eq!(servers_with(all), ["gamma"]);
    // Pacemaker matches top-level resources only: `web` is a member of `site`.
    let member = r#"location "web-off" rsc-pattern="^web$" node="alpha" score="-INFINITY""#;
    assert_eq!(servers_with(member), ["alpha", "gamma"]);
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

#[test]
fn the_seed_cib_holds_the_cluster_options_and_pacemaker_accepts_it() {
    for (name, path) in common::example_specs() {
        let artifacts = artifacts(&common::checked(&path));
        let seed = contents(&artifacts, "cib-seed.xml");
        let properties: Vec<&str> = contents(&artifacts, "cib.xml")
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("<nvpair ") && l.contains("id=\"cib-bootstrap-options-"))
            .collect();
        assert!(!properties.is_empty(), "{name}");
        for property in properties {
            assert!(
                seed.contains(property),
                "{name}: {property} is not in\n{seed}"
            );
        }
        assert!(
            seed.contains(r#"<nvpair name="dc-deadtime" value="2s""#),
            "{name}:\n{seed}"
        );
        assert!(
            !seed.contains("<primitive"),
            "{name}: only options:\n{seed}"
        );
        if have_tool("crm_verify") {
            let scratch = Scratch::with_artifacts(&name, &artifacts);
            // With fencing on, the device comes with the first push, so the seed alone has
            // Pacemaker's "no STONITH resources" errors; any other error is a defect.
            let out = std::process::Command::new("crm_verify")
                .arg("-V")
                .arg("--xml-file")
                .arg(scratch.join("cib-seed.xml"))
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&out.stderr);
            let other: Vec<&str> = said
                .lines()
                .filter(|l| l.contains("error:"))
                .filter(|l| {
                    !(seed.contains(r#"name="stonith-enabled" value="true""#)
                        && l.contains("STONITH"))
                })
                .collect();
            assert!(
                other.is_empty(),
                "{name}: crm_verify refused cib-seed.xml:\n{said}"
            );
        }
    }
}
