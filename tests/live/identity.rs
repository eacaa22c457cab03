//! Issue 10 §1: a deploy directory owns exactly the cluster it started. With A's cluster up,
//! a second directory of the same spec plans and applies its files without seeing or touching
//! A, is refused when it would start a cluster on A's subnet, and a copy of A (which carries
//! A's identity) is refused outright; A's containers, their start times and its CIB stay.

use crate::lab::{Lab, describe, succeeded};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_second_directory_of_the_same_spec_never_touches_the_first() {
    let Some(lab) = Lab::new("live-identity", 4) else {
        return;
    };
    lab.apply_up();
    let nodes = ["n1", "n2", "n3"];
    let runs = |lab: &Lab| nodes.map(|n| lab.container_run(n));
    let before = (runs(&lab), lab.epoch("n1"));
    let a = lab.dir().canonicalize().unwrap();
    let spec = lab.spec_path().display().to_string();
    let b = lab.other_dir("second");
    let b_arg = b.display().to_string();

    // Plan in B: its files only, no cluster (today it showed A's CIB as B's).
    let plan = succeeded(
        "hacc plan in B",
        &lab.hacc(&["plan", &spec, "--dir", &b_arg]),
    );
    assert!(!plan.contains("Cluster"), "{plan}");
    assert!(plan.contains("/second/docker-compose.yml"), "{plan}");

    // Apply in B without --up: B's files and an identity of its own, nothing else.
    let applied = succeeded(
        "hacc apply in B",
        &lab.hacc(&["apply", &spec, "--dir", &b_arg, "--auto-approve"]),
    );
    assert!(!applied.contains("Cluster"), "{applied}");
    let identity = |dir: &std::path::Path| std::fs::read_to_string(dir.join(".hacc/identity"));
    assert_ne!(identity(&b).unwrap(), identity(&a).unwrap());
    let again = succeeded(
        "hacc plan in B",
        &lab.hacc(&["plan", &spec, "--dir", &b_arg]),
    );
    assert_eq!(again, "No changes.\n");

    // Apply --up in B: refused before anything happens, naming A and the subnet.
    let up = lab.hacc(&["apply", &spec, "--dir", &b_arg, "--up", "--auto-approve"]);
    assert_eq!(up.status.code(), Some(1), "{}", describe(&up));
    let refusal = stderr(&up);
    assert!(refusal.contains("subnet `10.231.4.0/24`"), "{refusal}");
    assert!(
        refusal.contains(&format!("started from `{}`", a.display())),
        "{refusal}"
    );
    assert!(!b.join(".hacc/compose-project").exists());

    // B's status and down concern B's project only.
    let status = lab.hacc(&["status", "--dir", &b_arg]);
    assert_eq!(status.status.code(), Some(1), "{}", describe(&status));
    assert!(
        stderr(&status).contains("is not running"),
        "{}",
        describe(&status)
    );
    succeeded("hacc down in B", &lab.hacc(&["down", "--dir", &b_arg]));

    // A copy of A has A's identity and recorded project, but not A's directory: refused.
    let c = lab.other_dir("copy");
    succeeded(
        "cp -a",
        &std::process::Command::new("cp")
            .arg("-a")
            .arg(&a)
            .arg(&c)
            .output()
            .unwrap(),
    );
    let c_arg = c.display().to_string();
    for args in [
        vec!["plan", &spec, "--dir", &c_arg],
        vec!["apply", &spec, "--dir", &c_arg, "--auto-approve"],
        vec!["status", "--dir", &c_arg],
        vec!["down", "--dir", &c_arg],
    ] {
        let refused = lab.hacc(&args);
        assert_eq!(
            refused.status.code(),
            Some(1),
            "{args:?}: {}",
            describe(&refused)
        );
        let message = stderr(&refused);
        assert!(
            message.contains(&format!("has containers started from `{}`", a.display())),
            "{args:?}: {message}"
        );
    }

    assert_eq!(
        (runs(&lab), lab.epoch("n1")),
        before,
        "A's cluster was touched"
    );
    let status = lab.status_from("n2").expect("A answers");
    assert!(
        status.quorum && status.nodes.iter().all(|n| n.online),
        "{status:?}"
    );
    assert!(lab.plan_text().contains("No changes."));
}
