//! Signals about a candidate secret: randomness and placeholder look.

/// Shannon entropy in bits per byte.
#[must_use]
pub fn entropy(s: &[u8]) -> f64 {
    if s.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in s {
        if let Some(c) = counts.get_mut(usize::from(b)) {
            *c += 1;
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// Words that mark a value as an example, a template variable or a placeholder rather than
/// a live credential. Compared against the lowercased value.
const PLACEHOLDER_WORDS: &[&str] = &[
    "example",
    "changeme",
    "change_me",
    "change-me",
    "placeholder",
    "your_",
    "your-",
    "yourkey",
    "yourtoken",
    "yoursecret",
    "yourpassword",
    "xxxxxx",
    "******",
    "......",
    "dummy",
    "sample",
    "redacted",
    "replace_me",
    "replaceme",
    "insert_",
    "insert-",
    "notreal",
    "not_real",
    "not-a-real",
    "fake_",
    "fakekey",
    "faketoken",
    "<",
    ">",
    "${",
    "{{",
    "}}",
    "%(",
    "$(",
    "process.env",
    "os.environ",
    "getenv",
];

/// Whole values that are never secrets.
const PLACEHOLDER_VALUES: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "api_key",
    "null",
    "none",
    "nil",
    "true",
    "false",
    "undefined",
    "string",
    "required",
    "optional",
    "admin",
    "root",
    "test",
    "testing",
    "default",
    "letmein",
    "qwerty",
    "hunter2",
    "p@ssw0rd",
    "passw0rd",
    "password1",
    "password123",
    "secret123",
    "abc123",
    "12345678",
    "123456789",
    "1234567890",
];

/// Whether the value looks like a placeholder: a documentation example (`...EXAMPLE`), a
/// template variable (`${TOKEN}`), masked text (`****`), a dictionary word, one repeated
/// character or a straight run (`123456789`, `abcdefgh`).
#[must_use]
pub fn looks_like_placeholder(s: &[u8]) -> bool {
    let lower: Vec<u8> = s.iter().map(u8::to_ascii_lowercase).collect();
    let text = String::from_utf8_lossy(&lower);
    if PLACEHOLDER_WORDS.iter().any(|w| text.contains(w)) {
        return true;
    }
    let trimmed = text.trim_matches(|c: char| c == '"' || c == '\'');
    if PLACEHOLDER_VALUES.contains(&trimmed) {
        return true;
    }
    // One character repeated, or a long straight run.
    if let Some(&first) = lower.first() {
        if lower.iter().all(|&b| b == first) {
            return true;
        }
    }
    let mut run = 1usize;
    let mut best = 1usize;
    for w in lower.windows(2) {
        if let [a, b] = w {
            if b.wrapping_sub(*a) == 1 {
                run += 1;
                best = best.max(run);
            } else {
                run = 1;
            }
        }
    }
    best >= 8 && best * 2 >= lower.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_of_uniform_and_constant() {
        assert!(entropy(b"aaaa") < 0.01);
        assert!((entropy(b"abcd") - 2.0).abs() < 1e-9);
    }

    #[test]
    fn placeholders() {
        assert!(looks_like_placeholder(b"AKIAIOSFODNN7EXAMPLE"));
        assert!(looks_like_placeholder(b"${GITHUB_TOKEN}"));
        assert!(looks_like_placeholder(b"changeme"));
        assert!(looks_like_placeholder(b"xxxxxxxxxxxxxxxx"));
        assert!(looks_like_placeholder(b"0123456789"));
        assert!(!looks_like_placeholder(b"wq8Zr2Lp0vN4tY6s"));
    }
}
