//! The plan for people: one line per file, diffs under changes, a summary line.

use super::diff::unified_hunks;
use super::{Action, Blocker, MIN_KEY_BYTES, Plan, PlannedFile, Step, Summary};
use std::fmt::Write;
use std::path::Path;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const BOLD_MAGENTA: &str = "\x1b[1;35m";
const RESET: &str = "\x1b[0m";

/// Renders a computed plan with diffs; "No changes." when there is nothing to do.
pub fn render_plan(plan: &Plan, dir: &Path, color: bool) -> String {
    let mut out = String::new();
    for file in plan.files.iter().filter(|f| f.step.is_change()) {
        out.push_str(&file_line(&file.step, short_key_note(file), dir, color));
        if let Some(diff) = file_diff(file) {
            for line in diff.lines() {
                let _ = writeln!(out, "      {}", paint(line, diff_color(line), color));
            }
        }
    }
    out.push_str(&summary_line(&plan.summary()));
    out
}

/// Renders the steps of a saved plan, without diffs.
pub fn render_steps(steps: &[Step], dir: &Path, color: bool) -> String {
    let mut out: String = steps
        .iter()
        .filter(|s| s.is_change())
        .map(|s| file_line(s, None, dir, color))
        .collect();
    out.push_str(&summary_line(&Summary::of(steps)));
    out
}

/// `Plan: 1 to add, ...` or `No changes.`, with a newline.
pub(super) fn summary_line(summary: &Summary) -> String {
    if summary.is_empty() {
        return "No changes.\n".to_string();
    }
    let conflicting = match summary.conflicting {
        0 => String::new(),
        n => format!(", {n} conflicting"),
    };
    format!(
        "Plan: {} to add, {} to change, {} to destroy, {} drifted{conflicting}.\n",
        summary.add, summary.change, summary.destroy, summary.drifted
    )
}

/// `extra` is a note only the file on disk can tell, for a plan that read it.
fn file_line(step: &Step, extra: Option<String>, dir: &Path, color: bool) -> String {
    let (symbol, symbol_color, reason) = match (step.blocker, step.action) {
        (Some(Blocker::Drifted), Action::Delete) => (
            '!',
            BOLD_MAGENTA,
            Some("edited outside hacc since the last apply; no longer generated"),
        ),
        (Some(Blocker::Drifted), Action::Add) => (
            '!',
            BOLD_MAGENTA,
            Some("deleted outside hacc since the last apply"),
        ),
        (Some(Blocker::Drifted), _) => (
            '!',
            BOLD_MAGENTA,
            Some("edited outside hacc since the last apply"),
        ),
        (Some(Blocker::Conflict), _) => {
            ('!', BOLD_MAGENTA, Some("exists but hacc did not write it"))
        }
        (None, Action::Add) => ('+', GREEN, None),
        (None, Action::Change | Action::Keep) => ('~', YELLOW, None),
        (None, Action::Delete) => ('-', RED, None),
    };
    let mut notes: Vec<String> = reason.map(str::to_string).into_iter().collect();
    notes.extend(extra);
    if step.generates_secret() && step.action == Action::Add {
        notes.push("generated at apply, not shown".into());
    } else if step.generates_secret() {
        notes.push("a new key is generated at apply, not shown".into());
    } else if step.is_secret() && step.action != Action::Delete {
        notes.push("contents not shown".into());
    }
    if let (Some(old), Some(new)) = (step.old_mode, step.mode)
        && old != new
    {
        notes.push(format!("mode {old:04o} -> {new:04o}"));
    }
    let path = dir.join(&step.path).display().to_string();
    let head = paint(&format!("{symbol} {path}"), symbol_color, color);
    if notes.is_empty() {
        format!("  {head}\n")
    } else {
        format!("  {head}   ({})\n", notes.join("; "))
    }
}

/// Why a key on disk cannot be kept when it is too short for corosync: its length, never its
/// contents.
fn short_key_note(file: &PlannedFile) -> Option<String> {
    let current = file.current.as_ref()?;
    (file.step.generates_secret() && current.bytes.len() < MIN_KEY_BYTES).then(|| {
        format!(
            "{} bytes, shorter than the {MIN_KEY_BYTES} corosync needs",
            current.bytes.len()
        )
    })
}

/// The diff under a change; never for a secret, an add or a delete.
fn file_diff(file: &PlannedFile) -> Option<String> {
    if file.step.is_secret() {
        return None;
    }
    let new = file.step.contents.as_deref()?;
    let old = file.current.as_ref()?;
    Some(unified_hunks(&old.bytes, new))
}

fn diff_color(line: &str) -> &'static str {
    match line.as_bytes().first() {
        Some(b'+') => GREEN,
        Some(b'-') => RED,
        Some(b'@') => CYAN,
        _ => "",
    }
}

fn paint(text: &str, color_code: &str, color: bool) -> String {
    if color && !color_code.is_empty() {
        format!("{color_code}{text}{RESET}")
    } else {
        text.to_string()
    }
}
