//! A hostile file system: links planted in the deploy directory, FIFOs and devices where hacc
//! reads, odd umasks, copy sources that leave the spec's directory. The real binary runs in
//! temporary directories, each run under a time limit so that a hang fails the test instead
//! of hanging the suite; nothing outside the deploy directory may change.

use crate::common;

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const SPEC: &str = "spec/cluster.kdl";
const DIR: &str = "deploy";
/// Longer than any of these commands needs; a command still running then is taken as hung.
const LIMIT: Duration = Duration::from_secs(20);

/// A copy of the seed example in `spec/`, and a directory outside everything hacc is given,
/// holding the files a hostile link points at.
struct Sandbox {
    root: tempfile::TempDir,
    outside: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let root = tempfile::tempdir().unwrap();
        let example = common::root().join("examples/seed");
        std::fs::create_dir(root.path().join("spec")).unwrap();
        for name in ["cluster.kdl", "app.py"] {
            std::fs::copy(example.join(name), root.path().join("spec").join(name)).unwrap();
        }
        Sandbox {
            root,
            outside: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    /// A file outside the sandbox, with its contents and mode, for a link to point at.
    fn victim(&self, name: &str) -> PathBuf {
        let path = self.outside.path().join(name);
        std::fs::write(&path, "precious\n").unwrap();
        std::fs::set_permissions(&path, PermissionsExt::from_mode(0o600)).unwrap();
        path
    }

    /// Asserts that the victims are as made and nothing else appeared outside.
    #[track_caller]
    fn assert_outside_untouched(&self, victims: &[&str]) {
        let mut names: Vec<String> = std::fs::read_dir(self.outside.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut expected: Vec<String> = victims.iter().map(|v| v.to_string()).collect();
        expected.sort();
        assert_eq!(names, expected, "files appeared outside the directory");
        for victim in victims {
            let path = self.outside.path().join(victim);
            assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious\n");
            assert_eq!(mode(&path), 0o600, "mode of {victim}");
        }
    }

    fn hacc(&self, args: &[&str]) -> Output {
        self.run(Command::new(env!("CARGO_BIN_EXE_hacc")).args(args))
    }

    /// Runs hacc through `sh` with `setup` (e.g. `umask 077`) done first.
    fn hacc_after(&self, setup: &str, args: &[&str]) -> Output {
        let script = format!("{setup} && exec \"$0\" \"$@\"");
        self.run(
            Command::new("sh")
                .args(["-c", &script, env!("CARGO_BIN_EXE_hacc")])
                .args(args),
        )
    }

    fn apply(&self) -> Output {
        self.hacc(&["apply", SPEC, "--dir", DIR, "--auto-approve"])
    }

    /// Runs `command` in the sandbox with no input, failing the test when it outlives [`LIMIT`].
    fn run(&self, command: &mut Command) -> Output {
        let out = tempfile::NamedTempFile::new_in(self.outside.path()).unwrap();
        let err = tempfile::NamedTempFile::new_in(self.outside.path()).unwrap();
        let mut child = command
            .current_dir(self.root.path())
            .env_remove("NO_COLOR")
            .stdin(Stdio::null())
            .stdout(out.reopen().unwrap())
            .stderr(err.reopen().unwrap())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > LIMIT {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "{command:?} still ran after {LIMIT:?}: it hangs\nstderr:\n{}",
                    std::fs::read_to_string(err.path()).unwrap_or_default()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Output {
            status,
            stdout: std::fs::read(out.path()).unwrap(),
            stderr: std::fs::read(err.path()).unwrap(),
        }
    }

    /// Adds `line` to the image block of the spec, after the seed's own copy.
    fn add_to_image(&self, line: &str) {
        let path = self.path(SPEC);
        let text = std::fs::read_to_string(&path).unwrap();
        let anchor = "        copy \"app.py\" to=\"/usr/local/bin/app.py\"\n";
        assert!(text.contains(anchor));
        let edited = text.replacen(anchor, &format!("{anchor}        {line}\n"), 1);
        std::fs::write(path, edited).unwrap();
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o7777
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[track_caller]
fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(output)
    );
}

/// Asserts a refusal with exit status 1 whose message contains `needle`.
#[track_caller]
fn assert_refused(output: &Output, needle: &str) {
    assert_exit(output, 1);
    assert!(stderr(output).contains(needle), "{}", stderr(output));
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Every path under `dir` whose name ends like a temp file of hacc's.
fn temps_in(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            found.extend(temps_in(&path));
        } else if entry.file_name().to_string_lossy().ends_with(".hacc-tmp") {
            found.push(path.display().to_string());
        }
    }
    found
}

#[test]
fn a_linked_files_or_secrets_directory_is_refused_and_nothing_is_written_through_it() {
    for linked in ["files", "secrets"] {
        let sandbox = Sandbox::new();
        std::fs::create_dir(sandbox.path(DIR)).unwrap();
        symlink(
            sandbox.outside.path(),
            sandbox.path(&format!("{DIR}/{linked}")),
        )
        .unwrap();
        let output = sandbox.apply();
        assert_refused(&output, &format!("`{DIR}/{linked}` is a symbolic link"));
        sandbox.assert_outside_untouched(&[]);
    }
}

#[test]
fn a_linked_state_directory_or_lock_is_refused_and_not_truncated() {
    let sandbox = Sandbox::new();
    std::fs::create_dir(sandbox.path(DIR)).unwrap();
    symlink(
        sandbox.outside.path(),
        sandbox.path(&format!("{DIR}/.hacc")),
    )
    .unwrap();
    assert_refused(
        &sandbox.apply(),
        &format!("`{DIR}/.hacc` is a symbolic link"),
    );
    sandbox.assert_outside_untouched(&[]);

    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.path(&format!("{DIR}/.hacc"))).unwrap();
    let lock = sandbox.victim("lock");
    symlink(&lock, sandbox.path(&format!("{DIR}/.hacc/lock"))).unwrap();
    assert_refused(
        &sandbox.apply(),
        &format!("`{DIR}/.hacc/lock` is a symbolic link"),
    );
    // A plan takes the lock shared: it must not open the link either.
    let plan = sandbox.hacc(&["plan", SPEC, "--dir", DIR]);
    assert_refused(&plan, &format!("`{DIR}/.hacc/lock` is a symbolic link"));
    sandbox.assert_outside_untouched(&["lock"]);
}

#[test]
fn a_link_at_a_temp_file_name_is_refused_before_anything_is_written() {
    let sandbox = Sandbox::new();
    std::fs::create_dir(sandbox.path(DIR)).unwrap();
    let target = sandbox.victim("target");
    symlink(&target, sandbox.path(&format!("{DIR}/.cib.crm.hacc-tmp"))).unwrap();
    let output = sandbox.apply();
    assert_refused(
        &output,
        &format!("`{DIR}/.cib.crm.hacc-tmp` is a symbolic link"),
    );
    sandbox.assert_outside_untouched(&["target"]);
    assert!(
        !sandbox.path(&format!("{DIR}/cib.crm")).exists(),
        "no file was written"
    );
}

#[test]
fn a_manifest_entry_under_a_linked_directory_deletes_nothing_outside() {
    let sandbox = Sandbox::new();
    assert_exit(&sandbox.apply(), 0);
    sandbox.victim("x");
    symlink(sandbox.outside.path(), sandbox.path(&format!("{DIR}/link"))).unwrap();
    // The entry records the outside file's own hash, so without the defence it is a clean
    // delete of a managed file the spec no longer makes.
    let manifest_path = sandbox.path(&format!("{DIR}/.hacc/manifest.json"));
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest_path).unwrap()).unwrap();
    manifest["files"]["link/x"] = serde_json::json!({
        "sha256": hacc::state::sha256_hex(b"precious\n"),
        "mode": "0600",
    });
    std::fs::write(&manifest_path, manifest.to_string()).unwrap();

    for output in [sandbox.hacc(&["plan", SPEC, "--dir", DIR]), sandbox.apply()] {
        assert_refused(&output, &format!("`{DIR}/link` is a symbolic link"));
    }
    sandbox.assert_outside_untouched(&["x"]);
}

