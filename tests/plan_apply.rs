//! `hacc build`, `hacc plan` and `hacc apply` run as the real binary in temporary directories.
//!
//! Expectations come from `hacc build` of the same spec, never from hard-coded file contents,
//! so these tests hold whatever the renderers produce.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const SPEC: &str = "spec/cluster.kdl";
const DIR: &str = "deploy";
const AUTHKEY: &str = "secrets/authkey";

/// Files by path relative to a directory: contents and mode.
type Files = BTreeMap<String, (Vec<u8>, u32)>;

/// A temporary working directory holding a copy of the seed example in `spec/`.
struct Sandbox {
    root: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let root = tempfile::tempdir().unwrap();
        let example = common::root().join("examples/seed");
        std::fs::create_dir(root.path().join("spec")).unwrap();
        for name in ["cluster.kdl", "app.py"] {
            std::fs::copy(example.join(name), root.path().join("spec").join(name)).unwrap();
        }
        // The authkey is the one secret here: the fencing certificates have tests/fence_secrets.rs.
        let spec = root.path().join(SPEC);
        let text = std::fs::read_to_string(&spec).unwrap();
        let fencing = text
            .lines()
            .find(|line| line.trim_start().starts_with("fencing "))
            .expect("the seed example has fencing");
        let unfenced = text.replace(
            fencing,
            "    property \"stonith-enabled\" #false { unsafe-acknowledged \"plan tests\"; }",
        );
        std::fs::write(&spec, unfenced).unwrap();
        Sandbox { root }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    fn hacc(&self, args: &[&str]) -> Output {
        self.hacc_with(args, &[])
    }

    fn hacc_with(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        self.command(args, env).output().unwrap()
    }

    fn command(&self, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hacc"));
        command
            .current_dir(self.root.path())
            .args(args)
            .envs(env.iter().copied())
            .env_remove("NO_COLOR")
            .stdin(Stdio::null());
        command
    }

    fn plan(&self) -> Output {
        self.hacc(&["plan", SPEC, "--dir", DIR])
    }

    fn apply(&self) -> Output {
        self.hacc(&["apply", SPEC, "--dir", DIR, "--auto-approve"])
    }

    /// Rewrites the spec with `edit` applied to its text.
    fn edit_spec(&self, edit: impl Fn(&str) -> String) {
        let path = self.path(SPEC);
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = edit(&text);
        assert_ne!(edited, text, "the edit changed nothing");
        std::fs::write(path, edited).unwrap();
    }

    /// The files a deployment of the current spec holds: what `hacc build` writes, plus the
    /// authkey that only apply creates (compared by mode, never by content).
    fn build(&self) -> Files {
        let out = tempfile::tempdir().unwrap();
        let output = self.hacc(&["build", SPEC, "-o", out.path().to_str().unwrap()]);
        assert_success(&output);
        let mut files = files_in(out.path());
        assert!(!files.contains_key(AUTHKEY), "build must not write secrets");
        files.insert(AUTHKEY.to_string(), (Vec::new(), 0o600));
        files
    }

    /// Every file in the output directory except hacc's own state.
    fn deployed(&self) -> Files {
        files_in(&self.path(DIR))
    }
}

