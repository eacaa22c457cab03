//! Checks a KDL tree against the schema: known nodes and properties, argument counts,
//! required values and value types. Everything found is reported; nothing stops the walk.

use super::scalars::{agent_parts, is_xml_id, parse_duration, parse_ipv4, parse_subnet};
use super::schema_index::{IndexedNode, SchemaIndex};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::Score;
use crate::parse::{Entry, Node, Value};
use crate::schema::{NodeSchema, ValueType};
use std::collections::HashMap;

pub(super) fn check_node(node: &Node<'_>, path: &str, diags: &mut Diagnostics) {
    let index = SchemaIndex::get();
    if let Some(at) = index.index_of(path) {
        check_indexed(
            node,
            index,
            at,
            path.rsplit('.').next().unwrap_or(path),
            diags,
        );
    }
}

/// `name` is the node's own name in the schema (the last part of its path).
fn check_indexed(
    node: &Node<'_>,
    index: &SchemaIndex,
    at: usize,
    name: &str,
    diags: &mut Diagnostics,
) {
    let indexed = index.node(at);
    check_entries(node, indexed, diags);
    for child in node.children() {
        let child_name = child.name();
        match indexed.child(child_name) {
            Some(child_at) => check_indexed(child, index, child_at, child_name, diags),
            None if name == "rule" && DEFAULTS_ONLY.contains(&child_name) => {
                diags.push(defaults_only(child_name, child.name.span));
            }
            None => diags.push(
                Diagnostic::new(
                    &diag::UNKNOWN_NODE,
                    child.name.span,
                    format!("unknown node `{}` in `{name}`", shown(child_name)),
                )
                .label("not allowed here")
                .suggest(
                    child_name,
                    indexed.schema.children.iter().map(String::as_str),
                ),
            ),
        }
    }
}

/// The tests Pacemaker evaluates only in the rules of `rsc_defaults` and `op_defaults` sets;
/// the schema has them there alone.
const DEFAULTS_ONLY: &[&str] = &["rsc-expression", "op-expression"];

fn defaults_only(test: &str, span: miette::SourceSpan) -> Diagnostic {
    let (places, help) = if test == "op-expression" {
        (
            "the rules of an `op-defaults-set`",
            "Pacemaker matches operations only while it reads operation defaults: move the \
             values into an `op-defaults-set`",
        )
    } else {
        (
            "the rules of an `rsc-defaults-set` or an `op-defaults-set`",
            "Pacemaker matches resource agents only while it reads defaults: move the values \
             into an `rsc-defaults-set` or `op-defaults-set`",
        )
    };
    Diagnostic::new(
        &diag::DEFAULTS_ONLY_EXPRESSION,
        span,
        format!("`{test}` is a test of {places} only"),
    )
    .label("Pacemaker never matches it here")
    .help(help)
}

/// Nodes with more properties than this find repeated keys with a map, not by looking back.
const FEW_ENTRIES: usize = 16;

fn check_entries(node: &Node<'_>, indexed: &IndexedNode, diags: &mut Diagnostics) {
    let schema = indexed.schema;
    let node_name = node.name();
    let mut args = 0;
    // Built only for nodes with many entries; small ones look back over their entries.
    let mut seen: Option<HashMap<&str, &Entry<'_>>> =
        (node.entries.len() > FEW_ENTRIES).then(HashMap::new);
    for (position, entry) in node.entries.iter().enumerate() {
        diags.extend(nul_character(entry));
        match &entry.name {
            None => {
                let arg = schema.args.get(args).or(schema.variadic.as_ref());
                match arg {
                    Some(arg) => check_value(entry, arg.ty, None, &arg.name, diags),
                    None => diags.push(
                        Diagnostic::new(
                            &diag::UNEXPECTED_ARGUMENT,
                            entry.span,
                            format!(
                                "`{node_name}` takes {} argument{}",
                                schema.args.len(),
                                if schema.args.len() == 1 { "" } else { "s" }
                            ),
                        )
                        .label("unexpected argument")
                        .help(props_help(schema)),
                    ),
                }
                args += 1;
            }
            Some(key) => {
                let name = &*key.value;
                // The latest earlier entry with this key, as a map replacing its values finds.
                let earlier = match &mut seen {
                    Some(seen) => seen.insert(name, entry),
                    None => node.entries[..position]
                        .iter()
                        .rev()
                        .find(|e| e.key() == Some(name)),
                };
                if let Some(first) = earlier {
                    diags.push(
                        Diagnostic::new(
                            &diag::DUPLICATE_OPTION,
                            key.span,
                            format!("`{}` is given twice", shown(name)),
                        )
                        .label("second value")
                        .related(first.span, "first given here")
                        .help("remove one of them"),
                    );
                }
                match indexed.prop(name) {
                    Some(prop) => check_value(entry, prop.ty, prop.values.as_deref(), name, diags),
                    None => diags.push(
                        Diagnostic::new(
                            &diag::UNKNOWN_PROPERTY,
                            key.span,
                            format!("unknown property `{}` on `{node_name}`", shown(name)),
                        )
                        .label("unknown")
                        .suggest(name, schema.props.keys().map(String::as_str))
                        .help_if_none(props_help(schema)),
                    ),
                }
            }
        }
    }
    let required_args = schema.args.iter().filter(|a| a.required).count();
    if args < required_args {
        let missing = &schema.args[args];
        diags.push(
            Diagnostic::new(
                &diag::MISSING_VALUE,
                node.name.span,
                format!("`{node_name}` needs its {} argument", missing.name),
            )
            .label(format!("missing {}", missing.name))
            .help(format!(
                "write `{node_name} <{}>`: {}",
                missing.name, missing.doc
            )),
        );
    }
    for (name, prop) in &schema.props {
        let given = || node.entries.iter().any(|e| e.key() == Some(name.as_str()));
        if prop.required && !given() {
            diags.push(
                Diagnostic::new(
                    &diag::MISSING_VALUE,
                    node.name.span,
                    format!("`{node_name}` needs `{name}=`"),
                )
                .label(format!("missing `{name}`"))
                .help(format!("add `{name}=...`: {}", prop.doc)),
            );
        }
    }
}

