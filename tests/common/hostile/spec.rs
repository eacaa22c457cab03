//! The hostile spec: one ordinary cluster with every place of `Place`, each holding a plain
//! value unless a hostile one is put there.

use super::Place;
use crate::common::kdl_string;

/// The spec with `literal` (KDL source: `"text"`, `1.5`, `#true`) in `place`.
pub fn spec(place: Place, literal: &str) -> String {
    spec_with(&[(place, literal)])
}

/// The spec with each literal in its place. Places that share a line (a typed attribute and
/// the free-text place of the same block) take the first literal given.
pub fn spec_with(filled: &[(Place, &str)]) -> String {
    let given = |place: Place| {
        filled
            .iter()
            .find(|(p, _)| *p == place)
            .map(|(_, l)| l.to_string())
    };
    let at = |place: Place, default: &str| given(place).unwrap_or_else(|| kdl_string(default));
    // The first filled place `pick` knows, as the line's (name, value).
    let line = |pick: &dyn Fn(Place, String) -> Option<(String, String)>, default: (&str, &str)| {
        filled
            .iter()
            .find_map(|(p, l)| pick(*p, l.to_string()))
            .unwrap_or_else(|| (kdl_string(default.0), kdl_string(default.1)))
    };
    let (property_name, property) = line(
        &|p, v| match p {
            Place::Property(name) => Some((kdl_string(name), v)),
            Place::PropertyValue => Some((kdl_string("cluster-name"), v)),
            _ => None,
        },
        ("cluster-name", "lab"),
    );
    let acknowledged = filled.iter().any(|(p, _)| matches!(p, Place::Property(_)));
    let fencing = if given(Place::Property("stonith-enabled")).is_some() {
        ""
    } else {
        "property \"stonith-enabled\" #false {\n        unsafe-acknowledged \"offline test, nothing runs\"\n    }"
    };
    let (rsc_name, rsc_value) = line(
        &|p, v| match p {
            Place::RscDefault(name) => Some((kdl_string(name), v)),
            Place::RscDefaultsName => Some((v, kdl_string("x"))),
            _ => None,
        },
        ("description", "x"),
    );
    let (op_name, op_value) = line(
        &|p, v| match p {
            Place::OpDefault(name) => Some((kdl_string(name), v)),
            Place::OpDefaultsValue => Some((kdl_string("note"), v)),
            _ => None,
        },
        ("timeout", "20s"),
    );
    let (meta_name, meta_value) = line(
        &|p, v| match p {
            Place::Meta(name) => Some((kdl_string(name), v)),
            Place::MetaName => Some((v, kdl_string("x"))),
            Place::MetaValue => Some((kdl_string("description"), v)),
            _ => None,
        },
        ("description", "x"),
    );
    let op = filled
        .iter()
        .find_map(|(p, v)| match p {
            Place::OpInterval(name) => Some(format!("op {} interval={v}", kdl_string(name))),
            Place::MonitorOption(name) => {
                Some(format!("op \"monitor\" interval=\"10s\" {name}={v}"))
            }
            _ => None,
        })
        .unwrap_or_default();
    let resource = at(Place::ResourceId, "h");
    let (clone, target) = filled
        .iter()
        .find_map(|(p, v)| match p {
            Place::CloneMeta(name) => Some((
                format!(
                    "clone \"h-clone\" of={resource} {{ meta {}={v}; }}",
                    kdl_string(name)
                ),
                kdl_string("h-clone"),
            )),
            _ => None,
        })
        .unwrap_or_else(|| (String::new(), resource.clone()));
    format!(
        r#"cluster {cluster} {{
    {fencing}
    property {property_name} {property}{acknowledgement}
    rsc-defaults {rsc_name}={rsc_value}
    op-defaults {op_name}={op_value}
    network {network} subnet="10.0.0.0/24"
    image base={base} {{
        packages {package}
        copy {copy_source} to={copy_dest}
        wrapper {wrapper_path} "printf" "%s" {wrapper_arg}
    }}
    node {node} address="10.0.0.11" {{
        publish 5001 to=5000
        env {env_name}={env_value}
        attribute {attr_name}={attr_value}
        utilization cpu={util_value}
    }}
    node "node2" address="10.0.0.12"
    node "node3" address="10.0.0.13"
    corosync {{
        quorum{atb_node} {{
            device host={device_host}
        }}
        logging logfile={logfile}
    }}
    primitive "web" agent="ocf:heartbeat:anything" {{
        params binfile="/usr/local/bin/start"
    }}
    primitive {resource} agent="ocf:pacemaker:Dummy"{description} {{
        params fake={param}
        meta {meta_name}={meta_value}
        utilization {util_name}=1
        {op}
    }}
    {clone}
    location {location} {target} {{
        rule score=10 {{
            expression {rule_attr} op="eq" value={rule_value}
        }}{score_rule}
    }}
    colocation "h-colocation" {target} with="web" node-attribute={colocation_attr}{pattern}
    acl-role "auditor" {{
        read xpath={acl_xpath} description={acl_description}
    }}
    front {front} address="10.0.0.10" port=8080 service={service} backend-port=5000 health={health}
}}
"#,
        acknowledgement = if acknowledged {
            " { unsafe-acknowledged \"offline test, nothing runs\"; }"
        } else {
            ""
        },
        cluster = at(Place::ClusterName, "web"),
        network = at(Place::NetworkName, "ha_net"),
        base = at(Place::BaseImage, "debian:bookworm"),
        package = at(Place::Package, "curl"),
        copy_source = at(Place::CopySource, "app.py"),
        copy_dest = at(Place::CopyDest, "/opt/app/app.py"),
        wrapper_path = at(Place::WrapperPath, "/usr/local/bin/start"),
        wrapper_arg = at(Place::WrapperArg, "hello"),
        node = at(Place::NodeName, "node1"),
        env_name = at(Place::EnvName, "APP_ID"),
        env_value = at(Place::EnvValue, "one"),
        attr_name = at(Place::NodeAttributeName, "note"),
        attr_value = at(Place::NodeAttributeValue, "x"),
        util_value = at(Place::NodeUtilizationValue, "4"),
        atb_node = given(Place::AutoTieBreakerNode)
            .map(|l| format!(" auto-tie-breaker-node={l}"))
            .unwrap_or_default(),
        device_host = at(Place::QuorumDeviceHost, "qnetd"),
        logfile = at(Place::Logfile, "/var/log/corosync/corosync.log"),
        param = at(Place::ParamValue, "x"),
        util_name = at(Place::UtilizationName, "cpu"),
        location = at(Place::ConstraintId, "h-rule"),
        rule_attr = at(Place::RuleAttribute, "note"),
        rule_value = at(Place::RuleValue, "x"),
        acl_xpath = at(Place::AclXpath, "/cib"),
        acl_description = at(Place::AclDescription, "audit"),
        colocation_attr = at(Place::ColocationNodeAttribute, "note"),
        // Only where it is tested: readers of the CIB find the primitive's other text after it.
        description = given(Place::ResourceDescription)
            .map(|d| format!(" description={d}"))
            .unwrap_or_default(),
        // Only where it is tested: scoring from an attribute refuses other places' values
        // (`container-attribute-target=host`).
        score_rule = given(Place::ScoreAttribute)
            .map(|a| format!(
                "\n        rule score-attribute={a} {{ expression \"pingd\" op=\"defined\"; }}"
            ))
            .unwrap_or_default(),
        pattern = given(Place::LocationPattern)
            .map(|p| format!("\n    location \"h-pattern\" rsc-pattern={p} node=\"node2\" score=5"))
            .unwrap_or_default(),
        front = at(Place::FrontName, "front"),
        service = at(Place::FrontService, "web"),
        health = at(Place::Health, "/health"),
    )
}
