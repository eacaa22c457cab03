//! Issue 14 §2: the front loses no request when the node serving its traffic is killed. The
//! seed's shape (an HTTP service cloned on three nodes behind haproxy, `balance first`, so
//! one node serves everything): requests go through the front at 20 Hz while that node's
//! container is killed, and every one of them is answered. Times are printed, never asserted.

use crate::lab::{Lab, docker, http_answer, succeeded};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Answers every path with the name of the node it runs on (compose's hostname).
const APP: &str = r#"import http.server, socket

NAME = socket.gethostname().encode()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(NAME)))
        self.end_headers()
        self.wfile.write(NAME)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("", 8000), Handler).serve_forever()
"#;

fn front_spec(lab: &Lab) -> String {
    let name = &lab.name;
    let net = lab.address(0);
    let net = net.trim_end_matches(".0");
    format!(
        r#"cluster "{name}" {{
    network "live_net" subnet="{net}.0/24"
    image base="debian:bookworm" {{
        packages "python3"
        copy "app.py" to="/usr/local/bin/app.py"
        wrapper "/usr/local/bin/start-app" "python3" "/usr/local/bin/app.py"
    }}
    node "n1" address="{net}.11"
    node "n2" address="{net}.12"
    node "n3" address="{net}.13"
    property "stonith-enabled" #false {{
        unsafe-acknowledged "test containers: there is no fencing device to call"
    }}
    primitive "app" agent="ocf:heartbeat:anything" {{
        params binfile="/usr/local/bin/start-app" pidfile="/run/app.pid"
        op "monitor" interval="5s" timeout="20s"
    }}
    clone "app-clone" of="app"
    front "lb" address="{net}.10" port=23214 service="app-clone" backend-port=8000 health="/"
}}
"#
    )
}

/// One request's fate: when it was sent, and who answered (`None`: it failed).
struct Sent {
    at: Duration,
    answered_by: Option<String>,
}

#[test]
fn killing_the_node_serving_the_front_loses_no_request() {
    let Some(lab) = Lab::new("live-front", 21) else {
        return;
    };
    lab.write_spec_file("app.py", APP);
    lab.write_spec_file("cluster.kdl", &front_spec(&lab));
    lab.apply_up();
    let front = lab.address(10);
    let ask = |front: &str| match http_answer(front, 8080, "/") {
        Some((200, body)) => Some(body),
        _ => None,
    };
    let serving = ask(&front).expect("the front answers once converged");
    assert!(["n1", "n2", "n3"].contains(&serving.as_str()), "{serving}");

    // 20 Hz for 12 s, each request on its own thread so a slow one does not delay the next;
    // the serving node is killed 2 s in.
    let (sender, results) = mpsc::channel();
    let started = Instant::now();
    let period = Duration::from_millis(50);
    let mut killed_at = None;
    for n in 0..240u32 {
        let due = period * n;
        if let Some(wait) = due.checked_sub(started.elapsed()) {
            std::thread::sleep(wait);
        }
        if n == 40 {
            killed_at = Some(started.elapsed());
            succeeded("docker kill", &docker(&["kill", &lab.container(&serving)]));
        }
        let (sender, front) = (sender.clone(), front.clone());
        let at = started.elapsed();
        std::thread::spawn(move || {
            let answered_by = ask(&front);
            let _ = sender.send(Sent { at, answered_by });
        });
    }
    drop(sender);
    let mut sent: Vec<Sent> = results.iter().collect();
    sent.sort_by_key(|s| s.at);
    let killed_at = killed_at.unwrap();

    let failed: Vec<String> = sent
        .iter()
        .filter(|s| s.answered_by.is_none())
        .map(|s| format!("{:.2} s", s.at.as_secs_f64()))
        .collect();
    let answers: Vec<(Duration, &str)> = sent
        .iter()
        .filter_map(|s| Some((s.at, s.answered_by.as_deref()?)))
        .collect();
    let longest_gap = answers
        .windows(2)
        .map(|w| w[1].0 - w[0].0)
        .max()
        .unwrap_or_default();
    eprintln!(
        "front during a kill of `{serving}`: {} sent, {} failed, longest gap between \
         answered requests {:.2} s",
        sent.len(),
        failed.len(),
        longest_gap.as_secs_f64()
    );
    assert_eq!(sent.len(), 240);
    assert!(failed.is_empty(), "requests sent at {failed:?} failed");
    // The kill took effect: the killed node served before it, others after it.
    let after: Vec<&str> = answers
        .iter()
        .filter(|(at, _)| *at > killed_at + Duration::from_secs(1))
        .map(|(_, by)| *by)
        .collect();
    assert!(
        !after.is_empty() && !after.contains(&serving.as_str()),
        "{after:?}"
    );
}
