//! Tokens grouped into what the printer lays out: blocks of nodes, comments and blank lines.

use super::lexer::Token;

/// The nodes between `{` and `}`, or of the whole document.
#[derive(Debug, Default)]
pub(super) struct Block<'a> {
    pub items: Vec<Item<'a>>,
    /// A `//` comment written on the line of the opening `{`.
    pub opening_comment: Option<&'a str>,
    /// Written on one line in the source, with no comment inside.
    pub one_line: bool,
}

#[derive(Debug)]
pub(super) enum Item<'a> {
    Node(Node<'a>),
    /// A comment on a line of its own.
    Comment(&'a str),
    /// One or more empty lines in the source.
    Blank,
}

#[derive(Debug, Default)]
pub(super) struct Node<'a> {
    pub slashdash: bool,
    /// The name and every entry, each already joined into the text it prints as
    /// (`(type)name`, `key=value`, `/-arg`, an inline `/* comment */`).
    pub parts: Vec<String>,
    pub children: Vec<Children<'a>>,
    /// A `//` comment at the end of the node's line.
    pub trailing: Option<&'a str>,
    /// Comments written after a `\` line continuation: the node prints on one line, so they
    /// move above it.
    pub moved: Vec<&'a str>,
}

#[derive(Debug)]
pub(super) struct Children<'a> {
    pub slashdash: bool,
    pub block: Block<'a>,
}

/// Groups the tokens of a whole document.
pub(super) fn document<'a>(tokens: &[Token<'a>]) -> Block<'a> {
    let mut reader = Reader { tokens, at: 0 };
    reader.block(true)
}

struct Reader<'t, 'a> {
    tokens: &'t [Token<'a>],
    at: usize,
}

impl<'a> Reader<'_, 'a> {
    fn peek(&self) -> Option<Token<'a>> {
        self.tokens.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<Token<'a>> {
        let token = self.peek();
        self.at += 1;
        token
    }

    fn skip_newlines(&mut self) {
        while self.peek() == Some(Token::Newline) {
            self.at += 1;
        }
    }

    /// Reads items up to the `}` that closes the block (consumed), or the end of the input.
    fn block(&mut self, top: bool) -> Block<'a> {
        let start = self.at;
        let mut block = Block::default();
        if !top && let Some(Token::LineComment(text)) = self.peek() {
            block.opening_comment = Some(text);
            self.at += 1;
        }
        let mut newlines = 0;
        while let Some(token) = self.peek() {
            match token {
                Token::Close if !top => {
                    self.at += 1;
                    break;
                }
                Token::Newline => {
                    newlines += 1;
                    self.at += 1;
                    continue;
                }
                Token::Semicolon | Token::Close | Token::Continuation => {
                    self.at += 1;
                    continue;
                }
                _ => {}
            }
            if newlines >= 2 && !block.items.is_empty() {
                block.items.push(Item::Blank);
            }
            newlines = 0;
            match token {
                Token::LineComment(text) | Token::BlockComment(text) => {
                    self.at += 1;
                    block.items.push(Item::Comment(text));
                }
                Token::Slashdash => {
                    self.at += 1;
                    self.skip_newlines();
                    let mut node = self.node();
                    node.slashdash = true;
                    block.items.push(Item::Node(node));
                }
                _ => {
                    let node = self.node();
                    block.items.push(Item::Node(node));
                }
            }
        }
        let inner = &self.tokens[start..self.at];
        block.one_line = !top
            && !inner.iter().any(|t| {
                matches!(
                    t,
                    Token::Newline | Token::LineComment(_) | Token::BlockComment(_) | Token::Open
                )
            });
        block
    }

    /// Reads one node up to its terminator; a line break or `}` is left for the block.
    fn node(&mut self) -> Node<'a> {
        let mut node = Node::default();
        let mut slashdash = false;
        while let Some(token) = self.peek() {
            match token {
                Token::Newline | Token::Close => break,
                Token::Semicolon => {
                    self.at += 1;
                    if let Some(Token::LineComment(text)) = self.peek() {
                        self.at += 1;
                        node.trailing = Some(text);
                    }
                    break;
                }
                Token::LineComment(text) => {
                    self.at += 1;
                    node.trailing = Some(text);
                    break;
                }
                Token::Continuation => {
                    self.at += 1;
                    if let Some(Token::LineComment(text)) = self.peek() {
                        self.at += 1;
                        node.moved.push(text);
                    }
                    if self.peek() == Some(Token::Newline) {
                        self.at += 1;
                    }
                }
                Token::BlockComment(text) => {
                    self.at += 1;
                    node.parts.push(text.to_string());
                }
                Token::Slashdash => {
                    self.at += 1;
                    self.skip_newlines();
                    slashdash = true;
                }
                Token::Open => {
                    self.at += 1;
                    let block = self.block(false);
                    node.children.push(Children { slashdash, block });
                    slashdash = false;
                }
                _ => {
                    let mut part = String::from(if slashdash { "/-" } else { "" });
                    slashdash = false;
                    self.entry(&mut part, &mut node);
                    node.parts.push(part);
                }
            }
        }
        node
    }

    /// Appends one name, argument or `key=value` to `part`. Comments written inside it
    /// (`key /* why */ = value`) become parts of their own before it.
    fn entry(&mut self, part: &mut String, node: &mut Node<'a>) {
        self.typed_atom(part, node);
        let next = self.after_gap(self.at);
        if self.tokens.get(next) == Some(&Token::Equals) {
            while self.at < next {
                match self.bump() {
                    Some(Token::BlockComment(text)) => node.parts.push(text.to_string()),
                    Some(Token::LineComment(text)) => node.moved.push(text),
                    _ => {}
                }
            }
        }
        if self.peek() == Some(Token::Equals) {
            self.at += 1;
            part.push('=');
            self.typed_atom(part, node);
        }
    }

    /// The index after the block comments and `\` line continuations (each with its
    /// comment and newline) from `at`: what may stand between a key and its `=`.
    fn after_gap(&self, mut at: usize) -> usize {
        loop {
            match self.tokens.get(at) {
                Some(Token::BlockComment(_)) => at += 1,
                Some(Token::Continuation) => {
                    at += 1;
                    if let Some(Token::LineComment(_)) = self.tokens.get(at) {
                        at += 1;
                    }
                    if self.tokens.get(at) == Some(&Token::Newline) {
                        at += 1;
                    }
                }
                _ => return at,
            }
        }
    }

    /// `(type)value`, or a bare value.
    fn typed_atom(&mut self, part: &mut String, node: &mut Node<'a>) {
        loop {
            match self.peek() {
                Some(Token::BlockComment(text)) => {
                    self.at += 1;
                    node.parts.push(text.to_string());
                }
                // `key=\` with the value on the next line: the value stays joined to its key.
                Some(Token::Continuation) => {
                    self.at += 1;
                    if let Some(Token::LineComment(text)) = self.peek() {
                        self.at += 1;
                        node.moved.push(text);
                    }
                    if self.peek() == Some(Token::Newline) {
                        self.at += 1;
                    }
                }
                Some(Token::OpenParen) => {
                    self.at += 1;
                    part.push('(');
                    while let Some(token) = self.bump() {
                        match token {
                            Token::CloseParen => break,
                            Token::Atom(text) => part.push_str(text),
                            Token::BlockComment(text) => node.parts.push(text.to_string()),
                            _ => {}
                        }
                    }
                    part.push(')');
                }
                Some(Token::Atom(text)) => {
                    self.at += 1;
                    part.push_str(text);
                    return;
                }
                _ => return,
            }
        }
    }
}
