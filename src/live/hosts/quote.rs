//! Quoting for the remote shell: ssh joins its command words with spaces and hands the line
//! to the user's login shell on the host, so every word is quoted for a POSIX shell.

/// `word` as one POSIX shell word: left bare when it only holds characters no shell treats
/// specially, else in single quotes (a `'` inside becomes `'\''`).
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:@%+,".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The words as one command line for a POSIX shell.
pub fn shell_line(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| shell_word(w))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    #[test]
    fn words_survive_a_real_shell_unchanged() {
        let words = [
            "plain",
            "",
            "two words",
            "it's",
            "$HOME",
            "`id`",
            "a\"b",
            "semi;colon",
            "new\nline",
            "*",
        ];
        let line = format!("printf '%s\\0' {}", shell_line(&words));
        let out = Command::new("sh").args(["-c", &line]).output().unwrap();
        let got: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .split_terminator('\0')
            .map(str::to_string)
            .collect();
        assert_eq!(got, words);
        assert_eq!(shell_word("cibadmin"), "cibadmin");
    }
}
