//! Which distribution a host runs (`/etc/os-release`), and so which package manager
//! converges it: apt on Debian and Ubuntu, dnf on the RHEL family.

use crate::live::transport::Shell;
use crate::state::Error;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageManager {
    Apt,
    Dnf,
}

/// A host's distribution as os-release names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distro {
    /// `PRETTY_NAME`, for people.
    pub name: String,
    pub packages: PackageManager,
}

/// One os-release value, unquoted.
fn value<'t>(os_release: &'t str, key: &str) -> Option<&'t str> {
    os_release.lines().find_map(|line| {
        let rest = line.strip_prefix(key)?.strip_prefix('=')?;
        Some(rest.trim().trim_matches(|c| c == '"' || c == '\''))
    })
}

/// The distribution an os-release text describes, or why hacc cannot converge it.
pub fn parse(os_release: &str) -> Result<Distro, String> {
    let id = value(os_release, "ID").unwrap_or_default();
    let like = value(os_release, "ID_LIKE").unwrap_or_default();
    let family: Vec<&str> = std::iter::once(id).chain(like.split_whitespace()).collect();
    let name = value(os_release, "PRETTY_NAME")
        .filter(|n| !n.is_empty())
        .unwrap_or(id);
    let packages = if family.iter().any(|f| ["debian", "ubuntu"].contains(f)) {
        PackageManager::Apt
    } else if family
        .iter()
        .any(|f| ["rhel", "fedora", "centos", "rocky", "almalinux"].contains(f))
    {
        PackageManager::Dnf
    } else {
        return Err(format!(
            "runs `{}`, which is neither Debian/Ubuntu (apt) nor the RHEL family (dnf)",
            if name.is_empty() {
                "an unnamed distribution"
            } else {
                name
            }
        ));
    };
    Ok(Distro {
        name: name.to_string(),
        packages,
    })
}

/// Reads the host's os-release.
pub fn detect(host: &dyn Shell) -> Result<Distro, Error> {
    let text = host
        .run_command(&["cat", "/etc/os-release"], None, Duration::from_secs(20))?
        .ok(&format!(
            "reading /etc/os-release on `{}`",
            host.node_name()
        ))?;
    parse(&text).map_err(|why| Error::Refused(format!("`{}` {why}", host.node_name())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debian_ubuntu_and_rhel_family_are_told_apart() {
        let debian = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n";
        assert_eq!(
            parse(debian),
            Ok(Distro {
                name: "Debian GNU/Linux 12 (bookworm)".into(),
                packages: PackageManager::Apt
            })
        );
        let ubuntu = "ID=ubuntu\nID_LIKE=debian\nPRETTY_NAME=\"Ubuntu 24.04 LTS\"\n";
        assert_eq!(parse(ubuntu).unwrap().packages, PackageManager::Apt);
        let rocky = "ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n";
        assert_eq!(parse(rocky).unwrap().packages, PackageManager::Dnf);
        let alpine = "ID=alpine\nPRETTY_NAME=\"Alpine Linux v3.20\"\n";
        assert!(parse(alpine).unwrap_err().contains("`Alpine Linux v3.20`"));
        assert!(parse("ID=arch\n").unwrap_err().contains("`arch`"));
        assert!(parse("").unwrap_err().contains("an unnamed distribution"));
    }
}
