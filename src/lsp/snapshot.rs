//! One version of a document as the cursor requests read it: its text, where its lines start,
//! and its outline, read once however many requests are made of that version.

use super::outline::Outline;
use super::position::Lines;

pub(super) struct Snapshot<'a> {
    pub text: &'a str,
    pub lines: Lines<'a>,
    pub outline: Outline,
}

impl<'a> Snapshot<'a> {
    pub(super) fn read(text: &'a str) -> Snapshot<'a> {
        Snapshot {
            text,
            lines: Lines::new(text),
            outline: Outline::read(text),
        }
    }
}
