//! What each target can use: the Docker lab's own blocks are refused on hosts reached over
//! SSH and `ssh` on the Docker lab; an `ssh` destination has OpenSSH's form and its key file
//! is a private key ssh would accept.

use super::text::{problem, settled};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics};
use crate::model::{Cluster, Ssh, Target};
use crate::spanned::Spanned;
use miette::SourceSpan;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

pub(super) fn check(cluster: &Cluster, spec_dir: Option<&Path>, diags: &mut Diagnostics) {
    match cluster.target.value {
        Target::Hosts => docker_only(cluster, diags),
        Target::DockerLab => {
            for ssh in cluster.nodes.iter().filter_map(|n| n.ssh.as_ref()) {
                diags.push(
                    Diagnostic::new(
                        &diag::WRONG_TARGET,
                        ssh.destination.span,
                        "`ssh` is for the hosts target, and this cluster runs in the Docker lab",
                    )
                    .label("the Docker lab reaches its containers itself")
                    .related(
                        cluster.target.span,
                        "target chosen here (docker-lab by default)",
                    )
                    .help("add `target=\"hosts\"` to the cluster, or remove `ssh`"),
                );
            }
        }
    }
    for ssh in cluster.nodes.iter().filter_map(|n| n.ssh.as_ref()) {
        destination(&ssh.destination, diags);
        identity(ssh, spec_dir, diags);
    }
}

fn docker_only(cluster: &Cluster, diags: &mut Diagnostics) {
    let mut refuse = |span: SourceSpan, what: &str| {
        diags.push(
            Diagnostic::new(
                &diag::WRONG_TARGET,
                span,
                format!("{what} belongs to the Docker lab, and this cluster runs on hosts"),
            )
            .label("not used on hosts reached over SSH")
            .related(cluster.target.span, "target chosen here")
            .help("remove it: hosts have their own network, addresses and ports"),
        );
    };
    // Without a `network` block the decoder places the default name and subnet at one span.
    if cluster.network.name.span != cluster.network.subnet.span {
        refuse(cluster.network.name.span, "`network`");
    }
    for node in &cluster.nodes {
        for publish in &node.publish {
            refuse(publish.host.span, "`publish`");
        }
        for pair in &node.env {
            refuse(pair.name.span, "node `env`");
        }
    }
    if let Some(front) = &cluster.front {
        refuse(front.name.span, "the `front` container");
    }
    if let Some(fencing) = &cluster.fencing {
        refuse(
            fencing.kind.span,
            "`fencing \"docker-lab\"` (the Docker fencing gateway)",
        );
    }
}

/// Why `user` cannot be a login name, if it cannot.
fn user_problem(user: &str) -> Option<&'static str> {
    if user.is_empty() {
        Some("has an empty user before `@`")
    } else if user.starts_with('-') {
        Some("has a user starting with `-`")
    } else if !user
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
    {
        Some("has a user with characters other than letters, digits, `_`, `-` and `.`")
    } else {
        None
    }
}

/// Why `host` cannot be an address, a host name or an ssh config `Host`, if it cannot.
fn host_problem(host: &str) -> Option<&'static str> {
    if host.is_empty() {
        Some("has no host")
    } else if host.starts_with('-') {
        Some("has a host starting with `-`, which ssh would read as an option")
    } else if !host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || ".-_:".contains(c))
    {
        Some("has a host with characters other than letters, digits, `.`, `-`, `_` and `:`")
    } else if host.chars().filter(|c| *c == ':').count() == 1 {
        Some("gives a port after `:`; write it as `port=`")
    } else if host.chars().all(|c| c.is_ascii_digit() || c == '.')
        && host.parse::<std::net::Ipv4Addr>().is_err()
    {
        Some("is not a valid IPv4 address")
    } else {
        None
    }
}

fn destination(destination: &Spanned<String>, diags: &mut Diagnostics) {
    if settled(diags, destination) {
        return;
    }
    let why = match destination.value.rsplit_once('@') {
        Some((user, host)) => user_problem(user).or_else(|| host_problem(host)),
        None => host_problem(&destination.value),
    };
    if let Some(why) = why {
        diags.push(
            problem(
                &diag::INVALID_SSH_DESTINATION,
                "ssh destination",
                destination,
                why,
            )
            .label("not `[user@]host`")
            .help("write e.g. `ssh \"root@10.0.0.11\" port=22`"),
        );
    }
}

fn identity(ssh: &Ssh, spec_dir: Option<&Path>, diags: &mut Diagnostics) {
    let (Some(identity), Some(dir)) = (&ssh.identity, spec_dir) else {
        return;
    };
    if settled(diags, identity) {
        return;
    }
    let why = match std::fs::metadata(dir.join(&identity.value)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            "does not exist (relative to the spec's directory)".to_string()
        }
        Err(e) => format!("cannot be read ({e})"),
        Ok(meta) if !meta.is_file() => "is not a regular file".to_string(),
        Ok(meta) if meta.permissions().mode() & 0o077 != 0 => format!(
            "can be read by others (mode {:04o}), and ssh refuses such a key",
            meta.permissions().mode() & 0o7777
        ),
        Ok(_) => return,
    };
    diags.push(
        problem(&diag::SSH_IDENTITY, "ssh identity", identity, &why)
            .label("not a private key ssh would use")
            .help("name a key file readable by its owner alone (chmod 600), or leave `identity` out to use ssh's own keys"),
    );
}

