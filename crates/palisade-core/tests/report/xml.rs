//! A small XML 1.0 well-formedness check for the reporters' output (no DTDs, comments,
//! CDATA or processing instructions besides the declaration: the reporters write none).
#![expect(
    clippy::expect_used,
    clippy::panic,
    reason = "a test helper: malformed XML fails the test"
)]

use std::collections::HashSet;

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')
}

/// Check character and entity references in text or an attribute value.
fn check_text(text: &str, at: usize) {
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        let after = &rest[i + 1..];
        let end = after
            .find(';')
            .unwrap_or_else(|| panic!("unterminated reference near byte {at}: {text:?}"));
        let name = &after[..end];
        let ok = match name {
            "amp" | "lt" | "gt" | "quot" | "apos" => true,
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = name.strip_prefix('#') {
                    dec.parse().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32).is_some_and(is_xml_char)
            }
        };
        assert!(ok, "bad reference `&{name};` near byte {at}");
        rest = &after[end + 1..];
    }
}

/// Panic unless `xml` is a well-formed XML 1.0 document with one root element.
pub fn assert_well_formed(xml: &str) {
    if let Some(c) = xml.chars().find(|&c| !is_xml_char(c)) {
        panic!("character {c:?} is not allowed in XML 1.0");
    }
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .expect("XML declaration");
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut pos = 0;
    while pos < body.len() {
        let rest = &body[pos..];
        let Some(lt) = rest.find('<') else {
            assert!(
                rest.trim().is_empty() || !stack.is_empty(),
                "text after the root element"
            );
            check_text(rest, pos);
            break;
        };
        let text = &rest[..lt];
        assert!(
            !stack.is_empty() || text.trim().is_empty(),
            "text outside the root element: {text:?}"
        );
        assert!(!text.contains("]]>"), "`]]>` in text");
        check_text(text, pos);
        let tag_start = pos + lt;
        let gt = body[tag_start..].find('>').expect("unterminated tag") + tag_start;
        let tag = &body[tag_start + 1..gt];
        assert!(!tag.contains('<'), "`<` inside a tag: {tag:?}");
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .unwrap_or_else(|| panic!("`</{name}>` closes nothing"));
            assert_eq!(open, name.trim_end(), "mismatched closing tag");
        } else {
            let self_closing = tag.ends_with('/');
            let tag = tag.strip_suffix('/').unwrap_or(tag);
            let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
            let name = &tag[..name_end];
            assert!(
                !name.is_empty() && name.chars().all(is_name_char),
                "bad element name {name:?}"
            );
            check_attributes(&tag[name_end..], tag_start);
            if stack.is_empty() {
                roots += 1;
            }
            if !self_closing {
                stack.push(name);
            }
        }
        pos = gt + 1;
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    assert_eq!(roots, 1, "exactly one root element");
}

fn check_attributes(mut attrs: &str, at: usize) {
    let mut seen = HashSet::new();
    loop {
        let trimmed = attrs.trim_start();
        if trimmed.is_empty() {
            return;
        }
        assert!(
            trimmed.len() < attrs.len(),
            "attributes must be separated by whitespace"
        );
        let eq = trimmed.find('=').expect("attribute without `=`");
        let name = &trimmed[..eq];
        assert!(
            !name.is_empty() && name.chars().all(is_name_char),
            "bad attribute name {name:?} near byte {at}"
        );
        assert!(seen.insert(name), "duplicate attribute {name}");
        let value = &trimmed[eq + 1..];
        let quote = value.chars().next().expect("attribute value");
        assert!(quote == '"' || quote == '\'', "unquoted attribute value");
        let end = value[1..]
            .find(quote)
            .expect("unterminated attribute value")
            + 1;
        check_text(&value[1..end], at);
        attrs = &value[end + 1..];
    }
}
