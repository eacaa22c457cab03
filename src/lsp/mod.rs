//! `hacc lsp`: a language server for cluster specs, over stdio. Diagnostics are `hacc check`'s;
//! hover, completion and go to definition read the text as written (so they work while it is
//! half typed) against the schema and the agents hacc knows; formatting is `hacc fmt`'s.

mod completion;
mod definition;
mod diagnostics;
mod formatting;
mod hover;
mod outline;
mod position;
mod server;
mod snapshot;
mod spot;
mod tokens;
mod uri;
mod vocabulary;

pub use server::serve;

#[cfg(test)]
mod tests {
    use super::snapshot::Snapshot;
    use super::{completion, definition, hover};

    /// A spec typed from its first character to its last: at every step, every request at
    /// the cursor and a few places before it answers without panicking.
    #[test]
    fn every_half_typed_prefix_of_the_kitchen_sink_is_answered() {
        let spec = include_str!("../../tests/specs/kitchen-sink.kdl");
        let uri: lsp_types::Uri = "file:///kitchen-sink.kdl".parse().unwrap();
        let mut answered = 0;
        for end in (0..=spec.len()).filter(|&end| spec.is_char_boundary(end)) {
            let snapshot = Snapshot::read(&spec[..end]);
            for back in [0, 1, 7] {
                let position = snapshot.lines.position(end.saturating_sub(back));
                let offered = completion::at(&snapshot, position);
                let hovered = hover::at(&snapshot, position);
                let defined = definition::at(&uri, &snapshot, position);
                answered +=
                    usize::from(!offered.is_empty() || hovered.is_some() || defined.is_some());
            }
        }
        // Most places have something to offer or show.
        assert!(
            answered > spec.len(),
            "{answered} answers for {} bytes",
            spec.len()
        );
    }
}
