use super::load_spec::spec_dir;
use super::{EXIT_USAGE, use_color};
use crate::check::check_spec;
use crate::diagnostic::format::{self, Format, Report};
use crate::diagnostic::{Severity, render_all};
use crate::state::{Input, read_input_text};
use miette::NamedSource;
use std::io::IsTerminal;
use std::path::Path;

/// Reads a spec file, or reports why it cannot be read: it must be a regular file within the
/// size cap of a spec.
pub fn read_spec(path: &Path) -> Result<String, i32> {
    read_input_text(path, Input::Spec).map_err(|error| {
        eprintln!("error: {error}");
        EXIT_USAGE
    })
}

/// Checks the spec at `path` and reports in `format`: the human report on stderr, a machine
/// format alone on stdout (its summary line then goes to stderr).
pub fn run(path: &Path, format: Format) -> i32 {
    let source = match read_spec(path) {
        Ok(source) => source,
        Err(code) => return code,
    };
    let name = path.display().to_string();
    let outcome = check_spec(&source, &name, spec_dir(path));
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
        eprintln!("error: `{name}` has {errors} error(s) and {warnings} warning(s)");
        1
    } else {
        let summary = format!("ok: `{name}` is valid ({warnings} warning(s))");
        match machine {
            Some(_) => eprintln!("{summary}"),
            None => println!("{summary}"),
        }
        0
    }
}
