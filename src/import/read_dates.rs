//! A rule's `date_expression`s: ranges, comparisons and `date_spec`s.

use super::element::{Context, attribute_span, child, tag_span};
use crate::cib::{CibDateExpression, CibDateFields};
use crate::diagnostic as diag;
use crate::model::{DATE_SPEC_FIELDS, DURATION_FIELDS};
use roxmltree::Node;

pub(super) fn date(ctx: &mut Context<'_>, node: Node<'_, '_>) -> Option<CibDateExpression> {
    ctx.only(
        node,
        &["id", "operation", "start", "end"],
        &["duration", "date_spec"],
    );
    let text = |name| node.attribute(name).map(str::to_string);
    let operation = text("operation").unwrap_or_else(|| "in_range".into());
    if !matches!(operation.as_str(), "in_range" | "gt" | "lt" | "date_spec") {
        ctx.report(
            &diag::AMBIGUOUS_CIB,
            attribute_span(node, "operation"),
            node,
            "date_expression operation",
            format!(
                "a `date_expression` is `in_range`, `gt`, `lt` or `date_spec`, not `{operation}`"
            ),
            None,
        );
        return None;
    }
    Some(CibDateExpression {
        id: text("id").unwrap_or_default(),
        operation,
        start: text("start"),
        end: text("end"),
        duration: fields(ctx, node, "duration", DURATION_FIELDS),
        spec: fields(ctx, node, "date_spec", DATE_SPEC_FIELDS),
    })
}

fn fields(
    ctx: &mut Context<'_>,
    parent: Node<'_, '_>,
    tag: &str,
    names: &[&str],
) -> Option<CibDateFields> {
    let node = child(parent, tag)?;
    let mut known = vec!["id"];
    known.extend(names);
    ctx.only(node, &known, &[]);
    let fields: Vec<(String, String)> = node
        .attributes()
        .filter(|a| a.name() != "id" && names.contains(&a.name()))
        .map(|a| (a.name().to_string(), a.value().to_string()))
        .collect();
    if fields.is_empty() {
        ctx.report(
            &diag::AMBIGUOUS_CIB,
            tag_span(node),
            node,
            format!("empty {tag}"),
            format!("a `{tag}` without fields cannot be imported"),
            None,
        );
    }
    Some(CibDateFields {
        id: node.attribute("id").unwrap_or_default().to_string(),
        fields,
    })
}
