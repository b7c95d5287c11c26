//! AWS wildcard matching: `*` matches any run of characters (including none), `?` exactly one.
//!
//! The matcher is the classic iterative two-pointer glob algorithm: it remembers only the most
//! recent `*` and retries from there on a mismatch, so it runs in `O(pattern × text)` time in the
//! worst case, never recurses and never backtracks exponentially. `?` consumes one Unicode scalar
//! value, not one byte.
//!
//! Resource ARNs are matched as whole strings. The IAM documentation describes wildcards as
//! working inside colon-delimited ARN segments, with a `*` that ends a segment allowed to match
//! across colons; for well-formed ARNs and patterns the two readings give the same answer, and the
//! whole-string reading never misses a match the segment reading would find.

/// How letters are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseSensitivity {
    /// Exact comparison (resource ARNs, `StringLike`).
    Sensitive,
    /// ASCII letters compare equal regardless of case (action names). Other characters compare
    /// exactly.
    AsciiInsensitive,
}

/// Whether the IAM action `action` (e.g. `s3:GetObject`) matches the `Action`/`NotAction` pattern
/// `pattern` (e.g. `s3:Get*`, `*`). Case-insensitive, as AWS compares service prefixes and action
/// names.
///
/// ```
/// use palisade_iam::action_matches;
/// assert!(action_matches("iam:Pass*", "iam:PassRole"));
/// assert!(action_matches("S3:getobject", "s3:GetObject"));
/// assert!(!action_matches("s3:Get?", "s3:GetObject"));
/// ```
#[must_use]
pub fn action_matches(pattern: &str, action: &str) -> bool {
    glob_match(pattern, action, CaseSensitivity::AsciiInsensitive)
}

/// Whether the resource ARN `arn` matches the `Resource`/`NotResource` pattern `pattern`.
/// Case-sensitive (resource ids are case-sensitive); see the module documentation for how colons
/// are treated.
///
/// ```
/// use palisade_iam::resource_matches;
/// assert!(resource_matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key"));
/// assert!(!resource_matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket"));
/// assert!(!resource_matches("arn:aws:s3:::Bucket", "arn:aws:s3:::bucket"));
/// ```
#[must_use]
pub fn resource_matches(pattern: &str, arn: &str) -> bool {
    glob_match(pattern, arn, CaseSensitivity::Sensitive)
}

/// Whether `text` matches the glob `pattern` (`*` any run, `?` one character; no escapes, no
/// character classes).
#[must_use]
pub fn glob_match(pattern: &str, text: &str, case: CaseSensitivity) -> bool {
    let pat = pattern.as_bytes();
    let txt = text.as_bytes();
    let same = |p: u8, t: u8| match case {
        CaseSensitivity::Sensitive => p == t,
        CaseSensitivity::AsciiInsensitive => p.eq_ignore_ascii_case(&t),
    };

    let mut p = 0usize;
    let mut t = 0usize;
    // After the most recent `*`: the pattern index just past it, and the text index it would
    // resume from if it swallowed one more character.
    let mut star: Option<(usize, usize)> = None;

    while let Some(&tb) = txt.get(t) {
        match pat.get(p) {
            Some(b'*') => {
                p += 1;
                star = Some((p, t));
                continue;
            }
            Some(b'?') => {
                p += 1;
                t += char_width(tb);
                continue;
            }
            Some(&pb) if same(pb, tb) => {
                p += 1;
                t += 1;
                continue;
            }
            _ => {}
        }
        // Mismatch: let the last `*` swallow one more character, or fail.
        let Some((star_p, star_t)) = star else {
            return false;
        };
        let next = star_t + txt.get(star_t).map_or(1, |&b| char_width(b));
        star = Some((star_p, next));
        p = star_p;
        t = next;
    }
    pat.get(p..)
        .is_some_and(|rest| rest.iter().all(|&b| b == b'*'))
}

/// Whether `s` contains a wildcard character (`*` or `?`).
#[must_use]
pub fn has_wildcard(s: &str) -> bool {
    s.bytes().any(|b| b == b'*' || b == b'?')
}

/// The length in bytes of the UTF-8 character that starts with byte `lead`.
pub(crate) fn char_width(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}
