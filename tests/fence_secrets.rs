//! The fencing certificates that `hacc apply` makes for a spec with `fencing`: a CA, the
//! gateway's server certificate and the nodes' client certificate, kept 0600 under
//! `secrets/fence/` like the authkey, never printed, not made again while they are there, and
//! made again as a whole set (with `--force`) when one of them is lost. Run as the real binary.

use crate::common;
use crate::common::sandbox;

use hacc::model::fencing::{CA_CERT, CERT_FILES, CLIENT_CERT, CLIENT_KEY, GATEWAY_PEM};
use sandbox::{DIR, SPEC, Sandbox, assert_success, stderr, stdout};
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output};

fn read_set(sandbox: &Sandbox) -> BTreeMap<&'static str, Vec<u8>> {
    CERT_FILES
        .iter()
        .map(|path| {
            let full = sandbox.path(&format!("{DIR}/{path}"));
            let mode = std::fs::metadata(&full).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{path}");
            (*path, std::fs::read(full).unwrap())
        })
        .collect()
}

/// No output holds a line of any certificate or key (PEM markers included).
fn assert_not_shown(outputs: &[&Output], set: &BTreeMap<&'static str, Vec<u8>>) {
    for output in outputs {
        let shown = format!("{}{}", stdout(output), stderr(output));
        assert!(!shown.contains("-----BEGIN"), "{shown}");
        for contents in set.values() {
            for line in String::from_utf8_lossy(contents)
                .lines()
                .filter(|l| l.len() > 20)
            {
                assert!(!shown.contains(line), "a secret line was printed: {shown}");
            }
        }
    }
}

/// `openssl verify` of the client and the gateway certificate against the set's CA.
fn assert_signed_by_ca(sandbox: &Sandbox) {
    if !common::have_tool("openssl") {
        return;
    }
    let dir = sandbox.path(DIR);
    let server = dir.join("server-only.crt");
    let pem = std::fs::read_to_string(dir.join(GATEWAY_PEM)).unwrap();
    let end = pem.find("-----END CERTIFICATE-----").unwrap() + 26;
    std::fs::write(&server, &pem[..end]).unwrap();
    for (cert, purpose) in [
        (dir.join(CLIENT_CERT), "sslclient"),
        (server.clone(), "sslserver"),
    ] {
        let verified = Command::new("openssl")
            .arg("verify")
            .arg("-purpose")
            .arg(purpose)
            .arg("-CAfile")
            .arg(dir.join(CA_CERT))
            .arg(&cert)
            .output()
            .unwrap();
        assert!(verified.status.success(), "{verified:?}");
    }
    std::fs::remove_file(server).unwrap();
}

#[test]
fn certificates_are_made_once_kept_and_replaced_as_a_set() {
    let sandbox = Sandbox::new();
    let first = sandbox.apply(DIR);
    assert_success(&first);
    let original = read_set(&sandbox);
    assert_signed_by_ca(&sandbox);
    let key = String::from_utf8(original[CLIENT_KEY].clone()).unwrap();
    assert!(key.contains("PRIVATE KEY"), "not a key");

    // Applied again: nothing changes, nothing is made anew.
    let again = sandbox.apply(DIR);
    assert_success(&again);
    assert_eq!(read_set(&sandbox), original);

    // One file lost: the plan shows it as drifted and the rest of the set as made anew.
    std::fs::remove_file(sandbox.path(&format!("{DIR}/{CLIENT_KEY}"))).unwrap();
    let plan = sandbox.hacc(&["plan", SPEC, "--dir", DIR]);
    let text = stdout(&plan);
    assert!(text.contains(&format!("! {DIR}/{CLIENT_KEY}")), "{text}");
    for path in [CA_CERT, CLIENT_CERT, GATEWAY_PEM] {
        assert!(text.contains(&format!("~ {DIR}/{path}")), "{path}: {text}");
    }
    let refused = sandbox.apply(DIR);
    assert!(!refused.status.success(), "{refused:?}");
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));

    let forced = sandbox.hacc(&["apply", SPEC, "--dir", DIR, "--auto-approve", "--force"]);
    assert_success(&forced);
    let replaced = read_set(&sandbox);
    for path in CERT_FILES {
        assert_ne!(replaced[path], original[path], "{path} was kept");
    }
    assert_signed_by_ca(&sandbox);
    assert_not_shown(&[&first, &again, &plan, &refused, &forced], &original);
    assert_not_shown(&[&forced], &replaced);
}