#[test]
fn build_refuses_links_in_its_output_directory() {
    let sandbox = Sandbox::new();
    std::fs::create_dir(sandbox.path("out")).unwrap();
    let target = sandbox.victim("Dockerfile");
    symlink(&target, sandbox.path("out/Dockerfile")).unwrap();
    let output = sandbox.hacc(&["build", SPEC, "-o", "out"]);
    assert_refused(&output, "`out/Dockerfile` is a symbolic link");

    std::fs::remove_file(sandbox.path("out/Dockerfile")).unwrap();
    symlink(sandbox.outside.path(), sandbox.path("out/files")).unwrap();
    let output = sandbox.hacc(&["build", SPEC, "-o", "out"]);
    assert_refused(&output, "`out/files` is a symbolic link");
    sandbox.assert_outside_untouched(&["Dockerfile"]);
}

/// Modes of every file under `dir` (but `.hacc`), by path relative to it.
fn modes_in(dir: &Path, prefix: &str, modes: &mut Vec<(String, u32)>) {
    for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
        let rel = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type().unwrap().is_dir() {
            if rel != ".hacc" {
                modes_in(&entry.path(), &format!("{rel}/"), modes);
            }
        } else {
            modes.push((rel, mode(&entry.path())));
        }
    }
    modes.sort();
}

