//! Checks a KDL tree against the schema: known nodes and properties, argument counts,
//! required values and value types. Everything found is reported; nothing stops the walk.

use super::values::{is_xml_id, parse_agent, parse_duration, parse_ipv4, parse_subnet, value_span};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::Score;
use crate::schema::{NodeSchema, Schema, ValueType};
use kdl::{KdlEntry, KdlNode, KdlValue};
use std::collections::HashMap;

pub fn check_node(node: &KdlNode, path: &str, diags: &mut Diagnostics) {
    let schema = Schema::get();
    let Some(node_schema) = schema.node(path) else {
        return;
    };
    check_entries(node, node_schema, diags);
    let Some(children) = node.children() else {
        return;
    };
    for child in children.nodes() {
        let name = child.name().value();
        if node_schema.children.iter().any(|c| c == name) {
            check_node(child, &format!("{path}.{name}"), diags);
        } else {
            let parent = path.rsplit('.').next().unwrap_or(path);
            diags.push(
                Diagnostic::new(
                    &diag::UNKNOWN_NODE,
                    child.name().span(),
                    format!("unknown node `{}` in `{parent}`", shown(name)),
                )
                .label("not allowed here")
                .suggest(name, node_schema.children.iter().map(String::as_str)),
            );
        }
    }
}

fn check_entries(node: &KdlNode, schema: &NodeSchema, diags: &mut Diagnostics) {
    let node_name = node.name().value();
    let mut args = 0;
    let mut seen: HashMap<&str, &KdlEntry> = HashMap::new();
    for entry in node.entries() {
        diags.extend(nul_character(entry));
        match entry.name() {
            None => {
                let arg = schema.args.get(args).or(schema.variadic.as_ref());
                match arg {
                    Some(arg) => check_value(entry, arg.ty, None, &arg.name, diags),
                    None => diags.push(
                        Diagnostic::new(
                            &diag::UNEXPECTED_ARGUMENT,
                            entry.span(),
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
                let name = key.value();
                if let Some(first) = seen.insert(name, entry) {
                    diags.push(
                        Diagnostic::new(
                            &diag::DUPLICATE_OPTION,
                            key.span(),
                            format!("`{}` is given twice", shown(name)),
                        )
                        .label("second value")
                        .related(first.span(), "first given here")
                        .help("remove one of them"),
                    );
                }
                match schema.prop(name) {
                    Some(prop) => check_value(entry, prop.ty, prop.values.as_deref(), name, diags),
                    None => diags.push(
                        Diagnostic::new(
                            &diag::UNKNOWN_PROPERTY,
                            key.span(),
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
                node.name().span(),
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
        if prop.required && !seen.contains_key(name.as_str()) {
            diags.push(
                Diagnostic::new(
                    &diag::MISSING_VALUE,
                    node.name().span(),
                    format!("`{node_name}` needs `{name}=`"),
                )
                .label(format!("missing `{name}`"))
                .help(format!("add `{name}=...`: {}", prop.doc)),
            );
        }
    }
}

/// No file hacc writes can carry a NUL character, in a name or a value.
fn nul_character(entry: &KdlEntry) -> Option<Diagnostic> {
    let in_name = entry.name().filter(|n| n.value().contains('\0'));
    let span = match in_name {
        Some(name) => name.span(),
        None if entry.value().as_string()?.contains('\0') => value_span(entry),
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

fn check_value(
    entry: &KdlEntry,
    ty: ValueType,
    allowed: Option<&[String]>,
    what: &str,
    diags: &mut Diagnostics,
) {
    let span = value_span(entry);
    let value = entry.value();
    if value.as_string().is_some_and(|s| s.contains('\0')) {
        return; // reported by `nul_character`, one problem per value
    }
    // For `*` properties the name is the user's own.
    let what = &shown(what);
    let wrong_type = |expected: &str| {
        Diagnostic::new(
            &diag::WRONG_TYPE,
            span,
            format!("`{what}` must be {expected}"),
        )
        .label(format!("this is {}", describe(value)))
    };
    let text = value.as_string();
    let problem = match ty {
        ValueType::Bool => (!value.is_bool()).then(|| {
            wrong_type("#true or #false").help("KDL v2 booleans are `#true` and `#false`")
        }),
        ValueType::Integer => match value.as_integer() {
            Some(i) if (0..=u32::MAX as i128).contains(&i) => None,
            Some(_) => Some(
                Diagnostic::new(
                    &diag::INVALID_VALUE,
                    span,
                    format!("`{what}` is out of range"),
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
                    format!("`{what}` is not a port number"),
                )
                .label("must be between 1 and 65535"),
            ),
            None => Some(wrong_type("a port number").help_for_quoted(value)),
        },
        ValueType::Value => value
            .is_null()
            .then(|| wrong_type("a string, number or boolean")),
        ValueType::Score => match value {
            KdlValue::Integer(_) => None,
            KdlValue::String(s) if Score::parse(s).is_some() => None,
            KdlValue::String(s) => Some(
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
            KdlValue::Integer(i) if *i >= 0 => None,
            KdlValue::String(s) if parse_duration(s).is_some() => None,
            KdlValue::String(s) => Some(
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
        let text = crate::decode::values::value_text(value);
        (!allowed.contains(&text)).then(|| {
            Diagnostic::new(
                &diag::INVALID_VALUE,
                span,
                format!("`{}` is not a valid `{what}`", shown(&text)),
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
        ValueType::Agent => parse_agent(text).err().map(|why| {
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
            Diagnostic::new(&diag::INVALID_VALUE, span, format!("`{what}` is empty"))
                .label("empty name")
                .help("name a node or resource defined in the spec"),
        ),
        // A NUL character is reported for every value, paths included.
        ValueType::Path if !text.starts_with('/') || text.contains('\n') => Some(
            Diagnostic::new(
                &diag::INVALID_VALUE,
                span,
                format!("`{what}` must be an absolute path"),
            )
            .label("not an absolute path")
            .help("write a path that starts with `/`, on one line"),
        ),
        _ => None,
    }
}

fn describe(value: &KdlValue) -> &'static str {
    match value {
        KdlValue::String(_) => "a string",
        KdlValue::Integer(_) => "an integer",
        KdlValue::Float(_) => "a float",
        KdlValue::Bool(_) => "a boolean",
        KdlValue::Null => "#null",
    }
}

trait HelpExt {
    fn help_if_none(self, help: String) -> Self;
    fn help_for_quoted(self, value: &KdlValue) -> Self;
}

impl HelpExt for Diagnostic {
    fn help_if_none(self, help: String) -> Self {
        if self.help.is_some() {
            self
        } else {
            self.help(help)
        }
    }

    fn help_for_quoted(self, value: &KdlValue) -> Self {
        match value {
            KdlValue::String(s) if s.trim().parse::<i64>().is_ok() => {
                self.help(format!("remove the quotes: {}", s.trim()))
            }
            _ => self.help("write a whole number without quotes"),
        }
    }
}
