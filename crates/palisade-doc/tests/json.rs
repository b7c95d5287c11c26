//! Strict JSON: spans, duplicate keys, nesting limits, syntax errors.
#![cfg(test)]

use palisade_doc::{parse, parse_with, DocError, Entry, Format, Limits, Node, Parsed, Span, Value};
use proptest::prelude::*;

use crate::common::{assert_style, at, check_invariants};

fn json(text: &str) -> Parsed {
    parse(text, Format::Json)
}

/// The tree of a document that must parse without any error.
fn ok(text: &str) -> Node {
    let parsed = json(text);
    assert_eq!(parsed.errors, vec![], "errors for {text:?}");
    parsed.root.expect("a root")
}

/// The single fatal error of a document that must not parse.
fn fails(text: &str) -> DocError {
    let parsed = json(text);
    assert!(parsed.root.is_none(), "a tree for {text:?}");
    assert_eq!(
        parsed.errors.len(),
        1,
        "errors for {text:?}: {:?}",
        parsed.errors
    );
    let error = parsed.errors.into_iter().next().expect("one error");
    assert!(error.fatal, "{error:?}");
    assert_style(&error);
    error
}

/// Every node's span is exactly its source text.
fn check_spans(text: &str, node: &Node) {
    let src = at(text, node.span);
    match &node.value {
        Value::Null => assert_eq!(src, "null"),
        Value::Bool(b) => assert_eq!(src, b.to_string()),
        Value::Number(raw) => assert_eq!(src, raw),
        Value::String(_) => assert!(
            src.len() >= 2 && src.starts_with('"') && src.ends_with('"'),
            "{src:?}"
        ),
        Value::Seq(items) => {
            assert!(src.starts_with('[') && src.ends_with(']'), "{src:?}");
            for item in items {
                check_spans(text, item);
            }
        }
        Value::Map(entries) => {
            assert!(src.starts_with('{') && src.ends_with('}'), "{src:?}");
            for Entry {
                key_span, value, ..
            } in entries
            {
                let k = at(text, *key_span);
                assert!(k.starts_with('"') && k.ends_with('"'), "{k:?}");
                assert!(key_span.end <= value.span.start);
                check_spans(text, value);
            }
        }
    }
}

