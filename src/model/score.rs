use serde::{Serialize, Serializer};
use std::fmt;

/// A Pacemaker score: an integer or plus/minus infinity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Score {
    Value(i64),
    Infinity,
    MinusInfinity,
}

impl Score {
    /// Parses the spellings Pacemaker accepts: integers, `INFINITY`, `+INFINITY`, `inf`, `-inf`.
    pub fn parse(text: &str) -> Option<Score> {
        match text.trim() {
            "INFINITY" | "+INFINITY" | "inf" | "+inf" => Some(Score::Infinity),
            "-INFINITY" | "-inf" => Some(Score::MinusInfinity),
            other => other.parse::<i64>().ok().map(Score::Value),
        }
    }

    /// Pacemaker caps scores at one million; anything larger is infinity.
    pub fn from_int(value: i128) -> Score {
        if value >= 1_000_000 {
            Score::Infinity
        } else if value <= -1_000_000 {
            Score::MinusInfinity
        } else {
            Score::Value(value as i64)
        }
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Score::Value(v) => write!(f, "{v}"),
            Score::Infinity => f.write_str("INFINITY"),
            Score::MinusInfinity => f.write_str("-INFINITY"),
        }
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
