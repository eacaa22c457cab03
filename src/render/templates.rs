//! The shared minijinja environment: templates embedded in the binary, strict undefined
//! variables, one escaping filter per target format, and a formatter that refuses to print a
//! string no filter has escaped, so no spec value reaches a file unquoted by accident.

use super::{Artifact, RenderError, bare, escape};
use minijinja::value::{Serde, Value, ValueKind};
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior, syntax::SyntaxConfig};
use serde::Serialize;
use std::sync::LazyLock;

/// Every template, by name, as compiled into the binary.
const TEMPLATES: &[(&str, &str)] = &[
    ("Dockerfile.j2", include_str!("templates/Dockerfile.j2")),
    ("dockerignore.j2", include_str!("templates/dockerignore.j2")),
    ("wrapper.sh.j2", include_str!("templates/wrapper.sh.j2")),
    (
        "entrypoint.sh.j2",
        include_str!("templates/entrypoint.sh.j2"),
    ),
    (
        "docker-compose.yml.j2",
        include_str!("templates/docker-compose.yml.j2"),
    ),
    (
        "corosync.conf.j2",
        include_str!("templates/corosync.conf.j2"),
    ),
    ("haproxy.cfg.j2", include_str!("templates/haproxy.cfg.j2")),
    (
        "front.Dockerfile.j2",
        include_str!("templates/front.Dockerfile.j2"),
    ),
    (
        "fence-gateway.haproxy.cfg.j2",
        include_str!("templates/fence-gateway.haproxy.cfg.j2"),
    ),
    (
        "fence-gateway.Dockerfile.j2",
        include_str!("templates/fence-gateway.Dockerfile.j2"),
    ),
];

static ENVIRONMENT: LazyLock<Environment<'static>> = LazyLock::new(environment);

/// Renders the named template with a serializable context.
pub(super) fn render(name: &str, context: impl Serialize) -> Result<String, Error> {
    ENVIRONMENT.get_template(name)?.render(Serde(context))
}

/// Renders a data file (mode 0644) from a template.
pub(super) fn file(
    path: &str,
    template: &str,
    context: impl Serialize,
) -> Result<Artifact, RenderError> {
    Ok(Artifact::file(path, rendered(path, template, context)?))
}

/// Renders an executable script (mode 0755) from a template.
pub(super) fn script(
    path: &str,
    template: &str,
    context: impl Serialize,
) -> Result<Artifact, RenderError> {
    Ok(Artifact::script(path, rendered(path, template, context)?))
}

fn rendered(path: &str, template: &str, context: impl Serialize) -> Result<String, RenderError> {
    render(template, context).map_err(|e| RenderError {
        path: path.to_string(),
        message: e.detail().map_or_else(|| e.to_string(), str::to_string),
    })
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("static syntax config"),
    );
    env.set_formatter(|out, _state, value| {
        if value.is_safe() || value.kind() == ValueKind::Number {
            write!(out, "{value}").map_err(Error::from)
        } else {
            Err(Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "{} `{}` is printed without an escaping filter",
                    value.kind(),
                    preview(&value.to_string())
                ),
            ))
        }
    });
    env.add_filter("yaml", |v: Value| Ok(safe(escape::yaml(&text(&v)?))));
    add_quoting(&mut env, "compose", escape::compose);
    add_quoting(&mut env, "sh", escape::shell);
    add_quoting(&mut env, "haproxy", escape::haproxy);
    env.add_filter("comment", |v: Value| Ok(safe(escape::comment(&text(&v)?))));
    add_bare(&mut env, "corosync", bare::corosync);
    add_bare(&mut env, "hostname", bare::hostname);
    add_bare(&mut env, "compose_name", bare::compose_name);
    add_bare(&mut env, "env_name", bare::env_name);
    add_bare(&mut env, "image_ref", bare::image_ref);
    add_bare(&mut env, "debian_package", bare::debian_package);
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .unwrap_or_else(|e| panic!("template `{name}` does not compile: {e}"));
    }
    env
}

fn add_quoting(
    env: &mut Environment<'static>,
    name: &'static str,
    quote: fn(&str) -> Result<String, escape::Unrepresentable>,
) {
    env.add_filter(name, move |v: Value| {
        let text = text(&v)?;
        quote(&text).map(safe).map_err(|e| refused(&text, e))
    });
}

fn add_bare(
    env: &mut Environment<'static>,
    name: &'static str,
    check: fn(&str) -> Result<&str, escape::Unrepresentable>,
) {
    env.add_filter(name, move |v: Value| {
        let text = text(&v)?;
        check(&text)
            .map(|t| safe(t.to_string()))
            .map_err(|e| refused(&text, e))
    });
}

/// Strings and numbers are text; anything else (booleans, lists) must be spelled out by the
/// template in the target format.
fn text(value: &Value) -> Result<String, Error> {
    match value.kind() {
        ValueKind::String | ValueKind::Number => Ok(value.to_string()),
        kind => Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("an escaping filter got a {kind}, not text"),
        )),
    }
}

fn safe(text: String) -> Value {
    Value::from_safe_string(text)
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "the reason is made for this error"
)]
fn refused(text: &str, why: escape::Unrepresentable) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        format!("`{}` cannot be written: {}", preview(text), why.0),
    )
}

/// The start of a value, on one line, for error messages about values of any size.
fn preview(text: &str) -> String {
    const LIMIT: usize = 60;
    let mut shown: String = text
        .chars()
        .take(LIMIT)
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    if text.chars().count() > LIMIT {
        shown.push_str("...");
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_str(source: &str, value: &str) -> Result<String, Error> {
        let mut env = environment();
        env.add_template_owned("test", source.to_string()).unwrap();
        env.get_template("test")?
            .render(minijinja::context! { v => value })
    }

    #[test]
    fn unescaped_strings_are_refused() {
        let error = render_str("{{ v }}", "x").unwrap_err();
        assert!(error.to_string().contains("without an escaping filter"));
        assert_eq!(render_str("{{ v | sh }}", "x").unwrap(), "'x'");
    }

    #[test]
    fn undefined_variables_are_errors() {
        assert!(render_str("{{ missing | sh }}", "x").is_err());
    }

    #[test]
    fn unrepresentable_values_are_errors() {
        let error = render_str("{{ v | corosync }}", "a\nb").unwrap_err();
        assert!(
            error.to_string().contains(r"`a\nb` cannot be written"),
            "{error}"
        );
    }

    #[test]
    fn every_template_compiles() {
        let env = environment();
        for (name, _) in TEMPLATES {
            assert!(env.get_template(name).is_ok(), "{name}");
        }
    }
}
