//! The rule loader, the matcher and the finding model of `palisade-secrets`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use palisade_core::Confidence;
use palisade_secrets::rules::parse_file;
use palisade_secrets::{position, redact, Engine, Positions, Scanner, Scratch};

fn rule(extra: &str) -> String {
    format!(
        "rules:\n  - code: SEC9001\n    name: test-token\n    title: Test token\n    provider: Test\n    confidence: high\n    keywords: [tok_]\n    pattern: '\\b(?P<secret>tok_[a-z0-9]{{8,}})'\n    description: d\n    fix: f\n    references: [https://example.org]\n    examples: ['tok_q8w7e6r5', 'x=tok_z9y8x7w6v5']\n    near_misses: ['tok_short', 'TOK_Q8W7E6R5']\n{extra}"
    )
}

fn engine(text: &str) -> Engine {
    let (rules, errors) = parse_file("t.yaml", text);
    assert!(errors.is_empty(), "{errors:?}");
    Engine::new(rules).unwrap()
}

fn secrets(e: &Engine, hay: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    e.scan(hay, &mut Scratch::default(), &mut out);
    out.iter()
        .map(|m| String::from_utf8_lossy(&hay[m.secret_start..m.secret_end]).into_owned())
        .collect()
}

#[test]
fn the_builtin_rules_load_and_pass_their_own_check() {
    let (rules, errors) = palisade_secrets::rules::builtin();
    assert!(errors.is_empty(), "{errors:?}");
    let engine = Engine::new(rules.clone()).unwrap();
    let failures = palisade_secrets::check::check(&engine);
    assert!(failures.is_empty(), "{failures:#?}");
    for r in rules {
        let lint = r.meta().lint();
        assert!(lint.is_empty(), "{}: {lint:?}", r.code);
    }
}

#[test]
fn loader_errors_name_file_line_and_column() {
    let (_, errors) = parse_file("x.yaml", "rules: [1, 2");
    assert!(!errors.is_empty());
    assert_eq!(errors[0].path, "x.yaml");
    let (_, errors) = parse_file("x.yaml", "other: 1\n");
    assert!(errors[0].message.contains("`rules:`"), "{errors:?}");
    let text = rule("").replace("    fix: f\n", "    fix: f\n    colour: red\n");
    let (rules, errors) = parse_file("x.yaml", &text);
    assert!(rules.is_empty());
    assert_eq!((errors[0].line, errors[0].column), (2, 5), "{errors:?}");
    assert!(errors[0].message.contains("unknown field `colour`"));
    let text = rule("").replace("confidence: high", "confidence: sure");
    let (_, errors) = parse_file("x.yaml", &text);
    assert!(errors[0].message.contains("unknown confidence `sure`"));
    let text = rule("").replace("keywords: [tok_]", "keywords: [t]");
    let (_, errors) = parse_file("x.yaml", &text);
    assert!(errors[0].message.contains("at least 3 bytes"));
    let text = rule("").replace("name: test-token", "name: Test_Token");
    let (_, errors) = parse_file("x.yaml", &text);
    assert!(errors[0].message.contains("kebab-case"));
}

#[test]
fn keywords_are_case_insensitive_but_patterns_decide() {
    let e = engine(&rule(""));
    assert_eq!(secrets(&e, b"a TOK_ tok_abcd1234 z"), vec!["tok_abcd1234"]);
    assert!(secrets(&e, b"TOK_ABCD1234").is_empty());
}

#[test]
fn a_match_longer_than_the_window_is_followed_to_its_end() {
    let e = engine(&rule("    max_length: 16\n"));
    let long = format!("x tok_{} y", "a1".repeat(200));
    let found = secrets(&e, long.as_bytes());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].len(), 4 + 400);
}

#[test]
fn many_hits_merge_into_few_windows_and_every_match_is_found_once() {
    let e = engine(&rule(""));
    let mut hay = String::new();
    for i in 0..5000 {
        hay.push_str(&format!("tok_k{i:07} "));
    }
    let found = secrets(&e, hay.as_bytes());
    assert_eq!(found.len(), 5000);
    let mut dedup = found.clone();
    dedup.dedup();
    assert_eq!(dedup.len(), 5000);
}

