use super::Artifact;
use crate::model::Checked;

// Placeholder until the renderer lands.
pub fn render(checked: &Checked) -> Artifact {
    Artifact::file("Dockerfile", format!("# {}\n", super::header(checked)))
}
