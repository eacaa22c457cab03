//! Hostile values put into the places of one ordinary spec. Each outcome must be one of:
//! `hacc check` rejects the value; the renderer refuses it (the format cannot carry it, and a
//! check is due); or every file it reaches still parses with its real tool and holds it
//! literally. check_covers_render, render_infra's hostile tests and render_cib's crmsh
//! round trip all place their values through this module.

// tests/live.rs includes `common` and uses none of this.
#![allow(unused_imports)]

mod place;
mod spec;
mod values;

pub use place::{CIB, CibSpot, INFRA, Place};
pub use spec::{spec, spec_with};
pub use values::*;

pub use crate::common::kdl_string;
use hacc::render::{Artifact, build};

/// What became of a hostile value.
pub enum Outcome {
    Rejected(String),
    Refused(String),
    Built(Vec<Artifact>),
}

/// Checks and builds the spec with `value` in `place`.
pub fn outcome(place: Place, value: &str) -> Outcome {
    let source = spec(place, &kdl_string(&place.text(value)));
    let checked = hacc::pipeline::check_source(&source);
    let Some(checked) = checked.checked else {
        let first = checked.diagnostics.iter().find(|d| d.is_error());
        return Outcome::Rejected(
            first.map_or(String::new(), |d| format!("{} {}", d.code.id, d.message)),
        );
    };
    match build(&checked) {
        Ok(artifacts) => Outcome::Built(artifacts),
        Err(e) => Outcome::Refused(e.to_string()),
    }
}
