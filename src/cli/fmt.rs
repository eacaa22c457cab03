//! `hacc fmt [--check] SPEC...`: rewrite specs in the canonical layout, or with `--check` only
//! say which ones are not (for CI). `-` reads standard input and writes standard output.

use super::EXIT_USAGE;
use super::failure::{Failure, Outcome};
use super::use_color;
use crate::diagnostic::render_all;
use crate::layout::{LayoutError, canonical};
use crate::state::Error;
use miette::NamedSource;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

/// Every spec is formatted (or checked) even when one fails; the exit status is the worst.
#[allow(
    clippy::unnecessary_wraps,
    reason = "every subcommand returns an `Outcome`: one exit path"
)]
pub(super) fn run(paths: &[std::path::PathBuf], check: bool) -> Outcome {
    let mut status = 0;
    for path in paths {
        let outcome = if path.as_os_str() == "-" {
            stdin_to_stdout()
        } else {
            one_file(path, check)
        };
        status = status.max(outcome.unwrap_or_else(Failure::report));
    }
    Ok(status)
}

/// 0 when the file is (now) canonical, 1 when `--check` found it is not; a usage failure
/// when it cannot be read, parsed or written.
fn one_file(path: &Path, check: bool) -> Outcome {
    let source = super::check::read_spec(path)?;
    let laid_out = lay_out(&source, &path.display().to_string())?;
    if laid_out == source {
        return Ok(0);
    }
    if check {
        println!("{}", path.display());
        eprint!(
            "{}",
            unified_diff(&source, &laid_out, &path.display().to_string())
        );
        return Ok(1);
    }
    rewrite(path, &laid_out).map_err(|error| {
        Failure::Usage(Error::Io {
            action: "write",
            path: path.to_path_buf(),
            source: error,
        })
    })?;
    eprintln!("formatted `{}`", path.display());
    Ok(0)
}

fn stdin_to_stdout() -> Outcome {
    let mut source = String::new();
    std::io::stdin()
        .read_to_string(&mut source)
        .map_err(|error| Failure::usage(format!("cannot read standard input: {error}")))?;
    let laid_out = lay_out(&source, "<stdin>")?;
    // A closed standard output: nobody left to tell.
    std::io::stdout()
        .write_all(laid_out.as_bytes())
        .map_err(|_| Failure::Reported(EXIT_USAGE))?;
    Ok(0)
}

/// The canonical text, or why there is none.
fn lay_out(source: &str, name: &str) -> Result<String, Failure> {
    match canonical(source) {
        Ok(text) => Ok(text),
        Err(LayoutError::Syntax(diagnostics)) => {
            eprint!(
                "{}",
                render_all(
                    &diagnostics,
                    &NamedSource::new(name, source.to_string()),
                    use_color(std::io::stderr().is_terminal())
                )
            );
            Err(Failure::Reported(EXIT_USAGE))
        }
        Err(LayoutError::MeaningChanged) => Err(Failure::usage(format!(
            "`{name}` is left as it is: its canonical layout would change what it says (a \
             defect of `hacc fmt`; please report it with the file)"
        ))),
    }
}

fn unified_diff(old: &str, new: &str, name: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .header(name, &format!("{name} (formatted)"))
        .to_string()
}

/// Replaces the file's contents through a temp file beside it and a rename, keeping its mode,
/// so an interrupted run leaves the old spec or the new one, never a part.
fn rewrite(path: &Path, text: &str) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let mode = std::fs::metadata(&target)?.permissions();
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = target.with_file_name(format!(".{name}.hacc-fmt-tmp"));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(text.as_bytes())?;
        file.set_permissions(mode)?;
        file.sync_all()?;
        std::fs::rename(&temp, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