#[test]
fn gates_entropy_near_and_exclude() {
    let e = engine(&rule("    min_entropy: 3.0\n    exclude: ['^tok_0+$']\n    near:\n      pattern: 'user=[a-z]+'\n      within: 20\n"));
    assert!(secrets(&e, b"tok_q8w7e6r5").is_empty(), "no companion");
    assert_eq!(secrets(&e, b"user=ada tok_q8w7e6r5"), vec!["tok_q8w7e6r5"]);
    assert!(
        secrets(&e, b"user=ada tok_aaaabbbb").is_empty(),
        "low entropy"
    );
    assert!(secrets(&e, b"user=ada tok_00000000").is_empty(), "excluded");
    let far = format!("user=ada {} tok_q8w7e6r5", " ".repeat(40));
    assert!(secrets(&e, far.as_bytes()).is_empty(), "companion too far");
}

#[test]
fn placeholders_are_low_confidence_and_hidden_by_default() {
    let e = engine(&rule(""));
    let mut out = Vec::new();
    e.scan(
        b"tok_example1 tok_q8w7e6r5",
        &mut Scratch::default(),
        &mut out,
    );
    let c: Vec<Confidence> = out.iter().map(|m| m.confidence).collect();
    assert_eq!(c, vec![Confidence::Low, Confidence::High]);
    let s = Scanner::new(e);
    let o = s.scan(
        "f",
        b"tok_example1 tok_q8w7e6r5",
        None,
        &mut Scratch::default(),
    );
    assert_eq!(o.findings.len(), 1);
    assert_eq!(o.findings[0].evidence.as_deref(), Some("to********"));
}

#[test]
fn binary_input_is_skipped() {
    let s = Scanner::new(engine(&rule("")));
    let o = s.scan("f", b"\0\x01tok_q8w7e6r5", None, &mut Scratch::default());
    assert_eq!(o.skipped, Some(palisade_secrets::Skip::Binary));
    assert!(o.findings.is_empty());
}

#[test]
fn redaction_keeps_a_short_prefix_only() {
    assert_eq!(redact(b"AKIA2E0A8F3B244C9986"), "AKIA********");
    assert_eq!(redact(b"hunter2hunter"), "hu********");
    assert_eq!(redact(b"short"), "********");
}

#[test]
fn positions_count_characters_and_utf16_units() {
    let hay = "a\r\nxé😀tok_q8w7e6r5".as_bytes();
    let off = hay.windows(4).position(|w| w == b"tok_").unwrap();
    let p = position(hay, off);
    assert_eq!((p.line, p.column, p.utf16_column), (2, 4, 5));
}

#[test]
fn the_same_secret_has_one_fingerprint_everywhere() {
    let s = Scanner::new(engine(&rule("")));
    let a = s.scan("a", b"tok_q8w7e6r5", None, &mut Scratch::default());
    let b = s.scan(
        "b/c",
        b"\n\n  x = tok_q8w7e6r5",
        None,
        &mut Scratch::default(),
    );
    let c = s.scan("a", b"tok_q8w7e6r6", None, &mut Scratch::default());
    assert_eq!(a.findings[0].fingerprint, b.findings[0].fingerprint);
    assert_ne!(a.findings[0].fingerprint, c.findings[0].fingerprint);
}

mod prop {
    use proptest::prelude::*;

    use super::*;

    /// The position of `off` computed the slow way: lossy text of the line up to `off`.
    fn naive(hay: &[u8], off: usize) -> (u32, u32, u32) {
        let before = &hay[..off];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let text = String::from_utf8_lossy(&before[start..]);
        let col = text.chars().count() + 1;
        let utf16 = text.chars().map(char::len_utf16).sum::<usize>() + 1;
        (line as u32, col as u32, utf16 as u32)
    }

