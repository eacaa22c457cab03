//! Saved plans are bound to what their spec produces: `hacc apply FILE` re-derives the steps
//! from the spec the plan records, against the directory as it is, and refuses an edited plan
//! (contents, mode, the key's step, the directory) or a damaged one before writing anything.
//! Run as the real binary; every refusal leaves the directories byte for byte as they were.

use crate::common::sandbox;

use sandbox::{
    AUTHKEY, DIR, Entry, SPEC, Sandbox, assert_exit, assert_success, snapshot, stderr, stdout,
};
use serde_json::{Value, json};

const PLAN: &str = "change.plan";

/// A directory applied from the seed, then a score change saved as `change.plan`: the plan
/// rewrites cib.crm and cib.xml and keeps every other file, the key among them.
fn planned_change() -> Sandbox {
    let sandbox = Sandbox::new();
    assert_success(&sandbox.apply(DIR));
    sandbox.edit_spec(|text| text.replace("score=100", "score=200"));
    assert_success(&sandbox.hacc(&["plan", SPEC, "--dir", DIR, "--out", PLAN]));
    sandbox
}

fn read_plan(sandbox: &Sandbox, name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(sandbox.path(name)).unwrap()).unwrap()
}

fn write_plan(sandbox: &Sandbox, name: &str, plan: &Value) {
    std::fs::write(sandbox.path(name), serde_json::to_vec_pretty(plan).unwrap()).unwrap();
}

fn step<'a>(plan: &'a mut Value, path: &str) -> &'a mut Value {
    plan["steps"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s["path"] == path)
        .unwrap_or_else(|| panic!("no step for {path}"))
}

/// Saves `plan` edited by `tamper` as `tampered.plan`, applies it, and asserts that it is
/// refused with a message holding `expected` and that `dirs` are unchanged byte for byte.
#[track_caller]
fn assert_tampering_refused(
    sandbox: &Sandbox,
    tamper: impl FnOnce(&mut Value),
    expected: &str,
    dirs: &[&str],
) {
    let mut plan = read_plan(sandbox, PLAN);
    tamper(&mut plan);
    write_plan(sandbox, "tampered.plan", &plan);
    let before: Vec<_> = dirs.iter().map(|d| snapshot(&sandbox.path(d))).collect();
    let refused = sandbox.hacc(&["apply", "tampered.plan"]);
    assert_exit(&refused, 1);
    let message = stderr(&refused);
    assert!(message.contains(expected), "{message}");
    for (dir, before) in dirs.iter().zip(before) {
        assert_eq!(snapshot(&sandbox.path(dir)), before, "{dir} changed");
    }
}

#[test]
fn an_injected_line_in_a_file_is_refused() {
    let sandbox = planned_change();
    let entrypoint = std::fs::read_to_string(sandbox.path(&format!("{DIR}/hacc-entrypoint")))
        .unwrap()
        .replacen('\n', "\ntouch /tmp/hacc-injected\n", 1);
    assert_tampering_refused(
        &sandbox,
        |plan| {
            let step = step(plan, "hacc-entrypoint");
            step["action"] = json!("change");
            step["sha256"] = json!(hacc::state::sha256_hex(entrypoint.as_bytes()));
            step["contents"] = json!({ "text": entrypoint });
        },
        "the step for `hacc-entrypoint` differs in its action, contents and hash",
        &[DIR],
    );
    // The same edit of a file the plan writes anyway.
    assert_tampering_refused(
        &sandbox,
        |plan| {
            let step = step(plan, "cib.crm");
            let text = step["contents"]["text"].as_str().unwrap().to_string();
            step["contents"]["text"] =
                json!(format!("{text}primitive extra ocf:pacemaker:Dummy\n"));
        },
        "the step for `cib.crm` differs in its contents",
        &[DIR],
    );
}

#[test]
fn an_edited_mode_is_refused() {
    let sandbox = planned_change();
    assert_tampering_refused(
        &sandbox,
        |plan| {
            let step = step(plan, "hacc-entrypoint");
            step["action"] = json!("change");
            step["mode"] = json!("6777");
        },
        "the step for `hacc-entrypoint` differs in its action and mode",
        &[DIR],
    );
    let Entry::File { mode, .. } = &snapshot(&sandbox.path(DIR))["hacc-entrypoint"] else {
        panic!("hacc-entrypoint is a file");
    };
    assert_eq!(*mode, 0o755);
}

