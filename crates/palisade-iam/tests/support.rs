//! Test helpers: a tiny JSON reader that builds `palisade_doc` nodes with real byte spans, so the
//! policy tests do not depend on the document parsers, and span assertions read naturally.

use palisade_core::Span;
use palisade_doc::{Entry, Node, Value};
use palisade_iam::{parse_policy, ParsedPolicy, PolicyDocument, PolicyIssue};

/// Read JSON into a node tree (test input only: panics on malformed JSON). Spans follow
/// `palisade_doc`: byte offsets, strings and keys include their quotes.
pub fn json(src: &str) -> Node {
    let mut r = MiniJson {
        src: src.as_bytes(),
        pos: 0,
    };
    let node = r.value();
    r.ws();
    assert_eq!(r.pos, src.len(), "trailing input in test JSON");
    node
}

/// Parse a policy written as JSON.
pub fn parse(src: &str) -> ParsedPolicy {
    parse_policy(&json(src))
}

/// Parse a policy that must have no issues.
pub fn clean(src: &str) -> PolicyDocument {
    let parsed = parse(src);
    assert!(
        parsed.issues.is_empty(),
        "unexpected issues: {:#?}",
        parsed.issues
    );
    parsed.policy
}

/// The issues of a policy, as `(message, source text under the span)`.
pub fn issues(src: &str) -> Vec<(String, &str)> {
    parse(src)
        .issues
        .iter()
        .map(|i: &PolicyIssue| (i.message.clone(), at(src, i.span)))
        .collect()
}

/// The source text under a span.
pub fn at(src: &str, span: Span) -> &str {
    &src[span.start as usize..span.end as usize]
}

struct MiniJson<'a> {
    src: &'a [u8],
    pos: usize,
}

impl MiniJson<'_> {
    fn ws(&mut self) {
        while self.pos < self.src.len() && self.src[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Node {
        self.ws();
        let start = self.pos;
        let value = match self.src[self.pos] {
            b'{' => {
                self.pos += 1;
                let mut entries = Vec::new();
                loop {
                    self.ws();
                    if self.src[self.pos] == b'}' {
                        self.pos += 1;
                        break;
                    }
                    let key_start = self.pos;
                    let key = self.string();
                    let key_span = Span::new(key_start, self.pos);
                    self.ws();
                    assert_eq!(self.src[self.pos], b':');
                    self.pos += 1;
                    let value = self.value();
                    entries.push(Entry {
                        key,
                        key_span,
                        value,
                    });
                    self.ws();
                    if self.src[self.pos] == b',' {
                        self.pos += 1;
                    }
                }
                Value::Map(entries)
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.ws();
                    if self.src[self.pos] == b']' {
                        self.pos += 1;
                        break;
                    }
                    items.push(self.value());
                    self.ws();
                    if self.src[self.pos] == b',' {
                        self.pos += 1;
                    }
                }
                Value::Seq(items)
            }
            b'"' => Value::String(self.string()),
            _ => {
                while self.pos < self.src.len()
                    && !matches!(self.src[self.pos], b',' | b'}' | b']')
                    && !self.src[self.pos].is_ascii_whitespace()
                {
                    self.pos += 1;
                }
                let word = std::str::from_utf8(&self.src[start..self.pos]).unwrap();
                match word {
                    "null" => Value::Null,
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    n => {
                        assert!(n.parse::<f64>().is_ok(), "bad test JSON word `{n}`");
                        Value::Number(n.to_owned())
                    }
                }
            }
        };
        Node::new(Span::new(start, self.pos), value)
    }

    fn string(&mut self) -> String {
        assert_eq!(self.src[self.pos], b'"');
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            match self.src[self.pos] {
                b'"' => break,
                b'\\' => {
                    self.pos += 1;
                    out.push(match self.src[self.pos] {
                        b'n' => b'\n',
                        b't' => b'\t',
                        other => other,
                    });
                }
                b => out.push(b),
            }
            self.pos += 1;
        }
        self.pos += 1;
        String::from_utf8(out).unwrap()
    }
}
