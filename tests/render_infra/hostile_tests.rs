//! Every hostile value in every free-text field: rejected by check, refused by the renderer,
//! or written so that the real tool reads it back literally.

use super::contents;
use super::tools::{self, Scratch};
use crate::common::hostile::{self, Outcome, Place};
use crate::common::{self, have_tool};
use hacc::model::Checked;
use hacc::render::Artifact;

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
fn may_refuse(field: Place, value: &str) -> bool {
    match field {
        Place::EnvValue | Place::WrapperArg | Place::CopyDest | Place::WrapperPath => {
            value.contains('\0')
        }
        Place::Health => value.chars().any(char::is_control),
        Place::CopySource => false,
        _ => true,
    }
}

/// Proves a built spec: the files `field` reaches parse with their tools and hold `text`.
fn verify(field: Place, text: &str, artifacts: &[Artifact]) -> Result<(), String> {
    let scratch = Scratch::with_artifacts("hostile", artifacts);
    let node1 = ["10.0.0.11/24".to_string()];
    match field {
        Place::EnvValue if tools::have_python_yaml() && have_tool("docker-compose") => {
            let resolved = tools::compose_resolved(scratch.path())?;
            let env = &resolved["services"]["node1"]["environment"]["APP_ID"];
            // `config` prints a compose file: each `$` of the value shows doubled.
            let expected = text.replace('$', "$$");
            (env == expected.as_str())
                .then_some(())
                .ok_or(format!("environment holds {env}"))
        }
        Place::WrapperArg => {
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
        Place::CopyDest | Place::WrapperPath | Place::CopySource => {
            let installs = dockerfile_installs(contents(artifacts, "Dockerfile"))?;
            let dests: Vec<&str> = installs.iter().map(|i| i[2].as_str()).collect();
            let expected = match field {
                Place::CopyDest => [text, "/usr/local/bin/start"],
                Place::WrapperPath => ["/opt/app/app.py", text],
                _ => ["/opt/app/app.py", "/usr/local/bin/start"],
            };
            if dests != expected {
                return Err(format!("the image build installs to {dests:?}"));
            }
            let checked = checked_with(field, text);
            let staged = hacc::render::staged_files(&checked.cluster().image);
            let plain = |s: &str| {
                s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "./_-".contains(c))
            };
            if staged.iter().any(|s| !plain(&s.staged)) {
                return Err(format!("staged names need quoting: {staged:?}"));
            }
            if field == Place::CopySource && staged[0].source.as_deref() != Some(text) {
                return Err(format!("the copy source became {:?}", staged[0].source));
            }
            Ok(())
        }
        Place::ClusterName
        | Place::QuorumDeviceHost
        | Place::Logfile
        | Place::AutoTieBreakerNode
            if have_tool("corosync") && tools::have_namespaces() =>
        {
            let key = match field {
                Place::ClusterName => "totem.cluster_name",
                Place::QuorumDeviceHost => "quorum.device.net.host",
                Place::AutoTieBreakerNode => "quorum.auto_tie_breaker_node",
                _ => "logging.logfile",
            };
            let conf = scratch.join("corosync.conf");
            let values = tools::corosync_cmap(&conf, "node1", &node1, &[key])?;
            if values != [text] {
                return Err(format!("corosync holds {values:?}"));
            }
            if field == Place::ClusterName && have_tool("docker-compose") {
                tools::compose_valid(scratch.path())?;
            }
            Ok(())
        }
        Place::Health if have_tool("haproxy") => {
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
        Place::FrontService if have_tool("haproxy") => {
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

fn checked_with(field: Place, text: &str) -> Checked {
    hacc::pipeline::check_source(&hostile::spec(field, &hostile::kdl_string(text)))
        .checked
        .expect("checked before")
}

/// Runs every hostile value through `field`, printing the outcome of each, and fails on the
/// first broken file or unexpected refusal.
fn hostile_field(field: Place) {
    let values = hostile::values();
    // Each value runs its own tools (corosync in its own namespaces, docker-compose, haproxy)
    // and mostly waits on them: four values at a time, reported in their order.
    let judged: Vec<(String, Option<String>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = values
            .chunks(values.len().div_ceil(4).max(1))
            .map(|chunk| {
                scope.spawn(move || chunk.iter().map(|v| judge(field, v)).collect::<Vec<_>>())
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap())
            .collect()
    });
    let mut failures = Vec::new();
    for ((label, _), (verdict, failure)) in values.iter().zip(judged) {
        eprintln!(
            "{field:?} / {label}: {}",
            verdict.lines().next().unwrap_or("")
        );
        failures.extend(failure.map(|f| format!("{label}: {f}")));
    }
    assert!(failures.is_empty(), "{field:?}:\n{}", failures.join("\n"));
}

/// What became of one hostile value in `field`, and the failure when it is one.
fn judge(field: Place, (_, value): &(&str, String)) -> (String, Option<String>) {
    let text = field.text(value);
    match hostile::outcome(field, value) {
        Outcome::Rejected(why) => (format!("rejected by check: {why}"), None),
        Outcome::Refused(why) => {
            let failure = (!may_refuse(field, value))
                .then(|| format!("refused but should be written: {why}"));
            (format!("refused by the renderer: {why}"), failure)
        }
        Outcome::Built(artifacts) => match verify(field, &text, &artifacts) {
            Ok(()) => ("written, parsed and read back literally".to_string(), None),
            Err(e) => (format!("BROKEN: {e}"), Some(e)),
        },
    }
}

/// The hostile tests, one per group of fields; together they cover every field.
const COMPOSE_FIELDS: &[Place] = &[
    Place::EnvValue,
    Place::EnvName,
    Place::NodeName,
    Place::NetworkName,
    Place::FrontName,
];
const IMAGE_FIELDS: &[Place] = &[
    Place::WrapperArg,
    Place::WrapperPath,
    Place::CopyDest,
    Place::CopySource,
    Place::Package,
    Place::BaseImage,
];
const COROSYNC_FIELDS: &[Place] = &[
    Place::ClusterName,
    Place::AutoTieBreakerNode,
    Place::QuorumDeviceHost,
    Place::Logfile,
];
const FRONT_FIELDS: &[Place] = &[Place::Health, Place::FrontService];

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

/// No generated file depends on the spec's file name (the pipeline is never given it): the
/// same spec saved under hostile names builds byte-identical files through the CLI.
#[test]
fn hostile_spec_file_names() {
    let scratch = tempfile::tempdir().unwrap();
    let build = |name: &str, out: &str| {
        // A `/` in a name puts the spec in a directory of that name, beside the file it copies.
        let spec = scratch.path().join(name);
        let spec_dir = spec.parent().unwrap();
        std::fs::create_dir_all(spec_dir).unwrap();
        std::fs::write(spec_dir.join("app.py"), "print('hello')\n").unwrap();
        std::fs::write(&spec, hostile::spec_with(&[])).unwrap();
        let out = scratch.path().join(out);
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_hacc"))
            .arg("build")
            .arg(&spec)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert!(run.status.success(), "{name:?}: {run:?}");
        common::sandbox::snapshot(&out)
    };
    let plain = build("cluster.kdl", "plain");
    assert!(plain.len() > 5, "the build wrote {} files", plain.len());
    for (i, (label, name)) in hostile::file_name_values().into_iter().enumerate() {
        assert_eq!(
            build(&name, &format!("out{i}")),
            plain,
            "{label}: a file depends on the name"
        );
    }
}

/// Every free-text entry of the schema (strings, values, paths, references that are not a
/// fixed list), with the hostile field covering it, or `None` when the infrastructure
/// renderers never write it (it reaches only the CIB and crmsh script).
const SCHEMA_FREE_TEXT: &[(&str, &str, Option<Place>)] = &[
    ("cluster", "name", Some(Place::ClusterName)),
    ("cluster.network", "name", Some(Place::NetworkName)),
    ("cluster.image", "base", Some(Place::BaseImage)),
    ("cluster.image.packages", "package", Some(Place::Package)),
    ("cluster.image.copy", "source", Some(Place::CopySource)),
    ("cluster.image.copy", "to", Some(Place::CopyDest)),
    ("cluster.image.wrapper", "path", Some(Place::WrapperPath)),
    ("cluster.image.wrapper", "command", Some(Place::WrapperArg)),
    ("cluster.node", "name", Some(Place::NodeName)),
    ("cluster.node.env", "*", Some(Place::EnvValue)),
    ("cluster.node.attribute", "*", None),
    ("cluster.node.utilization", "*", None),
    (
        "cluster.corosync.quorum",
        "auto-tie-breaker-node",
        Some(Place::AutoTieBreakerNode),
    ),
    (
        "cluster.corosync.quorum.device",
        "host",
        Some(Place::QuorumDeviceHost),
    ),
    ("cluster.corosync.logging", "logfile", Some(Place::Logfile)),
    ("cluster.property", "name", None),
    ("cluster.property", "value", None),
    ("cluster.property.unsafe-acknowledged", "reason", None),
    ("cluster.rsc-defaults", "*", None),
    ("cluster.op-defaults", "*", None),
    ("cluster.primitive.params", "*", None),
    ("cluster.primitive.meta", "*", None),
    ("cluster.primitive.utilization", "*", None),
    ("cluster.primitive.op", "name", None),
    ("cluster.primitive", "template", None),
    // A template's text goes through the checks of a primitive's (and reaches only the CIB).
    ("cluster.template.params", "*", None),
    ("cluster.template.meta", "*", None),
    ("cluster.template.utilization", "*", None),
    ("cluster.template.op", "name", None),
    ("cluster.template.op", "interval-origin", None),
    ("cluster.template.op.params", "*", None),
    ("cluster.template.op.meta", "*", None),
    ("cluster.group", "member", None),
    ("cluster.group.params", "*", None),
    ("cluster.group.meta", "*", None),
    ("cluster.clone", "of", None),
    ("cluster.clone.params", "*", None),
    ("cluster.clone.meta", "*", None),
    ("cluster.location", "resource", None),
    ("cluster.location", "node", None),
    // Descriptions are checked as one (validate::descriptions), like a resource's.
    ("cluster.node", "description", None),
    ("cluster.remote-node", "description", None),
    ("cluster.primitive.op", "description", None),
    ("cluster.template.op", "description", None),
    ("cluster.location", "rsc-pattern", None),
    ("cluster.location.set", "resource", None),
    ("cluster.location.rule.expression", "attribute", None),
    ("cluster.location.rule.expression", "value", None),
    // A nested rule's tests go through the checks of the rule around it.
    ("cluster.location.rule.rule.expression", "attribute", None),
    ("cluster.location.rule.rule.expression", "value", None),
    ("cluster.colocation", "resource", None),
    ("cluster.colocation", "with", None),
    ("cluster.colocation", "node-attribute", None),
    ("cluster.primitive", "description", None),
    ("cluster.template", "description", None),
    ("cluster.group", "description", None),
    ("cluster.clone", "description", None),
    ("cluster.bundle", "description", None),
    ("cluster.location.rule", "score-attribute", None),
    ("cluster.colocation.set", "resource", None),
    ("cluster.order", "first", None),
    ("cluster.order", "then", None),
    ("cluster.order.set", "resource", None),
    ("cluster.fencing-level", "target", None),
    ("cluster.fencing-level", "device", None),
    // Written bare in cib.crm: check refuses anything but one bare crmsh word (E0112).
    ("cluster.fencing-level", "target-pattern", None),
    ("cluster.fencing-level", "target-value", None),
    ("cluster.fencing-level", "target-attribute", None),
    // Only `docker-lab` is accepted, and no output writes the kind.
    ("cluster.fencing", "kind", None),
    // Hosts specs: no generated file writes them; E0113 and E0208 check them, and the SSH
    // transport passes the destination to `ssh` after `--`.
    ("cluster.node.ssh", "destination", None),
    ("cluster.node.ssh", "identity", None),
    // Written only into cib.xml and cib.crm, through the CIB value checks that params and meta
    // go through; no infrastructure file holds them.
    ("cluster.alert", "path", None),
    ("cluster.alert.meta", "*", None),
    ("cluster.alert.params", "*", None),
    ("cluster.alert.recipient", "value", None),
    ("cluster.alert.recipient.meta", "*", None),
    ("cluster.alert.recipient.params", "*", None),
    ("cluster.alert.select.attribute", "name", None),
    ("cluster.node", "cib-id", None),
    ("cluster.primitive.op", "interval-origin", None),
    ("cluster.primitive.op.params", "*", None),
    ("cluster.primitive.op.meta", "*", None),
    ("cluster.rsc-ticket", "resource", None),
    ("cluster.rsc-ticket.set", "resource", None),
    // ACLs reach only cib.xml and cib.crm, through the crm value and name checks.
    ("cluster.acl-role", "description", None),
    ("cluster.acl-role.read", "xpath", None),
    ("cluster.acl-role.read", "reference", None),
    ("cluster.acl-role.read", "type", None),
    ("cluster.acl-role.read", "attribute", None),
    ("cluster.acl-role.read", "description", None),
    ("cluster.acl-role.write", "xpath", None),
    ("cluster.acl-role.write", "reference", None),
    ("cluster.acl-role.write", "type", None),
    ("cluster.acl-role.write", "attribute", None),
    ("cluster.acl-role.write", "description", None),
    ("cluster.acl-role.deny", "xpath", None),
    ("cluster.acl-role.deny", "reference", None),
    ("cluster.acl-role.deny", "type", None),
    ("cluster.acl-role.deny", "attribute", None),
    ("cluster.acl-role.deny", "description", None),
    ("cluster.acl-target", "role", None),
    ("cluster.acl-target", "name", None),
    ("cluster.acl-group", "role", None),
    ("cluster.acl-group", "name", None),
    // Tags and the tests of defaults rules reach only cib.xml and cib.crm.
    ("cluster.tag", "member", None),
    (
        "cluster.rsc-defaults-set.rule.rsc-expression",
        "class",
        None,
    ),
    (
        "cluster.rsc-defaults-set.rule.rsc-expression",
        "provider",
        None,
    ),
    ("cluster.rsc-defaults-set.rule.rsc-expression", "type", None),
    ("cluster.op-defaults-set.rule.rsc-expression", "class", None),
    (
        "cluster.op-defaults-set.rule.rsc-expression",
        "provider",
        None,
    ),
    ("cluster.op-defaults-set.rule.rsc-expression", "type", None),
    ("cluster.op-defaults-set.rule.op-expression", "name", None),
    // Bundles and remote nodes reach only cib.xml and cib.crm, through the crm value checks.
    ("cluster.bundle", "primitive", None),
    ("cluster.bundle.docker", "image", None),
    ("cluster.bundle.docker", "network", None),
    ("cluster.bundle.docker", "options", None),
    ("cluster.bundle.docker", "run-command", None),
    ("cluster.bundle.podman", "image", None),
    ("cluster.bundle.podman", "network", None),
    ("cluster.bundle.podman", "options", None),
    ("cluster.bundle.podman", "run-command", None),
    ("cluster.bundle.rkt", "image", None),
    ("cluster.bundle.rkt", "network", None),
    ("cluster.bundle.rkt", "options", None),
    ("cluster.bundle.rkt", "run-command", None),
    ("cluster.bundle.meta", "*", None),
    ("cluster.bundle.params", "*", None),
    ("cluster.bundle.network", "host-interface", None),
    ("cluster.bundle.network", "ip-range-start", None),
    ("cluster.bundle.network.port-mapping", "range", None),
    ("cluster.bundle.storage-mapping", "options", None),
    ("cluster.bundle.storage-mapping", "source-dir", None),
    ("cluster.bundle.storage-mapping", "source-dir-root", None),
    ("cluster.bundle.storage-mapping", "target-dir", None),
    ("cluster.remote-node", "name", None),
    ("cluster.remote-node", "cib-id", None),
    ("cluster.remote-node.attribute", "*", None),
    ("cluster.remote-node.utilization", "*", None),
    ("cluster.front", "name", Some(Place::FrontName)),
    ("cluster.front", "service", Some(Place::FrontService)),
    ("cluster.front", "health", Some(Place::Health)),
];

/// The free text of further attribute sets and of rule tests, which reaches only the CIB: set
/// values go through every pair check, attribute tests through the crm rule-value check, and
/// date fields must be ISO 8601 dates or numbers (`validate::nvsets`).
fn rule_and_set_text() -> Vec<(String, String)> {
    const SETS: &[&str] = &[
        "cluster.property-set",
        "cluster.rsc-defaults-set",
        "cluster.op-defaults-set",
        "cluster.node.attribute-set",
        "cluster.node.utilization-set",
        "cluster.primitive.params-set",
        "cluster.primitive.utilization-set",
        "cluster.template.utilization-set",
        "cluster.primitive.meta-set",
        "cluster.group.params-set",
        "cluster.template.params-set",
        "cluster.template.meta-set",
        "cluster.group.meta-set",
        "cluster.clone.params-set",
        "cluster.clone.meta-set",
        "cluster.bundle.params-set",
        "cluster.primitive.op.params-set",
        "cluster.template.op.params-set",
        "cluster.primitive.op.meta-set",
        "cluster.template.op.meta-set",
        "cluster.bundle.meta-set",
        "cluster.alert.params-set",
        "cluster.alert.meta-set",
        "cluster.alert.recipient.params-set",
        "cluster.alert.recipient.meta-set",
        "cluster.remote-node.attribute-set",
        "cluster.remote-node.utilization-set",
    ];
    const DATE_SPEC: &[&str] = &[
        "hours",
        "minutes",
        "monthdays",
        "months",
        "moon",
        "seconds",
        "weekdays",
        "weeks",
        "weekyears",
        "yeardays",
        "years",
    ];
    const DURATION: &[&str] = &[
        "days", "hours", "minutes", "months", "seconds", "weeks", "years",
    ];
    let mut out = Vec::new();
    let mut rule = |rule: String| {
        let mut push = |path: String, name: &str| out.push((path, name.to_string()));
        push(format!("{rule}.date"), "start");
        push(format!("{rule}.date"), "end");
        for name in DATE_SPEC {
            push(format!("{rule}.date-spec"), name);
        }
        for name in DURATION {
            push(format!("{rule}.date.duration"), name);
        }
        if !rule.starts_with("cluster.location") {
            push(format!("{rule}.expression"), "attribute");
            push(format!("{rule}.expression"), "value");
        }
    };
    rule("cluster.location.rule".to_string());
    rule("cluster.location.rule.rule".to_string());
    for set in SETS {
        rule(format!("{set}.rule"));
    }
    out.extend(
        SETS.iter()
            .map(|set| (format!("{set}.values"), "*".to_string())),
    );
    out
}

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
        .chain(rule_and_set_text())
        .collect();
    found.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(
        found, sorted,
        "classify each free-text schema entry in SCHEMA_FREE_TEXT"
    );
    let groups = [COMPOSE_FIELDS, IMAGE_FIELDS, COROSYNC_FIELDS, FRONT_FIELDS].concat();
    for field in hostile::INFRA {
        let tested = groups.iter().filter(|f| *f == field).count();
        assert_eq!(tested, 1, "{field:?} is run by {tested} hostile tests");
    }
    for (_, _, field) in SCHEMA_FREE_TEXT {
        if let Some(field) = field {
            assert!(hostile::INFRA.contains(field), "{field:?}");
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