    proptest! {
        #[test]
        fn the_position_cursor_agrees_with_counting_from_the_start(
            text in "(a|é|😀|\n|\t|x){0,200}",
            cuts in proptest::collection::vec(0usize..400, 1..12),
        ) {
            let hay = text.as_bytes();
            // Offsets at character boundaries, in any order (the cursor restarts going back).
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([hay.len()]).collect();
            let mut cursor = Positions::new(hay);
            for c in cuts {
                let off = bounds[c % bounds.len()];
                let p = cursor.at(off);
                prop_assert_eq!((p.line, p.column, p.utf16_column), naive(hay, off));
            }
        }
    }

    proptest! {
        #[test]
        fn scanning_any_bytes_with_the_builtin_rules_stays_in_bounds(
            data in proptest::collection::vec(any::<u8>(), 0..2048),
            seed in "(AKIA|ghp_|xoxb-|sk_live_|-----BEGIN |password=|eyJ)[A-Za-z0-9+/=_-]{0,80}",
        ) {
            let mut hay = data.clone();
            hay.extend_from_slice(seed.as_bytes());
            static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
            let e = ENGINE.get_or_init(|| {
                Engine::new(palisade_secrets::rules::builtin().0.clone()).unwrap()
            });
            let mut out = Vec::new();
            e.scan(&hay, &mut Scratch::default(), &mut out);
            for m in &out {
                prop_assert!(m.start <= m.secret_start && m.secret_end <= m.end);
                prop_assert!(m.end <= hay.len());
            }
        }
    }
}

/// Every built-in example and near-miss, in one input and one at a time, upper-cased too.
fn all_cases() -> Vec<Vec<u8>> {
    let (rules, _) = palisade_secrets::rules::builtin();
    let mut inputs = Vec::new();
    let mut joined = Vec::new();
    for r in rules {
        for case in r.examples.iter().chain(&r.near_misses) {
            inputs.push(case.as_bytes().to_vec());
            inputs.push(case.to_ascii_uppercase().into_bytes());
            joined.extend_from_slice(case.as_bytes());
            joined.extend_from_slice(b"\n  x ");
        }
    }
    inputs.push(joined);
    inputs
}

#[cfg(feature = "vectorscan")]
#[test]
fn vectorscan_and_aho_corasick_find_the_same_matches() {
    use palisade_secrets::engine::Backend;
    let rules = palisade_secrets::rules::builtin().0.clone();
    let ac = Engine::with_backend(rules.clone(), Backend::AhoCorasick).unwrap();
    let vs = Engine::with_backend(rules, Backend::Vectorscan).unwrap();
    assert_eq!(vs.backend(), Backend::Vectorscan);
    assert_eq!(ac.backend(), Backend::AhoCorasick);
    let (mut s1, mut s2) = (Scratch::default(), Scratch::default());
    let mut total = 0;
    for hay in all_cases() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        ac.scan(&hay, &mut s1, &mut a);
        vs.scan(&hay, &mut s2, &mut b);
        assert_eq!(a, b, "{}", String::from_utf8_lossy(&hay));
        total += a.len();
        // The keyword pass alone: Vectorscan reports every overlapping hit, so at least as
        // many as leftmost-longest.
        assert!(vs.keyword_hits(&hay, &mut s2) >= ac.keyword_hits(&hay, &mut s1));
    }
    assert!(total > 1_000, "{total}");
}

#[cfg(not(feature = "vectorscan"))]
#[test]
fn asking_for_vectorscan_without_it_built_in_is_an_error() {
    use palisade_secrets::engine::Backend;
    let rules = palisade_secrets::rules::builtin().0.clone();
    let err = Engine::with_backend(rules.clone(), Backend::Vectorscan).unwrap_err();
    assert!(err.contains("without Vectorscan"), "{err}");
    let auto = Engine::with_backend(rules, Backend::Auto).unwrap();
    assert_eq!(auto.backend(), Backend::AhoCorasick);
    assert!(!all_cases().is_empty());
}

mod archives {
    use std::io::Write;

    use palisade_secrets::archive::{expand, kind, Kind, Limits};

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn tar(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (name, data) in members {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            b.append_data(&mut h, name, *data).unwrap();
        }
        b.into_inner().unwrap()
    }

