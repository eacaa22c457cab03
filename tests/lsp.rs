//! `hacc lsp` driven as an editor drives it: JSON-RPC messages with Content-Length framing on
//! the real binary's standard input, answers read back from its standard output.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

const URI: &str = "file:///specs/lab/cluster.kdl";

/// A spec with two errors: an unknown reference on a line whose comment has characters of
/// two and four bytes (one and two UTF-16 units), and an id used twice.
const BROKEN: &str = r#"cluster "lab" {
    network "net" subnet="10.0.0.0/24"
    node "node1" address="10.0.0.11"
    node "node2" address="10.0.0.12"
    node "node3" address="10.0.0.13"
    property "stonith-enabled" #false {
        unsafe-acknowledged "a lab without fencing"
    }
    primitive "web" agent="ocf:heartbeat:anything" {
        params binfile="/usr/bin/python3"
    }
    primitive "ip" agent="ocf:heartbeat:IPaddr2" {
        params ip="10.0.0.100"
    }
    /* déjà vu 😀 */ clone "web-clone" of="wbe"
    primitive "ip" agent="ocf:pacemaker:Dummy"
    location "prefer-node1" "web-clone" node="node1" score=100
}
"#;

fn fixed() -> String {
    BROKEN
        .replace("of=\"wbe\"", "of=\"web\"")
        .replace("    primitive \"ip\" agent=\"ocf:pacemaker:Dummy\"\n", "")
}

/// The server's process and what it has said that was not read yet.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    unread: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hacc"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("hacc lsp starts");
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            messages,
            unread: Vec::new(),
            next_id: 1,
        }
    }

    /// Starts a server and goes through `initialize` and `initialized`; returns the answer.
    fn initialized() -> (Client, Value) {
        let mut client = Client::start();
        let answer = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        );
        client.notify("initialized", json!({}));
        (client, answer)
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        let stdin = self.stdin.as_mut().expect("stdin is open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its whole response (`result` or `error`).
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The first message that `wanted` accepts, read or still to come.
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.unread.iter().position(&wanted) {
            return self.unread.remove(at);
        }
        loop {
            let message = self
                .messages
                .recv_timeout(Duration::from_secs(30))
                .expect("the server answers within 30 s");
            if wanted(&message) {
                return message;
            }
            self.unread.push(message);
        }
    }

    /// The diagnostics published for `version` of the document.
    fn diagnostics(&mut self, version: i64) -> Vec<Value> {
        let published = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
        });
        assert_eq!(published["params"]["uri"], URI);
        published["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .clone()
    }

    /// The diagnostics published first for `uri`.
    fn diagnostics_of(&mut self, uri: &str) -> Vec<Value> {
        let published = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        published["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .clone()
    }

    fn open(&mut self, text: &str) {
        self.open_at(URI, text);
    }

    fn open_at(&mut self, uri: &str, text: &str) {
        let document = json!({ "uri": uri, "languageId": "kdl", "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": document }));
    }

    fn change(&mut self, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": URI, "version": version },
                "contentChanges": [{ "text": text }],
            }),
        );
    }

    /// `shutdown`, then `exit`; returns the exit status.
    fn shut_down(mut self) -> i32 {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.exit()
    }

    fn exit(mut self) -> i32 {
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let status = self.child.wait().expect("hacc lsp ends");
        status.code().expect("hacc lsp exits, not killed")
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some(value) = header.strip_prefix("Content-Length: ") {
            length = Some(value.parse::<usize>().expect("a numeric Content-Length"));
        }
    }
    let mut body = vec![0; length.expect("every message has a Content-Length")];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("every message is JSON"))
}

/// A position in the document: 0-based line, UTF-16 column.
fn at(line: u64, character: u64) -> Value {
    json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } })
}

fn range(start: (u64, u64), end: (u64, u64)) -> Value {
    json!({
        "start": { "line": start.0, "character": start.1 },
        "end": { "line": end.0, "character": end.1 },
    })
}

