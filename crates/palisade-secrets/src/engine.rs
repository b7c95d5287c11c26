//! The matcher: one Aho-Corasick pass over the input finds every rule keyword; each rule's
//! own regex then runs only on the merged windows around its keywords' hits. Cost grows with
//! the input and the number of hits, not with the number of rules.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use palisade_core::Confidence;
use regex::bytes::CaptureLocations;

use crate::rules::Rule;
use crate::score;

/// A rule match in one input.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Index of the rule in the engine.
    pub rule: usize,
    /// Byte range of the whole match.
    pub start: usize,
    /// End of the whole match.
    pub end: usize,
    /// Byte range of the secret itself.
    pub secret_start: usize,
    /// End of the secret.
    pub secret_end: usize,
    /// Confidence after the placeholder and entropy checks.
    pub confidence: Confidence,
}

/// Which matcher finds the keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Vectorscan when the binary was built with it (feature `vectorscan`), else Aho-Corasick.
    Auto,
    /// The `aho-corasick` crate's DFA (always available).
    AhoCorasick,
    /// Vectorscan's literal matcher (feature `vectorscan`).
    Vectorscan,
}

/// Compiled rules.
#[derive(Debug)]
pub struct Engine {
    rules: Vec<Rule>,
    /// Quick to build (a few ms), slower to search: for the first inputs of a run.
    keywords: AhoCorasick,
    /// Slower to build (tens of ms), fast to search: built once the run has scanned enough
    /// bytes that it pays off, so a one-file run (a pre-commit hook, one template) does not
    /// wait for it. Same words in the same order, so hits are identical.
    dfa: OnceLock<Option<AhoCorasick>>,
    words: Vec<String>,
    scanned: std::sync::atomic::AtomicU64,
    /// For each keyword pattern, the rules that use it or a keyword inside it (for the
    /// leftmost-longest Aho-Corasick pass, where a long hit hides the short ones inside it).
    keyword_rules: Vec<Vec<u32>>,
    /// For each keyword pattern, the rules that use it (for a pass that reports every hit).
    #[cfg_attr(not(feature = "vectorscan"), allow(dead_code))]
    direct_rules: Vec<Vec<u32>>,
    #[cfg(feature = "vectorscan")]
    fast: OnceLock<Option<crate::vectorscan::Keywords>>,
    /// `Auto`: build Vectorscan's database (tens of ms) once the run is big enough to pay.
    #[cfg(feature = "vectorscan")]
    auto_fast: bool,
    /// For each rule, how far from a keyword hit a match can reach (known once the rule's
    /// pattern is compiled, at its first hit); 0 when the pattern does not compile.
    reach: Vec<OnceLock<usize>>,
}

/// Per-thread reusable buffers.
#[derive(Debug, Default)]
pub struct Scratch {
    windows: Vec<Vec<(usize, usize)>>,
    touched: Vec<u32>,
    /// Keyword hits of the current input: (keyword, start, end).
    hits: Vec<(u32, usize, usize)>,
    #[cfg(feature = "vectorscan")]
    vectorscan: crate::vectorscan::Scratch,
}

impl Engine {
    /// Compile rules with the fastest keyword matcher built in.
    ///
    /// # Errors
    /// The keyword automaton could not be built (too many keywords).
    pub fn new(rules: Vec<Rule>) -> Result<Self, String> {
        Self::with_backend(rules, Backend::Auto)
    }