#[test]
fn a_changed_or_deleted_key_step_is_refused() {
    let sandbox = planned_change();
    // A new key would part this directory's nodes from the running ones.
    assert_tampering_refused(
        &sandbox,
        |plan| {
            let step = step(plan, AUTHKEY);
            step["action"] = json!("add");
            step.as_object_mut().unwrap().remove("sha256");
        },
        &format!("the step for `{AUTHKEY}` differs in its action and hash"),
        &[DIR],
    );
    assert_tampering_refused(
        &sandbox,
        |plan| step(plan, AUTHKEY)["sha256"] = json!(hacc::state::sha256_hex(b"another key")),
        &format!("the step for `{AUTHKEY}` differs in its hash"),
        &[DIR],
    );
    assert_tampering_refused(
        &sandbox,
        |plan| {
            plan["steps"]
                .as_array_mut()
                .unwrap()
                .retain(|s| s["path"] != AUTHKEY);
        },
        &format!("the step for `{AUTHKEY}` is missing"),
        &[DIR],
    );
}

#[test]
fn a_plan_moved_to_another_directory_is_refused() {
    let sandbox = Sandbox::new();
    assert_success(&sandbox.apply(DIR));
    assert_success(&sandbox.apply("other"));
    sandbox.edit_spec(|text| text.replace("score=100", "score=200"));
    assert_success(&sandbox.hacc(&["plan", SPEC, "--dir", DIR, "--out", PLAN]));
    // The other directory's own plan gives its state, so only the steps can tell.
    assert_success(&sandbox.hacc(&["plan", SPEC, "--dir", "other", "--out", "other.plan"]));
    let other = read_plan(&sandbox, "other.plan");
    assert_tampering_refused(
        &sandbox,
        |plan| {
            plan["dir"] = other["dir"].clone();
            plan["dir_state"] = other["dir_state"].clone();
        },
        &format!("the step for `{AUTHKEY}` differs in its hash"),
        &[DIR, "other"],
    );
    // A relative directory would name another place from another working directory.
    assert_tampering_refused(
        &sandbox,
        |plan| plan["dir"] = json!(DIR),
        "`dir` is `deploy`, not an absolute path",
        &[DIR],
    );
}

#[test]
fn a_truncated_plan_is_reported_as_a_damaged_plan() {
    let sandbox = planned_change();
    let whole = std::fs::read(sandbox.path(PLAN)).unwrap();
    let before = snapshot(&sandbox.path(DIR));
    for cut in [whole.len() / 2, whole.len() - 3, 1] {
        std::fs::write(sandbox.path("cut.plan"), &whole[..cut]).unwrap();
        let refused = sandbox.hacc(&["apply", "cut.plan"]);
        assert_exit(&refused, 1);
        let message = stderr(&refused);
        assert!(
            message.contains("`cut.plan` is not a valid saved plan: it is cut short or damaged"),
            "cut at {cut}: {message}"
        );
        assert_eq!(snapshot(&sandbox.path(DIR)), before);
    }
    // An object without the plan's kind is not a spec either.
    std::fs::write(sandbox.path("cut.plan"), "{}\n").unwrap();
    let refused = sandbox.hacc(&["apply", "cut.plan"]);
    assert_exit(&refused, 1);
    assert!(
        stderr(&refused).contains("is not a valid saved plan: it has no `\"kind\": \"hacc-plan\"`"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(snapshot(&sandbox.path(DIR)), before);
}

#[test]
fn an_untouched_plan_applies_from_any_working_directory_with_absolute_paths() {
    let sandbox = planned_change();
    let plan = read_plan(&sandbox, PLAN);
    assert_eq!(plan["dir"], sandbox.path(DIR).to_str().unwrap());
    assert_eq!(plan["spec"], sandbox.path(SPEC).to_str().unwrap());

    // From `spec/`, where the relative `deploy` would be another, empty directory; `--dir`
    // names the planned one from there.
    let applied = sandbox.hacc_in(
        "spec",
        &[
            "apply",
            &format!("../{PLAN}"),
            "--dir",
            &format!("../{DIR}"),
        ],
    );
    assert_success(&applied);
    assert!(
        stdout(&applied).contains("Apply complete: 0 added, 2 changed, 0 destroyed."),
        "{}",
        stdout(&applied)
    );
    assert!(!sandbox.path("spec/deploy").exists());
    let built = sandbox.build();
    let deployed = snapshot(&sandbox.path(DIR));
    for file in ["cib.crm", "cib.xml"] {
        assert_eq!(deployed[file], built[file], "{file}");
    }
    let again = sandbox.hacc(&["plan", SPEC, "--dir", DIR]);
    assert_eq!(stdout(&again), "No changes.\n");
}
