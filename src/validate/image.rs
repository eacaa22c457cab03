//! The node image: base image, packages, copied files and where files are installed.

use super::repeats::repeats;
use super::text::{problem, report};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::limits::{image, paths};
use crate::model::Image;

pub(super) fn check(image: &Image, diags: &mut Diagnostics) {
    let base = &image.base;
    report(diags, base, image::image_reference(base), |why| {
        problem(&diag::INVALID_VALUE, "base image", base, why)
            .label("not an image reference")
            .help(
                "name an image like \"debian:bookworm\" or \"registry.example:5000/team/base:1.0\"",
            )
    });
    for package in &image.packages {
        report(diags, package, image::debian_package(package), |why| {
            problem(&diag::INVALID_VALUE, "package", package, why)
                .label("not a Debian package")
                .help("write a package name like \"python3-flask\", optionally with `=version` or `/release`")
        });
    }
    for copy in &image.copies {
        let source = &copy.source;
        report(diags, source, paths::copy_source(source), |why| {
            problem(&diag::INVALID_VALUE, "copy source", source, why)
                .label("outside the spec's directory")
                .help(
                    "name a file inside the spec's directory, relative to it, e.g. \"app/app.py\"",
                )
        });
    }
    let destinations = image
        .copies
        .iter()
        .map(|c| &c.dest)
        .chain(image.wrappers.iter().map(|w| &w.path));
    for path in destinations.clone() {
        report(diags, path, paths::install_path(path), |why| {
            problem(&diag::INVALID_VALUE, "image path", path, why)
                .label("cannot be installed there")
                .help(format!(
                    "install files elsewhere: hacc owns `{}` and `{}/`, and Linux allows 4095-byte paths of 255-byte names",
                    paths::ENTRYPOINT,
                    paths::STAGING_ROOT
                ))
        });
    }
    let installed = destinations
        .filter(|p| p.starts_with('/'))
        .map(|p| (paths::normalized(p), p.span));
    for (path, span, first) in repeats(installed) {
        diags.push(
            Diagnostic::new(
                &diag::DUPLICATE_NAME,
                span,
                format!("two files are installed at `{}`", shown(&path)),
            )
            .label("second file")
            .related(first, "first installed here")
            .help("give each copied file and wrapper its own path"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    fn codes(image: &str) -> Vec<(&'static str, String)> {
        diagnostics_of(&format!("image {image}"))
            .into_iter()
            .filter(|d| d.code.id != "E0409")
            .map(|d| (d.code.id, d.message))
            .collect()
    }

    #[test]
    fn base_and_packages() {
        assert!(codes(r#"base="debian:bookworm" { packages "curl" "g++"; }"#).is_empty());
        let found = codes(r#"base="Debian" { packages "curl;x" "-y"; }"#);
        let ids: Vec<_> = found.iter().map(|(c, _)| *c).collect();
        assert_eq!(ids, ["E0105", "E0105", "E0105"], "{found:?}");
    }

    #[test]
    fn copies_and_destinations() {
        let found = codes(
            r#"{
                copy "../secret" to="/opt/a"
                copy "/etc/passwd" to="/opt/b"
                copy "ok" to="/usr/local/sbin/hacc-entrypoint"
                copy "ok2" to="/usr/local/share/hacc/files/x"
                wrapper "/opt//a" "true"
            }"#,
        );
        let ids: Vec<_> = found.iter().map(|(c, _)| *c).collect();
        assert_eq!(
            ids,
            ["E0105", "E0105", "E0105", "E0105", "E0201"],
            "{found:?}"
        );
        assert_eq!(found[4].1, "two files are installed at `/opt/a`");
    }
}
