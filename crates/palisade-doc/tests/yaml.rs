//! YAML: CloudFormation short-form tags, spans, duplicate keys, anchors and their limits.
#![cfg(test)]

use std::time::Instant;

use palisade_doc::{parse, parse_with, DocError, Format, Limits, LineIndex, Node, Parsed, Value};
use proptest::prelude::*;

use crate::common::{assert_style, at, check_invariants};

fn yaml(text: &str) -> Parsed {
    parse(text, Format::Yaml)
}

/// The tree of a document that must parse without any error.
fn ok(text: &str) -> Node {
    let parsed = yaml(text);
    assert_eq!(parsed.errors, vec![], "errors for {text:?}");
    parsed.root.expect("a root")
}

/// The first fatal error of a document that must not parse.
fn fails(text: &str) -> DocError {
    let parsed = yaml(text);
    assert!(parsed.root.is_none(), "a tree for {text:?}");
    let error = parsed
        .errors
        .into_iter()
        .find(|e| e.fatal)
        .expect("a fatal error");
    assert_style(&error);
    error
}

fn line_col(text: &str, offset: u32) -> (u32, u32) {
    let p = LineIndex::new(text).position(text, offset);
    (p.line, p.column)
}

/// The single `{ key: value }` of a normalised intrinsic.
fn intrinsic(node: &Node) -> (&str, &Node) {
    let map = node.as_map().expect("a mapping");
    assert_eq!(map.len(), 1, "{node:?}");
    (map[0].key.as_str(), &map[0].value)
}

fn strings(node: &Node) -> Vec<&str> {
    node.as_seq()
        .expect("a sequence")
        .iter()
        .map(|n| n.as_str().expect("a string"))
        .collect()
}

#[test]
fn every_short_form_tag_becomes_its_long_form() {
    let cases = [
        ("!Ref Bucket", "Ref"),
        ("!Condition IsProd", "Condition"),
        ("!Sub 'arn:${AWS::Partition}:s3:::b'", "Fn::Sub"),
        ("!GetAtt Bucket.Arn", "Fn::GetAtt"),
        ("!If [IsProd, a, b]", "Fn::If"),
        ("!Join [',', [a, b]]", "Fn::Join"),
        ("!Select [0, [a, b]]", "Fn::Select"),
        ("!Split [',', 'a,b']", "Fn::Split"),
        ("!FindInMap [Map, Key, Value]", "Fn::FindInMap"),
        ("!Base64 hello", "Fn::Base64"),
        ("!Cidr ['10.0.0.0/16', 4, 8]", "Fn::Cidr"),
        ("!ImportValue shared-vpc", "Fn::ImportValue"),
        ("!GetAZs ''", "Fn::GetAZs"),
        ("!Equals [a, b]", "Fn::Equals"),
        ("!And [!Condition A, !Condition B]", "Fn::And"),
        ("!Or [!Condition A, !Condition B]", "Fn::Or"),
        ("!Not [!Condition A]", "Fn::Not"),
        (
            "!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}",
            "Fn::Transform",
        ),
    ];
    for (source, long) in cases {
        let text = format!("Value: {source}\n");
        let root = ok(&text);
        let value = root.get("Value").expect("Value");
        let (key, _) = intrinsic(value);
        assert_eq!(key, long, "{source}");
        // the span of the normalised node is the whole tagged source, tag included
        assert_eq!(at(&text, value.span), source, "{source}");
        assert_eq!(value.tag, None, "{source}");
    }
}

#[test]
fn getatt_dotted_form_splits_at_the_first_dot_and_list_form_is_kept() {
    let root = ok(
        "A: !GetAtt Db.Endpoint.Address\nB: !GetAtt [Db, Endpoint.Port]\nC: !GetAtt Bucket.Arn\n",
    );
    let (_, a) = intrinsic(root.get("A").unwrap());
    assert_eq!(strings(a), ["Db", "Endpoint.Address"]);
    let (_, b) = intrinsic(root.get("B").unwrap());
    assert_eq!(strings(b), ["Db", "Endpoint.Port"]);
    let (_, c) = intrinsic(root.get("C").unwrap());
    assert_eq!(strings(c), ["Bucket", "Arn"]);
}

