//! `hacc fmt [--check] SPEC...`: rewrite specs in the canonical layout, or with `--check` only
//! say which ones are not (for CI). `-` reads standard input and writes standard output.

use super::{EXIT_USAGE, use_color};
use crate::diagnostic::render_all;
use crate::layout::{LayoutError, canonical};
use miette::NamedSource;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

pub fn run(paths: &[std::path::PathBuf], check: bool) -> i32 {
    let mut status = 0;
    for path in paths {
        let outcome = if path.as_os_str() == "-" {
            stdin_to_stdout()
        } else {
            one_file(path, check)
        };
        status = status.max(outcome);
    }
    status
}

/// 0 when the file is (now) canonical, 1 when `--check` found it is not, 2 when it cannot be
/// read, parsed or written.
fn one_file(path: &Path, check: bool) -> i32 {
    let source = match super::check::read_spec(path) {
        Ok(source) => source,
        Err(code) => return code,
    };
    let Some(laid_out) = lay_out(&source, &path.display().to_string()) else {
        return EXIT_USAGE;
    };
    if laid_out == source {
        return 0;
    }
    if check {
        println!("{}", path.display());
        eprint!(
            "{}",
            unified_diff(&source, &laid_out, &path.display().to_string())
        );
        return 1;
    }
    match rewrite(path, &laid_out) {
        Ok(()) => {
            eprintln!("formatted `{}`", path.display());
            0
        }
        Err(error) => {
            eprintln!("error: cannot write `{}`: {error}", path.display());
            EXIT_USAGE
        }
    }
}

fn stdin_to_stdout() -> i32 {
    let mut source = String::new();
    if let Err(error) = std::io::stdin().read_to_string(&mut source) {
        eprintln!("error: cannot read standard input: {error}");
        return EXIT_USAGE;
    }
    match lay_out(&source, "<stdin>") {
        Some(laid_out) => match std::io::stdout().write_all(laid_out.as_bytes()) {
            Ok(()) => 0,
            Err(_) => EXIT_USAGE,
        },
        None => EXIT_USAGE,
    }
}

/// The canonical text, or `None` after printing why there is none.
fn lay_out(source: &str, name: &str) -> Option<String> {
    match canonical(source) {
        Ok(text) => Some(text),
        Err(LayoutError::Syntax(diagnostics)) => {
            eprint!(
                "{}",
                render_all(
                    &diagnostics,
                    &NamedSource::new(name, source.to_string()),
                    use_color(std::io::stderr().is_terminal())
                )
            );
            None
        }
        Err(LayoutError::MeaningChanged) => {
            eprintln!(
                "error: `{name}` is left as it is: its canonical layout would change what it \
                 says (a defect of `hacc fmt`; please report it with the file)"
            );
            None
        }
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