#[test]
fn directories_and_files_get_their_modes_whatever_the_umask() {
    let reference = Sandbox::new();
    assert_exit(&reference.hacc(&["build", SPEC, "-o", "out"]), 0);
    let mut built = Vec::new();
    modes_in(&reference.path("out"), "", &mut built);
    assert!(built.iter().any(|(_, m)| *m == 0o755), "{built:?}");

    for umask in ["077", "000"] {
        let sandbox = Sandbox::new();
        let setup = format!("umask {umask}");
        let apply = sandbox.hacc_after(&setup, &["apply", SPEC, "--dir", DIR, "--auto-approve"]);
        assert_exit(&apply, 0);
        let dir = sandbox.path(DIR);
        assert_eq!(mode(&dir), 0o755, "the directory under umask {umask}");
        assert_eq!(mode(&dir.join(".hacc")), 0o700, ".hacc under umask {umask}");
        assert_eq!(
            mode(&dir.join("files")),
            0o755,
            "files/ under umask {umask}"
        );
        assert_eq!(
            mode(&dir.join("secrets")),
            0o700,
            "secrets/ under umask {umask}"
        );
        let mut deployed = Vec::new();
        modes_in(&dir, "", &mut deployed);
        let mut expected = built.clone();
        expected.push(("secrets/authkey".into(), 0o600));
        // The seed example has fencing: its certificates are secrets too.
        for path in hacc::model::fencing::CERT_FILES {
            expected.push((path.into(), 0o600));
        }
        assert_eq!(
            mode(&dir.join("secrets/fence")),
            0o700,
            "secrets/fence/ under umask {umask}"
        );
        expected.sort();
        assert_eq!(deployed, expected, "file modes under umask {umask}");

        let build = sandbox.hacc_after(&setup, &["build", SPEC, "-o", "nested/out"]);
        assert_exit(&build, 0);
        assert_eq!(mode(&sandbox.path("nested")), 0o755, "umask {umask}");
        assert_eq!(mode(&sandbox.path("nested/out")), 0o755, "umask {umask}");
        let mut rebuilt = Vec::new();
        modes_in(&sandbox.path("nested/out"), "", &mut rebuilt);
        assert_eq!(rebuilt, built, "build modes under umask {umask}");
    }
}