    fn zip(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, data) in members {
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// Files found (name, bytes), members over the cap, errors (name, message).
    type Leaves = (Vec<(String, Vec<u8>)>, usize, Vec<(String, String)>);

    fn leaves(name: &str, data: &[u8], limits: &Limits) -> Leaves {
        let mut out = Vec::new();
        let ex = expand(name, data, limits, &mut |n, b| {
            out.push((n.to_string(), b.to_vec()))
        });
        (out, ex.too_large, ex.errors)
    }

    #[test]
    fn nested_archives_are_read_to_their_files_named_outer_bang_inner() {
        let tgz = gzip(&tar(&[("conf/.env", b"KEY=1"), ("empty", b"")]));
        let jar = zip(&[("a/b.txt", b"hello"), ("lib.tgz", &tgz)]);
        assert_eq!(kind(&tgz), Some(Kind::Gzip));
        assert_eq!(kind(&jar), Some(Kind::Zip));
        assert_eq!(kind(&tar(&[("x", b"y")])), Some(Kind::Tar));
        assert_eq!(kind(b"plain text"), None);
        let (got, too_large, errors) = leaves("app.jar", &jar, &Limits::new(1 << 20));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(too_large, 0);
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "app.jar!a/b.txt",
                "app.jar!lib.tgz!lib.tar!conf/.env",
                "app.jar!lib.tgz!lib.tar!empty"
            ]
        );
        assert_eq!(got[1].1, b"KEY=1");
        let (got, _, _) = leaves("log.txt.gz", &gzip(b"line"), &Limits::new(100));
        assert_eq!(got, [("log.txt.gz!log.txt".to_string(), b"line".to_vec())]);
    }

    #[test]
    fn members_over_the_cap_are_counted_and_a_bomb_stops_at_the_budget() {
        let big = vec![b'a'; 5_000];
        let z = zip(&[("small", b"ok"), ("big", &big)]);
        let (got, too_large, errors) = leaves("z.zip", &z, &Limits::new(1_000));
        assert_eq!((got.len(), too_large), (1, 1), "{errors:?}");
        // Ten members of 1,000 bytes with a 3,500-byte budget: three read, then an error.
        let m = vec![b'b'; 1_000];
        let names: Vec<String> = (0..10).map(|i| format!("m{i}")).collect();
        let members: Vec<(&str, &[u8])> =
            names.iter().map(|n| (n.as_str(), m.as_slice())).collect();
        let limits = Limits {
            max_member: 2_000,
            max_total: 3_500,
            max_depth: 4,
        };
        let (got, _, errors) = leaves("bomb.zip", &zip(&members), &limits);
        assert_eq!(got.len(), 3);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].1.contains("expands to more than 3500 bytes"),
            "{errors:?}"
        );
        // A gzip that inflates past the member cap is not read whole.
        let (got, too_large, _) =
            leaves("zeros.gz", &gzip(&vec![0u8; 1 << 20]), &Limits::new(4_096));
        assert_eq!((got.len(), too_large), (0, 1));
    }

    #[test]
    fn nesting_stops_at_the_depth_limit_and_corrupt_archives_are_errors() {
        let mut data = b"deep".to_vec();
        for _ in 0..6 {
            data = gzip(&data);
        }
        let (got, _, errors) = leaves("d.gz", &data, &Limits::new(1 << 20));
        assert!(errors.is_empty());
        assert_eq!(got.len(), 1);
        // Four levels opened; what is left is still compressed, handed on as bytes.
        assert_eq!(kind(&got[0].1), Some(Kind::Gzip));
        let mut cut = gzip(b"some text that compresses");
        cut.truncate(cut.len() / 2);
        let (got, _, errors) = leaves("cut.gz", &cut, &Limits::new(1 << 20));
        assert!(got.is_empty());
        assert_eq!(errors[0].0, "cut.gz!cut");
        let (_, _, errors) = leaves("x.zip", b"PK\x03\x04 not really", &Limits::new(100));
        assert!(errors[0].1.contains("not a readable zip"), "{errors:?}");
        let mut t = tar(&[("a", b"1")]);
        t[0..100].fill(b'\xff');
        let (got, _, errors) = leaves("t.tar", &t, &Limits::new(100));
        assert!(got.is_empty() && !errors.is_empty(), "{got:?} {errors:?}");
    }

    #[test]
    fn member_names_cannot_carry_terminal_escapes() {
        let z = zip(&[("evil\x1b[2Jname", b"x")]);
        let (got, _, _) = leaves("z.zip", &z, &Limits::new(100));
        assert_eq!(got[0].0, "z.zip!evil?[2Jname");
    }
}

