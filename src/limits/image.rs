//! The node image: its base image reference and the Debian packages installed into it.

/// Longest image name (without tag and digest) Docker accepts.
const IMAGE_NAME_MAX: usize = 255;

/// A Docker image reference, `[host[:port]/]path[:tag][@digest]`, as Docker's reference
/// grammar defines it: lowercase path components joined by `.`, `_`, `__` or dashes, a tag of
/// at most 128 word characters, a digest `algorithm:hex` with at least 32 hex digits.
pub fn image_reference(text: &str) -> Option<&'static str> {
    let (rest, digest) = match text.split_once('@') {
        Some((rest, digest)) => (rest, Some(digest)),
        None => (text, None),
    };
    if digest.is_some_and(|d| !is_digest(d)) {
        return Some("has a digest that is not `algorithm:hex` with at least 32 hex digits");
    }
    // A tag follows the last `:` unless that `:` belongs to a registry port (`host:5000/a`).
    let (name, tag) = match rest.rsplit_once(':') {
        Some((name, tag)) if !tag.contains('/') => (name, Some(tag)),
        _ => (rest, None),
    };
    if tag.is_some_and(|t| !is_tag(t)) {
        return Some("has a tag that is not 1 to 128 letters, digits, `_`, `.` or `-`");
    }
    if name.len() > IMAGE_NAME_MAX {
        return Some("has a name longer than 255 characters");
    }
    let mut components: Vec<&str> = name.split('/').collect();
    if components.len() > 1 && is_registry(components[0]) {
        let registry = components.remove(0);
        if !is_host(registry) {
            return Some("names a registry that is not `host` or `host:port`");
        }
    }
    if !components.iter().all(|c| is_path_component(c)) {
        return Some("is not lowercase letters and digits, separated by `/`, `.`, `_` or `-`");
    }
    None
}

/// Docker reads the first component as a registry when it has a `.` or `:` or is `localhost`.
fn is_registry(component: &str) -> bool {
    component.contains(['.', ':']) || component == "localhost"
}

fn is_host(text: &str) -> bool {
    let (host, port) = match text.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (text, None),
    };
    let label = |l: &str| {
        !l.is_empty()
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    host.split('.').all(label)
        && port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// Lowercase alphanumeric runs joined by one separator: `.`, `_`, `__` or any number of `-`.
fn is_path_component(text: &str) -> bool {
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut want_alnum = true;
    while at < bytes.len() {
        let start = at;
        let is_alnum = alnum(bytes[at]);
        while at < bytes.len() && alnum(bytes[at]) == is_alnum {
            at += 1;
        }
        let separator = &text[start..at];
        let separator_ok =
            matches!(separator, "." | "_" | "__") || separator.bytes().all(|b| b == b'-');
        if is_alnum != want_alnum || (!is_alnum && !separator_ok) {
            return false;
        }
        want_alnum = !want_alnum;
    }
    // Non-empty, and ends with a run of letters and digits.
    !want_alnum
}

fn is_tag(text: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.len() <= 128
        && text.starts_with(word)
        && text.chars().all(|c| word(c) || matches!(c, '.' | '-'))
}

fn is_digest(text: &str) -> bool {
    let Some((algorithm, hex)) = text.split_once(':') else {
        return false;
    };
    let component = |c: &str| {
        c.starts_with(|c: char| c.is_ascii_alphabetic())
            && c.chars().all(|c| c.is_ascii_alphanumeric())
    };
    algorithm.split(['+', '.', '-', '_']).all(component)
        && hex.len() >= 32
        && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// A package for `apt-get install`: a Debian package name (`[a-z0-9][a-z0-9+.-]+`), optionally
/// with an architecture (`:amd64`) and a version (`=1.2-3`) or a release (`/bookworm`).
pub fn debian_package(text: &str) -> Option<&'static str> {
    let (name_arch, pin) = match text.find(['=', '/']) {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let (name, arch) = match name_arch.split_once(':') {
        Some((name, arch)) => (name, Some(arch)),
        None => (name_arch, None),
    };
    let name_ok = name.len() >= 2
        && name.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '+' | '.' | '-'));
    if !name_ok {
        return Some("is not a Debian package name: lowercase letters, digits, `+`, `.` and `-`");
    }
    let arch_ok = arch.is_none_or(|a| {
        !a.is_empty()
            && a.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    });
    let pin_ok = match pin.split_at(pin.len().min(1)) {
        ("", _) => true,
        ("=", version) => {
            version.starts_with(|c: char| c.is_ascii_digit())
                && version
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '~' | ':' | '-'))
        }
        (_, release) => {
            !release.is_empty()
                && release
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        }
    };
    if !arch_ok || !pin_ok {
        return Some("has an architecture, version or release apt cannot read");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references() {
        let digest = format!("debian@sha256:{}", "0f".repeat(32));
        for good in [
            "debian",
            "debian:bookworm",
            "library/debian:12.5-slim",
            "registry.example:5000/team/base_img__x---y:v1",
            "localhost/base",
            digest.as_str(),
        ] {
            assert_eq!(image_reference(good), None, "{good}");
        }
        for bad in [
            "",
            "Debian",
            "a b",
            "$X",
            "a//b",
            "-a",
            "a:",
            "a:-x",
            "a@sha256:00ff",
            "host:port/a",
            "a..b",
        ] {
            assert!(image_reference(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn debian_packages() {
        for good in [
            "python3-flask",
            "g++",
            "libc6:amd64",
            "curl=7.88.1-10",
            "curl/bookworm",
        ] {
            assert_eq!(debian_package(good), None, "{good}");
        }
        for bad in [
            "", "a", "-y", "Curl", "a;b", "a b", "curl=", "curl=x y", "curl/",
        ] {
            assert!(debian_package(bad).is_some(), "{bad}");
        }
    }
}
