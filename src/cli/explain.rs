use super::failure::{Failure, Outcome};
use crate::diagnostic::{ALL_CODES, Severity, find_code};

pub(super) fn run(code: Option<&str>) -> Outcome {
    let Some(code) = code else {
        for code in ALL_CODES {
            println!("{}  {}", code.id, code.title);
        }
        return Ok(0);
    };
    match find_code(code) {
        Some(code) => {
            let severity = match code.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            println!(
                "{} ({severity}): {}\n\n{}",
                code.id, code.title, code.explanation
            );
            Ok(0)
        }
        None => Err(Failure::usage(format!(
            "unknown code `{code}`; run `hacc explain` for the list"
        ))),
    }
}