#[test]
fn nested_tags_normalise_inside_out() {
    let text = "Value: !If [IsProd, !Sub '${Env}-x', !Ref AWS::NoValue]\n";
    let root = ok(text);
    let (key, args) = intrinsic(root.get("Value").unwrap());
    assert_eq!(key, "Fn::If");
    let args = args.as_seq().unwrap();
    assert_eq!(args[0].as_str(), Some("IsProd"));
    let (sub, body) = intrinsic(&args[1]);
    assert_eq!(sub, "Fn::Sub");
    assert_eq!(body.as_str(), Some("${Env}-x"));
    assert_eq!(at(text, args[1].span), "!Sub '${Env}-x'");
    let (r, name) = intrinsic(&args[2]);
    assert_eq!((r, name.as_str()), ("Ref", Some("AWS::NoValue")));

    // a tag on a block mapping and a block sequence
    let text = "A: !Sub\n  - 'arn:${P}'\n  - P: !Ref X\nB: !Join\n  - ''\n  - - a\n    - !Ref B\n";
    let root = ok(text);
    let (sub, args) = intrinsic(root.get("A").unwrap());
    assert_eq!(sub, "Fn::Sub");
    let vars = &args.as_seq().unwrap()[1];
    let (r, name) = intrinsic(vars.get("P").unwrap());
    assert_eq!((r, name.as_str()), ("Ref", Some("X")));
    let (join, _) = intrinsic(root.get("B").unwrap());
    assert_eq!(join, "Fn::Join");
}

#[test]
fn unknown_tags_are_kept_not_fatal() {
    let text = "A: !Rain::Embed script.sh\nB: !Custom\n  x: 1\nC: !!str 12\n";
    let root = ok(text);
    let a = root.get("A").unwrap();
    assert_eq!(a.tag.as_deref(), Some("!Rain::Embed"));
    assert_eq!(a.as_str(), Some("script.sh"));
    let b = root.get("B").unwrap();
    assert_eq!(b.tag.as_deref(), Some("!Custom"));
    assert!(b.get("x").is_some());
    // a core-schema tag forces the type and is not kept
    let c = root.get("C").unwrap();
    assert_eq!(c.value, Value::String("12".into()));
}

#[test]
fn scalars_follow_the_yaml_1_2_core_schema() {
    let root = ok(concat!(
        "a: true\nb: False\nc: yes\nd: 'true'\ne: ~\nf:\ng: null\n",
        "h: 10\ni: 1.50\nj: 0x1F\nk: 0o17\nl: -3e2\nm: .inf\nn: 012\no: 1_000\np: \"10\"\n",
    ));
    let v = |k: &str| root.get(k).unwrap().value.clone();
    assert_eq!(v("a"), Value::Bool(true));
    assert_eq!(v("b"), Value::Bool(false));
    // YAML 1.1 booleans are strings in 1.2, as CloudFormation reads them
    assert_eq!(v("c"), Value::String("yes".into()));
    assert_eq!(v("d"), Value::String("true".into()));
    assert_eq!(v("e"), Value::Null);
    assert_eq!(v("f"), Value::Null);
    assert_eq!(v("g"), Value::Null);
    // numbers keep their source text: CloudFormation passes many of them on as strings
    assert_eq!(v("h"), Value::Number("10".into()));
    assert_eq!(v("i"), Value::Number("1.50".into()));
    assert_eq!(v("j"), Value::Number("0x1F".into()));
    assert_eq!(v("k"), Value::Number("0o17".into()));
    assert_eq!(v("l"), Value::Number("-3e2".into()));
    assert_eq!(v("n"), Value::Number("012".into()));
    assert_eq!(v("o"), Value::String("1_000".into()));
    assert_eq!(v("p"), Value::String("10".into()));
}

#[test]
fn spans_of_keys_and_values_are_exact_bytes() {
    let text = "Resources:\n  Bücket:\n    Type: AWS::S3::Bucket\n    Properties:\n      Name: \"日本\"\n      Tags: [ {Key: a, Value: b} ]\n";
    let root = ok(text);
    let resources = root.entry("Resources").unwrap();
    assert_eq!(at(text, resources.key_span), "Resources");
    let bucket = resources.value.entry("Bücket").unwrap();
    assert_eq!(at(text, bucket.key_span), "Bücket");
    let ty = bucket.value.entry("Type").unwrap();
    assert_eq!(at(text, ty.value.span), "AWS::S3::Bucket");
    assert_eq!(line_col(text, ty.value.span.start), (3, 11));
    let props = bucket.value.get("Properties").unwrap();
    let name = props.get("Name").unwrap();
    assert_eq!(at(text, name.span), "\"日本\"");
    assert_eq!(line_col(text, name.span.start), (5, 13));
    let tags = props.get("Tags").unwrap();
    assert_eq!(at(text, tags.span), "[ {Key: a, Value: b} ]");
    let first = &tags.as_seq().unwrap()[0];
    assert_eq!(at(text, first.get("Value").unwrap().span), "b");
}

#[test]
fn duplicate_keys_are_an_error_that_keeps_the_last_value() {
    let text = "Resources:\n  A:\n    Type: X\n  A:\n    Type: Y\n";
    let parsed = yaml(text);
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    let error = &parsed.errors[0];
    assert!(!error.fatal, "the tree stays usable");
    assert_style(error);
    assert!(error.message.contains("duplicate key `A`"), "{error:?}");
    assert_eq!(at(text, error.span), "A");
    assert_eq!(line_col(text, error.span.start), (4, 3));
    let root = parsed.root.expect("a tree");
    let resources = root.get("Resources").unwrap().as_map().unwrap();
    assert_eq!(resources.len(), 1);
    assert_eq!(resources[0].value.get("Type").unwrap().as_str(), Some("Y"));
}

