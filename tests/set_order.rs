//! Which of an element's attribute sets gives a name, asked of `crm_simulate`: the highest
//! score, and of equal scores the set written last. The importer writes scored sets of
//! properties and defaults, which crmsh takes no score on, in an order that keeps every value.

use crate::cib_tools::simulate::{Placement, State, from_state, runs_on};
use crate::cib_tools::{cib_outputs, round_trip::assert_import_fixed_point};
use crate::common;

fn built(spec: &str) -> String {
    let outcome = hacc::pipeline::check_source(spec);
    let checked = outcome
        .checked
        .filter(|_| !outcome.diagnostics.iter().any(|d| d.is_error()))
        .unwrap_or_else(|| panic!("the spec fails check: {:#?}", outcome.diagnostics));
    cib_outputs(&checked).0
}

fn placed(cib_xml: &str) -> Vec<Placement> {
    from_state(cib_xml, &State::up(&["n1", "n2"])).0
}

/// `web`'s plain meta set says Stopped, a further set Started (with `score`, when given).
fn plain_and_further(score: &str) -> String {
    format!(
        r#"cluster "order" {{
    network "order_net" subnet="10.44.0.0/24"
    node "n1" address="10.44.0.11"
    node "n2" address="10.44.0.12"
    property "stonith-enabled" #false {{
        unsafe-acknowledged "offline test spec, nothing runs"
    }}
    primitive "web" agent="ocf:pacemaker:Dummy" {{
        meta target-role="Stopped"
        meta-set "web-started" {score} {{
            values target-role="Started"
        }}
    }}
}}
"#
    )
}

#[test]
fn of_sets_with_equal_scores_the_one_written_last_gives_the_value() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    let started = runs_on(&placed(&built(&plain_and_further(""))), "web");
    assert_eq!(started.len(), 1, "the later set, Started, wins the tie");
    let below = runs_on(&placed(&built(&plain_and_further("score=-1"))), "web");
    assert!(below.is_empty(), "a lower score loses: ran on {below:?}");
}

/// A CIB whose rsc_defaults say Stopped in a set scored 10 written first and Started in an
/// unscored set after it, and whose property sets say `stop-all-resources` true and false the
/// same way; `scored`: whether the scores are there.
fn scored_cib(scored: bool) -> String {
    let score = if scored { r#" score="10""# } else { "" };
    format!(
        r#"<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.9">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="o-stonith" name="stonith-enabled" value="false"/>
      </cluster_property_set>
      <cluster_property_set id="stop-everything"{score}>
        <nvpair id="o-stop" name="stop-all-resources" value="true"/>
      </cluster_property_set>
      <cluster_property_set id="keep-running">
        <nvpair id="o-keep" name="stop-all-resources" value="false"/>
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="n1"/>
      <node id="2" uname="n2"/>
    </nodes>
    <resources>
      <primitive id="web" class="ocf" provider="pacemaker" type="Dummy"/>
    </resources>
    <constraints/>
    <rsc_defaults>
      <meta_attributes id="defaults-stopped"{score}>
        <nvpair id="d-stopped" name="target-role" value="Stopped"/>
      </meta_attributes>
      <meta_attributes id="defaults-started">
        <nvpair id="d-started" name="target-role" value="Started"/>
      </meta_attributes>
    </rsc_defaults>
  </configuration>
  <status/>
</cib>
"#
    )
}

/// Only the defaults decide (`stop-all-resources` false in both sets), or only the properties
/// (Started in both defaults sets).
fn only(xml: &str, part: &str) -> String {
    match part {
        "defaults" => xml.replace(
            r#"name="stop-all-resources" value="true""#,
            r#"name="stop-all-resources" value="false""#,
        ),
        _ => xml.replace(r#"value="Stopped""#, r#"value="Started""#),
    }
}

#[test]
fn scored_property_and_defaults_sets_import_in_the_order_pacemaker_reads_them() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    for part in ["defaults", "properties"] {
        let original = only(&scored_cib(true), part);
        // The score decides: without it, the later set's value wins.
        assert!(
            runs_on(&placed(&original), "web").is_empty(),
            "{part}: scored"
        );
        let unscored = only(&scored_cib(false), part);
        assert_eq!(
            runs_on(&placed(&unscored), "web").len(),
            1,
            "{part}: unscored"
        );

        let imported = hacc::import::import(&original, None);
        let warned: Vec<&str> = imported
            .findings
            .iter()
            .map(|f| f.diagnostic.code.id)
            .collect();
        assert!(warned.contains(&"W0510"), "{part}: {warned:?}");
        let spec = imported
            .spec
            .unwrap_or_else(|| panic!("{part}: refused: {:#?}", imported.findings));
        let rebuilt = built(&spec);
        assert!(!rebuilt.contains("score="), "{part}: {rebuilt}");
        assert!(
            runs_on(&placed(&rebuilt), "web").is_empty(),
            "{part}: the imported spec lets `web` run:\n{spec}"
        );
        assert_eq!(assert_import_fixed_point(&rebuilt), spec, "{part}");
    }
}

/// `n1` has 4 CPUs in its plain utilization and, with `further`, 8 in a further set, `n2` 4;
/// `web` needs 6, or 3 when `lighter` adds a further set of its own.
fn capacity_spec(further: bool, lighter: bool) -> String {
    let set = if further {
        r#"utilization-set "n1-upgraded" { values cpu=8; }"#
    } else {
        ""
    };
    let web_set = if lighter {
        r#"utilization-set "web-light" { values cpu=3; }"#
    } else {
        ""
    };
    format!(
        r#"cluster "capacity" {{
    network "capacity_net" subnet="10.45.0.0/24"
    node "n1" address="10.45.0.11" {{
        utilization cpu=4
        {set}
    }}
    node "n2" address="10.45.0.12" {{
        utilization cpu=4
    }}
    property "stonith-enabled" #false {{
        unsafe-acknowledged "offline test spec, nothing runs"
    }}
    property "placement-strategy" "utilization"
    primitive "web" agent="ocf:pacemaker:Dummy" {{
        utilization cpu=6
        {web_set}
    }}
}}
"#
    )
}

#[test]
fn further_utilization_sets_give_capacities_and_needs() {
    if !common::have_tool("crm_simulate") {
        return;
    }
    let runs = |further, lighter| runs_on(&placed(&built(&capacity_spec(further, lighter))), "web");
    assert_eq!(
        runs(true, false),
        ["n1"],
        "n1's further set gives it 8 CPUs"
    );
    let nowhere = runs(false, false);
    assert!(
        nowhere.is_empty(),
        "6 CPUs fit nowhere, yet web ran on {nowhere:?}"
    );
    assert_eq!(
        runs(false, true).len(),
        1,
        "web's further set needs 3 CPUs only"
    );
}