#[test]
fn diagnostics_follow_the_text_with_utf16_columns() {
    let (mut client, answer) = Client::initialized();
    let capabilities = &answer["capabilities"];
    assert_eq!(capabilities["textDocumentSync"], 1, "full sync");
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(answer["serverInfo"]["name"], "hacc");

    client.open(BROKEN);
    let found = client.diagnostics(1);
    assert_eq!(found.len(), 2, "{found:#?}");
    let unknown = &found[0];
    assert_eq!(unknown["code"], "E0203");
    assert_eq!(unknown["severity"], 1);
    assert_eq!(unknown["source"], "hacc");
    // `"wbe"` after `/* déjà vu 😀 */`: column 42 in UTF-16 units (41 characters, 46 bytes).
    assert_eq!(unknown["range"], range((14, 42), (14, 47)));
    assert_eq!(
        unknown["message"],
        "unknown resource `wbe`\nno resource has this name\nhelp: did you mean `web`?"
    );

    let twice = &found[1];
    assert_eq!(twice["code"], "E0201");
    assert_eq!(twice["range"], range((15, 14), (15, 18)));
    let related = twice["relatedInformation"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["message"], "first defined here");
    assert_eq!(related[0]["location"]["uri"], URI);
    assert_eq!(related[0]["location"]["range"], range((11, 14), (11, 18)));

    client.change(2, &fixed());
    assert_eq!(client.diagnostics(2), Vec::<Value>::new());

    // A syntax error is a diagnostic too, with the code `hacc check` gives it.
    client.change(3, "cluster \"lab\" {\n    node \"a\" standby=true\n}\n");
    let syntax = client.diagnostics(3);
    assert!(!syntax.is_empty());
    assert!(syntax.iter().all(|d| d["code"] == "E0001"), "{syntax:#?}");

    assert_eq!(client.shut_down(), 0);
}

/// A file's URI, every byte but unreserved ones and `/` percent-encoded.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for &byte in path.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// `hacc check --format json`'s diagnostics of `path` as LSP would place them: code,
/// severity, 0-based lines, UTF-16 columns, and the message.
fn as_check_reports(path: &Path, text: &str) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_hacc"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).expect("check prints JSON");
    let lines: Vec<&str> = text.split('\n').collect();
    // JSON columns count characters from 1; LSP counts UTF-16 units from 0.
    let position = |at: &Value| {
        let line = at["line"].as_u64().unwrap() as usize - 1;
        let column = at["column"].as_u64().unwrap() as usize - 1;
        let units: usize = lines[line].chars().take(column).map(char::len_utf16).sum();
        json!({ "line": line, "character": units })
    };
    let severity = |name: &Value| if name == "error" { 1 } else { 2 };
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            json!({
                "code": d["code"],
                "severity": severity(&d["severity"]),
                "range": { "start": position(&d["start"]), "end": position(&d["end"]) },
                "message": d["message"],
            })
        })
        .collect()
}

#[test]
fn every_error_example_gets_what_hacc_check_reports() {
    let (mut client, _) = Client::initialized();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/errors");
    let mut examples: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "kdl"))
        .collect();
    examples.sort();
    assert!(examples.len() > 40, "found {} examples", examples.len());
    for path in examples {
        let text = std::fs::read_to_string(&path).unwrap();
        let uri = file_uri(&path);
        client.open_at(&uri, &text);
        let published: Vec<Value> = client
            .diagnostics_of(&uri)
            .iter()
            .map(|d| {
                let message = d["message"].as_str().unwrap();
                json!({
                    "code": d["code"],
                    "severity": d["severity"],
                    "range": d["range"],
                    // The first line; label and help follow it.
                    "message": message.lines().next().unwrap(),
                })
            })
            .collect();
        let expected = as_check_reports(&path, &text);
        assert!(!expected.is_empty(), "{} has no diagnostic", path.display());
        assert_eq!(published, expected, "{}", path.display());
    }
    assert_eq!(client.shut_down(), 0);
}

