//! Before a cluster starts: its subnet must be free on this Docker host. A second directory
//! of the same spec would otherwise have Compose fail with an address pool error, or, were
//! the pool free, give two clusters the same addresses; hacc refuses first and names the
//! directory whose cluster holds the subnet.

use super::docker::docker;
use crate::state::Error;
use std::net::Ipv4Addr;
use std::time::Duration;

const PROJECT_LABEL: &str = "com.docker.compose.project";
const LIMIT: Duration = Duration::from_secs(30);

/// A Docker network whose addresses overlap the ones a cluster wants.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Taken {
    network: String,
    subnet: String,
    project: Option<String>,
}

/// Refuses when a Docker network other than `own_project`'s holds addresses of `subnet`
/// (`a.b.c.d/n`), naming the directory that started it when Compose did.
pub fn refuse_taken(subnet: &str, own_project: Option<&str>) -> Result<(), Error> {
    let Some(wanted) = parse(subnet) else {
        return Ok(());
    };
    let ids = docker(&["network", "ls", "-q"], LIMIT)?.ok("docker network ls")?;
    let ids: Vec<&str> = ids.split_whitespace().collect();
    if ids.is_empty() {
        return Ok(());
    }
    let mut args = vec!["network", "inspect"];
    args.extend(&ids);
    let listing = docker(&args, LIMIT)?.ok("docker network inspect")?;
    let taken = overlapping(&listing, wanted)?
        .into_iter()
        .find(|t| own_project.is_none() || t.project.as_deref() != own_project);
    match taken {
        None => Ok(()),
        Some(taken) => Err(Error::Refused(refusal(subnet, &taken))),
    }
}

fn refusal(subnet: &str, taken: &Taken) -> String {
    let project = taken.project.as_deref();
    let (whose, remedy) = match (project, project.and_then(started_from)) {
        (Some(_), Some(dir)) => (
            format!(" of the cluster started from `{dir}`"),
            format!("remove that cluster with `hacc down --dir {dir}`"),
        ),
        (Some(project), None) => (
            format!(" of compose project `{project}`"),
            "remove that network".to_string(),
        ),
        (None, _) => (String::new(), "remove that network".to_string()),
    };
    format!(
        "cannot start the cluster: its subnet `{subnet}` is taken by the Docker network `{}` \
         (`{}`){whose}; {remedy}, or give this spec another subnet; nothing was changed",
        taken.network, taken.subnet
    )
}

/// The working directory of the project's first container, as Compose labelled it.
fn started_from(project: &str) -> Option<String> {
    let filter = format!("label={PROJECT_LABEL}={project}");
    let format = "{{.Label \"com.docker.compose.project.working_dir\"}}";
    let output = docker(
        &["ps", "-a", "--filter", &filter, "--format", format],
        LIMIT,
    )
    .ok()?;
    output
        .stdout
        .lines()
        .map(str::trim)
        .find(|dir| !dir.is_empty())
        .map(str::to_string)
}

/// The networks of a `docker network inspect` listing with an IPv4 subnet overlapping `wanted`.
fn overlapping(listing: &str, wanted: (u32, u8)) -> Result<Vec<Taken>, Error> {
    let networks: serde_json::Value = serde_json::from_str(listing)
        .map_err(|e| Error::Refused(format!("cannot read `docker network inspect`: {e}")))?;
    let mut taken = Vec::new();
    for network in networks.as_array().into_iter().flatten() {
        let configs = network["IPAM"]["Config"].as_array().into_iter().flatten();
        for subnet in configs.filter_map(|c| c["Subnet"].as_str()) {
            if parse(subnet).is_some_and(|theirs| overlap(theirs, wanted)) {
                taken.push(Taken {
                    network: network["Name"].as_str().unwrap_or("?").to_string(),
                    subnet: subnet.to_string(),
                    project: network["Labels"][PROJECT_LABEL]
                        .as_str()
                        .map(str::to_string),
                });
            }
        }
    }
    Ok(taken)
}

/// `a.b.c.d/n` as (address, prefix length); `None` for anything else (IPv6 among them).
fn parse(cidr: &str) -> Option<(u32, u8)> {
    let (address, prefix) = cidr.split_once('/')?;
    let address: Ipv4Addr = address.parse().ok()?;
    let prefix: u8 = prefix.parse().ok().filter(|p| *p <= 32)?;
    Some((u32::from(address), prefix))
}

/// Whether two ranges share an address: they agree on the bits of the shorter prefix.
fn overlap((a, a_prefix): (u32, u8), (b, b_prefix): (u32, u8)) -> bool {
    let prefix = a_prefix.min(b_prefix);
    let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
    a & mask == b & mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_overlap_when_one_holds_an_address_of_the_other() {
        let range = |text| parse(text).unwrap();
        assert!(overlap(range("10.0.0.0/24"), range("10.0.0.128/25")));
        assert!(overlap(range("10.0.0.0/16"), range("10.0.7.0/24")));
        assert!(overlap(range("0.0.0.0/0"), range("192.168.1.0/24")));
        assert!(!overlap(range("10.0.0.0/24"), range("10.0.1.0/24")));
        assert!(!overlap(range("172.17.0.0/16"), range("10.0.0.0/8")));
        assert_eq!(parse("fd00::/64"), None);
        assert_eq!(parse("10.0.0.0/33"), None);
    }

    #[test]
    fn an_inspect_listing_gives_the_overlapping_networks_and_their_projects() {
        let listing = r#"[
            {"Name": "bridge", "IPAM": {"Config": [{"Subnet": "172.17.0.0/16", "Gateway": "172.17.0.1"}]}, "Labels": {}},
            {"Name": "hacc-a_net", "IPAM": {"Config": [{"Subnet": "10.9.0.0/24"}]},
             "Labels": {"com.docker.compose.project": "hacc-a"}},
            {"Name": "host", "IPAM": {"Config": []}, "Labels": {}},
            {"Name": "v6", "IPAM": {"Config": [{"Subnet": "fd00::/64"}]}, "Labels": null}
        ]"#;
        assert_eq!(
            overlapping(listing, parse("10.9.0.0/24").unwrap()).unwrap(),
            [Taken {
                network: "hacc-a_net".into(),
                subnet: "10.9.0.0/24".into(),
                project: Some("hacc-a".into()),
            }]
        );
        let bridge = overlapping(listing, parse("172.17.5.0/24").unwrap()).unwrap();
        assert_eq!(bridge[0].network, "bridge");
        assert_eq!(bridge[0].project, None);
        assert!(
            overlapping(listing, parse("10.10.0.0/24").unwrap())
                .unwrap()
                .is_empty()
        );
    }
}
