use super::load_spec::spec_dir;
use super::{EXIT_USAGE, use_color};
use crate::check::check_spec;
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

pub fn run(path: &Path) -> i32 {
    let source = match read_spec(path) {
        Ok(source) => source,
        Err(code) => return code,
    };
    let name = path.display().to_string();
    let outcome = check_spec(&source, &name, spec_dir(path));
    let named = NamedSource::new(&name, source);
    eprint!(
        "{}",
        render_all(
            &outcome.diagnostics,
            &named,
            use_color(std::io::stderr().is_terminal())
        )
    );
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
        println!("ok: `{name}` is valid ({warnings} warning(s))");
        0
    }
}
