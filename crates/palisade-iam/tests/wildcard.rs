//! AWS wildcard matching.

use palisade_iam::{action_matches, glob_match, has_wildcard, resource_matches, CaseSensitivity};
use proptest::prelude::*;

#[test]
fn empty_pattern_and_text() {
    assert!(action_matches("", ""));
    assert!(!action_matches("", "s3:GetObject"));
    assert!(!action_matches("s3:GetObject", ""));
    assert!(action_matches("*", ""));
    assert!(action_matches("**", ""));
    assert!(!action_matches("?", ""));
}

#[test]
fn star_alone_matches_everything() {
    for text in ["", "s3:GetObject", "arn:aws:s3:::b/k", "*", "?", "ünïcødé"] {
        assert!(action_matches("*", text), "{text}");
        assert!(resource_matches("*", text), "{text}");
    }
}

#[test]
fn question_mark_is_exactly_one_character() {
    assert!(action_matches("s3:Get?bject", "s3:GetObject"));
    assert!(!action_matches("s3:GetObject?", "s3:GetObject"));
    assert!(!action_matches("s3:Get??bject", "s3:GetObject"));
    assert!(action_matches("???", "abc"));
    assert!(!action_matches("???", "ab"));
    assert!(!action_matches("???", "abcd"));
    // One character, not one byte.
    assert!(resource_matches("a?c", "aéc"));
    assert!(resource_matches("a??c", "a😀éc"));
    assert!(!resource_matches("a??c", "aéc"));
}

#[test]
fn star_matches_any_run_including_empty() {
    assert!(action_matches("s3:Get*", "s3:Get"));
    assert!(action_matches("s3:Get*", "s3:GetObject"));
    assert!(action_matches("*Object", "s3:GetObject"));
    assert!(action_matches("s3:*Object*", "s3:GetObjectAcl"));
    assert!(!action_matches("s3:Get*", "s3:PutObject"));
    assert!(!action_matches("s3:*Object", "s3:GetObjectAcl"));
}

#[test]
fn multiple_stars_need_retrying() {
    assert!(glob_match("a*b*c", "aXbYbZc", CaseSensitivity::Sensitive));
    assert!(glob_match("*a*a*a*", "bababab", CaseSensitivity::Sensitive));
    assert!(!glob_match(
        "*a*a*a*a*",
        "bababab",
        CaseSensitivity::Sensitive
    ));
    assert!(glob_match("a*?b", "axxb", CaseSensitivity::Sensitive));
    assert!(!glob_match("a*?b", "ab", CaseSensitivity::Sensitive));
    assert!(glob_match("*?*?*", "ab", CaseSensitivity::Sensitive));
    assert!(glob_match("*abc", "ababc", CaseSensitivity::Sensitive));
    assert!(glob_match("*aab", "aaab", CaseSensitivity::Sensitive));
}

#[test]
fn pathological_patterns_finish_quickly() {
    // Exponential in a naive backtracking matcher; quadratic at worst here.
    let text = "a".repeat(4000);
    let pattern = format!("{}b", "a*".repeat(200));
    assert!(!glob_match(&pattern, &text, CaseSensitivity::Sensitive));
    let pattern = "*a".repeat(200);
    assert!(glob_match(&pattern, &text, CaseSensitivity::Sensitive));
}

#[test]
fn actions_are_case_insensitive() {
    assert!(action_matches("s3:GetObject", "S3:getobject"));
    assert!(action_matches("S3:getobject", "s3:GetObject"));
    assert!(action_matches("IAM:Pass*", "iam:passrole"));
    assert!(action_matches("iam:PASS?OLE", "iam:PassRole"));
}

