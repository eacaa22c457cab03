use super::EXIT_USAGE;
use crate::diagnostic::{ALL_CODES, Severity, find_code};

pub fn run(code: Option<&str>) -> i32 {
    let Some(code) = code else {
        for code in ALL_CODES {
            println!("{}  {}", code.id, code.title);
        }
        return 0;
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
            0
        }
        None => {
            eprintln!("error: unknown code `{code}`; run `hacc explain` for the list");
            EXIT_USAGE
        }
    }
}