/// The labels of the completion items of `kind` (LSP's numbers: 18 reference, 10 property).
fn labels(items: &Value, kind: u64) -> Vec<String> {
    let items = items.as_array().expect("a list of items");
    items
        .iter()
        .filter(|i| i["kind"] == kind)
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn completion_offers_what_the_spot_expects() {
    let (mut client, _) = Client::initialized();
    // Being typed: a colocation that has its `with=` and nothing after it yet.
    let text = fixed()
        .replace(
            "    location",
            "    colocation \"with-ip\" \"web-clone\" with=\n    location \"l2\" \n    location",
        )
        .replace("python3\"", "python3\" pid");
    client.open(&text);
    client.diagnostics(1);

    let after_with = client.request("textDocument/completion", at(15, 42));
    assert_eq!(labels(&after_with, 18), ["web", "ip", "web-clone"]);
    let item = &after_with.as_array().unwrap()[0];
    assert_eq!(item["textEdit"]["newText"], "\"web\"");
    assert_eq!(item["textEdit"]["range"], range((15, 42), (15, 42)));
    assert_eq!(item["detail"], "primitive (ocf:heartbeat:anything)");

    // The second argument of a location is the resource it places.
    let resource = client.request("textDocument/completion", at(16, 18));
    assert_eq!(labels(&resource, 18), ["web", "ip", "web-clone"]);
    // Between two arguments: the slot of the second, though one follows the cursor.
    let between = client.request("textDocument/completion", at(17, 28));
    assert_eq!(labels(&between, 18), ["web", "ip", "web-clone"]);
    let properties = labels(&resource, 10);
    assert!(properties.contains(&"node".to_string()), "{properties:?}");
    assert!(properties.contains(&"score".to_string()), "{properties:?}");

    // `node=` names a node; inside an open string the string is what is replaced.
    let node = client.request("textDocument/completion", at(17, 47));
    assert_eq!(labels(&node, 18), ["node1", "node2", "node3"]);
    let item = &node.as_array().unwrap()[0];
    assert_eq!(item["textEdit"]["range"], range((17, 45), (17, 52)));

    // Agent names after `agent=`, and the agent's parameters inside `params`.
    let agents = client.request("textDocument/completion", at(8, 26));
    let agents = labels(&agents, 7);
    assert!(
        agents.contains(&"ocf:heartbeat:IPaddr2".to_string()),
        "{agents:?}"
    );
    assert!(
        agents.contains(&"ocf:linbit:drbd".to_string()),
        "{agents:?}"
    );
    let typed = client.request("textDocument/completion", at(9, 45));
    let pidfile = typed
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "pidfile");
    let edit = &pidfile.expect("`pidfile` is offered")["textEdit"];
    assert_eq!(edit["newText"], "pidfile=");
    assert_eq!(edit["range"], range((9, 42), (9, 45)));
    let params = labels(&typed, 10);
    assert!(params.contains(&"pidfile".to_string()), "{params:?}");
    assert!(
        !params.contains(&"binfile".to_string()),
        "already written: {params:?}"
    );
    assert!(!params.contains(&"ip".to_string()), "IPaddr2's: {params:?}");

    // Node names the cluster block may hold.
    let nodes = client.request("textDocument/completion", at(1, 4));
    let nodes = labels(&nodes, 14);
    for name in ["network", "primitive", "colocation", "front"] {
        assert!(nodes.contains(&name.to_string()), "{name}: {nodes:?}");
    }
    assert_eq!(client.shut_down(), 0);
}

fn hover_text(client: &mut Client, line: u64, character: u64) -> String {
    let hover = client.request("textDocument/hover", at(line, character));
    assert_eq!(hover["contents"]["kind"], "markdown");
    hover["contents"]["value"].as_str().unwrap().to_string()
}