/// The spec change used throughout: drops the front (haproxy.cfg goes), adds a copied file,
/// edits the copied app and raises a location score.
fn change_spec(sandbox: &Sandbox) {
    std::fs::write(sandbox.path("spec/extra.txt"), "extra\n").unwrap();
    let mut app = std::fs::read_to_string(sandbox.path("spec/app.py")).unwrap();
    app.push_str("# changed\n");
    std::fs::write(sandbox.path("spec/app.py"), app).unwrap();
    sandbox.edit_spec(|text| {
        text.lines()
            .filter(|line| !line.trim_start().starts_with("front "))
            .map(|line| {
                let line = line.replace("score=100", "score=200");
                if line.trim_start().starts_with("copy \"app.py\"") {
                    format!("{line}\n        copy \"extra.txt\" to=\"/etc/hacc-extra.txt\"")
                } else {
                    line
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
}

fn files_in(dir: &Path) -> Files {
    fn walk(dir: &Path, prefix: &str, files: &mut Files) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.map(Result::unwrap) {
            let rel = format!("{prefix}{}", entry.file_name().to_string_lossy());
            let meta = entry.metadata().unwrap();
            if meta.is_dir() {
                if rel != ".hacc" {
                    walk(&entry.path(), &format!("{rel}/"), files);
                }
            } else {
                let bytes = std::fs::read(entry.path()).unwrap();
                files.insert(rel, (bytes, meta.permissions().mode() & 0o7777));
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, "", &mut files);
    files
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[track_caller]
fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        stdout(output),
        stderr(output)
    );
}

#[track_caller]
fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}

/// The plan's file lines as (symbol, path relative to the directory).
fn plan_lines(text: &str) -> BTreeSet<(char, String)> {
    let prefix = format!("{DIR}/");
    text.lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("  ")?;
            let symbol = rest.chars().next().filter(|c| "+~-!".contains(*c))?;
            let path = rest[2..].split("   (").next()?.strip_prefix(&prefix)?;
            Some((symbol, path.to_string()))
        })
        .collect()
}

fn paths_with(lines: &BTreeSet<(char, String)>, symbol: char) -> BTreeSet<String> {
    lines
        .iter()
        .filter(|(s, _)| *s == symbol)
        .map(|(_, p)| p.clone())
        .collect()
}

fn keys(files: &Files) -> BTreeSet<String> {
    files.keys().cloned().collect()
}

/// Asserts the directory holds exactly what build produced (the secret only by mode).
#[track_caller]
fn assert_deployed_equals_build(sandbox: &Sandbox, built: &Files) {
    let deployed = sandbox.deployed();
    assert_eq!(keys(&deployed), keys(built));
    for (path, (bytes, mode)) in built {
        let (now, now_mode) = &deployed[path];
        assert_eq!(now_mode, mode, "mode of {path}");
        if path != AUTHKEY {
            assert!(now == bytes, "{path} differs from the build");
        }
    }
}

#[test]
fn first_plan_adds_every_built_file_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let built = sandbox.build();
    let output = sandbox.plan();
    assert_success(&output);
    let text = stdout(&output);
    let lines = plan_lines(&text);
    assert_eq!(paths_with(&lines, '+'), keys(&built), "{text}");
    assert_eq!(lines.len(), built.len(), "{text}");
    assert!(
        text.contains(&format!(
            "  + {DIR}/{AUTHKEY}   (generated at apply, not shown)\n"
        )),
        "{text}"
    );
    assert!(text.ends_with(&format!(
        "Plan: {} to add, 0 to change, 0 to destroy, 0 drifted.\n",
        built.len()
    )));
    assert!(!sandbox.path(DIR).exists(), "plan wrote into the directory");
}

#[test]
fn apply_writes_the_build_with_modes_a_gitignore_and_a_manifest() {
    let sandbox = Sandbox::new();
    let built = sandbox.build();
    let output = sandbox.apply();
    assert_success(&output);
    assert!(stdout(&output).contains(&format!(
        "Apply complete: {} added, 0 changed, 0 destroyed.",
        built.len()
    )));
    assert_deployed_equals_build(&sandbox, &built);

    let rendered = hacc::render::build(&common::checked(&sandbox.path(SPEC))).unwrap();
    for artifact in &rendered {
        assert_eq!(built[&artifact.path].1, artifact.mode, "{}", artifact.path);
    }
    let (key, key_mode) = &sandbox.deployed()[AUTHKEY];
    assert_eq!((key.len(), *key_mode), (256, 0o600));
    let gitignore = String::from_utf8(sandbox.deployed()[".gitignore"].0.clone()).unwrap();
    assert!(gitignore.lines().any(|l| l == "/secrets/"), "{gitignore}");
    assert!(gitignore.lines().any(|l| l == "/.hacc/lock"), "{gitignore}");

    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(sandbox.path(&format!("{DIR}/.hacc/manifest.json"))).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["hacc_version"], env!("CARGO_PKG_VERSION"));
    let spec_bytes = std::fs::read(sandbox.path(SPEC)).unwrap();
    assert_eq!(
        manifest["spec_sha256"],
        hacc::state::sha256_hex(&spec_bytes)
    );
    let recorded: BTreeSet<String> = manifest["files"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(recorded, keys(&built));
    for (path, (bytes, mode)) in sandbox.deployed() {
        assert_eq!(
            manifest["files"][&path]["sha256"],
            hacc::state::sha256_hex(&bytes)
        );
        assert_eq!(manifest["files"][&path]["mode"], format!("{mode:04o}"));
    }
}

#[test]
fn a_second_apply_reports_no_changes_and_touches_no_file() {
    let sandbox = Sandbox::new();
    assert_success(&sandbox.apply());
    let mtimes = |sandbox: &Sandbox| -> BTreeMap<PathBuf, std::time::SystemTime> {
        let mut all: Vec<PathBuf> = sandbox
            .deployed()
            .keys()
            .map(|p| sandbox.path(&format!("{DIR}/{p}")))
            .collect();
        all.push(sandbox.path(&format!("{DIR}/.hacc/manifest.json")));
        all.into_iter()
            .map(|p| {
                let modified = std::fs::metadata(&p).unwrap().modified().unwrap();
                (p, modified)
            })
            .collect()
    };
    let before = mtimes(&sandbox);
    std::thread::sleep(Duration::from_millis(50));

    let output = sandbox.apply();
    assert_success(&output);
    assert_eq!(stdout(&output), "No changes.\n");
    assert_eq!(mtimes(&sandbox), before);
    let plan = sandbox.hacc(&["plan", SPEC, "--dir", DIR, "--detailed-exitcode"]);
    assert_exit(&plan, 0);
    assert_eq!(stdout(&plan), "No changes.\n");
}

#[test]
fn a_spec_change_plans_exactly_the_files_whose_build_differs_and_apply_converges() {
    let sandbox = Sandbox::new();
    let before = sandbox.build();
    assert_success(&sandbox.apply());
    std::fs::write(sandbox.path(&format!("{DIR}/README")), "mine\n").unwrap();
    change_spec(&sandbox);
    let after = sandbox.build();

    let output = sandbox.plan();
    assert_success(&output);
    let text = stdout(&output);
    let lines = plan_lines(&text);
    let added: BTreeSet<String> = keys(&after).difference(&keys(&before)).cloned().collect();
    let removed: BTreeSet<String> = keys(&before).difference(&keys(&after)).cloned().collect();
    let changed: BTreeSet<String> = before
        .iter()
        .filter(|(path, (bytes, _))| {
            *path != AUTHKEY && after.get(*path).is_some_and(|(new, _)| new != bytes)
        })
        .map(|(path, _)| path.clone())
        .collect();
    assert!(added.contains("files/extra.txt"), "{added:?}");
    assert!(removed.contains("haproxy.cfg"), "{removed:?}");
    assert!(changed.contains("files/app.py"), "{changed:?}");
    assert_eq!(paths_with(&lines, '+'), added, "{text}");
    assert_eq!(paths_with(&lines, '~'), changed, "{text}");
    assert_eq!(paths_with(&lines, '-'), removed, "{text}");
    assert!(paths_with(&lines, '!').is_empty(), "{text}");
    assert!(
        text.contains("      +# changed\n"),
        "the diff is shown: {text}"
    );
    assert!(text.contains("      @@ -"), "{text}");
    assert!(text.ends_with(&format!(
        "Plan: {} to add, {} to change, {} to destroy, 0 drifted.\n",
        added.len(),
        changed.len(),
        removed.len()
    )));

    assert_success(&sandbox.apply());
    let mut expected = after.clone();
    expected.insert(
        "README".into(),
        (b"mine\n".to_vec(), sandbox.deployed()["README"].1),
    );
    assert_deployed_equals_build(&sandbox, &expected);
    assert_eq!(stdout(&sandbox.plan()), "No changes.\n");
}

#[test]
fn the_authkey_is_generated_once_and_kept_across_applies() {
    let sandbox = Sandbox::new();
    assert_success(&sandbox.apply());
    let key = sandbox.deployed()[AUTHKEY].0.clone();
    change_spec(&sandbox);
    assert_success(&sandbox.apply());
    assert_eq!(sandbox.deployed()[AUTHKEY].0, key);

    let other = Sandbox::new();
    assert_success(&other.apply());
    assert_ne!(
        other.deployed()[AUTHKEY].0,
        key,
        "each directory gets its own key"
    );
}

#[test]
fn secret_contents_are_never_printed_or_saved() {
    let sandbox = Sandbox::new();
    assert_success(&sandbox.apply());
    let key_path = sandbox.path(&format!("{DIR}/{AUTHKEY}"));
    let key = std::fs::read(&key_path).unwrap();
    std::fs::set_permissions(&key_path, std::fs::Permissions::from_mode(0o644)).unwrap();

    let plan = sandbox.hacc(&["plan", SPEC, "--dir", DIR, "--out", "saved.plan"]);
    assert_success(&plan);
    let text = stdout(&plan);
    assert!(
        text.contains(&format!(
            "  ~ {DIR}/{AUTHKEY}   (contents not shown; mode 0644 -> 0600)"
        )),
        "{text}"
    );
    let json = sandbox.hacc(&["plan", SPEC, "--dir", DIR, "--json"]);
    let saved = std::fs::read(sandbox.path("saved.plan")).unwrap();
    let applied = sandbox.hacc(&["apply", "saved.plan"]);
    assert_success(&applied);
    for shown in [
        &plan.stdout,
        &plan.stderr,
        &json.stdout,
        &saved,
        &applied.stdout,
        &applied.stderr,
    ] {
        // Any 8 bytes of the key in a row, raw or as hex.
        for part in key.windows(8) {
            let hex: String = part.iter().map(|b| format!("{b:02x}")).collect();
            assert!(!shown.windows(8).any(|w| w == part), "key bytes shown");
            assert!(
                !shown.windows(16).any(|w| w == hex.as_bytes()),
                "key hex shown"
            );
        }
    }
    assert_eq!(std::fs::read(&key_path).unwrap(), key, "kept");
    let mode = std::fs::metadata(&key_path).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_drifted_file_is_shown_and_only_overwritten_with_force() {
    let sandbox = Sandbox::new();
    let built = sandbox.build();
    assert_success(&sandbox.apply());
    let target = sandbox.path(&format!("{DIR}/corosync.conf"));
    let edited = "edited by hand\n";
    std::fs::write(&target, edited).unwrap();

    let plan = sandbox.plan();
    let text = stdout(&plan);
    assert!(
        text.contains(&format!(
            "  ! {DIR}/corosync.conf   (edited outside hacc since the last apply)\n"
        )),
        "{text}"
    );
    assert!(text.contains("      -edited by hand\n"), "{text}");
    assert!(text.ends_with("Plan: 0 to add, 0 to change, 0 to destroy, 1 drifted.\n"));
    let detailed = sandbox.hacc(&["plan", SPEC, "--dir", DIR, "--detailed-exitcode"]);
    assert_exit(&detailed, 2);

    let refused = sandbox.apply();
    assert_exit(&refused, 1);
    assert!(
        stderr(&refused).contains(&format!("`{DIR}/corosync.conf`")),
        "{}",
        stderr(&refused)
    );
    assert!(stderr(&refused).contains("--force"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), edited);

    assert_success(&sandbox.hacc(&["apply", SPEC, "--dir", DIR, "--auto-approve", "--force"]));
    assert!(std::fs::read(&target).unwrap() == built["corosync.conf"].0);
    assert_eq!(stdout(&sandbox.plan()), "No changes.\n");
}

#[test]
fn files_hacc_did_not_write_are_never_overwritten_or_deleted_without_force() {
    let sandbox = Sandbox::new();
    let built = sandbox.build();
    std::fs::create_dir_all(sandbox.path(DIR)).unwrap();
    let theirs = sandbox.path(&format!("{DIR}/cib.crm"));
    std::fs::write(&theirs, "someone else's\n").unwrap();
    let notes = sandbox.path(&format!("{DIR}/notes.txt"));
    std::fs::write(&notes, "keep me\n").unwrap();

    let text = stdout(&sandbox.plan());
    assert!(
        text.contains(&format!(
            "  ! {DIR}/cib.crm   (exists but hacc did not write it)\n"
        )),
        "{text}"
    );
    assert!(text.contains(", 1 conflicting.\n"), "{text}");
    assert!(!text.contains("notes.txt"), "{text}");
    let refused = sandbox.apply();
    assert_exit(&refused, 1);
    assert!(stderr(&refused).contains(&format!("`{DIR}/cib.crm` not written by hacc")));
    assert_eq!(
        std::fs::read_to_string(&theirs).unwrap(),
        "someone else's\n"
    );
    assert_eq!(sandbox.deployed().len(), 2, "nothing else was written");

    assert_success(&sandbox.hacc(&["apply", SPEC, "--dir", DIR, "--auto-approve", "--force"]));
    assert!(std::fs::read(&theirs).unwrap() == built["cib.crm"].0);
    change_spec(&sandbox);
    assert_success(&sandbox.apply());
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "keep me\n");
}

#[test]
fn an_identical_file_left_by_build_is_adopted_without_a_write() {
    let sandbox = Sandbox::new();
    assert_success(&sandbox.hacc(&["build", SPEC, "-o", DIR]));
    let cib = sandbox.path(&format!("{DIR}/cib.crm"));
    let written = std::fs::metadata(&cib).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(50));
    let output = sandbox.apply();
    assert_success(&output);
    // Only the key, which build never writes, is added; the built files are adopted as they are.
    assert_eq!(
        stdout(&output),
        format!(
            "  + {DIR}/{AUTHKEY}   (generated at apply, not shown)\n\
             Plan: 1 to add, 0 to change, 0 to destroy, 0 drifted.\n\
             Apply complete: 1 added, 0 changed, 0 destroyed.\n"
        )
    );
    assert_eq!(
        std::fs::metadata(&cib).unwrap().modified().unwrap(),
        written
    );
    std::fs::write(&cib, "edited\n").unwrap();
    assert!(stdout(&sandbox.plan()).contains("(edited outside hacc since the last apply)"));
}

