//! Byte spans and the line table that turns them into 1-based lines and columns at the edge.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a source text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte (inclusive).
    pub start: u32,
    /// Last byte (exclusive).
    pub end: u32,
}

impl Span {
    /// A span from byte offsets; offsets beyond `u32::MAX` saturate, `end` is never before `start`.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        let s = u32::try_from(start).unwrap_or(u32::MAX);
        let e = u32::try_from(end).unwrap_or(u32::MAX).max(s);
        Self { start: s, end: e }
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Length in bytes.
    #[must_use]
    pub fn len(self) -> u32 {
        self.end - self.start
    }

    /// Whether the span is empty.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

/// A 1-based position: line, column in characters (Unicode scalar values), column in UTF-16 units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column counted in characters.
    pub column: u32,
    /// 1-based column counted in UTF-16 code units (what SARIF expects by default).
    pub utf16_column: u32,
}

/// Line starts of one source text, for turning byte offsets into positions.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
    ascii: bool,
}

impl LineIndex {
    /// Build the table (one pass over the text).
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        Self {
            starts,
            ascii: text.is_ascii(),
        }
    }

    /// Number of lines.
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 0-based line `line` starts.
    #[must_use]
    pub fn line_start(&self, line: usize) -> Option<u32> {
        self.starts.get(line).copied()
    }

    /// The position of byte `offset` in `text` (the same text the index was built from).
    /// Offsets past the end or inside a character are clamped to a valid boundary.
    #[must_use]
    pub fn position(&self, text: &str, offset: u32) -> Position {
        let offset = offset.min(u32::try_from(text.len()).unwrap_or(u32::MAX));
        let line0 = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts.get(line0).copied().unwrap_or(0);
        let line = u32::try_from(line0 + 1).unwrap_or(u32::MAX);
        if self.ascii {
            let col = offset - start + 1;
            return Position {
                line,
                column: col,
                utf16_column: col,
            };
        }
        let mut end = offset as usize;
        while end > start as usize && !text.is_char_boundary(end) {
            end -= 1;
        }
        let piece = text.get(start as usize..end).unwrap_or("");
        let chars = piece.chars().count();
        let utf16: usize = piece.chars().map(char::len_utf16).sum();
        Position {
            line,
            column: u32::try_from(chars + 1).unwrap_or(u32::MAX),
            utf16_column: u32::try_from(utf16 + 1).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of a 1-based line and 1-based character column (inverse of [`Self::position`]).
    #[must_use]
    pub fn offset(&self, text: &str, line: u32, column: u32) -> u32 {
        let Some(start) = self.starts.get((line.max(1) - 1) as usize).copied() else {
            return u32::try_from(text.len()).unwrap_or(u32::MAX);
        };
        let want = column.max(1) as usize - 1;
        if self.ascii {
            return (start as usize + want).min(text.len()) as u32;
        }
        let rest = text.get(start as usize..).unwrap_or("");
        let bytes = rest.char_indices().nth(want).map_or(rest.len(), |(i, _)| i);
        u32::try_from(start as usize + bytes).unwrap_or(u32::MAX)
    }
}