/// No file hacc writes can carry a NUL character, in a name or a value.
fn nul_character(entry: &Entry<'_>) -> Option<Diagnostic> {
    let in_name = entry.name.as_ref().filter(|n| n.value.contains('\0'));
    let span = match in_name {
        Some(name) => name.span,
        None if entry.value.as_str()?.contains('\0') => entry.value_span,
        None => return None,
    };
    Some(
        Diagnostic::new(&diag::UNCARRIED_VALUE, span, "text holds a NUL character")
            .label("NUL character")
            .help("remove the `\\u{0}`: no generated file can carry it"),
    )
}

fn props_help(schema: &NodeSchema) -> String {
    if schema.props.is_empty() {
        return "this node takes no properties".into();
    }
    let names: Vec<&str> = schema.props.keys().map(String::as_str).collect();
    format!("accepted properties: {}", names.join(", "))
}

#[allow(
    clippy::too_many_lines,
    reason = "one arm per node of the spec's top level, read in one pass"
)]
fn check_value(
    entry: &Entry<'_>,
    ty: ValueType,
    allowed: Option<&[String]>,
    what: &str,
    diags: &mut Diagnostics,
) {
    let span = entry.value_span;
    let value = &entry.value;
    let text = value.as_str();
    if text.is_some_and(|s| s.contains('\0')) {
        return; // reported by `nul_character`, one problem per value
    }
    // For `*` properties the name is the user's own; shown only in a diagnostic.
    let shown_what = || shown(what);
    let wrong_type = |expected: &str| {
        Diagnostic::new(
            &diag::WRONG_TYPE,
            span,
            format!("`{}` must be {expected}", shown_what()),
        )
        .label(format!("this is {}", describe(value)))
    };
    let problem = match ty {
        ValueType::Bool => value.as_bool().is_none().then(|| {
            wrong_type("#true or #false").help("KDL v2 booleans are `#true` and `#false`")
        }),
        ValueType::Integer => match value.as_integer() {
            Some(i) if (0..=i128::from(u32::MAX)).contains(&i) => None,
            Some(_) => Some(
                Diagnostic::new(
                    &diag::INVALID_VALUE,
                    span,
                    format!("`{}` is out of range", shown_what()),
                )
                .label("must be between 0 and 4294967295"),
            ),
            None => Some(wrong_type("an integer").help_for_quoted(value)),
        },
        ValueType::Port => match value.as_integer() {
            Some(i) if (1..=65535).contains(&i) => None,
            Some(_) => Some(
                Diagnostic::new(
                    &diag::INVALID_VALUE,
                    span,
                    format!("`{}` is not a port number", shown_what()),
                )
                .label("must be between 1 and 65535"),
            ),
            None => Some(wrong_type("a port number").help_for_quoted(value)),
        },
        ValueType::Value => {
            matches!(value, Value::Null).then(|| wrong_type("a string, number or boolean"))
        }
        ValueType::Score => match value {
            Value::Integer(_) => None,
            Value::String(s) if Score::parse(s).is_some() => None,
            Value::String(s) => Some(
                Diagnostic::new(
                    &diag::INVALID_SCORE,
                    span,
                    format!("`{}` is not a score", shown(s)),
                )
                .label("not a score")
                .help("use an integer, \"INFINITY\" or \"-INFINITY\""),
            ),
            _ => Some(wrong_type("a score")),
        },
        ValueType::Duration => match value {
            Value::Integer(i) if *i >= 0 => parse_duration(&i.to_string()).is_none().then(|| {
                Diagnostic::new(
                    &diag::INVALID_DURATION,
                    span,
                    format!("`{}` is too long a duration", shown_what()),
                )
                .label("more milliseconds than Pacemaker counts")
                .help("write a number with a unit, e.g. \"10s\", \"2min\", \"1h\"")
            }),
            Value::String(s) if parse_duration(s).is_some() => None,
            Value::String(s) => Some(
                Diagnostic::new(
                    &diag::INVALID_DURATION,
                    span,
                    format!("`{}` is not a duration", shown(s)),
                )
                .label("not a duration")
                .help("write a number with a unit, e.g. \"10s\", \"500ms\", \"2min\""),
            ),
            _ => Some(wrong_type("a duration")),
        },
        _ => match text {
            None => Some(wrong_type("a string").help("quote the value")),
            Some(s) => check_text(s, ty, what, span),
        },
    };
    let problem = problem.or_else(|| {
        let allowed = allowed?;
        let text = value.text();
        (!allowed.iter().any(|a| *a == *text)).then(|| {
            Diagnostic::new(
                &diag::INVALID_VALUE,
                span,
                format!("`{}` is not a valid `{}`", shown(&text), shown_what()),
            )
            .label("not allowed")
            .suggest(&text, allowed.iter().map(String::as_str))
            .help_if_none(format!("use one of: {}", allowed.join(", ")))
        })
    });
    if let Some(problem) = problem {
        diags.push(problem);
    }
}