#[test]
fn patterns_run_in_ascii_mode_unless_they_ask_for_unicode() {
    let ascii = rule("").replace(r"\b(?P<secret>tok_[a-z0-9]{8,})", r"(?P<secret>tok_\w{8,})");
    assert!(ascii.contains(r"tok_\w{8,}"));
    let e = engine(&ascii);
    // `\w` is [A-Za-z0-9_]: the run stops at the first non-ASCII letter.
    assert_eq!(secrets(&e, "tok_abcdefgh".as_bytes()), ["tok_abcdefgh"]);
    assert!(secrets(&e, "tok_abcdéfgh".as_bytes()).is_empty());
    let unicode = ascii.replace(r"tok_\w{8,}", r"tok_(?u:\w){8,}");
    let e = engine(&unicode);
    assert_eq!(secrets(&e, "tok_abcdéfgh".as_bytes()), ["tok_abcdéfgh"]);
    // Literal non-ASCII text is allowed and matches its UTF-8 bytes.
    let literal = ascii.replace(r"tok_\w{8,}", r"tok_é[a-z]{7,}");
    let e = engine(&literal);
    assert_eq!(secrets(&e, "x tok_éabcdefg".as_bytes()), ["tok_éabcdefg"]);
}

#[test]
fn lazily_compiled_near_and_exclude_patterns_are_still_checked() {
    let text = rule("    near: {pattern: '(unclosed', within: 10}\n    exclude: ['[z-a]']\n");
    // User rules compile at load: the error names the rule.
    let (_, errors) = parse_file("u.yaml", &text);
    assert!(errors[0].message.contains("near:"), "{errors:?}");
    // Built-in rules compile on first use; the rules check still reports both.
    let (rules, errors) = palisade_secrets::rules::parse_file_with("b.yaml", &text, false);
    assert!(errors.is_empty(), "{errors:?}");
    let failures = palisade_secrets::check::check(&Engine::new(rules).unwrap());
    let all = format!("{failures:?}");
    assert!(all.contains("near pattern does not compile"), "{all}");
    assert!(all.contains("exclude pattern does not compile"), "{all}");
}

/// Every fixture under `tests/fixtures/providers/found` gives a medium+ finding, none under
/// `not-found` does (the issue's major providers, from their documented formats).
#[test]
fn major_provider_fixtures_are_found_and_their_near_misses_are_not() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/providers");
    let scanner = Scanner::new(Engine::new(palisade_secrets::rules::builtin().0.clone()).unwrap());
    let scan = |dir: &str| -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let data = std::fs::read(&p).unwrap();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                let o = scanner.scan(&name, &data, None, &mut Scratch::default());
                (name, o.findings.into_iter().map(|f| f.rule).collect())
            })
            .collect();
        out.sort();
        out
    };
    let found = scan("found");
    assert!(found.len() >= 150, "{}", found.len());
    let missed: Vec<&String> = found
        .iter()
        .filter(|(name, rules)| {
            // This file holds a key id and its secret: the secret itself must be found.
            if name.starts_with("aws__12") {
                !rules.iter().any(|r| r == "SEC1002" || r == "SEC1003")
            } else {
                rules.is_empty()
            }
        })
        .map(|(name, _)| name)
        .collect();
    assert!(missed.is_empty(), "not found: {missed:?}");
    let not_found = scan("not-found");
    assert!(not_found.len() >= 60, "{}", not_found.len());
    let reported: Vec<_> = not_found.iter().filter(|(_, r)| !r.is_empty()).collect();
    assert!(reported.is_empty(), "near-misses reported: {reported:?}");
}
