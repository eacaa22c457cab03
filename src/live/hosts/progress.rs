//! Progress per host while every host is converged at once. On a terminal, one line per host
//! is rewritten in place as the host moves on (connecting, writing files, installing
//! packages, starting services, then done or failed with the reason); elsewhere (CI, pipes)
//! nothing is drawn and the caller prints one plain line per host at the end.

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Where one host is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Waiting,
    Connecting,
    WritingFiles,
    InstallingPackages,
    StartingServices,
    /// What was done, for people.
    Done(String),
    /// Why it failed.
    Failed(String),
}

impl Step {
    fn finished(&self) -> bool {
        matches!(self, Step::Done(_) | Step::Failed(_))
    }

    fn describe(&self) -> String {
        match self {
            Step::Waiting => "waiting".into(),
            Step::Connecting => "connecting".into(),
            Step::WritingFiles => "writing files".into(),
            Step::InstallingPackages => "installing packages".into(),
            Step::StartingServices => "starting services".into(),
            Step::Done(done) => done.clone(),
            Step::Failed(why) => format!("failed: {why}"),
        }
    }
}

/// One host's line: a host still at work shows how long it has been at it; a line is cut
/// to `width` characters (`None`: never), so that redrawing in place never wraps.
pub fn line(name: &str, step: &Step, elapsed: Duration, width: Option<usize>) -> String {
    let mut text = format!("  {name}: {}", step.describe());
    if !step.finished() && *step != Step::Waiting {
        text.push_str(&format!(" ({} s)", elapsed.as_secs()));
    }
    match width {
        Some(width) if text.chars().count() > width => {
            let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
            cut.push('…');
            cut
        }
        _ => text,
    }
}

/// The hosts' steps, drawn on a terminal's stderr when `terminal`.
pub struct Board {
    names: Vec<String>,
    terminal: bool,
    width: usize,
    state: Mutex<State>,
}

struct State {
    steps: Vec<(Step, Instant)>,
    /// Lines drawn so far (the cursor is below them).
    drawn: usize,
}

impl Board {
    pub fn new(names: Vec<String>, terminal: bool) -> Board {
        // The terminal's width as the shell exports it; 80 columns otherwise.
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .filter(|&w: &usize| w >= 20)
            .unwrap_or(80);
        let now = Instant::now();
        Board {
            terminal,
            width,
            state: Mutex::new(State {
                steps: names.iter().map(|_| (Step::Waiting, now)).collect(),
                drawn: 0,
            }),
            names,
        }
    }

    /// Host number `index` is at `step` now.
    pub fn set(&self, index: usize, step: Step) {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(slot) = state.steps.get_mut(index) {
            *slot = (step, Instant::now());
        }
        self.draw(&mut state, false);
    }

    /// Draws again, so the seconds shown move on.
    pub fn tick(&self) {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        self.draw(&mut state, false);
    }

    /// Whether every host is done or failed.
    pub fn finished(&self) -> bool {
        let state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        state.steps.iter().all(|(step, _)| step.finished())
    }

    /// The last drawing, with every line whole; `false` when nothing is drawn (not a
    /// terminal), so the caller prints the plain lines.
    pub fn finish(&self) -> bool {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        self.draw(&mut state, true);
        self.terminal
    }

    /// The lines as they stand, cut to the width unless `whole`.
    pub fn lines(&self, whole: bool) -> Vec<String> {
        let state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        self.lines_of(&state, whole)
    }

    fn lines_of(&self, state: &State, whole: bool) -> Vec<String> {
        let width = (!whole).then_some(self.width - 1);
        self.names
            .iter()
            .zip(&state.steps)
            .map(|(name, (step, since))| line(name, step, since.elapsed(), width))
            .collect()
    }

    fn draw(&self, state: &mut State, whole: bool) {
        if !self.terminal {
            return;
        }
        let mut out = String::new();
        if state.drawn > 0 {
            out.push_str(&format!("\x1b[{}A", state.drawn));
        }
        let lines = self.lines_of(state, whole);
        for line in &lines {
            out.push_str(&format!("\r\x1b[K{line}\n"));
        }
        state.drawn = lines.len();
        let mut stderr = std::io::stderr().lock();
        let _ = stderr.write_all(out.as_bytes());
        let _ = stderr.flush();
    }
}

/// Runs `work` while the board's seconds move on, then draws it a last time; returns what
/// `work` returned and whether the board was drawn.
pub fn with_board<T>(board: &Board, work: impl FnOnce() -> T) -> (T, bool) {
    let done = std::sync::atomic::AtomicBool::new(false);
    let out = std::thread::scope(|scope| {
        if board.terminal {
            scope.spawn(|| {
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(500));
                    board.tick();
                }
            });
        }
        let out = work();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        out
    });
    (out, board.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_host_has_a_line_that_says_where_it_is() {
        let second = Duration::from_secs(12);
        assert_eq!(
            line("node1", &Step::Connecting, second, None),
            "  node1: connecting (12 s)"
        );
        assert_eq!(
            line("node2", &Step::InstallingPackages, second, None),
            "  node2: installing packages (12 s)"
        );
        assert_eq!(
            line("node3", &Step::Waiting, second, None),
            "  node3: waiting"
        );
        assert_eq!(
            line("node1", &Step::Done("wrote /etc/x".into()), second, None),
            "  node1: wrote /etc/x"
        );
        assert_eq!(
            line("node1", &Step::Failed("E: no mirror".into()), second, None),
            "  node1: failed: E: no mirror"
        );
        let cut = line("node1", &Step::Done("x".repeat(100)), second, Some(20));
        assert_eq!(cut.chars().count(), 20);
        assert!(cut.ends_with('…'), "{cut}");
    }

    #[test]
    fn a_board_off_a_terminal_draws_nothing_and_keeps_each_hosts_step() {
        let board = Board::new(vec!["node1".into(), "node2".into()], false);
        assert!(!board.finished());
        board.set(0, Step::WritingFiles);
        board.set(1, Step::Failed("cannot reach `node2` over ssh".into()));
        let lines = board.lines(true);
        assert!(
            lines[0].starts_with("  node1: writing files ("),
            "{lines:?}"
        );
        assert_eq!(lines[1], "  node2: failed: cannot reach `node2` over ssh");
        assert!(!board.finished());
        board.set(0, Step::Done("nothing to do".into()));
        assert!(board.finished());
        let ((), drawn) = with_board(&board, || ());
        assert!(!drawn, "not a terminal: the caller prints the lines");
        board.set(7, Step::Connecting);
        assert_eq!(
            board.lines(true).len(),
            2,
            "an unknown host changes nothing"
        );
    }
}