#[test]
fn the_next_apply_removes_the_temp_file_a_crash_left_and_only_hacc_s_own() {
    if !common::have_test_hooks() {
        return;
    }
    let sandbox = Sandbox::new();
    assert_exit(&sandbox.apply(), 0);
    let original = std::fs::read_to_string(sandbox.path(SPEC)).unwrap();
    std::fs::write(
        sandbox.path(SPEC),
        original.replace("score=100", "score=200"),
    )
    .unwrap();
    // Cut between the first file's flushed temp file and its rename.
    let crashed = sandbox.run(
        Command::new(env!("CARGO_BIN_EXE_hacc"))
            .args(["apply", SPEC, "--dir", DIR, "--auto-approve"])
            .env("HACC_TEST_CRASH_AFTER", "0"),
    );
    assert!(!crashed.status.success(), "{}", stderr(&crashed));
    assert_eq!(
        temps_in(&sandbox.path(DIR)).len(),
        1,
        "the crash left a temp"
    );
    // Not hacc's temp names: a file the user keeps there.
    for name in ["notes.hacc-tmp", ".notes.hacc-tmp"] {
        std::fs::write(sandbox.path(&format!("{DIR}/{name}")), "mine\n").unwrap();
    }

    // Back to the spec as applied: the file cut short is not written again.
    std::fs::write(sandbox.path(SPEC), &original).unwrap();
    assert_exit(&sandbox.apply(), 0);
    let mut left = temps_in(&sandbox.path(DIR));
    left.sort();
    let kept: Vec<String> = [".notes.hacc-tmp", "notes.hacc-tmp"]
        .iter()
        .map(|name| sandbox.path(&format!("{DIR}/{name}")).display().to_string())
        .collect();
    assert_eq!(left, kept);
}

#[test]
fn a_fifo_or_device_as_the_spec_is_refused_at_once() {
    let sandbox = Sandbox::new();
    mkfifo(&sandbox.path("pipe.kdl"));
    let fifo = "`pipe.kdl` is a FIFO, not a regular file";
    assert_exit(&sandbox.hacc(&["check", "pipe.kdl"]), 2);
    assert!(stderr(&sandbox.hacc(&["check", "pipe.kdl"])).contains(fifo));
    for args in [
        &["build", "pipe.kdl", "-o", "out"][..],
        &["plan", "pipe.kdl", "--dir", DIR],
        &["apply", "pipe.kdl", "--dir", DIR, "--auto-approve"],
    ] {
        assert_refused(&sandbox.hacc(args), fifo);
    }
    // Memory is capped so that reading /dev/zero without end fails instead of filling it.
    let zero = sandbox.hacc_after("ulimit -v 4194304", &["check", "/dev/zero"]);
    assert_exit(&zero, 2);
    assert!(
        stderr(&zero).contains("`/dev/zero` is a character device, not a regular file"),
        "{}",
        stderr(&zero)
    );
    assert!(!sandbox.path(DIR).exists() && !sandbox.path("out").exists());
}