#[test]
fn anchors_and_aliases_expand() {
    let text = "Defaults: &defaults\n  Encrypted: true\n  Size: 10\nA: *defaults\nB:\n  <<: *defaults\n  Size: 20\nC: [&x one, *x]\n";
    let root = ok(text);
    let a = root.get("A").unwrap();
    assert_eq!(a.get("Encrypted").unwrap().value, Value::Bool(true));
    assert_eq!(strings(root.get("C").unwrap()), ["one", "one"]);
    // the alias's span is the alias itself, so findings point where the value is used
    assert_eq!(at(text, a.span), "*defaults");
}

#[test]
fn alias_expansion_is_bounded() {
    // a billion laughs: nine levels of ten aliases each
    let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let (prev, next) = (pair[0], pair[1]);
        let refs = vec![format!("*{prev}"); 10].join(", ");
        text.push_str(&format!("{next}: &{next} [{refs}]\n"));
    }
    let start = Instant::now();
    let error = fails(&text);
    assert!(error.message.contains("alias"), "{error:?}");
    // refused before cloning anything big (generous bound: this is a guard, not a benchmark)
    assert!(start.elapsed().as_secs() < 5);

    // a small limit refuses a modest document; the default accepts it
    let text = "a: &a [1, 2, 3, 4]\nb: [*a, *a, *a]\n";
    let parsed = parse_with(
        text,
        Format::Yaml,
        Limits {
            max_alias_nodes: 6,
            ..Limits::default()
        },
    );
    assert!(parsed.root.is_none());
    ok(text);
}

#[test]
fn nesting_depth_is_bounded_without_recursion() {
    for text in [
        "[".repeat(200_000),
        format!("{}1{}", "[".repeat(129), "]".repeat(129)),
        (0..300)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect::<String>(),
    ] {
        let error = fails(&text);
        assert!(
            ["deep", "nest", "recursion"]
                .iter()
                .any(|w| error.message.contains(w)),
            "{error:?}"
        );
    }
    let within = format!("{}1{}", "[".repeat(100), "]".repeat(100));
    ok(&within);
}

#[test]
fn syntax_errors_say_where() {
    let text = "Resources:\n  A:\n    Type: [a, b\n  B: 1\n";
    let error = fails(text);
    let (line, _) = line_col(text, error.span.start);
    assert!((3..=5).contains(&line), "{error:?}");

    let error = fails("a: 'unterminated\n");
    assert!(!error.message.is_empty());
    let error = fails("");
    assert!(error.message.contains("empty"), "{error:?}");
}

#[test]
fn only_the_first_document_is_read() {
    let parsed = yaml("a: 1\n---\nb: 2\n");
    let root = parsed.root.expect("first document");
    assert!(root.get("a").is_some());
    assert!(root.get("b").is_none());
    assert!(
        parsed.errors.iter().any(|e| !e.fatal),
        "a note about the ignored document: {:?}",
        parsed.errors
    );
}

#[test]
fn a_byte_order_mark_is_skipped_but_counted() {
    let text = "\u{feff}a: é\nb: !Ref X\n";
    let root = ok(text);
    assert_eq!(at(text, root.get("a").unwrap().span), "é");
    assert_eq!(at(text, root.get("b").unwrap().span), "!Ref X");
}

#[test]
fn under_indented_continuation_lines_are_read_as_cloudformation_does() {
    // the flow of a quoted scalar continues at column 0: strict YAML rejects it, CloudFormation
    // accepts it, so we repair the indentation and keep spans in the original text
    let text = "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Description: \"one\ntwo\"\n      Handler: index.main\n";
    let root = ok(text);
    let props = root
        .get("Resources")
        .and_then(|r| r.get("Fn"))
        .and_then(|f| f.get("Properties"))
        .unwrap();
    assert_eq!(props.get("Description").unwrap().as_str(), Some("one two"));
    let handler = props.get("Handler").unwrap();
    assert_eq!(at(text, handler.span), "index.main");
    assert_eq!(line_col(text, handler.span.start), (7, 16));
}

proptest! {
    // PROPTEST_CASES=100000 for a longer run
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check_invariants(&text, &yaml(&text));
    }

    #[test]
    fn yaml_like_text_never_panics(text in "\u{feff}?([ \n\t]|[-:?,\\[\\]{}&*!|>'\"#%@`]|!Ref |!GetAtt |!Sub |Fn::|[a-zé0-9.]){0,80}") {
        check_invariants(&text, &yaml(&text));
    }
}
