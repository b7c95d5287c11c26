//! SAM policy templates: `Policies: [{S3ReadPolicy: {BucketName: b}}]` on a SAM function or
//! state machine becomes an inline policy of its role. Each template's document, written from the
//! AWS SAM Developer Guide's "AWS SAM policy template list", is in
//! `data/sam-policy-templates.json` with its parameters as `{"Ref": "Param"}`; expanding one
//! replaces those with the values the template entry gives, so the IAM rules and checks read it
//! as they read any inline policy. Every node of an expanded document carries the span of the
//! template entry, which is where findings in it are reported.

use std::sync::LazyLock;

use palisade_doc::{Entry, Format, Node, Span, Value};

static TEMPLATES: LazyLock<Option<Node>> = LazyLock::new(|| {
    palisade_doc::parse(
        include_str!("../data/sam-policy-templates.json"),
        Format::Json,
    )
    .root
});

/// The name of the SAM policy template an entry of `Policies` uses, if it is one.
#[must_use]
pub fn template_name(item: &Node) -> Option<&str> {
    let e = item.single_entry()?;
    TEMPLATES.as_ref()?.get(&e.key).map(|_| e.key.as_str())
}

/// The policy document a SAM policy template entry (`{Name: {Param: value}}`) expands to.
/// Parameters the entry does not give stay `{"Ref": "Param"}`: not known before deployment.
#[must_use]
pub fn expand(item: &Node) -> Option<Node> {
    let e = item.single_entry()?;
    let doc = TEMPLATES.as_ref()?.get(&e.key)?;
    let mut out = substitute(doc, &e.value, item.span);
    // SAM writes the expanded statements into a role policy with the current policy language.
    if let Value::Map(entries) = &mut out.value {
        if !entries.iter().any(|x| x.key == "Version") {
            entries.insert(
                0,
                Entry {
                    key: "Version".into(),
                    key_span: item.span,
                    value: Node::new(item.span, Value::String("2012-10-17".into())),
                },
            );
        }
    }
    Some(out)
}

fn substitute(node: &Node, params: &Node, span: Span) -> Node {
    if let Some(r) = node.single_entry().filter(|r| r.key == "Ref") {
        if let Some(v) = r.value.as_str().and_then(|p| params.get(p)) {
            return v.clone();
        }
    }
    let value = match &node.value {
        Value::Map(entries) => Value::Map(
            entries
                .iter()
                .map(|e| Entry {
                    key: e.key.clone(),
                    key_span: span,
                    value: substitute(&e.value, params, span),
                })
                .collect(),
        ),
        Value::Seq(items) => {
            Value::Seq(items.iter().map(|i| substitute(i, params, span)).collect())
        }
        other => other.clone(),
    };
    Node {
        span,
        value,
        tag: node.tag.clone(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]

    use super::*;

    #[test]
    fn the_data_file_is_one_document_per_template() {
        let t = TEMPLATES
            .as_ref()
            .expect("data/sam-policy-templates.json parses");
        let entries = t.as_map().unwrap();
        assert!(entries.len() >= 2);
        for e in entries {
            let st = e.value.get("Statement");
            assert!(
                st.is_some_and(|s| s.as_seq().is_some_and(|s| !s.is_empty())),
                "{}",
                e.key
            );
        }
    }

    #[test]
    fn parameters_are_substituted_and_spans_point_at_the_entry() {
        let item = palisade_doc::parse("S3ReadPolicy:\n  BucketName: reports\n", Format::Yaml)
            .root
            .unwrap();
        let doc = expand(&item).unwrap();
        let text = format!("{doc:?}");
        assert!(
            text.contains("reports") && !text.contains("\"Ref\""),
            "{text}"
        );
        let st = &doc.get("Statement").unwrap().as_seq().unwrap()[0];
        assert_eq!(st.span, item.span);
        assert_eq!(template_name(&item), Some("S3ReadPolicy"));
    }
}
