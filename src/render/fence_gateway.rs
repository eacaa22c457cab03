//! The lab's fencing gateway: `fence-gateway/haproxy.cfg` and the `Dockerfile` of its image.

use super::{Artifact, RenderError, templates};
use crate::model::Checked;
use crate::model::fencing::{DOCKER_API_VERSION, GATEWAY_PORT};
use serde::Serialize;

/// The gateway's directory in the output: its image's build context, mounted into it.
pub(super) const GATEWAY_DIR: &str = "fence-gateway";
/// Where the gateway sees `GATEWAY_DIR` and `secrets/fence`.
pub(super) const GATEWAY_CONFIG_MOUNT: &str = "/etc/hacc-gateway";
pub(super) const GATEWAY_SECRETS_MOUNT: &str = "/etc/hacc-fence";
/// The Docker Engine's socket, on the host and in the gateway.
pub(super) const DOCKER_SOCKET: &str = "/var/run/docker.sock";

#[derive(Serialize)]
struct Context<'a> {
    header: &'static str,
    base: &'a str,
    port: u16,
    server_pem: String,
    ca_file: String,
    inspect: String,
    power: String,
    listing: String,
    socket: String,
}

/// Renders nothing when the spec has no `fencing`.
pub(super) fn render(checked: &Checked) -> Result<Vec<Artifact>, RenderError> {
    // The template writes the rewritten path with this version.
    const _: () = assert!(matches!(DOCKER_API_VERSION.as_bytes(), b"1.41"));
    let cluster = checked.cluster();
    if cluster.fencing.is_none() {
        return Ok(Vec::new());
    }
    let names: Vec<String> = cluster
        .nodes
        .iter()
        .map(|n| regex_literal(&n.name))
        .collect();
    let prefix = format!(
        "^/v{}/containers/({})/",
        regex_literal(DOCKER_API_VERSION),
        names.join("|")
    );
    let context = Context {
        header: super::HEADER,
        base: &cluster.image.base,
        port: GATEWAY_PORT,
        server_pem: format!("{GATEWAY_SECRETS_MOUNT}/gateway.pem"),
        ca_file: format!("{GATEWAY_SECRETS_MOUNT}/ca.crt"),
        // Whole request targets, query included, so no extra argument rides along.
        inspect: format!("{prefix}json$"),
        power: format!("{prefix}(kill|start)$"),
        listing: format!("/v{DOCKER_API_VERSION}/containers/json?all=1"),
        socket: format!("unix@{DOCKER_SOCKET}"),
    };
    Ok(vec![
        templates::file(
            &format!("{GATEWAY_DIR}/haproxy.cfg"),
            "fence-gateway.haproxy.cfg.j2",
            &context,
        )?,
        templates::file(
            &format!("{GATEWAY_DIR}/Dockerfile"),
            "fence-gateway.Dockerfile.j2",
            &context,
        )?,
    ])
}

/// `text` matching only itself in a PCRE regular expression.
fn regex_literal(text: &str) -> String {
    let mut literal = String::with_capacity(text.len());
    for c in text.chars() {
        if !c.is_ascii_alphanumeric() {
            literal.push('\\');
        }
        literal.push(c);
    }
    literal
}

#[cfg(test)]
mod tests {
    use super::regex_literal;

    #[test]
    fn regex_literals_escape_every_symbol() {
        assert_eq!(regex_literal("web-1"), r"web\-1");
        assert_eq!(regex_literal("1.41"), r"1\.41");
    }
}
