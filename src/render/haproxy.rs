use super::Artifact;
use crate::model::Checked;

// Placeholder until the renderer lands.
pub fn render(checked: &Checked) -> Option<Artifact> {
    checked.cluster().front.as_ref()?;
    Some(Artifact::file(
        "haproxy.cfg",
        format!("# {}\n", super::header(checked)),
    ))
}
