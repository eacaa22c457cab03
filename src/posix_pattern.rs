//! A location's `rsc-pattern`: Pacemaker compiles it with `regcomp(REG_EXTENDED)` after a
//! leading `!`, and ignores the whole constraint when that fails. This takes the part of POSIX
//! extended regular expressions that every libc reads the same way, so a pattern it takes is
//! one Pacemaker compiles, on any node, and it matches resource ids as glibc's `regexec` does
//! in the C locale. Matching runs a Thompson automaton over sets of states, so no pattern can
//! make it backtrack exponentially.

/// Groups nest at most this deep (the reader recurses once per group).
const MAX_DEPTH: usize = 32;
/// The largest repetition bound POSIX promises (`RE_DUP_MAX`).
const MAX_BOUND: usize = 255;
/// Bounds are written out copy by copy, so nested ones multiply: this caps the states, and so
/// the work for each byte of an id, far above what a pattern written by hand needs.
const MAX_STATES: usize = 10_000;
const CLASSES: &[&str] = &[
    "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space",
    "upper", "xdigit",
];

/// A pattern of the subset, compiled to the automaton that matches it.
pub struct Pattern {
    program: Vec<Step>,
}

/// Why `pattern` (without its `!`) is not taken, or `None` when it is.
#[must_use]
pub fn problem(pattern: &str) -> Option<String> {
    Pattern::parse(pattern).err()
}

impl Pattern {
    /// Reads `text` (without its `!`).
    ///
    /// # Errors
    /// Says what is not taken and where.
    pub fn parse(text: &str) -> Result<Pattern, String> {
        let tree = read(text)?;
        if let Some(problem) = tree.pitfall() {
            return Err(problem);
        }
        let states = tree.size().saturating_add(1);
        if states > MAX_STATES {
            return Err(format!(
                "the pattern is too large to match: its repetitions make {states} states, \
                 above the limit of {MAX_STATES}"
            ));
        }
        Ok(Pattern::compile(&tree))
    }

    fn compile(tree: &Node) -> Pattern {
        let mut program = Vec::new();
        tree.emit(&mut program);
        debug_assert_eq!(program.len(), tree.size());
        program.push(Step::Found);
        Pattern { program }
    }

    /// Whether the pattern matches somewhere in `id`, as `regexec` says.
    #[must_use]
    pub fn is_match(&self, id: &str) -> bool {
        let (bytes, program) = (id.as_bytes(), &self.program[..]);
        let mut now = States::new(program.len());
        let mut next = States::new(program.len());
        for at in 0..=bytes.len() {
            // A match may start anywhere, so each position also starts the program afresh.
            if now.enter(program, 0, at == 0, at == bytes.len()) {
                return true;
            }
            let Some(&byte) = bytes.get(at) else { break };
            next.clear();
            for &pc in &now.list {
                if let Step::Byte(set) = program[pc]
                    && set.contains(byte)
                    && next.enter(program, pc + 1, false, at + 1 == bytes.len())
                {
                    return true;
                }
            }
            std::mem::swap(&mut now, &mut next);
        }
        false
    }
}

/// The tree of `text`, or why it is not of the subset.
fn read(text: &str) -> Result<Node, String> {
    if let Some(c) = text.chars().find(|c| !(' '..='~').contains(c)) {
        return Err(format!(
            "{c:?} is not visible ASCII: resource ids are matched byte by byte"
        ));
    }
    let mut reader = Reader {
        bytes: text.as_bytes(),
        at: 0,
    };
    let tree = reader.alternatives(0)?;
    if reader.at < reader.bytes.len() {
        return Err(format!("`)` at {} closes no group", reader.at + 1));
    }
    Ok(tree)
}

/// A set of bytes, one bit each.
#[derive(Clone, Copy, Default)]
struct Bytes([u64; 4]);

