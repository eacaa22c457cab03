//! `hacc check --format sarif`: a SARIF 2.1.0 log for code-scanning tools. Every code of the
//! registry is a rule, so a rule's index is the same in every log hacc writes.

use super::position::{LineIndex, Region};
use super::{Report, severity_name};
use crate::diagnostic::{ALL_CODES, Code, Diagnostic};
use miette::SourceSpan;
use serde::Serialize;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    /// Regions count columns in characters, as the JSON format and the human output do.
    column_kind: &'static str,
    artifacts: [Artifact; 1],
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Artifact {
    location: ArtifactLocation,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: SarifRegion,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    /// Exclusive: the column after the region's last character.
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

fn text(text: impl Into<String>) -> Text {
    Text { text: text.into() }
}

fn rule(code: &Code) -> Rule {
    Rule {
        id: code.id,
        short_description: text(code.title),
        full_description: text(code.explanation),
        help: text(format!(
            "{}\n\n`hacc explain {}` prints this text.",
            code.explanation, code.id
        )),
        default_configuration: Configuration {
            level: severity_name(code.severity),
        },
    }
}

/// A URI reference for the spec's path: relative paths stay relative (code scanning reads them
/// from the repository root), absolute ones become `file://` URIs.
pub(super) fn artifact_uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn physical(index: &LineIndex, artifact: &ArtifactLocation, span: SourceSpan) -> PhysicalLocation {
    let Region {
        offset,
        length,
        start,
        end,
        ..
    } = index.region(span);
    PhysicalLocation {
        artifact_location: artifact.clone(),
        region: SarifRegion {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
            byte_offset: offset,
            byte_length: length,
        },
    }
}

fn result(index: &LineIndex, artifact: &ArtifactLocation, d: &Diagnostic) -> SarifResult {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related = d
        .related
        .iter()
        .enumerate()
        .map(|(n, (span, label))| Location {
            id: Some(n + 1),
            physical_location: physical(index, artifact, *span),
            message: Some(text(label.as_str())),
        });
    SarifResult {
        rule_id: d.code.id,
        rule_index: ALL_CODES
            .iter()
            .position(|c| c.id == d.code.id)
            .unwrap_or_default(),
        level: severity_name(d.severity()),
        message: text(message),
        locations: [Location {
            id: None,
            physical_location: physical(index, artifact, d.span),
            message: d.label.as_deref().map(text),
        }],
        related_locations: related.collect(),
    }
}

/// The SARIF log as pretty-printed JSON, with a final newline.
pub(super) fn render(report: &Report) -> String {
    let index = LineIndex::new(report.source);
    let uri = artifact_uri(report.file);
    let artifact = ArtifactLocation {
        uri: uri.clone(),
        index: Some(0),
    };
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "hacc",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: ALL_CODES.iter().map(|c| rule(c)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            artifacts: [Artifact {
                location: ArtifactLocation { uri, index: None },
            }],
            results: report
                .diagnostics
                .iter()
                .map(|d| result(&index, &artifact, d))
                .collect(),
        }],
    };
    let mut text = serde_json::to_string_pretty(&log).expect("sarif serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::artifact_uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(artifact_uri("examples/a b.kdl"), "examples/a%20b.kdl");
        assert_eq!(artifact_uri("/srv/x#1.kdl"), "file:///srv/x%231.kdl");
        assert_eq!(artifact_uri("ç.kdl"), "%C3%A7.kdl");
    }
}