#[test]
fn resources_are_case_sensitive() {
    assert!(resource_matches(
        "arn:aws:s3:::bucket",
        "arn:aws:s3:::bucket"
    ));
    assert!(!resource_matches(
        "arn:aws:s3:::Bucket",
        "arn:aws:s3:::bucket"
    ));
    assert!(!resource_matches(
        "arn:aws:s3:::bucket/X*",
        "arn:aws:s3:::bucket/x"
    ));
    assert!(!resource_matches(
        "ARN:aws:s3:::bucket",
        "arn:aws:s3:::bucket"
    ));
    assert!(!resource_matches(
        "arn:aws:iam::*:role/Admin",
        "arn:aws:iam::1:role/admin"
    ));
}

#[test]
fn arn_patterns_as_users_expect() {
    // `bucket*` covers other buckets and the objects; `bucket/*` only the objects.
    assert!(resource_matches(
        "arn:aws:s3:::bucket*",
        "arn:aws:s3:::bucket-logs"
    ));
    assert!(resource_matches(
        "arn:aws:s3:::bucket*",
        "arn:aws:s3:::bucket/key"
    ));
    assert!(!resource_matches(
        "arn:aws:s3:::bucket/*",
        "arn:aws:s3:::bucket"
    ));
    assert!(!resource_matches(
        "arn:aws:s3:::bucket/*",
        "arn:aws:s3:::bucket-logs/key"
    ));
    assert!(resource_matches(
        "arn:aws:s3:::bucket/*",
        "arn:aws:s3:::bucket/a/b:c"
    ));
    // A `*` that ends a segment spans colons.
    assert!(resource_matches(
        "arn:aws:iam::*:role/*",
        "arn:aws:iam::123456789012:role/path/R"
    ));
    assert!(resource_matches(
        "arn:aws:logs:*:*:log-group:/aws/lambda/*",
        "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f:log-stream:s"
    ));
    assert!(!resource_matches(
        "arn:aws:iam::*:role/*",
        "arn:aws:iam::1:user/u"
    ));
}

#[test]
fn has_wildcard_finds_either_character() {
    assert!(has_wildcard("s3:*"));
    assert!(has_wildcard("s3:Get?"));
    assert!(!has_wildcard("s3:GetObject"));
    assert!(!has_wildcard(""));
}

/// A slow, obviously correct matcher to compare against (dynamic programming over characters).
fn reference(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // m[i][j]: p[..i] matches t[..j]
    let mut m = vec![vec![false; t.len() + 1]; p.len() + 1];
    m[0][0] = true;
    for i in 1..=p.len() {
        for j in 0..=t.len() {
            m[i][j] = match p[i - 1] {
                '*' => m[i - 1][j] || (j > 0 && m[i][j - 1]),
                '?' => j > 0 && m[i - 1][j - 1],
                c => j > 0 && m[i - 1][j - 1] && c == t[j - 1],
            };
        }
    }
    m[p.len()][t.len()]
}

proptest! {
    #[test]
    fn never_panics(pattern in ".{0,40}", text in ".{0,40}") {
        let _ = action_matches(&pattern, &text);
        let _ = resource_matches(&pattern, &text);
    }

    #[test]
    fn literal_pattern_matches_itself(text in "[^*?]{0,60}") {
        prop_assert!(action_matches(&text, &text));
        prop_assert!(resource_matches(&text, &text));
        prop_assert!(action_matches(&text.to_uppercase(), &text) || !text.is_ascii());
    }

    #[test]
    fn agrees_with_the_reference(pattern in "[ab*?é:]{0,12}", text in "[abé:]{0,16}") {
        prop_assert_eq!(
            glob_match(&pattern, &text, CaseSensitivity::Sensitive),
            reference(&pattern, &text)
        );
    }

    #[test]
    fn case_folding_agrees_with_lowercasing(pattern in "[aAbB*?]{0,10}", text in "[aAbB]{0,14}") {
        prop_assert_eq!(
            action_matches(&pattern, &text),
            reference(&pattern.to_ascii_lowercase(), &text.to_ascii_lowercase())
        );
    }
}
