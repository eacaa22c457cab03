//! Cluster properties: known names and values, unsafe values acknowledged, fencing configured.

use super::cluster_options::{self, Kind, Release, parse_bool};
use super::text::settled;
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Cluster, Property, Resource};
use crate::spanned::Spanned;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    for property in cluster.properties.iter().filter(|p| !p.name.is_empty()) {
        known(property, diags);
        if let (Some(risk), None) = (unsafe_value(property), &property.acknowledged) {
            diags.push(unacknowledged(property, risk));
        }
    }
    fencing_device(cluster, diags);
    suicide_without_fencing(cluster, diags);
}

/// `no-quorum-policy=suicide` fences the node itself: with fencing disabled, Pacemaker uses
/// `stop` instead and reports the configuration invalid.
fn suicide_without_fencing(cluster: &Cluster, diags: &mut Diagnostics) {
    let last = |name: &str| cluster.properties.iter().rfind(|p| p.name.value == name);
    let (Some(policy), Some(fencing)) = (last("no-quorum-policy"), last("stonith-enabled")) else {
        return;
    };
    if policy.value.value == "suicide" && parse_bool(&fencing.value) == Some(false) {
        diags.push(
            Diagnostic::new(
                &diag::UNKNOWN_CLUSTER_PROPERTY,
                policy.value.span,
                "`no-quorum-policy` `suicide` needs fencing, which is disabled",
            )
            .label("Pacemaker would use `stop` instead")
            .related(fencing.value.span, "fencing disabled here")
            .help("use `stop`, or enable fencing"),
        );
    }
}

/// A name no release of Pacemaker reads. Close to an option, it is a misspelling and an error;
/// otherwise it is kept with a warning, since Pacemaker stores any `crm_config` name and
/// resource agents keep their state there (redis's `redis_REPL_INFO`).
fn unknown_name(name: &Spanned<String>) -> Diagnostic {
    let misspelt = Diagnostic::new(
        &diag::UNKNOWN_CLUSTER_PROPERTY,
        name.span,
        format!("unknown cluster property `{}`", shown(name)),
    )
    .label("not a Pacemaker cluster option")
    .suggest(name, cluster_options::names());
    if misspelt.help.is_some() {
        return misspelt;
    }
    Diagnostic::new(
        &diag::FOREIGN_CLUSTER_PROPERTY,
        name.span,
        format!("`{}` is not a Pacemaker cluster option", shown(name)),
    )
    .label("Pacemaker keeps it and ignores it")
    .help(
        "resource and operation defaults go in `rsc-defaults` and `op-defaults`; state a \
         resource agent writes at run time does not belong in the spec",
    )
}

fn known(property: &Property, diags: &mut Diagnostics) {
    let (name, value) = (&property.name, &property.value);
    pacemaker3_spelling(property, diags);
    let release = cluster_options::other_release(name);
    if let Some(release) = release {
        diags.push(other_release(name, release));
    }
    let read_as = match release {
        Some(Release::Older(Some(current))) => current,
        Some(_) => return,
        None => name.as_str(),
    };
    let Some(kind) = cluster_options::kind(read_as) else {
        diags.push(unknown_name(name));
        return;
    };
    if kind == Kind::ReadOnly {
        diags.push(
            Diagnostic::new(
                &diag::UNKNOWN_CLUSTER_PROPERTY,
                name.span,
                format!("`{name}` is maintained by Pacemaker"),
            )
            .label("read-only")
            .help("remove it: Pacemaker sets this property itself"),
        );
        return;
    }
    if let Some((_, old, new)) = cluster_options::ALIASES
        .iter()
        .find(|(option, old, _)| *option == name.as_str() && *old == value.as_str())
    {
        diags.push(
            Diagnostic::new(
                &diag::OTHER_RELEASE_OPTION,
                value.span,
                format!("`{old}` is a deprecated value of `{name}`"),
            )
            .label(format!("Pacemaker 2.1 reads it as `{new}` and warns"))
            .help(format!("write `{new}`, which means the same")),
        );
        return;
    }
    if cluster_options::DEPRECATED_WHEN_ON.contains(&name.as_str())
        && parse_bool(value) == Some(true)
    {
        diags.push(
            Diagnostic::new(
                &diag::UNKNOWN_CLUSTER_PROPERTY,
                value.span,
                format!("`{name}` is deprecated"),
            )
            .label("Pacemaker warns when it is on")
            .help("remove it: Pacemaker 2.1 deprecates it and will drop it"),
        );
        return;
    }
    // An empty placeholder stands for a value reported missing; one given empty is checked.
    let placeholder = value.is_empty() && settled(diags, value);
    if !placeholder && !kind.accepts(value) {
        let diagnostic = Diagnostic::new(
            &diag::UNKNOWN_CLUSTER_PROPERTY,
            value.span,
            format!("`{}` is not a valid `{name}`", shown(value)),
        )
        .label("invalid value");
        let diagnostic = match kind {
            Kind::Select(values) => diagnostic.suggest(value, values.iter().copied()),
            _ => diagnostic,
        };
        let diagnostic = if diagnostic.help.is_some() {
            diagnostic
        } else {
            diagnostic.help(format!("`{name}` takes {}", kind.expected()))
        };
        diags.push(diagnostic);
    }
}

