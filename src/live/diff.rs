//! Comparing two configurations object by object: added, removed, and changed with each field
//! that differs as `old -> new`.

use super::cib::{Kind, Object, Objects};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeAction {
    Add,
    Change,
    Remove,
}

/// One field of a changed object; `None` where the field is absent on that side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectChange {
    pub action: ChangeAction,
    /// `primitive`, `location`, `property`, ...
    pub kind: String,
    pub id: String,
    /// For a change, the fields that differ; empty for an add or a remove.
    pub fields: Vec<FieldChange>,
    /// Resources the object names, on either side.
    #[serde(skip)]
    pub refs: Vec<String>,
}

/// The changes that turn `live` into `desired`, in (kind, id) order.
pub fn diff(live: &Objects, desired: &Objects) -> Vec<ObjectChange> {
    let mut keys: Vec<&(Kind, String)> = live.keys().chain(desired.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| match (live.get(key), desired.get(key)) {
            (None, Some(new)) => Some(change(ChangeAction::Add, new, Vec::new(), &[])),
            (Some(old), None) => Some(change(ChangeAction::Remove, old, Vec::new(), &[])),
            (Some(old), Some(new)) => {
                let fields = field_changes(old, new);
                (!fields.is_empty()).then(|| change(ChangeAction::Change, new, fields, &old.refs))
            }
            (None, None) => None,
        })
        .collect()
}

fn change(
    action: ChangeAction,
    object: &Object,
    fields: Vec<FieldChange>,
    old_refs: &[String],
) -> ObjectChange {
    let mut refs = object.refs.clone();
    refs.extend(old_refs.iter().cloned());
    refs.sort();
    refs.dedup();
    ObjectChange {
        action,
        kind: object.kind.word().to_string(),
        id: object.id.clone(),
        fields,
        refs,
    }
}

fn field_changes(old: &Object, new: &Object) -> Vec<FieldChange> {
    let mut names: Vec<&String> = old.fields.keys().chain(new.fields.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|name| old.fields.get(*name) != new.fields.get(*name))
        .map(|name| FieldChange {
            field: name.clone(),
            old: old.fields.get(name).cloned(),
            new: new.fields.get(name).cloned(),
        })
        .collect()
}

impl ObjectChange {
    /// `score 100 -> 200, params ip (none) -> 10.0.0.9`; a property shows its value alone.
    pub fn describe_fields(&self) -> String {
        self.fields
            .iter()
            .map(|f| {
                let side = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
                let arrow = format!("{} -> {}", side(&f.old), side(&f.new));
                match f.field.as_str() {
                    "value" => arrow,
                    field => format!("{field} {arrow}"),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn symbol(&self) -> char {
        match self.action {
            ChangeAction::Add => '+',
            ChangeAction::Change => '~',
            ChangeAction::Remove => '-',
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::cib::objects;
    use crate::live::xml::parse;

    fn config(score: &str, extra: &str) -> Objects {
        let text = format!(
            "<configuration><constraints><rsc_location id=\"prefer\" rsc=\"site\" node=\"n1\" \
             score=\"{score}\"/>{extra}</constraints></configuration>"
        );
        objects(&parse(&text, "test").unwrap())
    }

    #[test]
    fn changes_name_each_field_and_adds_and_removes_whole_objects() {
        let live = config("100", "<rsc_order id=\"old\" first=\"a\" then=\"b\"/>");
        let desired = config(
            "200",
            "<rsc_colocation id=\"new\" rsc=\"a\" with-rsc=\"b\"/>",
        );
        let changes = diff(&live, &desired);
        let shown: Vec<String> = changes
            .iter()
            .map(|c| {
                format!(
                    "{} {} {}: {}",
                    c.symbol(),
                    c.kind,
                    c.id,
                    c.describe_fields()
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                "+ colocation new: ",
                "~ location prefer: score 100 -> 200",
                "- order old: ",
            ]
        );
        assert_eq!(changes[1].refs, ["site"]);
        assert!(diff(&live, &live).is_empty());
    }
}
