//! Bare words: values a format cannot quote, written as they are only when that keeps their
//! meaning, refused otherwise.
//!
//! `hacc check` is meant to reject such values first; these guards make sure a renderer never
//! writes a file whose meaning differs from the spec when a check is missing.

use super::escape::Unrepresentable;
use crate::limits::{names, text};

/// The value itself, or why `what` cannot be it.
fn unless<'a>(
    value: &'a str,
    problem: Option<&str>,
    what: &str,
) -> Result<&'a str, Unrepresentable> {
    match problem {
        Some(why) => Err(Unrepresentable(format!("{what} {why}"))),
        None => Ok(value),
    }
}

/// A corosync.conf value (see [`text::corosync_value`]).
pub(super) fn corosync(value: &str) -> Result<&str, Unrepresentable> {
    unless(value, text::corosync_value(value), "a corosync.conf value")
}

/// A host name: the container's hostname and the Pacemaker node name, which must match.
pub(super) fn hostname(value: &str) -> Result<&str, Unrepresentable> {
    unless(value, names::host_name(value), "a host name")
}

/// A docker-compose network name.
pub(super) fn compose_name(value: &str) -> Result<&str, Unrepresentable> {
    unless(value, names::network_name(value), "a compose name")
}

/// An environment variable name a POSIX shell (and so most programs) can read.
pub(super) fn env_name(value: &str) -> Result<&str, Unrepresentable> {
    unless(
        value,
        names::env_name(value),
        "an environment variable name",
    )
}

/// A container image reference such as `debian:bookworm` or `registry:5000/team/base@sha256:...`,
/// checked only for what the `FROM` line needs; `hacc check` applies Docker's grammar.
pub(super) fn image_ref(text: &str) -> Result<&str, Unrepresentable> {
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
/// `/release`. It is written unquoted, so it must hold no shell syntax; `hacc check` applies
/// Debian's naming rules.
pub(super) fn debian_package(text: &str) -> Result<&str, Unrepresentable> {
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
        assert!(hostname("node-1").is_ok() && hostname("a.b").is_ok() && hostname("a_b").is_ok());
        assert!(hostname("-a").is_err() && hostname("a b").is_err() && hostname("").is_err());
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
