//! The corosync authkey as drift: replaced, cut short, emptied or deleted by hand, it is shown
//! as `!` (by hash, never by contents), apply refuses to go on over it without `--force`, a key
//! too short for corosync is refused with its length, and `--force` puts a new key in its place.
//! No output ever holds any part of any of the keys. Run as the real binary.

use crate::common::sandbox;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use sandbox::{
    AUTHKEY, DIR, Entry, SPEC, Sandbox, assert_exit, assert_success, snapshot, stderr, stdout,
};
use std::io::Read;
use std::process::Output;

/// The shortest key corosync reads (`corosync-keygen -s` accepts 128 to 4096 bytes).
const MIN_KEY_BYTES: usize = 128;

struct Deployed {
    sandbox: Sandbox,
    /// The key apply generated.
    original: Vec<u8>,
    /// Every output of hacc so far, and every saved plan, to search for key bytes.
    shown: Vec<Vec<u8>>,
}

impl Deployed {
    fn new() -> Deployed {
        let sandbox = Sandbox::new();
        let applied = sandbox.apply(DIR);
        assert_success(&applied);
        let original = std::fs::read(sandbox.path(&format!("{DIR}/{AUTHKEY}"))).unwrap();
        assert_eq!(original.len(), 256);
        let mut deployed = Deployed {
            sandbox,
            original,
            shown: Vec::new(),
        };
        deployed.record(&applied);
        deployed
    }

    fn key_path(&self) -> std::path::PathBuf {
        self.sandbox.path(&format!("{DIR}/{AUTHKEY}"))
    }

    fn key(&self) -> Option<Vec<u8>> {
        std::fs::read(self.key_path()).ok()
    }

    fn hacc(&mut self, args: &[&str]) -> Output {
        let output = self.sandbox.hacc(args);
        self.record(&output);
        output
    }

    fn record(&mut self, output: &Output) {
        self.shown.push(output.stdout.clone());
        self.shown.push(output.stderr.clone());
    }

    /// The text plan, which must show the key as drifted with `notes`, and the JSON plan.
    #[track_caller]
    fn assert_plan_shows_drift(&mut self, notes: &str) {
        let plan = self.hacc(&["plan", SPEC, "--dir", DIR, "--detailed-exitcode"]);
        assert_exit(&plan, 2);
        assert_eq!(
            stdout(&plan),
            format!(
                "  ! {DIR}/{AUTHKEY}   ({notes})\n\
                 Plan: 0 to add, 0 to change, 0 to destroy, 1 drifted.\n"
            )
        );
        let json = self.hacc(&["plan", SPEC, "--dir", DIR, "--json"]);
        assert_success(&json);
        let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        assert_eq!(report["changes"], true);
        assert_eq!(report["summary"]["drifted"], 1);
        let files = report["files"].as_array().unwrap();
        assert_eq!(files.len(), 1, "{report}");
        assert_eq!(files[0]["path"], AUTHKEY);
        assert_eq!(files[0]["blocker"], "drifted");
        assert_eq!(files[0]["secret"], true);
        assert!(files[0]["diff"].is_null());
    }

    /// Apply without `--force` is refused with `expected` and leaves the directory as it was.
    #[track_caller]
    fn assert_apply_refused(&mut self, expected: &str) {
        let before = snapshot(&self.sandbox.path(DIR));
        let refused = self.hacc(&["apply", SPEC, "--dir", DIR, "--auto-approve"]);
        assert_exit(&refused, 1);
        assert!(stderr(&refused).contains(expected), "{}", stderr(&refused));
        assert!(
            stderr(&refused).contains("`--force`"),
            "{}",
            stderr(&refused)
        );
        assert_eq!(snapshot(&self.sandbox.path(DIR)), before);
    }