    /// Compile rules with a chosen keyword matcher.
    ///
    /// # Errors
    /// The keyword automaton could not be built, or Vectorscan was asked for and is not built
    /// in or refused the keywords.
    pub fn with_backend(rules: Vec<Rule>, backend: Backend) -> Result<Self, String> {
        let mut words: Vec<String> = Vec::new();
        let mut keyword_rules: Vec<Vec<u32>> = Vec::new();
        let mut seen = std::collections::HashMap::new();
        for (i, r) in rules.iter().enumerate() {
            let ri = u32::try_from(i).map_err(|_| "too many rules".to_string())?;
            for k in &r.keywords {
                let lower = k.to_ascii_lowercase();
                let idx = *seen.entry(lower.clone()).or_insert_with(|| {
                    words.push(lower);
                    keyword_rules.push(Vec::new());
                    keyword_rules.len() - 1
                });
                if let Some(list) = keyword_rules.get_mut(idx) {
                    if !list.contains(&ri) {
                        list.push(ri);
                    }
                }
            }
        }
        // The search reports leftmost-longest hits (several times faster than reporting every
        // overlapping hit). A hit on `sk_live_` hides a hit on `sk_` at the same place, so
        // each keyword also stands for every keyword it contains.
        let closure: Vec<Vec<u32>> = words
            .iter()
            .map(|w| {
                let mut all: Vec<u32> = Vec::new();
                for (j, other) in words.iter().enumerate() {
                    if w.contains(other.as_str()) {
                        if let Some(list) = keyword_rules.get(j) {
                            all.extend(list);
                        }
                    }
                }
                all.sort_unstable();
                all.dedup();
                all
            })
            .collect();
        let keywords = automaton(&words, AhoCorasickKind::ContiguousNFA)
            .or_else(|_| automaton(&words, AhoCorasickKind::NoncontiguousNFA))
            .map_err(|e| format!("cannot build the keyword automaton: {e}"))?;
        let reach = rules.iter().map(|_| OnceLock::new()).collect();
        #[cfg(feature = "vectorscan")]
        let fast = OnceLock::new();
        #[cfg(feature = "vectorscan")]
        match backend {
            Backend::AhoCorasick => {
                let _ = fast.set(None);
            }
            Backend::Auto => {}
            Backend::Vectorscan => {
                let _ = fast.set(Some(crate::vectorscan::Keywords::new(&words)?));
            }
        }
        #[cfg(not(feature = "vectorscan"))]
        if backend == Backend::Vectorscan {
            return Err(
                "this palisade was built without Vectorscan (cargo feature `vectorscan`)".into(),
            );
        }
        Ok(Self {
            rules,
            keywords,
            dfa: OnceLock::new(),
            words,
            scanned: std::sync::atomic::AtomicU64::new(0),
            keyword_rules: closure,
            direct_rules: keyword_rules,
            #[cfg(feature = "vectorscan")]
            fast,
            #[cfg(feature = "vectorscan")]
            auto_fast: backend == Backend::Auto,
            reach,
        })
    }

    /// The keyword matcher in use.
    #[must_use]
    pub fn backend(&self) -> Backend {
        #[cfg(feature = "vectorscan")]
        if self.auto_fast || self.fast.get().is_some_and(Option::is_some) {
            return Backend::Vectorscan;
        }
        Backend::AhoCorasick
    }

    /// How far from a keyword hit a match of rule `ri` can reach. A match lies within
    /// `max_length` of a keyword hit; when every keyword is written in the pattern (so a match
    /// contains one), the pattern's own longest match is the tighter bound.
    fn reach(&self, ri: usize, rule: &Rule) -> usize {
        let Some(cell) = self.reach.get(ri) else {
            return 0;
        };
        *cell.get_or_init(|| {
            let Some(compiled) = rule.regex.get() else {
                return 0;
            };
            let source = rule.pattern.to_ascii_lowercase().replace('\\', "");
            let inside = rule
                .keywords
                .iter()
                .all(|k| source.contains(&k.to_ascii_lowercase()));
            match compiled.max_len {
                Some(m) if inside => m.min(rule.max_length),
                _ => rule.max_length,
            }
        })
    }

