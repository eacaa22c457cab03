//! `hacc completions` and `hacc man`, exercised by their clients: the shells parse and run the
//! completion scripts, groff renders the man pages.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

fn hacc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hacc"))
        .args(args)
        .output()
        .unwrap()
}

/// The subcommands `hacc --help` lists, without clap's `help`.
fn subcommands() -> Vec<String> {
    let output = hacc(&["--help"]);
    let help = String::from_utf8(output.stdout).unwrap();
    let commands: Vec<String> = help
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect();
    assert!(commands.len() >= 9, "{help}");
    commands
}

/// Writes `hacc completions SHELL` into `dir` and returns its path.
fn completion_script(dir: &Path, shell: &str) -> std::path::PathBuf {
    let output = hacc(&["completions", shell]);
    assert!(output.status.success(), "{output:?}");
    let path = dir.join(format!("hacc.{shell}"));
    std::fs::write(&path, &output.stdout).unwrap();
    path
}

fn run_shell(shell: &str, args: &[&str]) -> String {
    let output = Command::new(shell).args(args).output().unwrap();
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "{shell} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[track_caller]
fn assert_lists_every_subcommand(words: &[&str], what: &str) {
    for name in subcommands() {
        assert!(
            words.contains(&name.as_str()),
            "{what} lacks `{name}`: {words:?}"
        );
    }
}

#[test]
fn bash_completion_parses_and_completes_subcommands_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let script = completion_script(dir.path(), "bash");
    let script = script.to_str().unwrap();
    run_shell("bash", &["-n", script]);
    // What bash does on TAB: call the registered function with the words typed so far.
    let complete = |words: &str, current: usize| {
        let program = format!(
            "source '{script}'; COMP_WORDS=({words}); COMP_CWORD={current}; \
             _hacc hacc \"${{COMP_WORDS[$COMP_CWORD]}}\" \"${{COMP_WORDS[$COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        run_shell("bash", &["-c", &program])
    };
    let offered = complete("hacc ''", 1);
    assert_lists_every_subcommand(&offered.lines().collect::<Vec<_>>(), "bash");
    let formats = complete("hacc check --format ''", 3);
    assert_eq!(
        formats.lines().collect::<Vec<_>>(),
        ["human", "json", "sarif", "github"]
    );
}

#[test]
fn zsh_completion_parses_and_names_every_subcommand() {
    if !common::have_tool("zsh") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = completion_script(dir.path(), "zsh");
    run_shell("zsh", &["-n", script.to_str().unwrap()]);
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(text.starts_with("#compdef hacc"));
    // Each subcommand is described as `'NAME:about'` in the list zsh offers.
    let described: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix('\''))
        .filter_map(|l| l.split_once(':').map(|(name, _)| name))
        .collect();
    assert_lists_every_subcommand(&described, "zsh");
}

#[test]
fn fish_completion_parses_and_completes_subcommands() {
    if !common::have_tool("fish") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = completion_script(dir.path(), "fish");
    let script = script.to_str().unwrap();
    run_shell("fish", &["--no-execute", script]);
    // `complete -C` prints what fish would offer for the command line, one `word\tabout` a line.
    let offered = run_shell(
        "fish",
        &[
            "--no-config",
            "-c",
            &format!("source '{script}'; complete -C 'hacc '"),
        ],
    );
    let words: Vec<&str> = offered
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_lists_every_subcommand(&words, "fish");
}

#[test]
fn man_pages_cover_every_subcommand_and_render_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let output = hacc(&["man", "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: Vec<String> = subcommands()
        .iter()
        .map(|name| format!("hacc-{name}.1"))
        .chain(["hacc.1".to_string()])
        .collect();
    expected.sort();
    assert_eq!(written, expected);
    // Without `--out`, the top page goes to stdout, the same bytes.
    let page = hacc(&["man"]);
    assert!(page.status.success());
    assert_eq!(page.stdout, std::fs::read(out.join("hacc.1")).unwrap());
    if !common::have_tool("groff") {
        return;
    }
    for name in &written {
        let rendered = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-P-cbou"])
            .arg(out.join(name))
            .env("LC_ALL", "C.UTF-8")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&rendered.stderr);
        assert!(
            rendered.status.success() && stderr.is_empty(),
            "{name}: {stderr}"
        );
        // Justified lines may hold several spaces between words.
        let text = String::from_utf8_lossy(&rendered.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let title = name.trim_end_matches(".1");
        assert!(
            text.contains(&format!("{title} - ")),
            "{name} has no NAME line:\n{text}"
        );
        if name == "hacc.1" {
            for sub in subcommands() {
                assert!(
                    text.contains(&format!("hacc-{sub}(1)")),
                    "hacc.1 lacks {sub}"
                );
            }
        }
    }
}

#[test]
fn man_into_an_unusable_directory_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let output = hacc(&["man", "--out", file.join("man1").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: cannot"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}