#[test]
fn spans_of_keys_and_values_are_their_source_text() {
    let text = r#"{
  "Resources": {
    "Bucket": { "Type": "AWS::S3::Bucket", "Properties": { "Tags": [ {"Key": "a", "Value": "b"} ] } }
  },
  "Flags": [true, false, null, 1.5, "x\"y"],
  "Empty": {}, "None": []
}"#;
    let root = ok(text);
    check_spans(text, &root);
    assert_eq!(at(text, root.span), text);

    let resources = root.entry("Resources").unwrap();
    assert_eq!(at(text, resources.key_span), r#""Resources""#);
    let bucket = resources.value.get("Bucket").unwrap();
    assert!(at(text, bucket.span).starts_with(r#"{ "Type": "AWS::S3::Bucket""#));
    let ty = bucket.entry("Type").unwrap();
    assert_eq!(at(text, ty.key_span), r#""Type""#);
    assert_eq!(at(text, ty.value.span), r#""AWS::S3::Bucket""#);
    assert_eq!(ty.value.as_str(), Some("AWS::S3::Bucket"));
    let tags = bucket.get("Properties").unwrap().get("Tags").unwrap();
    assert_eq!(at(text, tags.span), r#"[ {"Key": "a", "Value": "b"} ]"#);

    let flags = root.get("Flags").unwrap().as_seq().unwrap();
    let pieces: Vec<&str> = flags.iter().map(|n| at(text, n.span)).collect();
    assert_eq!(pieces, ["true", "false", "null", "1.5", r#""x\"y""#]);
    assert_eq!(flags[4].as_str(), Some("x\"y"));
    assert_eq!(at(text, root.get("Empty").unwrap().span), "{}");
    assert_eq!(at(text, root.get("None").unwrap().span), "[]");
    let keys: Vec<&str> = root
        .as_map()
        .unwrap()
        .iter()
        .map(|e| e.key.as_str())
        .collect();
    assert_eq!(keys, ["Resources", "Flags", "Empty", "None"]);
}

#[test]
fn spans_are_bytes_with_non_ascii_text() {
    let text = "{\"clé\": \"日本語\", \"emoji 😀\": [\"ü\", 2], \"z\": \"\\u00e9\"}";
    let root = ok(text);
    check_spans(text, &root);
    let cle = root.entry("clé").unwrap();
    assert_eq!(cle.key_span, Span::new(1, 7)); // `"clé"`: é is two bytes
    assert_eq!(at(text, cle.value.span), "\"日本語\"");
    assert_eq!(cle.value.span, Span::new(9, 20));
    let emoji = root.entry("emoji 😀").unwrap();
    assert_eq!(at(text, emoji.key_span), "\"emoji 😀\"");
    let items = emoji.value.as_seq().unwrap();
    assert_eq!(at(text, items[0].span), "\"ü\"");
    assert_eq!(at(text, items[1].span), "2");
    let z = root.get("z").unwrap();
    assert_eq!(z.as_str(), Some("é"));
    assert_eq!(at(text, z.span), "\"\\u00e9\"");
}

#[test]
fn a_byte_order_mark_is_skipped_but_counted() {
    let text = "\u{feff}{\"a\": [1, \"é\"]}";
    let root = ok(text);
    assert_eq!(root.span, Span::new(3, text.len()));
    assert_eq!(at(text, root.span), "{\"a\": [1, \"é\"]}");
    let a = root.entry("a").unwrap();
    assert_eq!(at(text, a.key_span), "\"a\"");
    check_spans(text, &root);

    // errors are offset too
    let text = "\u{feff}[1 2]";
    let error = fails(text);
    assert_eq!(at(text, error.span), "2");
    assert_eq!(error.span, Span::new(6, 7));
}

#[test]
fn a_byte_order_mark_is_only_accepted_at_the_start() {
    let text = "[1, \u{feff}2]";
    let error = fails(text);
    assert_eq!(at(text, error.span), "\u{feff}");
    assert!(error.message.contains("\\u{feff}"), "{}", error.message);
}

#[test]
fn empty_documents_are_fatal() {
    for text in ["", "   \n\t\r\n", "\u{feff}", "\u{feff}  \n"] {
        let error = fails(text);
        assert_eq!(error.message, "empty document", "{text:?}");
    }
}

#[test]
fn numbers_keep_their_source_text() {
    let text = "[0, -0, 1.50, 1e10, 1E+2, -3.0e-5, 12345678901234567890123456789, 0.1000000000000000055511151231257827]";
    let root = ok(text);
    let raw: Vec<&str> = root
        .as_seq()
        .unwrap()
        .iter()
        .map(|n| match &n.value {
            Value::Number(raw) => raw.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        raw,
        [
            "0",
            "-0",
            "1.50",
            "1e10",
            "1E+2",
            "-3.0e-5",
            "12345678901234567890123456789",
            "0.1000000000000000055511151231257827"
        ]
    );
    check_spans(text, &root);
}

#[test]
fn scalars_at_the_top_level() {
    assert_eq!(ok(" 42 ").value, Value::Number("42".into()));
    assert_eq!(ok("\"s\"").value, Value::String("s".into()));
    assert_eq!(ok("true").value, Value::Bool(true));
    assert_eq!(ok("null").value, Value::Null);
    assert_eq!(ok("null").span, Span::new(0, 4));
}

#[test]
fn string_escapes_are_decoded() {
    let root = ok(r#"["a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00"]"#);
    assert_eq!(
        root.as_seq().unwrap()[0].as_str(),
        Some("a\"b\\c/d\u{8}\u{c}\n\r\té😀")
    );
}

#[test]
fn duplicate_keys_are_reported_and_the_last_value_kept() {
    let text = "{\n  \"a\": 1,\n  \"b\": 2,\n  \"a\": {\"x\": true}\n}";
    let parsed = json(text);
    let root = parsed.root.expect("a tree");
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    let error = &parsed.errors[0];
    assert!(!error.fatal);
    assert_style(error);
    assert_eq!(error.message, "duplicate key `a`");
    assert_eq!(
        error.help.as_deref(),
        Some("CloudFormation rejects templates with duplicate keys; the first was at line 2")
    );
    assert_eq!(at(text, error.span), "\"a\"");
    assert_eq!(error.span.start as usize, text.rfind("\"a\"").unwrap());

    let entries = root.as_map().unwrap();
    assert_eq!(entries.len(), 2);
    let a = root.entry("a").unwrap();
    assert_eq!(a.key_span, error.span);
    assert_eq!(at(text, a.value.span), "{\"x\": true}");
    assert_eq!(a.value.get("x").unwrap().value, Value::Bool(true));
    // the kept entries stay in source order
    assert!(entries
        .windows(2)
        .all(|w| w[0].key_span.start < w[1].key_span.start));
}

#[test]
fn every_repeated_key_points_back_to_the_first() {
    let text = "{\"k\": 1,\n\"k\": 2,\n\n\"k\": 3, \"n\": {\"k\": 0, \"k\": [\n]}}";
    let parsed = json(text);
    let root = parsed.root.expect("a tree");
    let lines: Vec<(&str, Option<&str>)> = parsed
        .errors
        .iter()
        .map(|e| (at(text, e.span), e.help.as_deref()))
        .collect();
    let help = |n: u32| {
        format!("CloudFormation rejects templates with duplicate keys; the first was at line {n}")
    };
    assert_eq!(
        lines,
        [
            ("\"k\"", Some(help(1).as_str())),
            ("\"k\"", Some(help(1).as_str())),
            ("\"k\"", Some(help(4).as_str())),
        ]
    );
    assert!(parsed
        .errors
        .windows(2)
        .all(|w| w[0].span.start < w[1].span.start));
    assert_eq!(root.get("k").unwrap().value, Value::Number("3".into()));
    assert_eq!(
        root.get("n").unwrap().get("k").unwrap().value,
        Value::Seq(vec![])
    );
    assert_eq!(root.as_map().unwrap().len(), 2);
}

#[test]
fn keys_that_differ_only_by_escapes_are_duplicates() {
    let text = r#"{"é": 1, "\u00e9": 2}"#;
    let parsed = json(text);
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.errors[0].message, "duplicate key `é`");
    assert_eq!(at(text, parsed.errors[0].span), r#""\u00e9""#);
}

#[test]
fn a_million_open_brackets_are_refused_without_overflow() {
    let text = "[".repeat(1_000_000);
    let error = fails(&text);
    assert_eq!(error.message, "nesting deeper than 128 levels");
    assert_eq!(error.span, Span::new(128, 129));

    let text = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
    assert_eq!(fails(&text).span, Span::new(128, 129));

    let text = "{\"a\":".repeat(1_000_000);
    let error = fails(&text);
    assert_eq!(error.message, "nesting deeper than 128 levels");
    assert_eq!(at(&text, error.span), "{");
    assert_eq!(error.span.start, 128 * 5);
}

#[test]
fn an_earlier_syntax_error_wins_over_depth() {
    // `{{` is wrong long before the depth limit
    let text = "{".repeat(1_000_000);
    let error = fails(&text);
    assert_eq!(error.message, "expected a double-quoted key, found `{`");
    assert_eq!(error.span, Span::new(1, 2));
}

#[test]
fn nesting_up_to_the_limit_is_accepted() {
    let limits = |max_depth| Limits {
        max_depth,
        ..Limits::default()
    };
    let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(parse_with(&nested(10), Format::Json, limits(10))
        .errors
        .is_empty());
    let parsed = parse_with(&nested(11), Format::Json, limits(10));
    assert_eq!(parsed.errors[0].message, "nesting deeper than 10 levels");
    assert_eq!(parsed.errors[0].span, Span::new(10, 11));
    // brackets inside strings do not count
    let text = format!("[\"{}\\\"{}\"]", "[".repeat(50), "{".repeat(50));
    assert!(parse_with(&text, Format::Json, limits(1)).errors.is_empty());
    // a limit of zero refuses any container, but not scalars
    assert!(parse_with("[]", Format::Json, limits(0)).root.is_none());
    assert!(parse_with("1", Format::Json, limits(0)).root.is_some());
}

#[test]
fn a_huge_limit_is_capped_below_the_parsers_own() {
    let limits = Limits {
        max_depth: usize::MAX,
        ..Limits::default()
    };
    let objects = format!("{}1{}", "{\"a\":".repeat(256), "}".repeat(256));
    let parsed = parse_with(&objects, Format::Json, limits);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let arrays = format!("{}{}", "[".repeat(256), "]".repeat(256));
    assert!(parse_with(&arrays, Format::Json, limits).errors.is_empty());
    let deeper = format!("{}{}", "[".repeat(257), "]".repeat(257));
    let parsed = parse_with(&deeper, Format::Json, limits);
    assert_eq!(parsed.errors[0].message, "nesting deeper than 256 levels");
}

/// `(input, message, exact text of the span)`.
const SYNTAX: &[(&str, &str, &str)] = &[
    (
        r#"{"a": 1 "b": 2}"#,
        "expected `,` or `}` after object value, found `\"b\"`",
        "\"b\"",
    ),
    (
        "[1 2]",
        "expected `,` or `]` after array element, found `2`",
        "2",
    ),
    (
        r#"{"a": 1 ]"#,
        "expected `,` or `}` after object value, found `]`",
        "]",
    ),
    (
        "[1:2]",
        "expected `,` or `]` after array element, found `:`",
        ":",
    ),
    (
        "[1 }",
        "expected `,` or `]` after array element, found `}`",
        "}",
    ),
    (
        r#"{"a": 1,}"#,
        "trailing commas are not allowed in json",
        ",",
    ),
    ("[1, 2, ]", "trailing commas are not allowed in json", ","),
    (
        r#"{"a" 1}"#,
        "expected `:` after object key, found `1`",
        "1",
    ),
    (r#"{"a"}"#, "expected `:` after object key, found `}`", "}"),
    ("{a: 1}", "expected a double-quoted key, found `a`", "a"),
    ("{1: 1}", "expected a double-quoted key, found `1`", "1"),
    ("{,}", "expected a double-quoted key, found `,`", ","),
    (
        r#"{"a": 1, ]"#,
        "expected a double-quoted key, found `]`",
        "]",
    ),
    (r#"{"a": }"#, "expected a value, found `}`", "}"),
    ("[,1]", "expected a value, found `,`", ","),
    ("[1,,2]", "expected a value, found `,`", ","),
    ("]", "expected a value, found `]`", "]"),
    ("[True]", "expected a value, found `True`", "True"),
    ("[NaN]", "expected a value, found `NaN`", "NaN"),
    (
        "[undefined]",
        "expected a value, found `undefined`",
        "undefined",
    ),
    (
        "[-Infinity]",
        "`-Infinity` is not a json number",
        "-Infinity",
    ),
    (
        r#"{"a": 1 // note: "x"
}"#,
        "comments are not allowed in json",
        "// note: \"x\"",
    ),
    ("[1 /* c */]", "comments are not allowed in json", "/* c */"),
    ("[1, /* open", "comments are not allowed in json", "/*"),
    (
        r#"{"a": 'x'}"#,
        "single-quoted strings are not allowed in json",
        "'",
    ),
    (
        "[0x1F]",
        "hexadecimal numbers are not allowed in json",
        "0x1F",
    ),
    ("[01]", "numbers cannot have leading zeros in json", "01"),
    ("-007", "numbers cannot have leading zeros in json", "-007"),
    ("[+1]", "numbers cannot start with `+` in json", "+"),
    (
        "[.5]",
        "a decimal point needs digits on both sides in json",
        ".",
    ),
    (
        "[5.]",
        "a decimal point needs digits on both sides in json",
        "5.",
    ),
    ("[-]", "expected a digit after `-`", "]"),
    (
        "[1e]",
        "expected `+`, `-` or a digit after the exponent `e`",
        "]",
    ),
    ("[1e+]", "expected a digit in the number's exponent", "]"),
    (r#"{"a": 1"#, "unclosed `{`", "{"),
    ("[1, [2, 3]", "unclosed `[`", "["),
    ("[1,", "unclosed `[`", "["),
    (
        r#"{"a":"#,
        "expected a value after `:`, found end of document",
        "",
    ),
    ("\"abc", "unterminated string", "\""),
    (r#"["a\qb"]"#, "invalid escape `\\q` in string", "\\q"),
    (r#"["a\'b"]"#, "invalid escape `\\'` in string", "\\'"),
    (
        r#"["\u12"]"#,
        "expected four hex digits after `\\u` in string",
        "\\u12\"",
    ),
    (
        r#"["\uD800"]"#,
        "invalid unicode escape in string: unpaired high surrogate",
        "\\uD800\"",
    ),
    (
        r#"["\uDC00"]"#,
        "invalid unicode escape in string: unpaired low surrogate",
        "\\uDC00",
    ),
    ("{} {}", "unexpected `{` after the top-level value", "{"),
    ("1 2", "unexpected `2` after the top-level value", "2"),
    ("@", "unexpected character `@`", "@"),
    ("[tru@]", "unexpected character `@`", "@"),
    ("[1, /x]", "unexpected character `/`", "/"),
    (
        "[1 abc]",
        "expected `,` or `]` after array element, found `abc`",
        "abc",
    ),
    (
        "{abc: 1}",
        "expected a double-quoted key, found `abc`",
        "abc",
    ),
    (
        r#"{"a": 1, b}"#,
        "expected a double-quoted key, found `b`",
        "b",
    ),
    ("[null, nul]", "expected a value, found `nul`", "nul"),
    (
        "[\"a\nb\"]",
        "unescaped control character `\\u{a}` in string",
        "\n",
    ),
    (
        "[\"a\tb\"]",
        "unescaped control character `\\u{9}` in string",
        "\t",
    ),
    (
        "[1,\u{a0}2]",
        "unexpected whitespace character `\\u{a0}`",
        "\u{a0}",
    ),
    (
        "[1,\u{b}2]",
        "unexpected whitespace character `\\u{b}`",
        "\u{b}",
    ),
    // the earlier problem is reported first
    (
        "[1 2, \"a\nb\"]",
        "expected `,` or `]` after array element, found `2`",
        "2",
    ),
    (
        "[\"a\nb\", 1 2]",
        "unescaped control character `\\u{a}` in string",
        "\n",
    ),
    // positions are bytes, also after non-ASCII text
    (
        "{\"é\": \"ü\" \"日本\": 2}",
        "expected `,` or `}` after object value, found `\"日本\"`",
        "\"日本\"",
    ),
    ("[\"😀\", tru]", "expected a value, found `tru`", "tru"),
];

#[test]
fn syntax_errors_have_a_message_and_a_span() {
    for &(text, message, spanned) in SYNTAX {
        let error = fails(text);
        assert_eq!(error.message, message, "for {text:?}");
        assert_eq!(
            at(text, error.span),
            spanned,
            "span for {text:?}: {:?}",
            error.span
        );
    }
}

#[test]
fn syntax_error_positions_are_byte_offsets() {
    let text = "{\n  \"ключ\": 1\n  \"b\": 2\n}";
    let error = fails(text);
    assert_eq!(error.span.start as usize, text.find("\"b\"").unwrap());
    assert_eq!(error.span, Span::new(20, 23));

    let error = fails("[1, 2");
    assert_eq!(error.span, Span::new(0, 1));
    assert_eq!(
        error.help.as_deref(),
        Some("the document ends before this array is closed with `]`")
    );
}

#[test]
fn helpful_hints_for_common_mistakes() {
    assert_eq!(
        fails("[True]").help.as_deref(),
        Some("json literals are lowercase: `true`, `false`, `null`")
    );
    assert_eq!(
        fails("[NaN]").help.as_deref(),
        Some("json has no `NaN` or `Infinity`; use a string or `null`")
    );
    assert_eq!(
        fails("{a: 1}").help.as_deref(),
        Some("json object keys are strings in double quotes")
    );
}

#[test]
fn user_text_in_messages_stays_on_one_line() {
    let parsed = json("{\"a\\nb`\": 1, \"a\\nb`\": 2}");
    assert_eq!(parsed.errors[0].message, "duplicate key `a\\u{a}b\\u{60}`");
    let long = format!("[{}]", "x".repeat(500));
    let error = fails(&long);
    assert!(error.message.len() < 100, "{}", error.message);
    assert!(error.message.ends_with("…`"), "{}", error.message);
}

// ---------------------------------------------------------------------------------------------
// Properties

/// A value without spans, to compare trees.
#[derive(Clone, Debug, PartialEq)]
enum Plain {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Seq(Vec<Plain>),
    Map(Vec<(String, Plain)>),
}

fn plain(node: &Node) -> Plain {
    match &node.value {
        Value::Null => Plain::Null,
        Value::Bool(b) => Plain::Bool(*b),
        Value::Number(n) => Plain::Number(n.clone()),
        Value::String(s) => Plain::String(s.clone()),
        Value::Seq(items) => Plain::Seq(items.iter().map(plain).collect()),
        Value::Map(entries) => Plain::Map(
            entries
                .iter()
                .map(|e| (e.key.clone(), plain(&e.value)))
                .collect(),
        ),
    }
}

fn quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Render with the given whitespace between tokens.
fn render(value: &Plain, ws: &str, out: &mut String) {
    match value {
        Plain::Null => out.push_str("null"),
        Plain::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Plain::Number(n) => out.push_str(n),
        Plain::String(s) => quote(s, out),
        Plain::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(ws);
                render(item, ws, out);
            }
            out.push_str(ws);
            out.push(']');
        }
        Plain::Map(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(ws);
                quote(k, out);
                out.push_str(ws);
                out.push(':');
                out.push_str(ws);
                render(v, ws, out);
            }
            out.push_str(ws);
            out.push('}');
        }
    }
}

fn arb_plain() -> impl Strategy<Value = Plain> {
    let leaf = prop_oneof![
        Just(Plain::Null),
        any::<bool>().prop_map(Plain::Bool),
        "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{1,5})?([eE][+-]?[0-9]{1,3})?".prop_map(Plain::Number),
        any::<String>().prop_map(Plain::String),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Plain::Seq),
            // unique keys, so the tree round-trips without duplicate reports
            prop::collection::btree_map("[a-zé😀\"\\\\\n ]{0,6}", inner, 0..6)
                .prop_map(|m| Plain::Map(m.into_iter().collect())),
        ]
    })
}

proptest! {
    // PROPTEST_CASES=100000 for a longer run
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check_invariants(&text, &json(&text));
    }

    #[test]
    fn json_like_text_never_panics(text in "\u{feff}?[\\[\\]{}\",:0-9a-z.+\\-eE \\\\/*'\n\t\u{a0}é]{0,80}") {
        check_invariants(&text, &json(&text));
    }

    #[test]
    fn rendered_trees_round_trip_with_exact_spans(value in arb_plain(), ws in "[ \t\r\n]{0,2}", bom in any::<bool>()) {
        let mut text = String::from(if bom { "\u{feff}" } else { "" });
        text.push_str(&ws);
        render(&value, &ws, &mut text);
        let parsed = json(&text);
        prop_assert!(parsed.errors.is_empty(), "{:?} for {:?}", parsed.errors, text);
        let root = parsed.root.expect("a tree");
        prop_assert_eq!(plain(&root), value);
        check_spans(&text, &root);
        // each node's span, parsed on its own, is the same value
        fn reparse(text: &str, node: &Node) {
            let alone = at(text, node.span);
            let again = json(alone).root.expect("a subtree parses alone");
            assert_eq!(plain(&again), plain(node));
            match &node.value {
                Value::Seq(items) => items.iter().for_each(|n| reparse(text, n)),
                Value::Map(entries) => entries.iter().for_each(|e| reparse(text, &e.value)),
                _ => {}
            }
        }
        reparse(&text, &root);
    }
}
