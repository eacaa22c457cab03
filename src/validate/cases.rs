//! Validation cases as data: a spec body, and every diagnostic it must report of the codes in
//! question (or of every code, when the row says `only`), each with the source text its span
//! covers and its message, in source order. A case also names codes that must not be reported.
//! One row per case: adding a case is adding a row, and a failure shows the whole difference.

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
    /// Whether `reports` is every diagnostic of the spec, of any code.
    only: bool,
}

/// Specs that several cases start from (macros, so that `concat!` can join them to a body).
macro_rules! two_nodes {
    () => {
        "node \"n1\" address=\"10.0.0.11\"\nnode \"n2\" address=\"10.0.0.12\"\n"
    };
}
macro_rules! three_nodes {
    () => {
        concat!(two_nodes!(), "node \"n3\" address=\"10.0.0.13\"\n")
    };
}
macro_rules! four_nodes {
    () => {
        concat!(three_nodes!(), "node \"n4\" address=\"10.0.0.14\"\n")
    };
}
macro_rules! no_fencing {
    () => {
        "property \"stonith-enabled\" #false { unsafe-acknowledged \"test\"; }\n"
    };
}
macro_rules! constraint_resources {
    () => {
        r#"node "n1" address="10.0.0.11"
               primitive "a" agent="ocf:heartbeat:Dummy"
               primitive "b" agent="ocf:heartbeat:Dummy"
               primitive "api" agent="ocf:heartbeat:Dummy"
               clone "api-clone" of="api""#
    };
}
macro_rules! ticket_resources {
    () => {
        concat!(
            "node \"n1\" address=\"10.0.0.11\"\n",
            no_fencing!(),
            r#"primitive "a" agent="ocf:heartbeat:Dummy"
               primitive "b" agent="ocf:heartbeat:Dummy"
               group "g" "b"
               primitive "s" agent="ocf:pacemaker:Stateful"
               clone "s-clone" of="s" promotable=#true
               "#
        )
    };
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
        only: false,
    },
    Case {
        shows: "the subnet's network address",
        body: r#"node "n1" address="10.0.0.0""#,
        reports: &[
            ("E0206", r#""10.0.0.0""#, "`10.0.0.0` is reserved in `10.0.0.0/24`"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "the gateway address",
        body: r#"node "n1" address="10.0.0.1""#,
        reports: &[
            ("E0206", r#""10.0.0.1""#, "`10.0.0.1` is reserved in `10.0.0.0/24`"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "the broadcast address",
        body: r#"node "n1" address="10.0.0.255""#,
        reports: &[
            ("E0206", r#""10.0.0.255""#, "`10.0.0.255` is reserved in `10.0.0.0/24`"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "the last host address is free",
        body: r#"node "n1" address="10.0.0.254""#,
        reports: &[],
        absent: &["E0206"],
        only: false,
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
        only: false,
    },
    Case {
        shows: "a cipher needs a hash",
        body: r#"corosync crypto-cipher="aes256" crypto-hash="none""#,
        reports: &[
            ("E0301", r#""aes256""#, "`crypto-cipher` `aes256` needs a `crypto-hash`"),
        ],
        absent: &["W0306"],
        only: false,
    },
    Case {
        shows: "no encryption at all",
        body: r#"corosync crypto-cipher="none" crypto-hash="none""#,
        reports: &[
            ("W0306", r#""none""#, "corosync traffic is not encrypted"),
        ],
        absent: &["E0301"],
        only: false,
    },
    Case {
        shows: "udpu is deprecated",
        body: r#"corosync transport="udpu""#,
        reports: &[
            ("W0305", r#""udpu""#, "transport `udpu` is deprecated"),
        ],
        absent: &["W0306"],
        only: false,
    },
    Case {
        shows: "knet, the default, warns of nothing",
        body: r#"corosync transport="knet""#,
        reports: &[],
        absent: &["W0304", "W0305", "W0306"],
        only: false,
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
        only: false,
    },
    Case {
        shows: "a second link on udpu",
        body: r#"node "n1" address="10.0.0.11" { link-address "10.1.0.11"; }
               corosync transport="udpu""#,
        reports: &[
            ("E0307", r#""10.1.0.11""#, "node `n1` has 2 links; `udpu` allows 1"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "a node name twice, a node id twice, an invalid node name",
        body: r#"node "n1" address="10.0.0.11"
               node "n1" address="10.0.0.12" id=1
               node "9 bad" address="10.0.0.13""#,
        reports: &[
            ("E0201", r#""n1""#, "node `n1` is defined twice"),
            ("E0201", "1", "corosync node id 1 is used twice"),
            ("E0202", r#""9 bad""#, "node name `9 bad` holds characters other than letters, digits, `-`, `_` and `.`"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "a resource and a constraint share the id namespace",
        body: r#"primitive "web" agent="ocf:heartbeat:Dummy"
               location "web" "web" node="n1" score=10"#,
        reports: &[
            ("E0201", r#""web""#, "id `web` is used twice"),
        ],
        absent: &[],
        only: false,
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
        only: false,
    },
    Case {
        shows: "a fencing level names a non-fencing device, and one a node the spec lacks",
        body: r#"node "node1" address="10.0.0.11"
               primitive "web" agent="ocf:heartbeat:Dummy"
               primitive "fence1" agent="stonith:fence_xvm"
               fencing-level "node1" "fence1" index=1
               fencing-level "node1" "web" index=2
               fencing-level "node9" "fence1" index=3"#,
        reports: &[
            ("E0203", r#""web""#, "`web` is not a fencing device"),
            ("W0422", r#""node9""#, "fencing level for `node9`, a node the spec does not have"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "unknown resources in a group, a set and a front",
        body: r#"primitive "a" agent="ocf:heartbeat:Dummy"
               group "g" "a" "b"
               order "o" { set "a" "zz"; set "g"; }
               front "haproxy" address="10.0.0.10" port=8080 service="nope" backend-port=80"#,
        reports: &[
            ("E0203", r#""b""#, "unknown resource `b`"),
            ("E0203", r#""zz""#, "unknown resource `zz`"),
            ("E0203", r#""nope""#, "unknown resource `nope`"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "constraints that relate a resource to nothing else",
        body: concat!(constraint_resources!(), r#"
               colocation "c1" "a"
               colocation "c2" "a" with="a"
               order "o1" first="a"
               order "o2" { set "a"; }
               colocation "ok1" "a" with="b"
               order "ok2" { set "a"; set "b"; }"#),
        reports: &[
            ("E0404", r#""a""#, "colocation `c1` relates `a` to nothing else"),
            ("E0404", r#""a""#, "colocation `c2` relates `a` to nothing else"),
            ("E0404", r#""a""#, "order `o1` relates `a` to nothing else"),
            ("E0404", r#""a""#, "order `o2` relates `a` to nothing else"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "a bundle that runs a primitive with no way to reach it in its containers",
        body: concat!(constraint_resources!(), r#"
               primitive "db" agent="ocf:pacemaker:Dummy"
               bundle "bb" primitive="db" { docker image="i"; }"#),
        reports: &[("E0430", r#""db""#, "bundle `bb` has no way to reach `db` in its containers")],
        absent: &[],
        only: false,
    },
    Case {
        shows: "an op's meta set scored above another source of a name never gives it",
        body: concat!(constraint_resources!(), r#"
               primitive "m" agent="ocf:heartbeat:Dummy" {
                   op "monitor" interval="10s" {
                       meta timeout="40s"
                       meta-set "above-plain" score=5 { values timeout="60s"; }
                       meta-set "below-plain" score=-5 { values timeout="90s" on-fail="block"; }
                       meta-set "above-other" score=-1 { values on-fail="stop"; }
                       meta-set "alone" score=9 { values record-pending=#true; }
                   }
               }"#),
        reports: &[
            ("W0427", "5", "op meta-set `above-plain` never gives `timeout`: the plain `meta` gives it too, scored lower"),
            ("W0427", "-1", "op meta-set `above-other` never gives `on-fail`: meta-set `below-plain` gives it too, scored lower"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "node attribute tests in the rules of sets Pacemaker reads without a node",
        body: concat!(constraint_resources!(), r##"
               property-set "p" { rule { expression "site" op="eq" value="a"; }; values maintenance-mode=#true; }
               node "n2" address="10.0.0.12" {
                   attribute-set "n2-site" { rule { expression "#uname" op="eq" value="n2"; }; values site="b"; }
                   utilization-set "n2-big" { rule { date "gt" start="2020-01-01"; }; values cpu=8; }
               }
               rsc-defaults-set "d" { rule { date "gt" start="2020-01-01"; }; values resource-stickiness=1; }
               primitive "m" agent="ocf:heartbeat:Dummy" {
                   params-set "per-node" { rule { expression "#uname" op="eq" value="n1"; }; values x=1; }
                   meta-set "stop-on-n1" { rule { expression "#uname" op="eq" value="n1"; }; values target-role="Stopped"; }
                   op "monitor" interval="10s" {
                       meta-set "slow" { rule { expression "rack" op="defined"; }; values timeout="60s"; }
                   }
               }"##),
        reports: &[
            ("W0426", r#""site""#, "the property-set `p` tests the node attribute `site`, which Pacemaker does not have there"),
            ("W0426", r##""#uname""##, "the node attribute-set `n2-site` tests the node attribute `#uname`, which Pacemaker does not have there"),
            ("W0426", r##""#uname""##, "the meta-set `stop-on-n1` tests the node attribute `#uname`, which Pacemaker does not have there"),
            ("W0426", r#""rack""#, "the op meta-set `slow` tests the node attribute `rack`, which Pacemaker does not have there"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "a location pattern that places no top-level resource (a clone's child is none)",
        body: concat!(constraint_resources!(), r#"
               location "the-clone" rsc-pattern="^ap" node="n1" score=10
               location "all" rsc-pattern="!z" node="n1" score=10
               location "members" rsc-pattern="^api$" node="n1" score=10
               location "none" rsc-pattern="!." node="n1" score=10"#),
        reports: &[
            ("W0425", r#""^api$""#, "`rsc-pattern` `^api$` of location `members` places no resource"),
            ("W0425", r#""!.""#, "`rsc-pattern` `!.` of location `none` places no resource"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "constraints without resources, a rule without expressions, pairs and sets mixed",
        body: concat!(constraint_resources!(), r#"
               colocation "c1"
               order "o1"
               location "l1" "a"
               location "l2" "a" { rule score=10; }
               order "o2" first="a" then="b" { set "a" "b"; }"#),
        reports: &[
            ("E0103", r#""c1""#, "colocation `c1` names no resources"),
            ("E0103", r#""o1""#, "order `o1` names no resources"),
            ("E0103", r#""l1""#, "location `l1` says neither where nor when"),
            ("E0103", "rule", "rule without expressions"),
            ("E0412", r#""a""#, "order `o2` has both a resource pair and sets"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "`require-all` on a pair order is carried; on an order of sets it goes on the sets",
        body: concat!(constraint_resources!(), r#"
               order "o1" first="api-clone" then="a" require-all=#false
               order "o2" require-all=#false { set "a"; set "b"; }"#),
        reports: &[
            ("E0412", "#false", "order `o2` has `require-all` and sets"),
        ],
        absent: &["E0102", "E0104"],
        only: false,
    },
    Case {
        shows: "options of older and later releases warn, and old names are checked as their option",
        body: concat!(three_nodes!(), no_fencing!(), r#"
               property "crmd-transition-delay" "5s"
               property "crmd-integration-timeout" "soon"
               property "require_quorum" "true"
               property "node-pending-timeout" "10s"
               property "stonith-action" "poweroff"
               property "remove-after-stop" #true
               property "stonith-enabeld" #true
               property "redis_REPL_INFO" "node1""#),
        reports: &[
            ("W0415", r#""crmd-transition-delay""#, "`crmd-transition-delay` is the old name of `transition-delay`"),
            ("W0415", r#""crmd-integration-timeout""#, "`crmd-integration-timeout` is the old name of `join-integration-timeout`"),
            ("E0408", r#""soon""#, "`soon` is not a valid `crmd-integration-timeout`"),
            ("W0415", r#""require_quorum""#, "`require_quorum` is an option of an older Pacemaker"),
            ("W0415", r#""node-pending-timeout""#, "`node-pending-timeout` is an option of a later Pacemaker"),
            ("W0415", r#""poweroff""#, "`poweroff` is a deprecated value of `stonith-action`"),
            ("E0408", "#true", "`remove-after-stop` is deprecated"),
            ("E0408", r#""stonith-enabeld""#, "unknown cluster property `stonith-enabeld`"),
            ("W0419", r#""redis_REPL_INFO""#, "`redis_REPL_INFO` is not a Pacemaker cluster option"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "Pacemaker 3 names warn and are checked as the 2.1 option they name",
        body: concat!(three_nodes!(), r#"
               property "fencing-enabled" #false
               property "no-quorum-policy" "fence"
               property "fencing-timeout" "soon""#),
        reports: &[
            ("W0508", r#""fencing-enabled""#, "`fencing-enabled` is Pacemaker 3's name of `stonith-enabled`"),
            ("E0401", "#false", "`stonith-enabled` is unsafe without an acknowledgement"),
            ("E0408", r#""fence""#, "`no-quorum-policy` `suicide` needs fencing, which is disabled"),
            ("W0508", r#""fence""#, "`fence` is Pacemaker 3's name of the `no-quorum-policy` value `suicide`"),
            ("W0508", r#""fencing-timeout""#, "`fencing-timeout` is Pacemaker 3's name of `stonith-timeout`"),
            ("E0408", r#""soon""#, "`soon` is not a valid `stonith-timeout`"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "meta values Pacemaker reads as others warn, `#default` is the default",
        body: concat!(three_nodes!(), no_fencing!(), r##"
               primitive "a" agent="ocf:heartbeat:Dummy" { meta target-role="started" priority="2.0" is-managed="#default"; }
               primitive "b" agent="ocf:heartbeat:Dummy" { meta priority="1.5x" target-role="begun"; }
               rsc-defaults priority="-3.25""##),
        reports: &[
            ("W0416", r#""started""#, "Pacemaker reads `started` as `Started`"),
            ("W0416", r#""2.0""#, "Pacemaker reads `2.0` as `2`"),
            ("E0414", r#""1.5x""#, "`1.5x` is not a valid `priority`"),
            ("E0414", r#""begun""#, "`begun` is not a valid `target-role`"),
            ("W0416", r#""-3.25""#, "Pacemaker reads `-3.25` as `-3`"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "a parameter the agent does not declare is passed to it: a warning; a unit takes none",
        body: concat!(three_nodes!(), no_fencing!(), r#"
               primitive "ip" agent="ocf:heartbeat:IPaddr2" { params ip="10.0.0.100" cidr_netmsk=24; }
               primitive "web" agent="systemd:nginx" { params port=80; }"#),
        reports: &[
            ("W0417", "cidr_netmsk", "`ocf:heartbeat:IPaddr2` has no parameter `cidr_netmsk`"),
            ("E0407", "port", "`systemd:nginx` takes no parameters"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "an order of one resource's two actions relates it to itself; the same action does not",
        body: concat!(ticket_resources!(), r#"
               order "demote-then-promote" first="s-clone" first-action="demote" then="s-clone" then-action="promote"
               order "start-then-start" first="a" then="a" then-action="start""#),
        reports: &[
            ("E0404", r#""a""#, "order `start-then-start` relates `a` to nothing else"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "two-node mode on three nodes",
        body: concat!(three_nodes!(), "corosync { quorum two-node=#true; }"),
        reports: &[
            ("E0302", "#true", "`two-node` needs exactly 2 nodes, the cluster has 3"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "two-node mode on two nodes needs no tie-breaker",
        body: concat!(two_nodes!(), "corosync { quorum two-node=#true; }"),
        reports: &[],
        absent: &["E0302", "W0304"],
        only: false,
    },
    Case {
        shows: "two-node mode with a tie-breaker",
        body: concat!(two_nodes!(), "corosync { quorum two-node=#true auto-tie-breaker=#true; }"),
        reports: &[
            ("E0302", "#true", "`two-node` cannot be combined with `auto-tie-breaker`"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "four nodes without a tie-breaker",
        body: four_nodes!(),
        reports: &[
            ("W0304", "cluster", "4 nodes and no tie-breaker"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "two nodes without two-node mode",
        body: two_nodes!(),
        reports: &[
            ("W0304", "cluster", "2 nodes without `two-node` mode"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "an odd node count needs no tie-breaker",
        body: three_nodes!(),
        reports: &[],
        absent: &["W0304"],
        only: false,
    },
    Case {
        shows: "four nodes with a tie-breaker",
        body: concat!(four_nodes!(), "corosync { quorum auto-tie-breaker=#true; }"),
        reports: &[],
        absent: &["W0304"],
        only: false,
    },
    Case {
        shows: "quorum options without the option they belong to",
        body: concat!(three_nodes!(), r#"corosync { quorum last-man-standing-window=10000 auto-tie-breaker-node="lowest" last-man-standing=#false { device host="qnetd"; }; }"#),
        reports: &[
            ("E0308", "10000", "`last-man-standing-window` without `last-man-standing`"),
            ("E0308", r#""lowest""#, "`auto-tie-breaker-node` without `auto-tie-breaker`"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "a quorum device excludes the tie-breaker and last-man-standing",
        body: concat!(three_nodes!(), r#"corosync { quorum auto-tie-breaker=#true last-man-standing=#true { device host="qnetd"; }; }"#),
        reports: &[
            ("E0308", "#true", "`auto-tie-breaker` cannot be combined with a quorum device"),
            ("E0308", "#true", "`last-man-standing` cannot be combined with a quorum device"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "a tie-breaker node id that no node has",
        body: concat!(four_nodes!(), r#"corosync { quorum auto-tie-breaker=#true auto-tie-breaker-node="1 9"; }"#),
        reports: &[
            ("E0203", r#""1 9""#, "unknown node id `9`"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "an attribute set twice, across blocks too, is reported once",
        body: r#"primitive "a" agent="ocf:heartbeat:Dummy" {
                   meta target-role="Started"
                   meta target-role="Stopped"
                   params fake="x" fake="y"
               }
               clone "c" of="a" clone-max=1 { meta clone-max=1; }"#,
        reports: &[
            ("E0107", "target-role", "`target-role` is set twice in `meta`"),
            ("E0107", "fake", "`fake` is given twice"),
            ("E0107", "clone-max", "`clone-max` is set twice in `meta`"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "sound alerts",
        body: concat!(no_fencing!(), r#"alert "log" path="/usr/share/pacemaker/alerts/alert_file.sh" {
                   params debug=1
                   meta timeout="10s" timestamp-format="%H:%M:%S"
                   select nodes=#true fencing=#true {
                       attribute "standby"
                   }
                   recipient "/var/log/alerts.log" {
                       meta timeout="5s"
                   }
               }
               alert "all" path="/usr/bin/alert.sh" { recipient "admin@example.com"; }"#),
        reports: &[],
        absent: &[],
        only: true,
    },
    Case {
        shows: "an alert path that is not absolute",
        body: concat!(no_fencing!(), r#"alert "a" path="bin/alert.sh""#),
        reports: &[
            ("E0105", r#""bin/alert.sh""#, "`path` must be an absolute path"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "an alert without a path",
        body: concat!(no_fencing!(), r#"alert "a""#),
        reports: &[
            ("E0103", "alert", "`alert` needs `path=`"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "a recipient on two lines",
        body: concat!(no_fencing!(), r#"alert "a" path="/bin/a" { recipient "two\nlines"; }"#),
        reports: &[
            ("E0112", r#""two\nlines""#, r"recipient `two\nlines` cannot be written to cib.crm"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "an alert path crmsh cannot load",
        body: concat!(no_fencing!(), r#"alert "a" path="/bin/café""#),
        reports: &[
            ("E0112", r#""/bin/café""#, "alert path `/bin/café` cannot be written to cib.crm"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "an empty recipient",
        body: concat!(no_fencing!(), r#"alert "a" path="/bin/a" { recipient ""; }"#),
        reports: &[
            ("E0105", r#""""#, "recipient is empty"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "a select that selects nothing",
        body: concat!(no_fencing!(), r#"alert "a" path="/bin/a" { select; }"#),
        reports: &[
            ("E0103", "select", "alert `a` selects no events"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "selected attributes with attributes turned off",
        body: concat!(no_fencing!(), r#"alert "a" path="/bin/a" { select attributes=#false { attribute "x"; }; }"#),
        reports: &[
            ("E0412", r#""x""#, "alert `a` selects attributes with `attributes=#false`"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "a selected attribute that is not an attribute name",
        body: concat!(no_fencing!(), r#"alert "a" path="/bin/a" { select { attribute "a b"; }; }"#),
        reports: &[
            ("E0202", r#""a b""#, "attribute name `a b` holds characters other than letters, digits, `_`, `.` and `-`"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "an alert parameter that is not an attribute name",
        body: concat!(no_fencing!(), r#"alert "a" path="/bin/a" { params "a b"=1; }"#),
        reports: &[
            ("E0202", r#""a b""#, "attribute name `a b` holds characters other than letters, digits, `_`, `.` and `-`"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "the cluster and network names of the default spec are valid",
        body: "",
        reports: &[],
        absent: &["E0202"],
        only: false,
    },
    Case {
        shows: "unsafe properties without an acknowledgement",
        body: r#"property "stonith-enabled" #false
               property "no-quorum-policy" "ignore""#,
        reports: &[
            ("E0401", "#false", "`stonith-enabled` is unsafe without an acknowledgement"),
            ("E0401", r#""ignore""#, "`no-quorum-policy` is unsafe without an acknowledgement"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "a guest node named as a host, and a location for a node the spec lacks",
        body: concat!(
            no_fencing!(),
            r#"primitive "vm" agent="ocf:heartbeat:Dummy" {
                   meta remote-node="18guest"
               }
               primitive "bad" agent="ocf:heartbeat:Dummy" {
                   meta remote-node="1.2"
               }
               location "vm-on-n9" "vm" node="n9" score=10"#
        ),
        reports: &[
            ("E0414", r#""1.2""#, "`1.2` is not a valid `remote-node`"),
            ("W0423", r#""n9""#, "location for `n9`, a node the spec does not have"),
        ],
        absent: &["E0203"],
        only: false,
    },
    Case {
        shows: "acknowledged unsafe properties",
        body: r#"property "stonith-enabled" #false { unsafe-acknowledged "lab"; }
               property "no-quorum-policy" "ignore" { unsafe-acknowledged "lab"; }"#,
        reports: &[],
        absent: &["E0401", "E0409"],
        only: false,
    },
    Case {
        shows: "fencing is on by default and needs a device",
        body: "",
        reports: &[
            ("E0409", r#""t""#, "fencing is enabled but there is no fencing device"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "fencing turned on needs a device",
        body: r#"property "stonith-enabled" #true"#,
        reports: &[
            ("E0409", "#true", "fencing is enabled but there is no fencing device"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "a fencing device is enough",
        body: r#"primitive "fence1" agent="stonith:fence_xvm""#,
        reports: &[],
        absent: &["E0409"],
        only: false,
    },
    Case {
        shows: "the fencing line is a fencing device and turns fencing on",
        body: concat!(three_nodes!(), r#"fencing "docker-lab" address="10.0.0.250""#),
        reports: &[],
        absent: &[],
        only: true,
    },
    Case {
        shows: "the fencing gateway on a node's address",
        body: concat!(three_nodes!(), r#"fencing "docker-lab" address="10.0.0.12""#),
        reports: &[
            ("E0204", r#""10.0.0.12""#, "address `10.0.0.12` is used twice"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "the fencing gateway outside the network",
        body: concat!(three_nodes!(), r#"fencing "docker-lab" address="10.9.0.250""#),
        reports: &[
            ("E0206", r#""10.9.0.250""#, "`10.9.0.250` is outside the network `10.0.0.0/24`"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "the fencing gateway without an address",
        body: concat!(three_nodes!(), r#"fencing "docker-lab""#),
        reports: &[
            ("E0103", "fencing", "`fencing` needs `address=`"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "a node named like the fencing gateway",
        body: r#"node "n1" address="10.0.0.11"
               node "hacc-fence-gateway" address="10.0.0.12"
               node "n3" address="10.0.0.13"
               fencing "docker-lab" address="10.0.0.250""#,
        reports: &[
            ("E0420", r#""hacc-fence-gateway""#, "`hacc-fence-gateway` is the fencing gateway's name"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "sound operation options",
        body: concat!(no_fencing!(), r#"primitive "a" agent="ocf:pacemaker:Dummy" { op "monitor" interval="10s" start-delay="5s" enabled=#false record-pending=#true {
                   params OCF_CHECK_LEVEL=10
               }
               op "start" interval-origin="2024-01-01T00:00:00Z" }"#),
        reports: &[],
        absent: &[],
        only: true,
    },
    Case {
        shows: "an interval origin and a start delay",
        body: concat!(no_fencing!(), r#"primitive "a" agent="ocf:pacemaker:Dummy" { op "monitor" interval="10s" start-delay="5s" interval-origin="10:00" }"#),
        reports: &[
            ("E0105", r#""10:00""#, "`interval-origin` and `start-delay` exclude each other"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "a start delay that is not a duration",
        body: concat!(no_fencing!(), r#"primitive "a" agent="ocf:pacemaker:Dummy" { op "monitor" interval="10s" start-delay="soon" }"#),
        reports: &[
            ("E0109", r#""soon""#, "`soon` is not a duration"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "an operation parameter that is not an attribute name",
        body: concat!(no_fencing!(), r#"primitive "a" agent="ocf:pacemaker:Dummy" { op "monitor" interval="10s" { params "a b"=1; } }"#),
        reports: &[
            ("E0202", r#""a b""#, "attribute name `a b` holds characters other than letters, digits, `_`, `.` and `-`"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "a resource in two wrappers, a clone of a clone, a group in a group",
        body: r#"primitive "a" agent="ocf:heartbeat:Dummy"
               primitive "b" agent="ocf:heartbeat:Dummy"
               group "g1" "a" "b"
               group "g2" "a"
               clone "c1" of="b"
               clone "c2" of="c1"
               group "g3" "g1""#,
        reports: &[
            ("E0405", r#""a""#, "`a` is already in group `g1`"),
            ("E0405", r#""b""#, "`b` is already in group `g1`"),
            ("E0410", r#""c1""#, "clone `c2` wraps clone `c1`"),
            ("E0410", r#""g1""#, "group `g3` holds group `g1`"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "more clone instances than nodes",
        body: concat!(two_nodes!(), r#"primitive "a" agent="ocf:heartbeat:Dummy"
               clone "c" of="a" clone-max=3"#),
        reports: &[
            ("W0402", "3", "`clone-max` is 3 but the cluster has room for 2"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "more clone instances than the scheduler places in time",
        body: concat!(two_nodes!(), r#"primitive "a" agent="ocf:heartbeat:Dummy"
               clone "c" of="a" clone-max=70000"#),
        reports: &[
            ("E0418", "70000", "`clone-max` is 70000, above the 1000 hacc allows"),
        ],
        absent: &["W0402"],
        only: false,
    },
    Case {
        shows: "clone instances within the nodes' room",
        body: concat!(two_nodes!(), r#"primitive "a" agent="ocf:heartbeat:Dummy"
               clone "c" of="a" clone-max=4 clone-node-max=2"#),
        reports: &[],
        absent: &["W0402"],
        only: false,
    },
    Case {
        shows: "more promoted instances than nodes",
        body: concat!(two_nodes!(), r#"primitive "a" agent="ocf:heartbeat:Dummy"
               clone "c" of="a" promotable=#true promoted-max=3"#),
        reports: &[
            ("W0402", "3", "`promoted-max` is 3 but the cluster has room for 2"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "an unknown operation, two monitors at one interval",
        body: r#"primitive "a" agent="ocf:heartbeat:Dummy" {
                   op "monitr" interval="10s"
                   op "monitor" interval="10s" role="Promoted"
                   op "monitor" interval="10000ms" role="Unpromoted"
                   op "monitor" interval="11s"
               }"#,
        reports: &[
            ("E0411", r#""monitr""#, "unknown operation `monitr`"),
            ("E0411", r#""10000ms""#, "`monitor` is defined twice with the same interval on `a`"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "ISO 8601 durations as Pacemaker reads them: `P10S` is ten seconds, `P1M` a month",
        body: r#"primitive "a" agent="ocf:heartbeat:Dummy" {
                   op "monitor" interval="P10S" role="Promoted"
                   op "monitor" interval="10s" role="Unpromoted"
                   op "monitor" interval="P1DT1S"
                   op "start" timeout="P1M"
               }"#,
        reports: &[
            ("E0411", r#""10s""#, "`monitor` is defined twice with the same interval on `a`"),
            ("E0109", r#""P1M""#, "`P1M` is not a duration"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "tickets and alerts share the id namespace",
        body: r#"primitive "a" agent="ocf:heartbeat:Dummy"
               property "stonith-enabled" #false { unsafe-acknowledged "test"; }
               rsc-ticket "a" "a" ticket="T"
               alert "a" path="/usr/bin/alert.sh"
               alert "t2" path="/usr/bin/alert.sh"
               rsc-ticket "t2" "a" ticket="T""#,
        reports: &[
            ("E0201", r#""a""#, "id `a` of ticket constraint is used twice"),
            ("E0201", r#""a""#, "id `a` of alert is used twice"),
            ("E0201", r#""t2""#, "id `t2` of alert is used twice"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "sound tickets",
        body: concat!(ticket_resources!(), r#"rsc-ticket "t1" "a" ticket="T" loss-policy="stop"
               rsc-ticket "t2" "s-clone" ticket="T" role="Promoted" loss-policy="demote"
               rsc-ticket "t3" ticket="T2" {
                   set "a" "g"
                   set "s-clone" role="Promoted"
               }"#),
        reports: &[],
        absent: &[],
        only: true,
    },
    Case {
        shows: "a ticket constraint without resources",
        body: concat!(ticket_resources!(), r#"rsc-ticket "t" ticket="T""#),
        reports: &[
            ("E0103", r#""t""#, "ticket constraint `t` names no resource"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "a ticket constraint with a resource and sets",
        body: concat!(ticket_resources!(), r#"rsc-ticket "t" "a" ticket="T" { set "g"; }"#),
        reports: &[
            ("E0412", r#""a""#, "ticket constraint `t` has both a resource and sets"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "a ticket constraint over sets with a role of its own",
        body: concat!(ticket_resources!(), r#"rsc-ticket "t" ticket="T" role="Started" { set "g"; }"#),
        reports: &[
            ("E0412", r#""Started""#, "ticket constraint `t` over sets has a role"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "demote on loss without the promoted role is read as stop: a warning",
        body: concat!(ticket_resources!(), r#"rsc-ticket "t" "s-clone" ticket="T" loss-policy="demote""#),
        reports: &[
            ("W0416", r#""demote""#, r#"`loss-policy="demote"` on `t` is read as `stop` without the promoted role"#),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "an unknown loss policy",
        body: concat!(ticket_resources!(), r#"rsc-ticket "t" "a" ticket="T" loss-policy="explode""#),
        reports: &[
            ("E0105", r#""explode""#, "`explode` is not a valid `loss-policy`"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "the promoted role of a resource that is never promoted",
        body: concat!(ticket_resources!(), r#"rsc-ticket "t" "a" ticket="T" role="Promoted""#),
        reports: &[
            ("E0413", r#""Promoted""#, "`a` is never promoted, so role `Promoted` does not apply to it"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "a ticket name that is not an id",
        body: concat!(ticket_resources!(), r#"rsc-ticket "t" "a" ticket="no spaces""#),
        reports: &[
            ("E0202", r#""no spaces""#, "`no spaces` is not a valid id"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "a ticket constraint without a ticket",
        body: concat!(ticket_resources!(), r#"rsc-ticket "t" "a""#),
        reports: &[
            ("E0103", "rsc-ticket", "`rsc-ticket` needs `ticket=`"),
        ],
        absent: &[],
        only: true,
    },
    Case {
        shows: "a set with two rules",
        body: r#"node "n1" address="10.0.0.11"
               primitive "a" agent="ocf:heartbeat:Dummy" {
                   meta-set "a-late" {
                       rule { date "gt" start="2030-01-01" }
                       rule { date "lt" end="2020-01-01" }
                       values is-managed=#false
                   }
               }"#,
        reports: &[
            ("E0107", "rule", "set `a-late` has a second `rule`"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "date tests without the bound their operation compares with",
        body: r#"node "n1" address="10.0.0.11"
               rsc-defaults-set "dates" {
                   rule boolean="or" {
                       date "gt" end="2030-01-01"
                       date "lt" start="2030-01-01"
                       date "in_range" { duration months=1 }
                       date "in_range" start="2030-01-01" { duration months=1 }
                   }
                   values resource-stickiness=0
               }"#,
        reports: &[
            ("E0103", "date", "`gt` needs `start`"),
            ("E0103", "date", "`lt` needs `end`"),
            ("E0103", "date", "`in_range` needs `start`, `end` or both"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "a date test of a location rule without its bound",
        body: r#"node "n1" address="10.0.0.11"
               primitive "a" agent="ocf:heartbeat:Dummy"
               location "a-later" "a" { rule score=10 { date "gt" } }"#,
        reports: &[
            ("E0103", "date", "`gt` needs `start`"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "fencing off and quorum ignored in a property set",
        body: concat!(two_nodes!(), r#"primitive "fence" agent="stonith:fence_dummy"
               property-set "nights" {
                   rule { date-spec hours="0-6" }
                   values stonith-enabled=#false no-quorum-policy="ignore" maintenance-mode=#true
               }"#),
        reports: &[
            ("E0401", "#false", "`stonith-enabled` in property set `nights` is unsafe and cannot be acknowledged there"),
            ("E0401", r#""ignore""#, "`no-quorum-policy` in property set `nights` is unsafe and cannot be acknowledged there"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "a set id that clashes with a resource",
        body: r#"node "n1" address="10.0.0.11"
               primitive "a" agent="ocf:heartbeat:Dummy" {
                   meta-set "b" { values is-managed=#false }
               }
               primitive "b" agent="ocf:heartbeat:Dummy""#,
        reports: &[
            ("E0201", r#""b""#, "id `b` would be defined twice in the CIB"),
        ],
        absent: &[],
        only: false,
    },
    Case {
        shows: "a date test's operation, dates and fields take only what Pacemaker reads",
        body: r#"node "n1" address="10.0.0.11"
               rsc-defaults-set "d" {
                   rule boolean="or" {
                       date "soon" start="2030-01-01"
                       date "gt" start="next \"tuesday\""
                       date-spec hours="9 to 5" weekdays="1-5"
                       date "in_range" start="2030-W01-1T12:00:00+01:00" { duration months=1 }
                   }
                   values resource-stickiness=0
               }"#,
        reports: &[
            ("E0105", r#""soon""#, "`soon` is not a date test"),
            ("E0105", r#""next \"tuesday\"""#, r#"`next "tuesday"` is not an ISO 8601 date"#),
            ("E0105", r#""9 to 5""#, "`hours` of a date test takes a number or a range, not `9 to 5`"),
        ],
        absent: &[],
        only: false,
    },
];

/// The diagnostics of `case`'s codes, as the table states them, and the absent codes seen.
fn reported(case: &Case) -> (Vec<(&'static str, String, String)>, Vec<&'static str>) {
    let source = source_of(case.body);
    let diagnostics = diagnostics_of(case.body);
    let stated = |id: &str| case.only || case.reports.iter().any(|(code, _, _)| *code == id);
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

/// Each diagnostic's message, label and help read as prose on one line: a run of spaces or a
/// line break there is a string literal split without its `\`.
#[test]
fn every_diagnostic_of_the_cases_is_prose_without_runs_of_spaces() {
    let mut wrong = Vec::new();
    for case in CASES {
        for d in diagnostics_of(case.body) {
            let texts = [Some(&d.message), d.label.as_ref(), d.help.as_ref()];
            for text in texts.into_iter().flatten() {
                if text.contains("  ") || text.contains('\n') {
                    wrong.push(format!("{} ({}): {text:?}", d.code.id, case.shows));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
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
