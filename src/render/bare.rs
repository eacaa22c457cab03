//! Bare words: values a format cannot quote, written as they are only when that keeps their
//! meaning, refused otherwise.
//!
//! `hacc check` is meant to reject such values first; these guards make sure a renderer never
//! writes a file whose meaning differs from the spec when a check is missing.

use super::escape::Unrepresentable;

/// Longest value hacc writes into corosync.conf: corosync reads lines of at most 511 bytes.
const COROSYNC_MAX_VALUE: usize = 255;

/// A corosync.conf value. corosync has no quoting: it trims spaces and tabs, splits on the
/// first `:`, treats any line holding `{` as a section start, and reads 511-byte lines.
pub fn corosync(text: &str) -> Result<&str, Unrepresentable> {
    let refuse = |why: &str| Err(Unrepresentable(format!("corosync.conf {why}")));
    if text.is_empty() {
        return refuse("cannot hold an empty value");
    }
    if text.starts_with([' ', '\t']) || text.ends_with([' ', '\t']) {
        return refuse("drops leading and trailing spaces");
    }
    if text.chars().any(char::is_control) {
        return refuse("cannot hold line breaks or control characters");
    }
    if text.contains('{') {
        return refuse("reads a line with `{` as the start of a section");
    }
    if text.len() > COROSYNC_MAX_VALUE {
        return refuse("values are limited to 255 bytes");
    }
    Ok(text)
}

/// A host name (one RFC 1123 label): the container's hostname and the Pacemaker node name,
/// which must match.
pub fn hostname(text: &str) -> Result<&str, Unrepresentable> {
    let valid = (1..=63).contains(&text.len())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !text.starts_with('-')
        && !text.ends_with('-');
    if valid {
        Ok(text)
    } else {
        Err(Unrepresentable(
            "a host name has 1 to 63 letters, digits or `-`, not starting or ending with `-`"
                .into(),
        ))
    }
}

/// A docker-compose service or network name.
pub fn compose_name(text: &str) -> Result<&str, Unrepresentable> {
    let valid = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if valid {
        Ok(text)
    } else {
        Err(Unrepresentable(
            "compose names use only letters, digits, `.`, `_` and `-`".into(),
        ))
    }
}

/// An environment variable name a POSIX shell (and so most programs) can read.
pub fn env_name(text: &str) -> Result<&str, Unrepresentable> {
    let mut chars = text.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(text)
    } else {
        Err(Unrepresentable(
            "an environment variable name starts with a letter or `_` and holds only letters, digits and `_`"
                .into(),
        ))
    }
}

/// A container image reference such as `debian:bookworm` or `registry:5000/team/base@sha256:...`.
pub fn image_ref(text: &str) -> Result<&str, Unrepresentable> {
    let valid = text.starts_with(|c: char| c.is_ascii_alphanumeric())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':' | '/' | '@'));
    if valid {
        Ok(text)
    } else {
        Err(Unrepresentable(
            "an image reference uses only letters, digits, `.`, `_`, `-`, `:`, `/` and `@`".into(),
        ))
    }
}

/// A Debian package for `apt-get install`: a name, optionally with `=version`, `:arch` or
/// `/release`. It is written unquoted, so it must hold no shell syntax.
pub fn debian_package(text: &str) -> Result<&str, Unrepresentable> {
    let valid = text.starts_with(|c: char| c.is_ascii_alphanumeric())
        && text.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | '~' | ':' | '=' | '/' | '_')
        });
    if valid {
        Ok(text)
    } else {
        Err(Unrepresentable(
            "a package name starts with a letter or digit and uses only letters, digits and `.+-~:=/_`"
                .into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corosync_keeps_plain_values_and_refuses_the_rest() {
        assert_eq!(corosync("docker-cluster").unwrap(), "docker-cluster");
        assert_eq!(corosync("a:b}#c").unwrap(), "a:b}#c");
        for bad in ["", " a", "a\t", "a\nb", "a{b", &"x".repeat(256)] {
            assert!(corosync(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn names() {
        assert!(hostname("node-1").is_ok());
        assert!(hostname("-a").is_err() && hostname("a.b").is_err() && hostname("").is_err());
        assert!(compose_name("ha_net.1").is_ok() && compose_name("a b").is_err());
        assert!(env_name("APP_ID").is_ok() && env_name("1A").is_err() && env_name("A=B").is_err());
    }

    #[test]
    fn images_and_packages() {
        assert!(image_ref("debian:bookworm").is_ok());
        assert!(image_ref("reg:5000/a/b@sha256:00ff").is_ok());
        assert!(image_ref("a b").is_err() && image_ref("$X").is_err());
        assert!(
            debian_package("python3-flask").is_ok() && debian_package("curl=7.88.1-10").is_ok()
        );
        assert!(debian_package("-y").is_err() && debian_package("a;b").is_err());
    }
}