/// `what` is the option's name as written; it is shown only in a diagnostic.
fn check_text(
    text: &str,
    ty: ValueType,
    what: &str,
    span: miette::SourceSpan,
) -> Option<Diagnostic> {
    match ty {
        ValueType::Address => parse_ipv4(text).is_none().then(|| {
            Diagnostic::new(
                &diag::INVALID_ADDRESS,
                span,
                format!("`{}` is not an IPv4 address", shown(text)),
            )
            .label("invalid address")
            .help("write it like \"10.0.0.11\"")
        }),
        ValueType::Subnet => parse_subnet(text).err().map(|why| {
            Diagnostic::new(
                &diag::INVALID_ADDRESS,
                span,
                format!("`{}` is not a valid subnet", shown(text)),
            )
            .label("invalid subnet")
            .help(why)
        }),
        ValueType::Agent => agent_parts(text).err().map(|why| {
            Diagnostic::new(
                &diag::INVALID_AGENT,
                span,
                format!("`{}` is not a resource agent", shown(text)),
            )
            .label(why)
            .help("write `ocf:heartbeat:IPaddr2`, `systemd:nginx` or `stonith:fence_xvm`")
        }),
        ValueType::Id => (!is_xml_id(text)).then(|| {
            Diagnostic::new(
                &diag::INVALID_ID,
                span,
                format!("`{}` is not a valid id", shown(text)),
            )
            .label("not an XML id")
            .help("start with a letter or `_`; use only letters, digits, `-`, `_` and `.`")
        }),
        ValueType::Reference if text.is_empty() => Some(
            Diagnostic::new(
                &diag::INVALID_VALUE,
                span,
                format!("`{}` is empty", shown(what)),
            )
            .label("empty name")
            .help("name a node or resource defined in the spec"),
        ),
        // A NUL character is reported for every value, paths included.
        ValueType::Path if !text.starts_with('/') || text.contains('\n') => Some(
            Diagnostic::new(
                &diag::INVALID_VALUE,
                span,
                format!("`{}` must be an absolute path", shown(what)),
            )
            .label("not an absolute path")
            .help("write a path that starts with `/`, on one line"),
        ),
        _ => None,
    }
}

fn describe(value: &Value<'_>) -> &'static str {
    match value {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a float",
        Value::Bool(_) => "a boolean",
        Value::Null => "#null",
    }
}

trait HelpExt {
    fn help_if_none(self, help: String) -> Self;
    fn help_for_quoted(self, value: &Value<'_>) -> Self;
}

impl HelpExt for Diagnostic {
    fn help_if_none(self, help: String) -> Self {
        if self.help.is_some() {
            self
        } else {
            self.help(help)
        }
    }

    fn help_for_quoted(self, value: &Value<'_>) -> Self {
        match value {
            Value::String(s) if s.trim().parse::<i64>().is_ok() => {
                self.help(format!("remove the quotes: {}", s.trim()))
            }
            _ => self.help("write a whole number without quotes"),
        }
    }
}