impl Bytes {
    fn of(pick: impl Fn(u8) -> bool) -> Self {
        let mut set = Self::default();
        for byte in (0..=u8::MAX).filter(|&b| pick(b)) {
            set.0[usize::from(byte >> 6)] |= 1 << (byte & 63);
        }
        set
    }

    fn contains(self, byte: u8) -> bool {
        self.0[usize::from(byte >> 6)] >> (byte & 63) & 1 == 1
    }
}

/// A POSIX class as the C locale reads it: by ASCII, whatever the byte.
fn class(name: &[u8]) -> Option<fn(&u8) -> bool> {
    Some(match name {
        b"alnum" => u8::is_ascii_alphanumeric,
        b"alpha" => u8::is_ascii_alphabetic,
        b"blank" => |b| matches!(b, b' ' | b'\t'),
        b"cntrl" => u8::is_ascii_control,
        b"digit" => u8::is_ascii_digit,
        b"graph" => u8::is_ascii_graphic,
        b"lower" => u8::is_ascii_lowercase,
        b"print" => |b| (b' '..=b'~').contains(b),
        b"punct" => u8::is_ascii_punctuation,
        // Unlike `is_ascii_whitespace`, C's `isspace` takes the vertical tab too.
        b"space" => |b| matches!(b, b' ' | b'\t'..=b'\r'),
        b"upper" => u8::is_ascii_uppercase,
        b"xdigit" => u8::is_ascii_hexdigit,
        _ => return None,
    })
}

/// What the reader makes of a pattern; groups leave no trace, as nothing reads submatches.
enum Node {
    Byte(Bytes),
    Start,
    End,
    Sequence(Vec<Node>),
    Either(Vec<Node>),
    /// `node` at least `low` times, at most `high` (`None`: no limit); `at` is where it is.
    Repeat {
        node: Box<Node>,
        low: usize,
        high: Option<usize>,
        at: usize,
    },
}

/// One state of the automaton; each goes on to the next one unless it says otherwise.
#[derive(Clone, Copy)]
enum Step {
    Byte(Bytes),
    Start,
    End,
    /// Goes on both to the next state and to this one.
    Fork(usize),
    Jump(usize),
    Found,
}

impl Node {
    /// A repetition that glibc gets wrong, the outermost first. Checked once the syntax is
    /// known good, so that a pattern with both says what the syntax says.
    fn pitfall(&self) -> Option<String> {
        match self {
            Node::Sequence(nodes) | Node::Either(nodes) => nodes.iter().find_map(Node::pitfall),
            // Copies after the first match their anchor anywhere, and then glibc finds no
            // match at all when asked for submatches, as Pacemaker asks: `(^a)+` on "aa".
            Node::Repeat { node, at, .. } if node.has_anchor() => Some(format!(
                "the repetition at {at} repeats a `^` or `$`, which glibc misreads; \
                 write the anchor outside the repetition"
            )),
            // glibc's submatch search can loop forever there: `((a*|b)*)*` on "b".
            Node::Repeat { node, at, .. } if node.matches_nothing() => Some(format!(
                "the repetition at {at} repeats what can match nothing, on which glibc \
                 can loop forever; make the repeated part take at least one character"
            )),
            Node::Repeat { node, .. } => node.pitfall(),
            Node::Byte(_) | Node::Start | Node::End => None,
        }
    }

    fn has_anchor(&self) -> bool {
        match self {
            Node::Start | Node::End => true,
            Node::Byte(_) => false,
            Node::Sequence(nodes) | Node::Either(nodes) => nodes.iter().any(Node::has_anchor),
            Node::Repeat { node, .. } => node.has_anchor(),
        }
    }

    /// Whether it can match the empty string.
    fn matches_nothing(&self) -> bool {
        match self {
            Node::Start | Node::End => true,
            Node::Byte(_) => false,
            Node::Sequence(nodes) => nodes.iter().all(Node::matches_nothing),
            Node::Either(nodes) => nodes.iter().any(Node::matches_nothing),
            Node::Repeat { node, low, .. } => *low == 0 || node.matches_nothing(),
        }
    }