    /// After `apply --force` (of the spec, or of a saved plan): a new key of corosync-keygen's
    /// size, private, recorded, and none of the earlier ones.
    #[track_caller]
    fn assert_forced_to_a_new_key(&mut self, saved: bool, earlier: &[&[u8]]) {
        let forced = if saved {
            let plan = self.hacc(&["plan", SPEC, "--dir", DIR, "--out", "key.plan"]);
            assert_success(&plan);
            self.shown
                .push(std::fs::read(self.sandbox.path("key.plan")).unwrap());
            self.hacc(&["apply", "key.plan", "--force"])
        } else {
            self.hacc(&["apply", SPEC, "--dir", DIR, "--auto-approve", "--force"])
        };
        assert_success(&forced);
        assert!(
            stdout(&forced).contains("Apply complete: "),
            "{}",
            stdout(&forced)
        );
        let key = self.key().unwrap();
        assert_eq!(key.len(), 256);
        assert!(earlier.iter().all(|k| *k != key.as_slice()));
        let Entry::File { mode, .. } = &snapshot(&self.sandbox.path(DIR))[AUTHKEY] else {
            panic!("the key is a file");
        };
        assert_eq!(*mode, 0o600);
        let manifest: serde_json::Value = serde_json::from_slice(
            &std::fs::read(self.sandbox.path(&format!("{DIR}/.hacc/manifest.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(
            manifest["files"][AUTHKEY]["sha256"],
            hacc::state::sha256_hex(&key)
        );
        let again = self.hacc(&["plan", SPEC, "--dir", DIR]);
        assert_eq!(stdout(&again), "No changes.\n");
        self.assert_never_shown(&[&key]);
    }

    /// No 8 bytes in a row of `keys` or of the original key, raw, as hex or as base64 at any
    /// alignment, appear in anything hacc printed or saved.
    #[track_caller]
    fn assert_never_shown(&self, keys: &[&[u8]]) {
        let mut keys = keys.to_vec();
        keys.push(&self.original);
        for key in keys {
            for part in key.windows(8) {
                let hex: String = part.iter().map(|b| format!("{b:02x}")).collect();
                for shown in &self.shown {
                    assert!(!contains(shown, part), "key bytes shown");
                    assert!(!contains(shown, hex.as_bytes()), "key bytes shown as hex");
                }
            }
            for skip in 0..3.min(key.len()) {
                let encoded = BASE64.encode(&key[skip..]);
                for part in encoded
                    .as_bytes()
                    .chunks_exact(4)
                    .collect::<Vec<_>>()
                    .windows(3)
                {
                    let part = part.concat();
                    for shown in &self.shown {
                        assert!(!contains(shown, &part), "key bytes shown as base64");
                    }
                }
            }
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0; len];
    std::fs::File::open("/dev/urandom")
        .unwrap()
        .read_exact(&mut bytes)
        .unwrap();
    bytes
}

#[test]
fn a_replaced_key_is_drift_and_is_replaced_only_with_force() {
    let mut deployed = Deployed::new();
    let replaced = random_bytes(256);
    std::fs::write(deployed.key_path(), &replaced).unwrap();
    deployed.assert_plan_shows_drift(
        "edited outside hacc since the last apply; a new key is generated at apply, not shown",
    );
    deployed.assert_apply_refused(&format!("`{DIR}/{AUTHKEY}` edited outside hacc"));
    assert_eq!(deployed.key().unwrap(), replaced);
    let original = deployed.original.clone();
    deployed.assert_forced_to_a_new_key(false, &[&original, &replaced]);
    deployed.assert_never_shown(&[&replaced]);
}

#[test]
fn a_truncated_key_is_refused_as_too_short_for_corosync() {
    let mut deployed = Deployed::new();
    let truncated = deployed.original[..64].to_vec();
    std::fs::write(deployed.key_path(), &truncated).unwrap();
    deployed.assert_plan_shows_drift(&format!(
        "edited outside hacc since the last apply; 64 bytes, shorter than the {MIN_KEY_BYTES} \
         corosync needs; a new key is generated at apply, not shown"
    ));
    deployed.assert_apply_refused(&format!(
        "refusing to keep a key corosync cannot use: `{DIR}/{AUTHKEY}` holds 64 bytes, and \
         corosync needs at least {MIN_KEY_BYTES} bytes ({} bits)",
        MIN_KEY_BYTES * 8
    ));
    // A saved plan of it is refused the same way, and applied with `--force`.
    let plan = deployed.hacc(&["plan", SPEC, "--dir", DIR, "--out", "short.plan"]);
    assert_success(&plan);
    let refused = deployed.hacc(&["apply", "short.plan"]);
    assert_exit(&refused, 1);
    assert!(
        stderr(&refused).contains("holds 64 bytes"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(deployed.key().unwrap(), truncated);
    let original = deployed.original.clone();
    deployed.assert_forced_to_a_new_key(true, &[&original]);
}

#[test]
fn an_emptied_key_is_refused_even_once_recorded() {
    let mut deployed = Deployed::new();
    std::fs::write(deployed.key_path(), b"").unwrap();
    // As an apply that took whatever was there would have left the manifest.
    let manifest_path = deployed.sandbox.path(&format!("{DIR}/.hacc/manifest.json"));
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest_path).unwrap()).unwrap();
    manifest["files"][AUTHKEY]["sha256"] = hacc::state::sha256_hex(b"").into();
    std::fs::write(
        &manifest_path,
        serde_json::to_vec_pretty(&manifest).unwrap(),
    )
    .unwrap();

    deployed.assert_plan_shows_drift(&format!(
        "edited outside hacc since the last apply; 0 bytes, shorter than the {MIN_KEY_BYTES} \
         corosync needs; a new key is generated at apply, not shown"
    ));
    deployed.assert_apply_refused(&format!("`{DIR}/{AUTHKEY}` holds 0 bytes"));
    assert_eq!(deployed.key().unwrap(), b"");
    let original = deployed.original.clone();
    deployed.assert_forced_to_a_new_key(false, &[&original]);
}

#[test]
fn a_deleted_key_is_drift_and_is_made_again_only_with_force() {
    let mut deployed = Deployed::new();
    std::fs::remove_file(deployed.key_path()).unwrap();
    deployed.assert_plan_shows_drift(
        "deleted outside hacc since the last apply; generated at apply, not shown",
    );
    deployed.assert_apply_refused(&format!("`{DIR}/{AUTHKEY}` edited outside hacc"));
    assert_eq!(deployed.key(), None);
    let original = deployed.original.clone();
    deployed.assert_forced_to_a_new_key(false, &[&original]);
}
