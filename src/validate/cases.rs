//! Validation cases as data: a spec body, and every diagnostic it must report of the codes in
//! question, each with the source text its span covers and its message, in source order. A
//! case also names codes that must not be reported. One row per case: adding a case is adding
//! a row, and a failure shows the whole difference.

use super::tests::{diagnostics_of, source_of};

struct Case {
    /// What the case shows.
    shows: &'static str,
    /// The spec inside a cluster with the default network (`source_of`).
    body: &'static str,
    /// (code, the text its span covers, message) of every diagnostic of these codes.
    reports: &'static [(&'static str, &'static str, &'static str)],
    /// Codes that must not be reported at all.
    absent: &'static [&'static str],
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    Case {
        shows: "an address outside the subnet",
        body: r#"node "n1" address="10.0.1.5""#,
        reports: &[
            ("E0206", r#""10.0.1.5""#, "`10.0.1.5` is outside the network `10.0.0.0/24`"),
        ],
        absent: &[],
    },
    Case {
        shows: "the subnet's network address",
        body: r#"node "n1" address="10.0.0.0""#,
        reports: &[
            ("E0206", r#""10.0.0.0""#, "`10.0.0.0` is reserved in `10.0.0.0/24`"),
        ],
        absent: &[],
    },
    Case {
        shows: "the gateway address",
        body: r#"node "n1" address="10.0.0.1""#,
        reports: &[
            ("E0206", r#""10.0.0.1""#, "`10.0.0.1` is reserved in `10.0.0.0/24`"),
        ],
        absent: &[],
    },
    Case {
        shows: "the broadcast address",
        body: r#"node "n1" address="10.0.0.255""#,
        reports: &[
            ("E0206", r#""10.0.0.255""#, "`10.0.0.255` is reserved in `10.0.0.0/24`"),
        ],
        absent: &[],
    },
    Case {
        shows: "the last host address is free",
        body: r#"node "n1" address="10.0.0.254""#,
        reports: &[],
        absent: &["E0206"],
    },
    Case {
        shows: "two nodes on one address, two services on one published port",
        body: r#"node "n1" address="10.0.0.11" { publish 8080 to=80; }
               node "n2" address="10.0.0.11" { publish 8081 to=80; }
               front "haproxy" address="10.0.0.10" port=8080 service="x" backend-port=80"#,
        reports: &[
            ("E0204", r#""10.0.0.11""#, "address `10.0.0.11` is used twice"),
            ("E0205", "8080", "host port 8080 is published twice"),
        ],
        absent: &[],
    },
    Case {
        shows: "a cipher needs a hash",
        body: r#"corosync crypto-cipher="aes256" crypto-hash="none""#,
        reports: &[
            ("E0301", r#""aes256""#, "`crypto-cipher` `aes256` needs a `crypto-hash`"),
        ],
        absent: &["W0306"],
    },
    Case {
        shows: "no encryption at all",
        body: r#"corosync crypto-cipher="none" crypto-hash="none""#,
        reports: &[
            ("W0306", r#""none""#, "corosync traffic is not encrypted"),
        ],
        absent: &["E0301"],
    },
    Case {
        shows: "udpu is deprecated",
        body: r#"corosync transport="udpu""#,
        reports: &[
            ("W0305", r#""udpu""#, "transport `udpu` is deprecated"),
        ],
        absent: &["W0306"],
    },
    Case {
        shows: "knet, the default, warns of nothing",
        body: r#"corosync transport="knet""#,
        reports: &[],
        absent: &["W0304", "W0305", "W0306"],
    },
    Case {
        shows: "a node without a declared link, and a link no node has",
        body: r#"node "n1" address="10.0.0.11" { link-address "10.1.0.11"; }
               node "n2" address="10.0.0.12"
               corosync { link 1; link 2; }"#,
        reports: &[
            ("E0307", r#""n2""#, "node `n2` has 1 address(es), node `n1` has 2"),
            ("E0307", "2", "link 2 does not exist"),
        ],
        absent: &[],
    },
    Case {
        shows: "a second link on udpu",
        body: r#"node "n1" address="10.0.0.11" { link-address "10.1.0.11"; }
               corosync transport="udpu""#,
        reports: &[
            ("E0307", r#""10.1.0.11""#, "node `n1` has 2 links; `udpu` allows 1"),
        ],
        absent: &[],
    },
    Case {
        shows: "a node name twice, a node id twice, an invalid node name",
        body: r#"node "n1" address="10.0.0.11"
               node "n1" address="10.0.0.12" id=1
               node "9bad" address="10.0.0.13""#,
        reports: &[
            ("E0201", r#""n1""#, "node `n1` is defined twice"),
            ("E0201", "1", "corosync node id 1 is used twice"),
            ("E0202", r#""9bad""#, "node name `9bad` does not start with a letter"),
        ],
        absent: &[],
    },
    Case {
        shows: "a resource and a constraint share the id namespace",
        body: r#"primitive "web" agent="ocf:heartbeat:Dummy"
               location "web" "web" node="n1" score=10"#,
        reports: &[
            ("E0201", r#""web""#, "id `web` is used twice"),
        ],
        absent: &[],
    },
    Case {
        shows: "a property twice, a fencing level twice",
        body: r#"property "maintenance-mode" #false
               property "maintenance-mode" #true
               primitive "f1" agent="stonith:fence_xvm"
               fencing-level "n1" "f1" index=1
               fencing-level "n1" "f1" index=1"#,
        reports: &[
            ("E0201", r#""maintenance-mode""#, "property `maintenance-mode` is set twice"),
            ("E0201", "1", "fencing level 1 of `n1` is defined twice"),
        ],
        absent: &[],
    },
];

/// The diagnostics of `case`'s codes, as the table states them, and the absent codes seen.
fn reported(case: &Case) -> (Vec<(&'static str, String, String)>, Vec<&'static str>) {
    let source = source_of(case.body);
    let diagnostics = diagnostics_of(case.body);
    let stated = |id: &str| case.reports.iter().any(|(code, _, _)| *code == id);
    let reports = diagnostics
        .iter()
        .filter(|d| stated(d.code.id))
        .map(|d| {
            let span = d.span.offset()..d.span.offset() + d.span.len();
            (d.code.id, source[span].to_string(), d.message.clone())
        })
        .collect();
    let absent = diagnostics
        .iter()
        .map(|d| d.code.id)
        .filter(|id| case.absent.contains(id))
        .collect();
    (reports, absent)
}

#[test]
fn every_case_reports_what_its_row_states() {
    let mut wrong = Vec::new();
    for case in CASES {
        let (reports, absent) = reported(case);
        let expected: Vec<_> = case
            .reports
            .iter()
            .map(|(code, span, message)| (*code, (*span).to_string(), (*message).to_string()))
            .collect();
        if reports != expected || !absent.is_empty() {
            wrong.push(format!(
                "{}:\n  stated   {expected:?}\n  reported {reports:?}\n  and the absent {absent:?}",
                case.shows
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
