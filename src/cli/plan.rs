//! `hacc plan SPEC --dir DIR`: what `apply` would change, for people, machines or later.

use super::load_spec::load_spec;
use super::use_color;
use crate::plan::{SavedPlan, compute, dir_state, json_report, render_plan};
use crate::state::Error;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub struct PlanArgs {
    pub spec: PathBuf,
    pub dir: PathBuf,
    pub json: bool,
    pub out: Option<PathBuf>,
    pub detailed_exitcode: bool,
}

/// Exit status: 0, or with `--detailed-exitcode` 2 when there are changes; 1 on error.
pub fn run(args: &PlanArgs) -> i32 {
    let loaded = match load_spec(&args.spec) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    match plan(args, &loaded.sha256, &loaded.files) {
        Ok(changes) if changes && args.detailed_exitcode => 2,
        Ok(_) => 0,
        Err(error) => {
            eprintln!("error: {error}");
            1
        }
    }
}

/// Prints (and saves) the plan; returns whether it has changes.
fn plan(
    args: &PlanArgs,
    spec_sha256: &str,
    files: &[crate::plan::DesiredFile],
) -> Result<bool, Error> {
    if let Some(out) = &args.out {
        refuse_inside(out, &args.dir)?;
    }
    // Taken first: a file changed while planning must make the saved plan stale.
    let state_before = args
        .out
        .as_ref()
        .map(|_| dir_state(&args.dir))
        .transpose()?;
    let plan = compute(&args.dir, files, spec_sha256)?;
    if args.json {
        print!("{}", json_report(&plan, &args.spec, &args.dir));
    } else {
        let color = use_color(std::io::stdout().is_terminal());
        print!("{}", render_plan(&plan, &args.dir, color));
    }
    if let (Some(out), Some(state)) = (&args.out, state_before) {
        SavedPlan::new(&plan, &args.spec, &args.dir, state).save(out)?;
        eprintln!(
            "saved the plan to `{}`; apply exactly it with `hacc apply {}`",
            out.display(),
            shell_word(out)
        );
    }
    Ok(!plan.summary().is_empty())
}

/// A plan saved inside the directory would itself make the plan stale.
fn refuse_inside(out: &Path, dir: &Path) -> Result<(), Error> {
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let (Ok(parent), Ok(dir)) = (parent.canonicalize(), dir.canonicalize()) else {
        return Ok(());
    };
    if parent.starts_with(&dir) {
        return Err(Error::Refused(format!(
            "save the plan outside `{}`: a new file there makes the saved plan stale",
            dir.display()
        )));
    }
    Ok(())
}

fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