#[test]
fn a_saved_plan_applies_exactly_what_was_planned() {
    let sandbox = Sandbox::new();
    assert_success(&sandbox.apply());
    change_spec(&sandbox);
    let planned = sandbox.build();
    let plan = sandbox.hacc(&["plan", SPEC, "--dir", DIR, "--out", "change.plan"]);
    assert_success(&plan);

    let output = sandbox.hacc(&["apply", "change.plan"]);
    assert_success(&output);
    // The saved plan names the directory by its absolute path.
    let absolute = sandbox.path(DIR).display().to_string();
    let shown: String = stdout(&output).replace(&absolute, DIR);
    assert_eq!(
        plan_lines(&shown),
        plan_lines(&stdout(&plan)),
        "apply shows the saved plan"
    );
    assert!(!plan_lines(&shown).is_empty());
    assert_deployed_equals_build(&sandbox, &planned);
}

#[test]
fn a_saved_plan_is_refused_when_a_file_the_spec_copies_changed_since() {
    let sandbox = Sandbox::new();
    assert_success(&sandbox.apply());
    change_spec(&sandbox);
    assert_success(&sandbox.hacc(&["plan", SPEC, "--dir", DIR, "--out", "change.plan"]));
    let before = sandbox.deployed();
    // Outside both the spec and the directory, but part of what the spec produces.
    std::fs::write(sandbox.path("spec/app.py"), "print('not planned')\n").unwrap();

    let refused = sandbox.hacc(&["apply", "change.plan"]);
    assert_exit(&refused, 1);
    let message = stderr(&refused);
    assert!(message.contains("does not match what"), "{message}");
    assert!(
        message.contains("the step for `files/app.py` differs in its contents"),
        "{message}"
    );
    assert_eq!(sandbox.deployed(), before, "nothing was written");
}