    /// How many states `emit` writes, saturating so that nested bounds cannot overflow.
    fn size(&self) -> usize {
        match self {
            Node::Byte(_) | Node::Start | Node::End => 1,
            Node::Sequence(nodes) => nodes.iter().fold(0, |sum, n| sum.saturating_add(n.size())),
            Node::Either(nodes) => nodes
                .iter()
                .fold(2 * (nodes.len() - 1), |sum, n| sum.saturating_add(n.size())),
            Node::Repeat {
                node, low, high, ..
            } => {
                let one = node.size();
                let optional = match high {
                    None => one.saturating_add(2),
                    Some(high) => one.saturating_add(1).saturating_mul(high - low),
                };
                one.saturating_mul(*low).saturating_add(optional)
            }
        }
    }

    /// Appends the states that match this node and then go on past the end of `program`;
    /// `size` tells where each jump lands before the states between are written.
    fn emit(&self, program: &mut Vec<Step>) {
        match self {
            Node::Byte(set) => program.push(Step::Byte(*set)),
            Node::Start => program.push(Step::Start),
            Node::End => program.push(Step::End),
            Node::Sequence(nodes) => nodes.iter().for_each(|node| node.emit(program)),
            Node::Either(nodes) => {
                let end = program.len() + self.size();
                let (last, others) = nodes.split_last().expect("two branches or more");
                for node in others {
                    program.push(Step::Fork(program.len() + node.size() + 2));
                    node.emit(program);
                    program.push(Step::Jump(end));
                }
                last.emit(program);
            }
            Node::Repeat {
                node, low, high, ..
            } => {
                (0..*low).for_each(|_| node.emit(program));
                let one = node.size();
                if let Some(high) = high {
                    // Each optional copy may skip itself and all the ones after it.
                    let end = program.len() + (high - low) * (one + 1);
                    for _ in *low..*high {
                        program.push(Step::Fork(end));
                        node.emit(program);
                    }
                } else {
                    let fork = program.len();
                    program.push(Step::Fork(fork + one + 2));
                    node.emit(program);
                    program.push(Step::Jump(fork));
                }
            }
        }
    }
}

/// The states the automaton is in at one position of the id.
struct States {
    list: Vec<usize>,
    seen: Vec<bool>,
    stack: Vec<usize>,
}

impl States {
    fn new(size: usize) -> Self {
        Self {
            list: Vec::new(),
            seen: vec![false; size],
            stack: Vec::new(),
        }
    }

    fn clear(&mut self) {
        self.list.iter().for_each(|&pc| self.seen[pc] = false);
        self.list.clear();
    }

