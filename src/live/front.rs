//! Waiting for the front: haproxy answers 503 until a backend has passed its health check
//! (`rise 2` at 1 s intervals, so a few seconds after the service started), so `apply` asks
//! through the front itself before it calls the cluster converged.

use super::transport::Target;
use super::wait::Progress;
use crate::render::FRONT_PORT;
use crate::state::Error;
use std::time::{Duration, Instant};

/// How long the front may take to answer once the resources have settled.
pub const FRONT_LIMIT: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(250);
const ASK_LIMIT: Duration = Duration::from_secs(5);
/// One HTTP/1.0 request to haproxy from where it runs, with bash's `/dev/tcp` (the front
/// image has no HTTP client); prints the status line.
const REQUEST: &str = "exec 3<>/dev/tcp/127.0.0.1/$1 && printf 'GET %s HTTP/1.0\\r\\n\\r\\n' \"$2\" >&3 \
                       && head -n 1 <&3";

/// The front of a spec, as apply waits for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Front {
    /// The front's name (in the lab, its compose service).
    pub service: String,
    /// The path haproxy's health check asks the backends for.
    pub health: String,
}

/// Waits until a request for the health path through the front gets an answer from a backend
/// (any status below 500: haproxy itself answers 503 while no backend is up).
pub fn until_answering(target: &dyn Target, front: &Front, limit: Duration) -> Result<(), Error> {
    eprintln!(
        "Waiting for the front `{}` to reach a backend:",
        front.service
    );
    let mut progress = Progress::new();
    let deadline = Instant::now() + limit;
    loop {
        let state = match ask(target, front)? {
            Answer::Status(code, line) if code < 500 => {
                progress.done(&format!("answers `{line}`"));
                return Ok(());
            }
            Answer::Status(_, line) => format!("answers `{line}`"),
            Answer::Nothing(why) => why,
        };
        if Instant::now() >= deadline {
            progress.done(&state);
            return Err(Error::Refused(format!(
                "the front `{}` did not reach a backend within {} s: it {state}; no node \
                 answered its health check `GET {}` (see `hacc status` for where the service runs)",
                front.service,
                limit.as_secs(),
                front.health
            )));
        }
        progress.show(&state);
        std::thread::sleep(POLL);
    }
}

enum Answer {
    Status(u16, String),
    Nothing(String),
}

fn ask(target: &dyn Target, front: &Front) -> Result<Answer, Error> {
    let Some(shell) = target.front(&front.service)? else {
        return Ok(Answer::Nothing("is not running".into()));
    };
    let port = FRONT_PORT.to_string();
    let argv = ["bash", "-c", REQUEST, "hacc", &port, &front.health];
    let output = shell.run_command(&argv, None, ASK_LIMIT)?;
    let line = output.stdout.trim().to_string();
    Ok(match status_code(&line) {
        Some(code) => Answer::Status(code, line),
        None => Answer::Nothing("does not answer yet".into()),
    })
}

/// The code of an HTTP status line such as `HTTP/1.0 503 Service Unavailable`.
fn status_code(line: &str) -> Option<u16> {
    let mut words = line.split_whitespace();
    words.next().filter(|w| w.starts_with("HTTP/"))?;
    words.next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_give_their_code() {
        assert_eq!(status_code("HTTP/1.0 503 Service Unavailable"), Some(503));
        assert_eq!(status_code("HTTP/1.1 200 OK"), Some(200));
        assert_eq!(status_code(""), None);
        assert_eq!(status_code("bash: connect: Connection refused"), None);
    }
}