#[test]
fn a_saved_plan_is_refused_when_the_spec_changed_since() {
    let sandbox = Sandbox::new();
    assert_success(&sandbox.hacc(&["plan", SPEC, "--dir", DIR, "--out", "first.plan"]));
    sandbox.edit_spec(|text| text.replace("score=100", "score=150"));
    let refused = sandbox.hacc(&["apply", "first.plan"]);
    assert_exit(&refused, 1);
    let message = stderr(&refused);
    assert!(message.contains("stale"), "{message}");
    let spec = sandbox.path(SPEC);
    assert!(
        message.contains(&format!("`{}` changed", spec.display())),
        "{message}"
    );
    assert!(sandbox.deployed().is_empty(), "nothing was written");
}

#[test]
fn a_saved_plan_is_refused_when_a_file_in_the_directory_changed_since() {
    let sandbox = Sandbox::new();
    assert_success(&sandbox.apply());
    change_spec(&sandbox);
    assert_success(&sandbox.hacc(&["plan", SPEC, "--dir", DIR, "--out", "change.plan"]));
    let before = sandbox.deployed();
    std::fs::write(sandbox.path(&format!("{DIR}/Dockerfile")), "edited\n").unwrap();
    std::fs::write(sandbox.path(&format!("{DIR}/new.txt")), "new\n").unwrap();

    let refused = sandbox.hacc(&["apply", "change.plan"]);
    assert_exit(&refused, 1);
    let message = stderr(&refused);
    let dir = sandbox.path(DIR);
    assert!(
        message.contains(&format!("`{}/Dockerfile` changed", dir.display())),
        "{message}"
    );
    assert!(
        message.contains(&format!("`{}/new.txt` appeared", dir.display())),
        "{message}"
    );
    let mut now = sandbox.deployed();
    now.remove("new.txt");
    now.insert("Dockerfile".into(), before["Dockerfile"].clone());
    assert_eq!(now, before, "nothing else was touched");
}