    /// Adds `pc` and all that it reaches without reading a byte; whether that is `Found`.
    /// Each state is taken once, so a loop that can match nothing ends.
    fn enter(&mut self, program: &[Step], pc: usize, start: bool, end: bool) -> bool {
        self.stack.clear();
        self.stack.push(pc);
        while let Some(pc) = self.stack.pop() {
            if std::mem::replace(&mut self.seen[pc], true) {
                continue;
            }
            self.list.push(pc);
            match program[pc] {
                Step::Start if start => self.stack.push(pc + 1),
                Step::End if end => self.stack.push(pc + 1),
                Step::Byte(_) | Step::Start | Step::End => {}
                Step::Fork(to) => self.stack.extend([to, pc + 1]),
                Step::Jump(to) => self.stack.push(to),
                Step::Found => return true,
            }
        }
        false
    }
}

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
    fn alternatives(&mut self, depth: usize) -> Result<Node, String> {
        let mut branches = Vec::new();
        loop {
            branches.push(self.branch(depth)?);
            if self.peek() != Some(b'|') {
                return Ok(if branches.len() == 1 {
                    branches.swap_remove(0)
                } else {
                    Node::Either(branches)
                });
            }
            self.at += 1;
        }
    }

    /// One or more pieces: an atom and at most one repetition after it.
    fn branch(&mut self, depth: usize) -> Result<Node, String> {
        let mut pieces = Vec::new();
        while let Some(byte) = self.peek() {
            if matches!(byte, b'|' | b')') {
                break;
            }
            let mut piece = self.atom(depth)?;
            if matches!(self.peek(), Some(b'*' | b'+' | b'?' | b'{')) {
                if matches!(piece, Node::Start | Node::End) {
                    return Err(format!(
                        "the repetition at {} follows an anchor",
                        self.position()
                    ));
                }
                piece = self.repetition(piece)?;
                if matches!(self.peek(), Some(b'*' | b'+' | b'?' | b'{')) {
                    return Err(format!(
                        "a second repetition at {} (group the first in parentheses)",
                        self.position()
                    ));
                }
            }
            pieces.push(piece);
        }
        if pieces.is_empty() {
            return Err(match self.peek() {
                Some(b'|') => format!("an empty alternative before `|` at {}", self.position()),
                Some(_) => format!("an empty group or alternative at {}", self.position()),
                None if self.at == 0 => "the pattern is empty".to_string(),
                None => "an empty alternative at the end".to_string(),
            });
        }
        Ok(Node::Sequence(pieces))
    }

    /// Reads one atom.
    fn atom(&mut self, depth: usize) -> Result<Node, String> {
        let at = self.position();
        let byte = self.bytes[self.at];
        self.at += 1;
        match byte {
            b'^' => Ok(Node::Start),
            b'$' => Ok(Node::End),
            b'.' => Ok(Node::Byte(Bytes::of(|_| true))),
            b'*' | b'+' | b'?' | b'{' => Err(format!(
                "`{}` at {at} repeats nothing (write `\\{}` for the character)",
                byte as char, byte as char
            )),
            b'(' => {
                if depth >= MAX_DEPTH {
                    return Err(format!("groups nest deeper than {MAX_DEPTH} at {at}"));
                }
                let inside = self.alternatives(depth + 1)?;
                if self.peek() != Some(b')') {
                    return Err(format!("the group opened at {at} is not closed"));
                }
                self.at += 1;
                Ok(inside)
            }
            b'[' => self.bracket(at).map(Node::Byte),
            b'\\' => match self.peek() {
                None => Err("the pattern ends in a lone `\\`".to_string()),
                Some(next) if b".[]\\()*+?{}|^$".contains(&next) => {
                    self.at += 1;
                    Ok(Node::Byte(Bytes::of(|b| b == next)))
                }
                Some(next) => Err(format!(
                    "`\\{}` at {at} is not POSIX (libcs read it differently); escape only \
                     one of . [ ] \\ ( ) * + ? {{ }} | ^ $",
                    next as char
                )),
            },
            _ => Ok(Node::Byte(Bytes::of(|b| b == byte))),
        }
    }

    /// `node` and the `*`, `+`, `?`, `{m}`, `{m,}` or `{m,n}` after it.
    fn repetition(&mut self, node: Node) -> Result<Node, String> {
        let at = self.position();
        self.at += 1;
        let (low, high) = match self.bytes[self.at - 1] {
            b'*' => (0, None),
            b'+' => (1, None),
            b'?' => (0, Some(1)),
            _ => self.bound(at)?,
        };
        let node = Box::new(node);
        Ok(Node::Repeat {
            node,
            low,
            high,
            at,
        })
    }

    /// The least and the most (`None`: no limit) of a `{m}`, `{m,}` or `{m,n}` after its `{`.
    fn bound(&mut self, at: usize) -> Result<(usize, Option<usize>), String> {
        let low = self.number();
        let comma = self.peek() == Some(b',');
        self.at += usize::from(comma);
        let high = if comma { self.number() } else { low };
        let closed = self.peek() == Some(b'}');
        match (low, high.or(comma.then_some(MAX_BOUND))) {
            (Some(low), Some(limit)) if closed && low <= limit && limit <= MAX_BOUND => {
                self.at += 1;
                Ok((low, high))
            }
            _ => Err(format!(
                "the bound at {at} is not `{{m}}`, `{{m,}}` or `{{m,n}}` with m <= n <= \
                 {MAX_BOUND} (write `\\{{` for the character)"
            )),
        }
    }

    fn number(&mut self) -> Option<usize> {
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
    /// range in order, `[:digit:]` a class. A backslash is itself, as POSIX says.
    fn bracket(&mut self, at: usize) -> Result<Bytes, String> {
        let negated = self.peek() == Some(b'^');
        self.at += usize::from(negated);
        let mut taken = [false; 256];
        let mut first = true;
        let mut previous: Option<u8> = None;
        loop {
            let Some(byte) = self.peek() else {
                return Err(format!("the bracket opened at {at} is not closed"));
            };
            self.at += 1;
            match byte {
                b']' if !first => return Ok(Bytes::of(|b| taken[usize::from(b)] != negated)),
                b'[' if matches!(self.peek(), Some(b':' | b'.' | b'=')) => {
                    let kind = self.bytes[self.at];
                    let start = self.at + 1;
                    let end = self.bytes[start..]
                        .windows(2)
                        .position(|w| w == [kind, b']'])
                        .map(|p| start + p);
                    let class = end.and_then(|end| class(&self.bytes[start..end]));
                    match (kind, class) {
                        (b':', Some(pick)) => {
                            (0..=u8::MAX).for_each(|b| taken[usize::from(b)] |= pick(&b));
                            self.at = end.unwrap_or_default() + 2;
                            previous = None;
                        }
                        (b':', None) => {
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
                    (low..=high).for_each(|b| taken[usize::from(b)] = true);
                    previous = None;
                }
                other => {
                    taken[usize::from(other)] = true;
                    previous = Some(other);
                }
            }
            first = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Pattern, problem, read};

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

    #[test]
    fn what_glibc_gets_wrong_or_is_too_large_to_match_is_refused() {
        for (pattern, says) in [
            ("(^a)+", "repeats a `^` or `$`"),
            ("x(b|a$){2}", "repeats a `^` or `$`"),
            ("((a*|b)*)*", "can match nothing"),
            ("(a?){2}", "can match nothing"),
            ("(a*)*[", "bracket opened"),
            ("(a{255}){255}", "65026 states, above the limit of 10000"),
            ("((a{255}){255}){255}", "too large"),
        ] {
            let found = problem(pattern).unwrap_or_default();
            assert!(found.contains(says), "{pattern:?}: {found:?}");
        }
    }

    #[test]
    fn matching_is_unanchored_unless_anchored() {
        let matches = |pattern: &str, id: &str| Pattern::parse(pattern).unwrap().is_match(id);
        assert!(matches("rsc1", "xrsc10"));
        assert!(!matches("^rsc1$", "rsc10"));
        assert!(matches("^(web|db)-[[:digit:]]+$", "db-12"));
        assert!(matches("[]a-]", "-") && !matches("[]a-]", "b"));
        assert!(matches("a{2,3}$", "xaaa") && !matches("^a{2,3}$", "aaaa"));
        assert!(matches("(a|^b)c", "bc") && !matches("a$b", "ab"));
        assert!(matches("[^a]", "\u{e9}") && !matches("[[:alpha:]]", "\u{e9}"));
    }

    #[test]
    fn loops_that_match_nothing_end() {
        // Refused for glibc's sake, but the automaton itself must still cope with them.
        let id = "a".repeat(5000);
        for (pattern, found) in [("(a*)*b", false), ("((a*|b)*)*$", true), ("(^)*a", true)] {
            let pattern = Pattern::compile(&read(pattern).unwrap());
            assert_eq!(pattern.is_match(&id), found);
        }
    }
}