    /// The rules, in engine order.
    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Keyword hits: leftmost-longest, restarting one byte after each hit's start, so that a
    /// keyword overlapping the end of another (`x-api` / `api-key`) is still seen.
    fn keyword_matches<'h>(
        &'h self,
        hay: &'h [u8],
        big: bool,
    ) -> impl Iterator<Item = aho_corasick::Match> + 'h {
        let automaton = self.automaton_for(big);
        let mut at = 0;
        std::iter::from_fn(move || {
            if at >= hay.len() {
                return None;
            }
            let hit = automaton.find(aho_corasick::Input::new(hay).range(at..))?;
            at = hit.start() + 1;
            Some(hit)
        })
    }

    /// Fill `scratch.hits` with the keyword hits of `hay`; returns, for each keyword, the
    /// rules its hit stands for.
    fn find_keywords(&self, hay: &[u8], scratch: &mut Scratch) -> &[Vec<u32>] {
        scratch.hits.clear();
        let big = self.big_run(hay.len());
        #[cfg(feature = "vectorscan")]
        let fast = once_big(&self.fast, big && self.auto_fast, || {
            crate::vectorscan::Keywords::new(&self.words).ok()
        });
        #[cfg(feature = "vectorscan")]
        if let Some(fast) = fast {
            if fast
                .hits(hay, &mut scratch.vectorscan, &mut scratch.hits)
                .is_some()
            {
                return &self.direct_rules;
            }
            scratch.hits.clear();
        }
        scratch.hits.extend(self.keyword_matches(hay, big).map(|m| {
            (
                u32::try_from(m.pattern().as_usize()).unwrap_or(u32::MAX),
                m.start(),
                m.end(),
            )
        }));
        &self.keyword_rules
    }

    /// Count `len` more bytes scanned; whether the run has now scanned enough (4 MiB, about
    /// what the quick automaton searches in the time the fast ones take to build) to build the
    /// DFA or Vectorscan's database.
    fn big_run(&self, len: usize) -> bool {
        use std::sync::atomic::Ordering;
        const BIG_AFTER: u64 = 4 << 20;
        let before = self.scanned.fetch_add(len as u64, Ordering::Relaxed);
        before.saturating_add(len as u64) >= BIG_AFTER
    }

    /// The NFA until the run is big, then the DFA.
    fn automaton_for(&self, big: bool) -> &AhoCorasick {
        once_big(&self.dfa, big, || {
            automaton(&self.words, AhoCorasickKind::DFA).ok()
        })
        .unwrap_or(&self.keywords)
    }

    /// How many keyword hits `hay` has (for measuring the prefilter alone).
    #[must_use]
    pub fn keyword_hits(&self, hay: &[u8], scratch: &mut Scratch) -> usize {
        self.find_keywords(hay, scratch);
        scratch.hits.len()
    }

    /// Every match in `hay`, appended to `out` sorted by position then rule.
    pub fn scan(&self, hay: &[u8], scratch: &mut Scratch, out: &mut Vec<Match>) {
        if scratch.windows.len() < self.rules.len() {
            scratch.windows.resize_with(self.rules.len(), Vec::new);
        }
        scratch.touched.clear();
        let keyword_rules = self.find_keywords(hay, scratch);
        for &(keyword, hit_start, hit_end) in &scratch.hits {
            let Some(rule_ids) = keyword_rules.get(keyword as usize) else {
                continue;
            };
            for &ri in rule_ids {
                let Some(rule) = self.rules.get(ri as usize) else {
                    continue;
                };
                let Some(list) = scratch.windows.get_mut(ri as usize) else {
                    continue;
                };
                let reach = self.reach(ri as usize, rule);
                if reach == 0 {
                    continue;
                }
                let ws = hit_end.saturating_sub(reach);
                // One byte past the longest match, so that a `\b` at the end sees real context.
                let we = hit_start
                    .saturating_add(reach)
                    .saturating_add(1)
                    .min(hay.len());
                match list.last_mut() {
                    Some(last) if ws <= last.1 => {
                        last.0 = last.0.min(ws);
                        last.1 = last.1.max(we);
                    }
                    Some(_) => list.push((ws, we)),
                    None => {
                        scratch.touched.push(ri);
                        list.push((ws, we));
                    }
                }
            }
        }
        let first = out.len();
        for &ri in &scratch.touched {
            let Some(list) = scratch.windows.get_mut(ri as usize) else {
                continue;
            };
            if let Some(rule) = self.rules.get(ri as usize) {
                for &(ws, we) in list.iter() {
                    self.run_rule(ri as usize, rule, hay, ws, we, out);
                }
            }
            list.clear();
        }
        if let Some(tail) = out.get_mut(first..) {
            tail.sort_by_key(|m| (m.secret_start, m.rule, m.start));
        }
        out.dedup_by(|a, b| {
            a.rule == b.rule && a.secret_start == b.secret_start && a.secret_end == b.secret_end
        });
    }

    fn run_rule(
        &self,
        ri: usize,
        rule: &Rule,
        hay: &[u8],
        ws: usize,
        we: usize,
        out: &mut Vec<Match>,
    ) {
        let Some(window) = hay.get(..we) else {
            return;
        };
        let Some(compiled) = rule.regex.get() else {
            return;
        };
        let regex = &compiled.regex;
        let mut locs: CaptureLocations = regex.capture_locations();
        let mut at = ws;
        while at <= window.len() {
            let Some(m) = regex.captures_read_at(&mut locs, window, at) else {
                break;
            };
            let (ms, me) = (m.start(), m.end());
            at = if me > ms { me } else { me + 1 };
            if me == window.len() && window.len() < hay.len() {
                // Cut by the window: search this match again on the rest of the input.
                let limit = hay.len().min(me.saturating_add(rule.max_length.max(4096)));
                let mut locs2 = regex.capture_locations();
                if let Some(longer) = hay
                    .get(..limit)
                    .and_then(|h| regex.captures_read_at(&mut locs2, h, ms))
                {
                    if longer.start() == ms {
                        if let Some(found) = self.accept(ri, rule, hay, &locs2) {
                            out.push(found);
                        }
                        break;
                    }
                }
            }
            if let Some(found) = self.accept(ri, rule, hay, &locs) {
                out.push(found);
            }
        }
    }

    fn accept(&self, ri: usize, rule: &Rule, hay: &[u8], locs: &CaptureLocations) -> Option<Match> {
        let (start, end) = locs.get(0)?;
        let (ss, se) = locs
            .get(rule.regex.get().map_or(0, |c| c.secret_group))
            .or_else(|| locs.get(0))
            .filter(|(s, e)| e > s)?;
        let secret = hay.get(ss..se)?;
        if rule
            .exclude
            .iter()
            .any(|x| x.get().is_some_and(|x| x.is_match(secret)))
        {
            return None;
        }
        if let Some(min) = rule.min_entropy {
            if score::entropy(secret) < min {
                return None;
            }
        }
        if let Some(near) = &rule.near {
            let near_regex = near.regex.get()?;
            let from = start.saturating_sub(near.within);
            let to = end.saturating_add(near.within).min(hay.len());
            let region = hay.get(..to)?;
            let mut found = false;
            let mut at = from;
            while let Some(m) = near_regex.find_at(region, at) {
                // The companion must be another piece of text than the secret itself.
                if m.end() <= ss || m.start() >= se {
                    found = true;
                    break;
                }
                at = if m.end() > m.start() {
                    m.end()
                } else {
                    m.end() + 1
                };
                if at > region.len() {
                    break;
                }
            }
            if !found {
                return None;
            }
        }
        let confidence = if score::looks_like_placeholder(secret) {
            Confidence::Low
        } else {
            rule.confidence
        };
        let _ = self;
        Some(Match {
            rule: ri,
            start,
            end,
            secret_start: ss,
            secret_end: se,
            confidence,
        })
    }
}

/// A matcher that is built on first use once the run is big (`None` when building failed),
/// and used by every later input once built.
fn once_big<T>(
    cell: &OnceLock<Option<T>>,
    big: bool,
    build: impl FnOnce() -> Option<T>,
) -> Option<&T> {
    if big {
        cell.get_or_init(build).as_ref()
    } else {
        cell.get().and_then(Option::as_ref)
    }
}

/// The keyword automaton of one kind: ASCII case-insensitive, leftmost-longest.
fn automaton(
    words: &[String],
    kind: AhoCorasickKind,
) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(kind))
        .build(words)
}
