//! Helpers shared by the YAML and JSON tests.
#![cfg(test)]

use palisade_doc::{DocError, Node, Parsed, Span, Value};

/// The source text of a span (panics when the span is not a slice of the text).
pub fn at(text: &str, span: Span) -> &str {
    text.get(span.start as usize..span.end as usize)
        .unwrap_or_else(|| panic!("span {span:?} is not a slice of the text"))
}

/// Error messages: lowercase, one line; help one line too.
pub fn assert_style(error: &DocError) {
    let first = error.message.chars().next().expect("a message");
    assert!(!first.is_uppercase(), "not lowercase: {:?}", error.message);
    assert!(
        !error.message.contains('\n'),
        "not one line: {:?}",
        error.message
    );
    if let Some(help) = &error.help {
        assert!(!help.contains('\n'), "help not one line: {help:?}");
    }
}

/// Every span of the result (tree and errors) is a slice of the text on char boundaries.
pub fn check_invariants(text: &str, parsed: &Parsed) {
    fn walk(text: &str, node: &Node) {
        assert!(text
            .get(node.span.start as usize..node.span.end as usize)
            .is_some());
        match &node.value {
            Value::Seq(items) => items.iter().for_each(|n| walk(text, n)),
            Value::Map(entries) => entries.iter().for_each(|e| {
                assert!(text
                    .get(e.key_span.start as usize..e.key_span.end as usize)
                    .is_some());
                walk(text, &e.value);
            }),
            _ => {}
        }
    }
    for error in &parsed.errors {
        assert!(
            text.get(error.span.start as usize..error.span.end as usize)
                .is_some(),
            "{error:?} in {text:?}"
        );
        assert_style(error);
    }
    match &parsed.root {
        Some(root) => walk(text, root),
        None => assert!(
            parsed.errors.iter().any(|e| e.fatal),
            "no tree and no fatal error for {text:?}"
        ),
    }
}