#[test]
fn a_spec_over_the_size_cap_is_refused_with_the_cap() {
    let sandbox = Sandbox::new();
    let big = std::fs::File::create(sandbox.path("big.kdl")).unwrap();
    big.set_len((64 << 20) + 1).unwrap();
    let output = sandbox.hacc(&["check", "big.kdl"]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output)
            .contains("`big.kdl` is 67108865 bytes, more than the 64 MiB a spec may have"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_fifo_as_a_saved_plan_is_refused_at_once() {
    let sandbox = Sandbox::new();
    mkfifo(&sandbox.path("pipe.plan"));
    assert_refused(
        &sandbox.hacc(&["apply", "pipe.plan"]),
        "`pipe.plan` is a FIFO, not a regular file",
    );
}

#[test]
fn a_fifo_as_a_copy_source_is_a_check_error_and_never_read() {
    let sandbox = Sandbox::new();
    mkfifo(&sandbox.path("spec/pipe"));
    sandbox.add_to_image(r#"copy "pipe" to="/opt/pipe""#);
    let check = sandbox.hacc(&["check", SPEC]);
    assert_exit(&check, 1);
    let text = stderr(&check);
    assert!(text.contains("E0207"), "{text}");
    assert!(
        text.contains("copy source `pipe` is a FIFO, not a regular file"),
        "{text}"
    );
    assert_exit(&sandbox.hacc(&["plan", SPEC, "--dir", DIR]), 1);
}

#[test]
fn special_files_in_the_directory_are_fingerprinted_not_opened() {
    let sandbox = Sandbox::new();
    assert_exit(&sandbox.apply(), 0);
    mkfifo(&sandbox.path(&format!("{DIR}/notes.pipe")));
    let device = sandbox.path(&format!("{DIR}/zero"));
    let have_device = Command::new("mknod")
        .args([device.to_str().unwrap(), "c", "1", "5"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !have_device {
        eprintln!("note: `mknod` is not allowed here; only the FIFO is tried");
    }
    let plan = sandbox.hacc(&["plan", SPEC, "--dir", DIR, "--out", "saved.plan"]);
    assert_exit(&plan, 0);
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sandbox.path("saved.plan")).unwrap()).unwrap();
    assert_eq!(saved["dir_state"]["notes.pipe"], "special:a FIFO");
    if have_device {
        assert_eq!(saved["dir_state"]["zero"], "special:a character device");
    }
    assert_exit(&sandbox.hacc(&["apply", "saved.plan"]), 0);
}

/// The `[file:line:column]` miette shows for a span starting at the first `needle` in `spec`.
fn position(spec: &str, needle: &str) -> String {
    let offset = spec
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in the spec"));
    let before = &spec[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    format!("[{SPEC}:{line}:{column}]")
}

#[test]
fn copy_sources_that_leave_the_spec_directory_are_check_errors_and_never_copied() {
    let sandbox = Sandbox::new();
    symlink("/", sandbox.path("spec/rootlink")).unwrap();
    symlink(sandbox.victim("secret"), sandbox.path("spec/alias")).unwrap();
    sandbox.add_to_image(r#"copy "rootlink/etc/shadow" to="/opt/shadow""#);
    sandbox.add_to_image(r#"copy "alias" to="/opt/alias""#);
    let spec = std::fs::read_to_string(sandbox.path(SPEC)).unwrap();
    let check = sandbox.hacc(&["check", SPEC]);
    assert_exit(&check, 1);
    let text = stderr(&check);
    for source in ["rootlink/etc/shadow", "alias"] {
        assert!(
            text.contains(&format!(
                "copy source `{source}` leads outside the spec's directory through a symbolic link"
            )),
            "{text}"
        );
        let at = position(&spec, &format!("\"{source}\""));
        assert!(text.contains(&at), "{at} in {text}");
    }
    assert_eq!(text.matches("E0207").count(), 2, "{text}");
    assert_exit(&sandbox.hacc(&["build", SPEC, "-o", "out"]), 1);
    assert!(!sandbox.path("out").exists(), "nothing was built");
    sandbox.assert_outside_untouched(&["secret"]);
}

#[test]
fn missing_empty_and_dot_copy_sources_are_check_errors_at_their_span() {
    let sandbox = Sandbox::new();
    sandbox.add_to_image(r#"copy "missing.py" to="/opt/a""#);
    sandbox.add_to_image(r#"copy "" to="/opt/b""#);
    sandbox.add_to_image(r#"copy "." to="/opt/c""#);
    let spec = std::fs::read_to_string(sandbox.path(SPEC)).unwrap();
    let check = sandbox.hacc(&["check", SPEC]);
    assert_exit(&check, 1);
    let text = stderr(&check);
    assert_eq!(text.matches("E0207").count(), 3, "{text}");
    for (needle, message) in [
        (
            r#""missing.py""#,
            "copy source `missing.py` does not exist in the spec's directory",
        ),
        (r#""" to="/opt/b""#, "copy source is empty"),
        (
            r#""." to"#,
            "copy source `.` names the spec's directory, not a file",
        ),
    ] {
        assert!(text.contains(message), "{message} in {text}");
        let at = position(&spec, needle);
        assert!(text.contains(&at), "{at} in {text}");
    }
    let build = sandbox.hacc(&["build", SPEC, "-o", "out"]);
    assert_exit(&build, 1);
    assert!(stderr(&build).contains("E0207"), "{}", stderr(&build));
}