#[cfg(test)]
mod tests {
    use super::{host_problem, user_problem};
    use crate::pipeline::{check_source, check_spec};
    use std::os::unix::fs::PermissionsExt;

    const NODES: &str = r#"
        node "n2" address="192.168.7.12"
        node "n3" address="192.168.7.13"
        primitive "fence" agent="stonith:fence_xvm""#;

    /// Each diagnostic's code and the text its span covers.
    fn findings(source: &str) -> Vec<(&'static str, String)> {
        check_source(source)
            .diagnostics
            .iter()
            .map(|d| {
                let start = d.span.offset();
                (d.code.id, source[start..start + d.span.len()].to_string())
            })
            .collect()
    }

    #[test]
    fn a_hosts_cluster_with_ssh_checks_outside_any_subnet() {
        let source = format!(
            "cluster \"h\" target=\"hosts\" {{\n    node \"n1\" address=\"192.168.7.11\" {{\n        \
             ssh \"deploy@db1.example.org\" port=2222\n    }}{NODES}\n}}\n"
        );
        let outcome = check_source(&source);
        assert!(!outcome.has_errors(), "{:#?}", outcome.diagnostics);
        let checked = outcome.checked.unwrap();
        let cluster = checked.cluster();
        assert_eq!(cluster.target.value, crate::model::Target::Hosts);
        let ssh = cluster.nodes[0].ssh.as_ref().unwrap();
        assert_eq!(
            (ssh.user(), ssh.host()),
            (Some("deploy"), "db1.example.org")
        );
        assert_eq!(ssh.port.as_ref().map(|p| p.value), Some(2222));
    }

    #[test]
    fn docker_lab_blocks_are_refused_on_hosts_at_their_spans() {
        let source = format!(
            "cluster \"h\" target=\"hosts\" {{\n    network \"lab\" subnet=\"10.0.0.0/24\"\n    \
             node \"n1\" address=\"192.168.7.11\" {{ publish 8080 to=80; env MODE=\"x\"; }}{NODES}\n    \
             front \"web\" address=\"192.168.7.20\" port=80 service=\"fence\" backend-port=80\n    \
             fencing \"docker-lab\" address=\"192.168.7.30\"\n}}\n"
        );
        let found = findings(&source);
        for text in ["\"lab\"", "8080", "MODE", "\"web\"", "\"docker-lab\""] {
            assert!(
                found.contains(&("E0209", text.to_string())),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn ssh_on_the_docker_lab_is_refused() {
        let source = format!(
            "cluster \"d\" {{\n    network \"n\" subnet=\"192.168.7.0/24\"\n    \
             node \"n1\" address=\"192.168.7.11\" {{ ssh \"root@192.168.7.11\"; }}{NODES}\n}}\n"
        );
        assert_eq!(
            findings(&source),
            [("E0209", "\"root@192.168.7.11\"".into())]
        );
    }

    #[test]
    fn bad_destinations_and_ports_are_refused_at_their_spans() {
        for (ssh, code, text) in [
            (
                r#"ssh "-oProxyCommand=sh""#,
                "E0113",
                r#""-oProxyCommand=sh""#,
            ),
            (r#"ssh "ro ot@h1""#, "E0113", r#""ro ot@h1""#),
            (r#"ssh "root@10.0.0.999""#, "E0113", r#""root@10.0.0.999""#),
            (r#"ssh "root@h1" port=0"#, "E0105", "0"),
            (r#"ssh "root@h1" port=70000"#, "E0105", "70000"),
        ] {
            let source = format!(
                "cluster \"h\" target=\"hosts\" {{\n    node \"n1\" address=\"192.168.7.11\" {{ {ssh}; }}{NODES}\n}}\n"
            );
            assert_eq!(findings(&source), [(code, text.to_string())], "{ssh}");
        }
    }

    #[test]
    fn an_identity_must_be_an_owner_only_file_beside_the_spec() {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("id_test");
        std::fs::write(&key, "not checked for its contents").unwrap();
        let spec = |identity: &str| {
            format!(
                "cluster \"h\" target=\"hosts\" {{\n    node \"n1\" address=\"192.168.7.11\" {{ \
                 ssh \"root@h1\" identity=\"{identity}\"; }}{NODES}\n}}\n"
            )
        };
        let codes = |source: &str| -> Vec<&str> {
            check_spec(source, dir.path())
                .diagnostics
                .iter()
                .map(|d| d.code.id)
                .collect()
        };
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(codes(&spec("id_test")), ["E0208"]);
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(codes(&spec("id_test")).is_empty());
        assert_eq!(codes(&spec("missing")), ["E0208"]);
        assert_eq!(codes(&spec(".")), ["E0208"]);
    }

    #[test]
    fn destinations_have_openssh_form() {
        for host in ["10.0.0.11", "db1.example.org", "fe80::1", "bastion_2"] {
            assert_eq!(host_problem(host), None, "{host}");
        }
        for host in [
            "",
            "-oProxyCommand=x",
            "h st",
            "10.0.0.11:22",
            "10.0.0.300",
            "a/b",
        ] {
            assert!(host_problem(host).is_some(), "{host}");
        }
        assert_eq!(user_problem("deploy.user"), None);
        for user in ["", "-l", "ro ot", "a;b"] {
            assert!(user_problem(user).is_some(), "{user}");
        }
    }
}