#[test]
fn hover_shows_the_schema_and_agent_docs() {
    let (mut client, _) = Client::initialized();
    client.open(&fixed());
    client.diagnostics(1);
    // `subnet` of `network`.
    let subnet = hover_text(&mut client, 1, 20);
    assert!(
        subnet.ends_with("\n\nIPv4 subnet in CIDR form, e.g. 10.0.0.0/24"),
        "{subnet}"
    );
    assert!(
        subnet.starts_with("`subnet`: property of `network`"),
        "{subnet}"
    );
    let hover = client.request("textDocument/hover", at(1, 20));
    assert_eq!(hover["range"], range((1, 18), (1, 24)));
    // A node name.
    let node = hover_text(&mut client, 4, 5);
    assert!(
        node.ends_with("A cluster node: a container, a corosync member and a Pacemaker node."),
        "{node}"
    );
    // A parameter of the primitive's agent.
    let binfile = hover_text(&mut client, 9, 16);
    assert_eq!(
        binfile,
        "`binfile`: parameter of `ocf:heartbeat:anything`, required\n\n\
         the program to run; it must keep running with the same pid"
    );
    // On the line with wide characters, columns are UTF-16: `of` starts at 39.
    let of = hover_text(&mut client, 14, 39);
    assert!(of.starts_with("`of`: property of `clone`"), "{of}");
    // Nothing to say about a comment.
    let comment = client.request("textDocument/hover", at(14, 8));
    assert_eq!(comment, Value::Null);
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn definition_leads_from_a_reference_to_its_id() {
    let (mut client, _) = Client::initialized();
    client.open(&fixed());
    client.diagnostics(1);
    // `of="web"` on the line with wide characters: its value starts at UTF-16 column 42.
    let web = client.request("textDocument/definition", at(14, 43));
    assert_eq!(web["uri"], URI);
    assert_eq!(web["range"], range((8, 14), (8, 19)));
    // The location's resource and node.
    let clone = client.request("textDocument/definition", at(15, 30));
    assert_eq!(clone["range"], range((14, 27), (14, 38)));
    let node = client.request("textDocument/definition", at(15, 46));
    assert_eq!(node["range"], range((2, 9), (2, 16)));
    // A name that is not a reference leads nowhere.
    let own_id = client.request("textDocument/definition", at(8, 16));
    assert_eq!(own_id, Value::Null);
    assert_eq!(client.shut_down(), 0);
}

fn hacc_fmt(text: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hacc"))
        .args(["fmt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn formatting_is_hacc_fmt() {
    let (mut client, _) = Client::initialized();
    let ugly = "cluster   \"lab\"{\n  network \"net\"    subnet=\"10.0.0.0/24\" // the net\n\n\n node \"node1\" address=\"10.0.0.11\";node \"é😀\" address=\"10.0.0.12\"\n      }";
    client.open(ugly);
    client.diagnostics(1);
    let options = json!({ "tabSize": 4, "insertSpaces": true });
    let params = json!({ "textDocument": { "uri": URI }, "options": options });
    let edits = client.request("textDocument/formatting", params.clone());
    let edits = edits.as_array().expect("a list of edits");
    assert_eq!(edits.len(), 1);
    // The whole text, to the end of its last line (`      }`, 7 columns).
    assert_eq!(edits[0]["range"], range((0, 0), (5, 7)));
    let laid_out = edits[0]["newText"].as_str().unwrap();
    assert_eq!(laid_out, hacc_fmt(ugly));
    assert_ne!(laid_out, ugly);

    // Laid out already: nothing to do.
    client.change(2, laid_out);
    client.diagnostics(2);
    let none = client.request("textDocument/formatting", params.clone());
    assert_eq!(none, json!([]));

    // Not KDL: no edit at all.
    client.change(3, "cluster \"lab\" {\n    node \"a\n");
    client.diagnostics(3);
    let refused = client.request("textDocument/formatting", params);
    assert_eq!(refused, Value::Null);
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn requests_it_does_not_know_are_refused_and_exit_without_shutdown_fails() {
    let (mut client, _) = Client::initialized();
    let unknown = client.call("textDocument/rename", at(0, 0));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    // A document that was never opened.
    let closed = client.call("textDocument/hover", at(0, 0));
    assert_eq!(closed["error"]["code"], -32602, "{closed}");
    // LSP: `exit` without `shutdown` first is exit status 1.
    assert_eq!(client.exit(), 1);
}