/// A Pacemaker 3 name or value, which the model holds as Pacemaker 2.1's.
fn pacemaker3_spelling(property: &Property, diags: &mut Diagnostics) {
    let (name, value) = (&property.name, &property.value);
    let written = &property.written_as;
    let (span, message, what) = match (&written.name, &written.value) {
        (Some(new), _) => (
            name.span,
            format!("`{new}` is Pacemaker 3's name of `{name}`"),
            format!("`{name}`"),
        ),
        (None, Some(new)) => (
            value.span,
            format!("`{new}` is Pacemaker 3's name of the `{name}` value `{value}`"),
            format!("`{value}`"),
        ),
        (None, None) => return,
    };
    diags.push(
        Diagnostic::new(&diag::PACEMAKER3_NAME, span, message)
            .label(format!("Pacemaker 2.1 ignores it: the CIB says {what}"))
            .help(format!("write {what}, as Pacemaker 2.1 calls it")),
    );
}

/// A name of an older or later Pacemaker than the 2.1 hacc builds for.
fn other_release(name: &Spanned<String>, release: Release) -> Diagnostic {
    let shown = shown(name);
    let (message, label, help) = match release {
        Release::Older(Some(current)) => (
            format!("`{shown}` is the old name of `{current}`"),
            format!("Pacemaker 2.1 reads it as `{current}`"),
            format!("write `{current}`, which means the same"),
        ),
        Release::Older(None) => (
            format!("`{shown}` is an option of an older Pacemaker"),
            "Pacemaker 2.1 ignores it".to_string(),
            "remove it: it has no effect".to_string(),
        ),
        Release::Newer => (
            format!("`{shown}` is an option of a later Pacemaker"),
            "Pacemaker 2.1.5 ignores it".to_string(),
            "remove it: the Pacemaker 2.1 hacc builds for does nothing with it".to_string(),
        ),
    };
    Diagnostic::new(&diag::OTHER_RELEASE_OPTION, name.span, message)
        .label(label)
        .help(help)
}

/// What can go wrong with this value, when it is one of the unsafe ones.
fn unsafe_value(property: &Property) -> Option<&'static str> {
    match (property.name.as_str(), property.value.as_str()) {
        ("stonith-enabled", value) if parse_bool(value) == Some(false) => Some("fencing disabled"),
        ("no-quorum-policy", "ignore") => Some("quorum ignored"),
        _ => None,
    }
}

fn unacknowledged(property: &Property, risk: &str) -> Diagnostic {
    let name = &property.name;
    Diagnostic::new(
        &diag::UNSAFE_PROPERTY,
        property.value.span,
        format!("`{name}` is unsafe without an acknowledgement"),
    )
    .label(format!("{risk}: a split cluster may run resources twice"))
    .help("keep the default, or add `{ unsafe-acknowledged \"reason\" }` to this property")
}

/// Pacemaker starts nothing while fencing is on and there is no device to fence with.
fn fencing_device(cluster: &Cluster, diags: &mut Diagnostics) {
    let setting = cluster
        .properties
        .iter()
        .rfind(|p| p.name.value == "stonith-enabled");
    let enabled = setting.map_or(Some(true), |p| parse_bool(&p.value));
    let has_device = cluster
        .resources
        .iter()
        .any(|r| matches!(r, Resource::Primitive(p) if p.agent.class == "stonith"));
    if enabled != Some(true) || has_device {
        return;
    }
    let (span, label) = match setting {
        Some(p) => (p.value.span, "fencing enabled here"),
        None => (cluster.name.span, "fencing is on by default"),
    };
    diags.push(
        Diagnostic::new(
            &diag::FENCING_WITHOUT_DEVICE,
            span,
            "fencing is enabled but there is no fencing device",
        )
        .label(label)
        .help(
            "add a `stonith:` primitive, or disable fencing with an `unsafe-acknowledged` reason",
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    #[test]
    fn unknown_names_and_bad_values() {
        let diags = diagnostics_of(
            r#"property "stonith-enabeld" #true
               property "no-quorum-policy" "stopp"
               property "cluster-recheck-interval" "soon"
               property "have-watchdog" #true"#,
        );
        let bad: Vec<_> = diags.iter().filter(|d| d.code.id == "E0408").collect();
        assert_eq!(bad.len(), 4, "{diags:#?}");
        assert_eq!(
            bad[0].help.as_deref(),
            Some("did you mean `stonith-enabled`?")
        );
        assert_eq!(bad[1].help.as_deref(), Some("did you mean `stop`?"));
    }
}
