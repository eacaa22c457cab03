use super::failure::{Failure, Outcome};
use super::load_spec::spec_dir;
use super::use_color;
use crate::diagnostic::format::{self, Format, Report};
use crate::diagnostic::{Severity, render_all};
use crate::pipeline::check_spec;
use crate::state::{Input, read_input_text};
use miette::NamedSource;
use std::io::IsTerminal;
use std::path::Path;

/// Reads a spec file, or reports why it cannot be read: it must be a regular file within the
/// size cap of a spec.
pub(super) fn read_spec(path: &Path) -> Result<String, Failure> {
    read_input_text(path, Input::Spec).map_err(Failure::Usage)
}

/// Checks the spec at `path` and reports in `format`: the human report on stderr, a machine
/// format alone on stdout (its summary line then goes to stderr).
pub(super) fn run(path: &Path, format: Format) -> Outcome {
    let source = read_spec(path)?;
    let name = path.display().to_string();
    let outcome = check_spec(&source, spec_dir(path));
    let report = Report {
        file: &name,
        source: &source,
        diagnostics: &outcome.diagnostics,
    };
    let machine = format::render(format, &report);
    match &machine {
        Some(text) => print!("{text}"),
        None => eprint!(
            "{}",
            render_all(
                &outcome.diagnostics,
                &NamedSource::new(&name, source),
                use_color(std::io::stderr().is_terminal())
            )
        ),
    }
    let count = |severity| {
        outcome
            .diagnostics
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    // The process exits next: the model need not be freed one allocation at a time.
    std::mem::forget(outcome);
    if errors > 0 {
        return Err(Failure::refused(format!(
            "`{name}` has {errors} error(s) and {warnings} warning(s)"
        )));
    }
    let summary = format!("ok: `{name}` is valid ({warnings} warning(s))");
    match machine {
        Some(_) => eprintln!("{summary}"),
        None => println!("{summary}"),
    }
    Ok(0)
}
