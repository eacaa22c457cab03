//! Running a local program with a time limit and its output captured: what every target's
//! way of reaching a node (`docker exec`, `ssh`) comes down to.

use crate::state::Error;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a finished command printed, and how it ended.
#[derive(Debug, Clone)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn success(&self) -> bool {
        self.code == 0
    }

    /// The standard output, or an error naming `what` with the command's own message.
    pub fn ok(self, what: &str) -> Result<String, Error> {
        if self.success() {
            return Ok(self.stdout);
        }
        let said = match self.stderr.trim() {
            "" => self.stdout.trim().to_string(),
            stderr => stderr.to_string(),
        };
        Err(Error::Refused(format!(
            "{what} failed (exit status {}): {said}",
            self.code
        )))
    }
}

/// Runs `command` with `stdin` as its input, killing it after `limit`.
pub fn run(command: &mut Command, stdin: Option<&[u8]>, limit: Duration) -> Result<Output, Error> {
    let shown = format!("{command:?}");
    let mut child = command
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Refused(format!("cannot run {shown}: {e}")))?;
    if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // A command that exits without reading everything is not an error here.
        let _ = pipe.write_all(input);
    }
    let stdout = reader(child.stdout.take());
    let stderr = reader(child.stderr.take());
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(Error::Refused(format!("cannot wait for {shown}: {e}"))),
        }
    };
    let (stdout, stderr) = (
        stdout.join().unwrap_or_default(),
        stderr.join().unwrap_or_default(),
    );
    match status {
        Some(status) => Ok(Output {
            code: status.code().unwrap_or(-1),
            stdout,
            stderr,
        }),
        None => Err(Error::Refused(format!(
            "{shown} did not finish within {} s",
            limit.as_secs()
        ))),
    }
}

fn reader(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_and_status_are_captured() {
        let output = run(
            Command::new("sh").args(["-c", "cat; echo err >&2; exit 3"]),
            Some(b"in"),
            Duration::from_secs(10),
        )
        .unwrap();
        assert_eq!((output.code, output.stdout.as_str()), (3, "in"));
        assert_eq!(output.stderr, "err\n");
        let error = output.ok("the test command").unwrap_err().to_string();
        assert!(error.contains("exit status 3): err"), "{error}");
    }

    #[test]
    fn a_command_past_its_limit_is_killed() {
        let started = Instant::now();
        let error = run(
            Command::new("sleep").arg("30"),
            None,
            Duration::from_millis(200),
        )
        .unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(error.to_string().contains("did not finish"), "{error}");
    }
}
