//! `fencing "docker-lab"`: the stonith device and property it stands for, and its misuse.
//!
//! The line expands, before every other check, into a `stonith:fence_docker` primitive and
//! `stonith-enabled=true` (unless the spec sets it), with the line's spans, so the fencing
//! lints, the id checks and the CIB see a device like any other.

use super::cluster_options::parse_bool;
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::fencing::{
    CA_CERT, CLIENT_CERT, CLIENT_KEY, DEVICE_ID, DOCKER_API_VERSION, GATEWAY_HOST, GATEWAY_PORT,
    node_path,
};
use crate::model::{
    Agent, Cluster, FENCING_KINDS, Fencing, NvPair, Op, OpExtra, Primitive, Property, Resource,
};
use crate::spanned::Spanned;

/// Adds the device and the property that `fencing` stands for.
pub(super) fn expand(cluster: &mut Cluster) {
    let Some(fencing) = cluster.fencing.clone() else {
        return;
    };
    if !FENCING_KINDS.contains(&fencing.kind.as_str()) {
        return;
    }
    let span = fencing.kind.span;
    let text = |value: &str| Spanned::new(value.to_string(), span);
    let pair = |name: &str, value: &str| NvPair {
        name: text(name),
        value: text(value),
    };
    let hosts: Vec<&str> = cluster.nodes.iter().map(|n| n.name.as_str()).collect();
    cluster.resources.push(Resource::Primitive(Primitive {
        id: text(DEVICE_ID),
        description: None,
        agent: Spanned::new(
            Agent {
                class: "stonith".into(),
                provider: None,
                kind: "fence_docker".into(),
            },
            span,
        ),
        template: None,
        agent_written: true,
        params: vec![
            pair("ipaddr", GATEWAY_HOST),
            pair("ipport", &GATEWAY_PORT.to_string()),
            pair("ssl", "1"),
            pair("tlscert", &node_path(CLIENT_CERT)),
            pair("tlskey", &node_path(CLIENT_KEY)),
            pair("tlscacert", &node_path(CA_CERT)),
            pair("api_version", DOCKER_API_VERSION),
            // The plug is the node name: the gateway maps it to the container of its own
            // project, so the CIB names no deploy directory.
            pair("pcmk_host_list", &hosts.join(" ")),
            pair("pcmk_host_check", "static-list"),
        ],
        meta: Vec::new(),
        utilization: Vec::new(),
        ops: vec![Op {
            name: text("monitor"),
            interval: text("60s"),
            timeout: Some(text("20s")),
            role: None,
            on_fail: None,
            extra: OpExtra::default(),
        }],
        param_sets: Vec::new(),
        meta_sets: Vec::new(),
        utilization_sets: Vec::new(),
    }));
    if !cluster
        .properties
        .iter()
        .any(|p| p.name.value == "stonith-enabled")
    {
        cluster.properties.push(Property {
            name: text("stonith-enabled"),
            value: text("true"),
            acknowledged: None,
            written_as: crate::model::Pacemaker3Spelling::default(),
        });
    }
}

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let Some(fencing) = &cluster.fencing else {
        return;
    };
    if !fencing.kind.is_empty() && !FENCING_KINDS.contains(&fencing.kind.as_str()) {
        diags.push(
            Diagnostic::new(
                &diag::FENCING_GATEWAY,
                fencing.kind.span,
                format!("unknown fencing kind `{}`", shown(&fencing.kind)),
            )
            .label("not a kind hacc can build")
            .help("the only kind is `docker-lab`: fence_docker through a gateway to Docker"),
        );
    }
    disabled_with_gateway(cluster, fencing, diags);
    let containers = cluster
        .nodes
        .iter()
        .map(|n| &n.name)
        .chain(cluster.front.as_ref().map(|f| &f.name));
    for name in containers.filter(|name| name.value == GATEWAY_HOST) {
        diags.push(
            Diagnostic::new(
                &diag::FENCING_GATEWAY,
                name.span,
                format!("`{GATEWAY_HOST}` is the fencing gateway's name"),
            )
            .label("taken by the gateway container")
            .related(fencing.kind.span, "fencing gateway declared here")
            .help("give this container another name"),
        );
    }
}

/// A gateway for a cluster that never fences: the spec contradicts itself.
fn disabled_with_gateway(cluster: &Cluster, fencing: &Fencing, diags: &mut Diagnostics) {
    let Some(setting) = cluster
        .properties
        .iter()
        .rfind(|p| p.name.value == "stonith-enabled")
    else {
        return;
    };
    if parse_bool(&setting.value) != Some(false) {
        return;
    }
    diags.push(
        Diagnostic::new(
            &diag::FENCING_GATEWAY,
            setting.value.span,
            "fencing is disabled but the spec sets up `fencing`",
        )
        .label("Pacemaker would never call the device")
        .related(fencing.kind.span, "fencing gateway declared here")
        .help("remove this property (fencing defaults to on), or remove the `fencing` line"),
    );
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    const NODES: &str = r#"node "n1" address="10.0.0.11"
        node "n2" address="10.0.0.12"
        node "n3" address="10.0.0.13""#;

    #[test]
    fn misuse_is_reported_where_it_is() {
        let body = format!(
            "{NODES}\nfencing \"docker-lab\" address=\"10.0.0.250\"\n\
             property \"stonith-enabled\" #false {{ unsafe-acknowledged \"x\"; }}"
        );
        let diags = diagnostics_of(&body);
        assert_eq!(diags.len(), 1, "{diags:#?}");
        let source = crate::validate::tests::source_of(&body);
        let at = source.find("#false").unwrap();
        assert_eq!(diags[0].code.id, "E0420");
        assert_eq!(diags[0].span.offset(), at);

        let body = format!("{NODES}\nfencing \"docker-labs\" address=\"10.0.0.250\"");
        let diags = diagnostics_of(&body);
        let source = crate::validate::tests::source_of(&body);
        let kind = diags.iter().find(|d| d.code.id == "E0420").unwrap();
        assert_eq!(kind.span.offset(), source.find("\"docker-labs\"").unwrap());
        // An unknown kind adds no device: fencing is then on without one.
        assert!(diags.iter().any(|d| d.code.id == "E0409"), "{diags:#?}");
    }
}
