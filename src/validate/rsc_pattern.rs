//! A location's `rsc-pattern`: Pacemaker compiles it with `regcomp(REG_EXTENDED)` after a
//! leading `!`, and ignores the whole constraint when that fails. hacc accepts the part of
//! POSIX extended regular expressions that every libc reads the same way, so a pattern it
//! takes is one Pacemaker compiles, on any node.

/// Why `pattern` (without its `!`) is not such an expression, or `None` when it is.
pub(super) fn problem(pattern: &str) -> Option<String> {
    if let Some(c) = pattern.chars().find(|c| !(' '..='~').contains(c)) {
        return Some(format!(
            "{c:?} is not visible ASCII: resource ids are matched byte by byte"
        ));
    }
    let mut reader = Reader {
        bytes: pattern.as_bytes(),
        at: 0,
    };
    match reader.alternatives(0) {
        Err(problem) => Some(problem),
        Ok(()) if reader.at < reader.bytes.len() => {
            Some(format!("`)` at {} closes no group", reader.at + 1))
        }
        Ok(()) => None,
    }
}

/// Groups nest at most this deep (the reader recurses once per group).
const MAX_DEPTH: usize = 32;
/// The largest repetition bound POSIX promises (`RE_DUP_MAX`).
const MAX_BOUND: u32 = 255;
const CLASSES: &[&str] = &[
    "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space",
    "upper", "xdigit",
];

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn position(&self) -> usize {
        self.at + 1
    }

    /// `branch ('|' branch)*`, up to an unmatched `)` or the end.
    fn alternatives(&mut self, depth: usize) -> Result<(), String> {
        loop {
            self.branch(depth)?;
            if self.peek() != Some(b'|') {
                return Ok(());
            }
            self.at += 1;
        }
    }

    /// One or more pieces: an atom and at most one repetition after it.
    fn branch(&mut self, depth: usize) -> Result<(), String> {
        let start = self.at;
        while let Some(byte) = self.peek() {
            if matches!(byte, b'|' | b')') {
                break;
            }
            let repeatable = self.atom(depth)?;
            if matches!(self.peek(), Some(b'*' | b'+' | b'?' | b'{')) {
                if !repeatable {
                    return Err(format!(
                        "the repetition at {} follows an anchor",
                        self.position()
                    ));
                }
                self.repetition()?;
                if matches!(self.peek(), Some(b'*' | b'+' | b'?' | b'{')) {
                    return Err(format!(
                        "a second repetition at {} (group the first in parentheses)",
                        self.position()
                    ));
                }
            }
        }
        if self.at == start {
            return Err(match self.peek() {
                Some(b'|') => format!("an empty alternative before `|` at {}", self.position()),
                Some(_) => format!("an empty group or alternative at {}", self.position()),
                None if start == 0 => "the pattern is empty".to_string(),
                None => "an empty alternative at the end".to_string(),
            });
        }
        Ok(())
    }

    /// Reads one atom; whether a repetition may follow it.
    fn atom(&mut self, depth: usize) -> Result<bool, String> {
        let at = self.position();
        let byte = self.bytes[self.at];
        self.at += 1;
        match byte {
            b'^' | b'$' => Ok(false),
            b'*' | b'+' | b'?' | b'{' => Err(format!(
                "`{}` at {at} repeats nothing (write `\\{}` for the character)",
                byte as char, byte as char
            )),
            b'(' => {
                if depth >= MAX_DEPTH {
                    return Err(format!("groups nest deeper than {MAX_DEPTH} at {at}"));
                }
                self.alternatives(depth + 1)?;
                if self.peek() != Some(b')') {
                    return Err(format!("the group opened at {at} is not closed"));
                }
                self.at += 1;
                Ok(true)
            }
            b'[' => self.bracket(at).map(|()| true),
            b'\\' => match self.peek() {
                None => Err("the pattern ends in a lone `\\`".to_string()),
                Some(next) if b".[]\\()*+?{}|^$".contains(&next) => {
                    self.at += 1;
                    Ok(true)
                }
                Some(next) => Err(format!(
                    "`\\{}` at {at} is not POSIX (libcs read it differently); escape only \
                     one of . [ ] \\ ( ) * + ? {{ }} | ^ $",
                    next as char
                )),
            },
            _ => Ok(true),
        }
    }

    /// `*`, `+`, `?`, `{m}`, `{m,}` or `{m,n}`.
    fn repetition(&mut self) -> Result<(), String> {
        let at = self.position();
        let byte = self.bytes[self.at];
        self.at += 1;
        if byte != b'{' {
            return Ok(());
        }
        let low = self.number();
        let high = if self.peek() == Some(b',') {
            self.at += 1;
            self.number().or(Some(MAX_BOUND))
        } else {
            low
        };
        let closed = self.peek() == Some(b'}');
        match (low, high) {
            (Some(low), Some(high)) if closed && low <= high && high <= MAX_BOUND => {
                self.at += 1;
                Ok(())
            }
            _ => Err(format!(
                "the bound at {at} is not `{{m}}`, `{{m,}}` or `{{m,n}}` with m <= n <= \
                 {MAX_BOUND} (write `\\{{` for the character)"
            )),
        }
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) && self.at - start < 4 {
            self.at += 1;
        }
        std::str::from_utf8(&self.bytes[start..self.at])
            .ok()?
            .parse()
            .ok()
    }

    /// A bracket expression after its `[`: `^` negates, a first `]` is literal, `a-z` is a
    /// range in order, `[:digit:]` a class.
    fn bracket(&mut self, at: usize) -> Result<(), String> {
        if self.peek() == Some(b'^') {
            self.at += 1;
        }
        let mut first = true;
        let mut previous: Option<u8> = None;
        loop {
            let Some(byte) = self.peek() else {
                return Err(format!("the bracket opened at {at} is not closed"));
            };
            self.at += 1;
            match byte {
                b']' if !first => return Ok(()),
                b'[' if matches!(self.peek(), Some(b':' | b'.' | b'=')) => {
                    let kind = self.bytes[self.at];
                    let start = self.at + 1;
                    let end = self.bytes[start..]
                        .windows(2)
                        .position(|w| w == [kind, b']'])
                        .map(|p| start + p);
                    let name = end.map(|end| &self.bytes[start..end]);
                    match (kind, name) {
                        (b':', Some(name)) if CLASSES.iter().any(|c| c.as_bytes() == name) => {
                            self.at = end.unwrap_or_default() + 2;
                            previous = None;
                        }
                        (b':', _) => {
                            return Err(format!(
                                "the class at {} is not one of [:{}:]",
                                self.at,
                                CLASSES.join(":], [:")
                            ));
                        }
                        _ => {
                            return Err(format!(
                                "`[{}` at {} (collating elements and equivalence classes) \
                                 is not taken; list the characters",
                                kind as char, self.at
                            ));
                        }
                    }
                }
                b'-' if !first && self.peek() != Some(b']') => {
                    let (Some(low), Some(high)) = (previous, self.peek()) else {
                        return Err(format!(
                            "the range at {} starts at a class or at another range",
                            self.at
                        ));
                    };
                    if high == b'[' || high < low {
                        return Err(format!(
                            "the range at {} does not go upwards between two characters",
                            self.at
                        ));
                    }
                    self.at += 1;
                    previous = None;
                }
                other => previous = Some(other),
            }
            first = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn what_pacemakers_corpus_and_users_write_is_taken() {
        for pattern in [
            "rsc3.*",
            "^rsc[0-9]$",
            "rsc",
            "meta-",
            "^(web|db)-[[:digit:]]+$",
            "a{2}b{1,}c{0,3}",
            "[]a-]",
            "[^a-z]x?",
            "\\.\\{\\}",
            "x|y|z",
        ] {
            assert_eq!(problem(pattern), None, "{pattern}");
        }
    }

    #[test]
    fn what_a_libc_could_read_otherwise_or_refuse_is_refused() {
        for (pattern, says) in [
            ("", "empty"),
            ("*a", "repeats nothing"),
            ("a**", "second repetition"),
            ("^*", "follows an anchor"),
            ("(a", "not closed"),
            ("a)", "closes no group"),
            ("()", "empty group"),
            ("a||b", "empty alternative"),
            ("a|", "empty alternative at the end"),
            ("[a", "bracket opened at 1"),
            ("[z-a]", "upwards"),
            ("[a-c-e]", "another range"),
            ("[[:word:]]", "class"),
            ("[[.a.]]", "collating"),
            ("a{3,2}", "m <= n"),
            ("a{", "bound"),
            ("a{1,999}", "bound"),
            ("\\d", "not POSIX"),
            ("a\\", "lone"),
            ("é", "visible ASCII"),
            ("a\nb", "visible ASCII"),
        ] {
            let found = problem(pattern).unwrap_or_default();
            assert!(found.contains(says), "{pattern:?}: {found:?}");
        }
        let deep = format!("{}a{}", "(".repeat(40), ")".repeat(40));
        assert!(problem(&deep).unwrap_or_default().contains("nest deeper"));
    }
}