#[test]
fn detailed_exitcode_is_0_without_changes_2_with_changes_and_1_on_error() {
    let sandbox = Sandbox::new();
    let args = ["plan", SPEC, "--dir", DIR, "--detailed-exitcode"];
    assert_exit(&sandbox.hacc(&args), 2);
    assert_success(&sandbox.apply());
    assert_exit(&sandbox.hacc(&args), 0);
    sandbox.edit_spec(|text| format!("{text}\nnode \"unclosed\" {{\n"));
    assert_exit(&sandbox.hacc(&args), 1);
    assert_exit(
        &sandbox.hacc(&["plan", "missing.kdl", "--dir", DIR, "--detailed-exitcode"]),
        1,
    );
    assert_exit(&sandbox.hacc(&["plan", SPEC, "--detailed-exitcode"]), 1);
}

#[test]
fn json_output_follows_the_published_schema() {
    let sandbox = Sandbox::new();
    assert_success(&sandbox.apply());
    change_spec(&sandbox);
    let output = sandbox.hacc(&["plan", SPEC, "--dir", DIR, "--json"]);
    assert_success(&output);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(common::root().join("schemas/plan.json")).unwrap())
            .unwrap();
    let names = |value: &serde_json::Value| -> BTreeSet<String> {
        value.as_object().unwrap().keys().cloned().collect()
    };
    // `cluster` is there only when the directory's cluster runs.
    let required: BTreeSet<String> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(names(&report), required);
    assert!(required.is_subset(&names(&schema["properties"])));
    assert_eq!(
        report["format_version"],
        schema["properties"]["format_version"]["const"]
    );
    assert_eq!(
        names(&report["summary"]),
        names(&schema["properties"]["summary"]["properties"])
    );
    let file_schema = &schema["$defs"]["file"]["properties"];
    let files = report["files"].as_array().unwrap();
    assert!(!files.is_empty());
    let mut counted = BTreeMap::<String, u64>::new();
    for file in files {
        assert_eq!(names(file), names(file_schema), "{file}");
        assert!(
            file_schema["action"]["enum"]
                .as_array()
                .unwrap()
                .contains(&file["action"])
        );
        assert!(
            file_schema["blocker"]["enum"]
                .as_array()
                .unwrap()
                .contains(&file["blocker"])
        );
        let has_diff = !file["diff"].is_null();
        assert_eq!(has_diff, file["action"] == "change", "{file}");
        *counted
            .entry(file["action"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    assert_eq!(report["changes"], true);
    assert_eq!(
        report["summary"]["add"],
        counted.get("add").copied().unwrap_or(0)
    );
    assert_eq!(
        report["summary"]["change"],
        counted.get("change").copied().unwrap_or(0)
    );
    assert_eq!(
        report["summary"]["destroy"],
        counted.get("delete").copied().unwrap_or(0)
    );
}

#[test]
fn apply_refuses_to_prompt_without_a_terminal() {
    let sandbox = Sandbox::new();
    let output = sandbox.hacc(&["apply", SPEC, "--dir", DIR]);
    assert_exit(&output, 1);
    assert!(
        stderr(&output).contains("not a terminal"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("`--auto-approve`"));
    assert!(sandbox.deployed().is_empty());
}

/// Runs hacc on a pseudo-terminal through util-linux `script`, feeding `input`.
fn on_terminal(sandbox: &Sandbox, args: &str, input: &str, env: &[(&str, &str)]) -> String {
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_hacc"));
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(sandbox.path(""))
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn apply_on_a_terminal_asks_and_only_yes_applies() {
    if !common::have_tool("script") {
        return;
    }
    let sandbox = Sandbox::new();
    let args = format!("apply {SPEC} --dir {DIR}");
    let declined = on_terminal(&sandbox, &args, "no\n", &[]);
    assert!(declined.contains("Apply these changes?"), "{declined}");
    assert!(declined.contains("apply cancelled"), "{declined}");
    assert!(sandbox.deployed().is_empty());
    let accepted = on_terminal(&sandbox, &args, "yes\n", &[]);
    assert!(accepted.contains("Apply complete"), "{accepted}");
    assert_eq!(keys(&sandbox.deployed()), keys(&sandbox.build()));
}

#[test]
fn colour_only_on_a_terminal_without_no_color() {
    let sandbox = Sandbox::new();
    assert!(
        !stdout(&sandbox.plan()).contains('\x1b'),
        "piped output has no colour"
    );
    if !common::have_tool("script") {
        return;
    }
    let args = format!("plan {SPEC} --dir {DIR}");
    let coloured = on_terminal(&sandbox, &args, "", &[]);
    assert!(
        coloured.contains(&format!("\x1b[32m+ {DIR}/")),
        "{coloured:?}"
    );
    let plain = on_terminal(&sandbox, &args, "", &[("NO_COLOR", "1")]);
    assert!(plain.contains(&format!("+ {DIR}/")), "{plain:?}");
    assert!(!plain.contains('\x1b'), "{plain:?}");
}

/// The plan lines that take the files `now` in the directory to `target`, given that hacc wrote
/// every file of `old` and `new` (and no other).
fn expected_lines(
    target: &Files,
    now: &Files,
    old: &Files,
    new: &Files,
) -> BTreeSet<(char, String)> {
    let missing_or_different = target
        .iter()
        .filter_map(|(path, (bytes, _))| match now.get(path) {
            None => Some(('+', path.clone())),
            Some((b, _)) if path != AUTHKEY && b != bytes => Some(('~', path.clone())),
            Some(_) => None,
        });
    let left_over = now
        .keys()
        .filter(|p| !target.contains_key(*p) && (old.contains_key(*p) || new.contains_key(*p)))
        .map(|p| ('-', p.clone()));
    missing_or_different.chain(left_over).collect()
}

/// For every point an apply can crash at, from an empty directory and from an earlier apply:
/// each file holds its old or its new contents, the next plan lists exactly the files still
/// to do with no drift or conflict (for the new spec and, when the change is given up, for the
/// old one), and the next apply converges.
#[test]
fn an_apply_killed_between_files_leaves_old_or_new_files_and_converges() {
    if !common::have_test_hooks() {
        return;
    }
    for from_scratch in [true, false] {
        let mut crash_point = 0;
        loop {
            let sandbox = Sandbox::new();
            let old = if from_scratch {
                BTreeMap::new()
            } else {
                assert_success(&sandbox.apply());
                copy_dir(&sandbox.path("spec"), &sandbox.path("old-spec"));
                change_spec(&sandbox);
                sandbox.deployed()
            };
            let new = sandbox.build();
            let changes = plan_lines(&stdout(&sandbox.plan())).len();
            let point = crash_point.to_string();
            let crashed = sandbox.hacc_with(
                &["apply", SPEC, "--dir", DIR, "--auto-approve"],
                &[("HACC_TEST_CRASH_AFTER", &point)],
            );
            assert_eq!(crashed.status.signal(), Some(6), "{}", stderr(&crashed));

            let now: Files = sandbox
                .deployed()
                .into_iter()
                .filter(|(path, _)| !path.ends_with(".hacc-tmp"))
                .collect();
            let temps = sandbox.deployed().len() - now.len();
            assert!(temps <= 1, "one write at most was cut short");
            for (path, (bytes, _)) in &now {
                let is_old = old.get(path).is_some_and(|(b, _)| b == bytes);
                let is_new = new.get(path).is_some_and(|(b, _)| b == bytes);
                assert!(
                    is_old || is_new || path == AUTHKEY,
                    "{path} is neither old nor new after a crash at {point}"
                );
            }

            let plan = stdout(&sandbox.plan());
            let to_new = expected_lines(&new, &now, &old, &new);
            assert_eq!(
                plan_lines(&plan),
                to_new,
                "after a crash at {point}:\n{plan}"
            );
            if !from_scratch {
                let back = sandbox.hacc(&["plan", "old-spec/cluster.kdl", "--dir", DIR]);
                let plan = stdout(&back);
                let to_old = expected_lines(&old, &now, &old, &new);
                assert_eq!(
                    plan_lines(&plan),
                    to_old,
                    "going back after a crash at {point}:\n{plan}"
                );
            }

            let key = now.get(AUTHKEY).map(|(k, _)| k.clone());
            assert_success(&sandbox.apply());
            assert_deployed_equals_build(&sandbox, &new);
            if let Some(key) = key {
                assert_eq!(
                    sandbox.deployed()[AUTHKEY].0,
                    key,
                    "the key survives a crash"
                );
            }
            assert_eq!(stdout(&sandbox.plan()), "No changes.\n");

            if crash_point == changes {
                break;
            }
            crash_point += 1;
        }
    }
}

/// A plain build (without the `test-hooks` feature, as `cargo build --release` makes it)
/// ignores the hooks' variables: the apply neither aborts nor waits. `scripts/test` runs this
/// test once more in such a build.
#[test]
fn a_build_without_test_hooks_ignores_their_variables() {
    if cfg!(feature = "test-hooks") {
        eprintln!("skipped: this build has the `test-hooks` feature; scripts/test runs it without");
        return;
    }
    let sandbox = Sandbox::new();
    let started = Instant::now();
    let output = sandbox.hacc_with(
        &["apply", SPEC, "--dir", DIR, "--auto-approve"],
        &[
            ("HACC_TEST_CRASH_AFTER", "0"),
            ("HACC_TEST_PAUSE_AFTER_LOCK_MS", "60000"),
        ],
    );
    assert_success(&output);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "the apply waited: {:?}",
        started.elapsed()
    );
    assert_deployed_equals_build(&sandbox, &sandbox.build());
    assert_eq!(stdout(&sandbox.plan()), "No changes.\n");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().map(Result::unwrap) {
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn an_apply_excludes_other_applies_and_plans_on_its_directory() {
    if !common::have_test_hooks() {
        return;
    }
    let sandbox = Sandbox::new();
    let first = sandbox
        .command(
            &["apply", SPEC, "--dir", DIR, "--auto-approve"],
            &[("HACC_TEST_PAUSE_AFTER_LOCK_MS", "3000")],
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lock = sandbox.path(&format!("{DIR}/.hacc/lock"));
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::fs::read_to_string(&lock)
        .unwrap_or_default()
        .trim()
        .is_empty()
    {
        assert!(
            Instant::now() < deadline,
            "the first apply never took the lock"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    let second = sandbox.apply();
    // A plan would read files the apply is writing.
    let planned = sandbox.plan();
    let pid = first.id();
    let first = first.wait_with_output().unwrap();
    for refused in [&second, &planned] {
        assert_exit(refused, 1);
        let message = stderr(refused);
        assert!(
            message.contains(&format!("locked by another `hacc apply` (pid {pid})")),
            "{message}"
        );
    }
    assert_success(&first);
    assert_eq!(stdout(&sandbox.plan()), "No changes.\n");
}

#[test]
fn build_prints_every_file_it_writes() {
    let sandbox = Sandbox::new();
    let output = sandbox.hacc(&["build", SPEC, "-o", "out"]);
    assert_success(&output);
    let printed: BTreeSet<String> = stdout(&output).lines().map(str::to_string).collect();
    let written: BTreeSet<String> = files_in(&sandbox.path("out"))
        .into_keys()
        .map(|path| format!("out/{path}"))
        .collect();
    assert_eq!(printed, written);
    assert!(!written.contains(&format!("out/{AUTHKEY}")));
    assert!(stderr(&output).contains("apply` creates secrets"));
}

#[test]
fn a_plan_is_not_saved_inside_the_directory_it_plans() {
    let sandbox = Sandbox::new();
    assert_success(&sandbox.apply());
    let inside = format!("{DIR}/next.plan");
    let output = sandbox.hacc(&["plan", SPEC, "--dir", DIR, "--out", &inside]);
    assert_exit(&output, 1);
    assert!(
        stderr(&output).contains("save the plan outside"),
        "{}",
        stderr(&output)
    );
    assert!(!sandbox.path(&inside).exists());
}
