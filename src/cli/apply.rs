//! `hacc apply SPEC --dir DIR` plans and applies after confirmation; `hacc apply FILE` applies a
//! plan saved by `hacc plan --out FILE`, exactly as it was shown.

use super::load_spec::load_spec;
use super::use_color;
use crate::apply::{Applied, confirm, execute, pause_after_lock};
use crate::plan::{SavedPlan, blocked_message, compute, render_plan, render_steps};
use crate::state::{DirLock, Error, io_error};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub struct ApplyArgs {
    /// A spec, or a saved plan.
    pub target: PathBuf,
    pub dir: Option<PathBuf>,
    pub auto_approve: bool,
    pub force: bool,
}

pub fn run(args: &ApplyArgs) -> i32 {
    let outcome = match SavedPlan::load(&args.target) {
        Ok(Some(saved)) => apply_saved(&saved, args),
        Ok(None) => apply_spec(args),
        Err(error) => Err(error.into()),
    };
    match outcome {
        Ok(()) => 0,
        Err(Failure::Reported(code)) => code,
        Err(Failure::Error(error)) => {
            eprintln!("error: {error}");
            1
        }
    }
}

enum Failure {
    /// Already told to the user (spec diagnostics).
    Reported(i32),
    Error(Error),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Error(error)
    }
}

fn apply_spec(args: &ApplyArgs) -> Result<(), Failure> {
    let Some(dir) = &args.dir else {
        return Err(Error::Refused(format!(
            "`--dir` is required to apply the spec `{}` (a plan saved with `hacc plan --out` \
             needs none)",
            args.target.display()
        ))
        .into());
    };
    let loaded = load_spec(&args.target).map_err(Failure::Reported)?;
    let lock = lock(dir)?;
    let plan = compute(dir, &loaded.files, &loaded.sha256)?;
    print!("{}", render_plan(&plan, dir, color()));
    let steps = plan.steps();
    if plan.summary().is_empty() {
        execute(&lock, dir, &loaded.sha256, &steps, args.force)?;
        return Ok(());
    }
    refuse_blocked(&steps, dir, args.force)?;
    if !args.auto_approve && !confirm("\nApply these changes?")? {
        return Err(Error::Refused("apply cancelled; nothing was changed".into()).into());
    }
    report(execute(&lock, dir, &loaded.sha256, &steps, args.force)?);
    Ok(())
}

/// A saved plan is applied without asking: saving it after reading it was the decision.
fn apply_saved(saved: &SavedPlan, args: &ApplyArgs) -> Result<(), Failure> {
    if let Some(dir) = args.dir.as_ref().filter(|dir| **dir != saved.dir) {
        return Err(Error::Refused(format!(
            "the saved plan `{}` is for `{}`, not `{}`",
            args.target.display(),
            saved.dir.display(),
            dir.display()
        ))
        .into());
    }
    let lock = lock(&saved.dir)?;
    saved.check_fresh()?;
    print!("{}", render_steps(&saved.steps, &saved.dir, color()));
    refuse_blocked(&saved.steps, &saved.dir, args.force)?;
    let applied = execute(
        &lock,
        &saved.dir,
        &saved.spec_sha256,
        &saved.steps,
        args.force,
    )?;
    if applied != Applied::default() {
        report(applied);
    }
    Ok(())
}

/// Creates `dir` if needed and takes its lock; the plan is computed after, so no other apply can
/// change the directory between plan and writes.
fn lock(dir: &Path) -> Result<DirLock, Error> {
    std::fs::create_dir_all(dir).map_err(io_error("create", dir))?;
    let lock = DirLock::acquire(dir)?;
    pause_after_lock();
    Ok(lock)
}

fn refuse_blocked(steps: &[crate::plan::Step], dir: &Path, force: bool) -> Result<(), Error> {
    match blocked_message(steps, dir) {
        Some(refusal) if !force => Err(Error::Refused(refusal)),
        _ => Ok(()),
    }
}

fn report(applied: Applied) {
    println!(
        "Apply complete: {} added, {} changed, {} destroyed.",
        applied.added, applied.changed, applied.destroyed
    );
}

fn color() -> bool {
    use_color(std::io::stdout().is_terminal())
}
