//! The keyword pass on Vectorscan (optional `vectorscan` feature, links the system's
//! `libhs`, Debian `libvectorscan-dev`). Vectorscan's literal matcher (FDR) checks hundreds
//! of case-insensitive keywords with SIMD buckets instead of walking a byte-at-a-time
//! automaton, and reports every keyword's end, overlapping ones included.

use hyperscan::prelude::{BlockDatabase, Builder, Matching};
use hyperscan::{Literal, LiteralFlags, Literals};

/// Compiled keywords.
pub struct Keywords {
    db: BlockDatabase,
    lens: Vec<usize>,
}

impl std::fmt::Debug for Keywords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keywords")
            .field("keywords", &self.lens.len())
            .finish_non_exhaustive()
    }
}

/// A thread's Vectorscan scratch space, allocated on its first scan.
#[derive(Default)]
pub struct Scratch(Option<hyperscan::Scratch>);

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Scratch").field(&self.0.is_some()).finish()
    }
}

impl Keywords {
    /// Compile lower-case keywords, matched without regard to ASCII case.
    ///
    /// # Errors
    /// Vectorscan refused the keywords (or the CPU lacks what it needs).
    pub fn new(words: &[String]) -> Result<Self, String> {
        let literals: Literals = words
            .iter()
            .enumerate()
            .map(|(i, w)| Literal {
                expression: w.clone(),
                flags: LiteralFlags::CASELESS,
                id: Some(i),
                som: None,
            })
            .collect();
        let db: BlockDatabase = literals
            .build()
            .map_err(|e| format!("vectorscan: cannot compile the keywords: {e}"))?;
        Ok(Self {
            db,
            lens: words.iter().map(String::len).collect(),
        })
    }

    /// Every keyword occurrence in `hay` as (keyword, start, end), in order of end. `None` when
    /// Vectorscan cannot take this input (over 4 GiB, or a library error), so that the caller
    /// falls back to the other engine.
    pub fn hits(
        &self,
        hay: &[u8],
        scratch: &mut Scratch,
        out: &mut Vec<(u32, usize, usize)>,
    ) -> Option<()> {
        // hs_scan takes a 32-bit length.
        u32::try_from(hay.len()).ok()?;
        if scratch.0.is_none() {
            scratch.0 = Some(self.db.alloc_scratch().ok()?);
        }
        let space = scratch.0.as_ref()?;
        let lens = &self.lens;
        self.db
            .scan(hay, space, |id, _from, to, _flags| {
                let end = usize::try_from(to).unwrap_or(usize::MAX);
                let len = lens.get(id as usize).copied().unwrap_or(0);
                out.push((id, end.saturating_sub(len), end));
                Matching::Continue
            })
            .ok()
    }
}
