//! YAML into the spanned tree, from `saphyr-parser` events.
//!
//! Built with an explicit stack (no recursion), so nesting depth is bounded by [`Limits::max_depth`]
//! and never by the thread's stack. Aliases are expanded by cloning the anchored node, with the
//! total number of nodes produced by expansion bounded by [`Limits::max_alias_nodes`] (counts are
//! kept per node, so a billion-laughs document is refused before anything is cloned).
//! CloudFormation short-form tags (`!Ref`, `!GetAtt`, `!Sub`, ...) become their long form.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Tag};

use crate::error::{DocError, Parsed};
use crate::node::{Entry, Node, Span, Value};
use crate::Limits;

/// Character index (what saphyr reports) to byte offset.
struct Offsets {
    table: Option<Vec<u32>>,
    len: usize,
}

impl Offsets {
    fn new(text: &str) -> Self {
        let table = if text.is_ascii() {
            None
        } else {
            let mut t: Vec<u32> = text
                .char_indices()
                .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX))
                .collect();
            t.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
            Some(t)
        };
        Self {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, m: &Marker) -> usize {
        match &self.table {
            None => m.index().min(self.len),
            Some(t) => t.get(m.index()).map_or(self.len, |b| *b as usize),
        }
    }

    fn span(&self, s: &saphyr_parser::Span) -> Span {
        Span::new(self.byte(&s.start), self.byte(&s.end))
    }
}

/// A container being built.
struct Frame {
    start: Span,
    anchor: usize,
    tag: Option<String>,
    count: usize,
    kind: FrameKind,
}

enum FrameKind {
    Seq(Vec<Node>),
    Map {
        entries: Vec<Entry>,
        index: HashMap<String, usize>,
        pending_key: Option<(String, Span)>,
    },
}

struct Builder<'t> {
    text: &'t str,
    limits: Limits,
    offsets: Offsets,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    alias_nodes: usize,
    root: Option<Node>,
    errors: Vec<DocError>,
    documents: usize,
}

/// Parse YAML text.
///
/// CloudFormation (like PyYAML) accepts continuation lines of quoted scalars and flow
/// collections that are not indented past their parent key, which YAML 1.2 forbids and
/// `saphyr-parser` rejects. When the only problem is such an indentation error, the offending
/// lines are indented one more space at a time (which changes no value: folded line breaks
/// drop leading white space, and flow collections ignore it) and spans are mapped back to the
/// original text.
pub(crate) fn parse(text: &str, limits: Limits) -> Parsed {
    let first = parse_once(text, limits);
    if !is_indentation_error(&first) {
        return first;
    }
    let mut work = text.to_string();
    // Spaces inserted at the start of each (0-based) line.
    let mut inserted: HashMap<usize, u32> = HashMap::new();
    let mut attempt = first.clone();
    // Each attempt re-parses the whole text: bound the total work, not just the attempts.
    let attempts = MAX_REINDENT.min(REINDENT_BUDGET / text.len().max(1)).max(1);
    for _ in 0..attempts {
        let Some(err) = attempt.errors.iter().find(|e| e.fatal) else {
            break;
        };
        let at = (err.span.start as usize).min(work.len());
        let quoted = err.message.ends_with("in quoted scalar");
        for (line, add) in reindent_plan(&work, at, quoted) {
            let line_start = line_start_of(&work, line);
            work.insert_str(line_start, &" ".repeat(add as usize));
            *inserted.entry(line).or_insert(0) += add;
        }
        attempt = parse_once(&work, limits);
        if !is_indentation_error(&attempt) {
            break;
        }
    }
    if attempt.root.is_none() {
        return first;
    }
    // Map spans in `work` back to `text`.
    let mut starts = vec![0usize];
    starts.extend(
        work.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1),
    );
    let mut before = Vec::with_capacity(starts.len());
    let mut acc = 0u32;
    for i in 0..starts.len() {
        before.push(acc);
        acc += inserted.get(&i).copied().unwrap_or(0);
    }
    let map = |m: u32| -> u32 {
        let line = match starts.binary_search(&(m as usize)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let ins = inserted.get(&line).copied().unwrap_or(0);
        let ls = starts.get(line).copied().unwrap_or(0) as u32;
        let col = (m - ls.min(m)).saturating_sub(ins);
        ls.saturating_sub(before.get(line).copied().unwrap_or(0)) + col
    };
    let mut root = attempt.root;
    let mut errors = attempt.errors;
    remap(&mut root, &mut errors, &map);
    Parsed { root, errors }
}

/// Byte offset where 0-based line `line` starts.
fn line_start_of(text: &str, line: usize) -> usize {
    if line == 0 {
        return 0;
    }
    text.bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .nth(line - 1)
        .map_or(text.len(), |(i, _)| i + 1)
}

fn indent_of(line: &str) -> u32 {
    u32::try_from(line.bytes().take_while(|b| *b == b' ').count()).unwrap_or(0)
}

/// Which lines to indent by how much, in descending line order (so inserting keeps earlier
/// offsets valid). For a quoted scalar starting at `at`: every continuation line up to the
/// closing quote is brought to one more than the indentation of the opening line. Otherwise
/// the line of the error gets one more space.
fn reindent_plan(text: &str, at: usize, quoted: bool) -> Vec<(usize, u32)> {
    let line_of = |o: usize| {
        text.as_bytes()
            .get(..o)
            .map_or(0, |b| b.iter().filter(|c| **c == b'\n').count())
    };
    let first = line_of(at);
    let lines: Vec<&str> = text.split('\n').collect();
    let quote = text.as_bytes().get(at).copied();
    if quoted && matches!(quote, Some(b'\'' | b'"')) {
        let q = quote.unwrap_or(b'"');
        let bytes = text.as_bytes();
        let mut i = at + 1;
        let mut close = text.len();
        while let Some(&c) = bytes.get(i) {
            if q == b'"' && c == b'\\' {
                i += 2;
                continue;
            }
            if c == q {
                if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 2;
                    continue;
                }
                close = i;
                break;
            }
            i += 1;
        }
        let last = line_of(close);
        let base = lines.get(first).map_or(0, |l| indent_of(l)) + 1;
        let mut plan = Vec::new();
        for l in (first + 1..=last).rev() {
            if let Some(text_line) = lines.get(l) {
                let ind = indent_of(text_line);
                if ind < base && !text_line.trim().is_empty() {
                    plan.push((l, base - ind));
                }
            }
        }
        if !plan.is_empty() {
            return plan;
        }
    }
    vec![(first, 1)]
}

/// How many repair attempts before giving up (the real corpus needs at most 8; each attempt
/// re-parses the whole text, so hostile input must not get hundreds).
const MAX_REINDENT: usize = 32;

/// Bytes that may be re-parsed in total while repairing indentation (attempts × text length).
const REINDENT_BUDGET: usize = 16 * 1024 * 1024;

fn is_indentation_error(p: &Parsed) -> bool {
    p.root.is_none()
        && p.errors.iter().any(|e| {
            e.fatal
                && (e.message.ends_with("invalid indentation")
                    || e.message.ends_with("invalid indentation in quoted scalar"))
        })
}

fn parse_once(text: &str, limits: Limits) -> Parsed {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    let mut b = Builder {
        text: body,
        limits,
        offsets: Offsets::new(body),
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        root: None,
        errors: Vec::new(),
        documents: 0,
    };
    let ok = b.run();
    let mut root = if ok { b.root } else { None };
    let mut errors = b.errors;
    if bom > 0 {
        let by = u32::try_from(bom).unwrap_or(0);
        remap(&mut root, &mut errors, &|o| o.saturating_add(by));
    }
    if ok && root.is_none() && errors.is_empty() {
        errors.push(DocError {
            message: "empty document".into(),
            span: Span::default(),
            help: None,
            fatal: true,
        });
    }
    Parsed { root, errors }
}

/// Apply an offset mapping to every span.
fn remap(root: &mut Option<Node>, errors: &mut [DocError], f: &dyn Fn(u32) -> u32) {
    let mv = |s: &mut Span| {
        s.start = f(s.start);
        s.end = f(s.end).max(s.start);
    };
    for e in errors.iter_mut() {
        mv(&mut e.span);
    }
    let mut todo: Vec<&mut Node> = root.iter_mut().collect();
    while let Some(n) = todo.pop() {
        mv(&mut n.span);
        match &mut n.value {
            Value::Seq(items) => todo.extend(items.iter_mut()),
            Value::Map(entries) => {
                for e in entries.iter_mut() {
                    mv(&mut e.key_span);
                    todo.push(&mut e.value);
                }
            }
            _ => {}
        }
    }
}

impl Builder<'_> {
    /// Consume all events; false when a fatal error stopped the build.
    fn run(&mut self) -> bool {
        let mut parser = Parser::new_from_str(self.text);
        loop {
            let Some(item) = parser.next_event() else {
                return true;
            };
            let (event, span) = match item {
                Ok(x) => x,
                Err(e) => {
                    let at = self.offsets.byte(e.marker());
                    self.fatal(
                        Span::new(at, at),
                        format!("yaml syntax error: {}", e.info()),
                        None,
                    );
                    return false;
                }
            };
            let span_b = self.offsets.span(&span);
            match event {
                Event::StreamEnd => return true,
                Event::DocumentStart(_) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        self.errors.push(DocError {
                            message:
                                "more than one yaml document in the file; only the first is read"
                                    .into(),
                            span: span_b,
                            help: Some("a CloudFormation template is a single document".into()),
                            fatal: false,
                        });
                        return true;
                    }
                }
                Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
                Event::Alias(id) => {
                    let Some((node, count)) = self.anchors.get(&id) else {
                        self.fatal(span_b, "alias refers to an unknown anchor".into(), None);
                        return false;
                    };
                    let count = *count;
                    self.alias_nodes = self.alias_nodes.saturating_add(count);
                    if self.alias_nodes > self.limits.max_alias_nodes {
                        self.fatal(
                            span_b,
                            format!(
                                "alias expansion exceeds {} nodes",
                                self.limits.max_alias_nodes
                            ),
                            Some("this looks like a billion-laughs document; CloudFormation does not support aliases".into()),
                        );
                        return false;
                    }
                    let mut node = node.clone();
                    node.span = span_b;
                    if !self.complete(node, count, 0) {
                        return false;
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    let node = self.scalar(value, style, tag.as_deref(), span_b);
                    if !self.complete(node, 1, anchor) {
                        return false;
                    }
                }
                Event::SequenceStart(anchor, tag) => {
                    if !self.open(span_b, anchor, tag.as_deref(), FrameKind::Seq(Vec::new())) {
                        return false;
                    }
                }
                Event::MappingStart(anchor, tag) => {
                    let kind = FrameKind::Map {
                        entries: Vec::new(),
                        index: HashMap::new(),
                        pending_key: None,
                    };
                    if !self.open(span_b, anchor, tag.as_deref(), kind) {
                        return false;
                    }
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(frame) = self.stack.pop() else {
                        self.fatal(span_b, "unbalanced collection end".into(), None);
                        return false;
                    };
                    let (value, last_end) = match frame.kind {
                        FrameKind::Seq(items) => {
                            let end = items.last().map(|n| n.span.end);
                            (Value::Seq(items), end)
                        }
                        FrameKind::Map { entries, .. } => {
                            let end = entries.last().map(|e| e.value.span.end);
                            (Value::Map(entries), end)
                        }
                    };
                    let end = last_end.unwrap_or(span_b.end).max(frame.start.end);
                    // Flow collections end at their closing bracket.
                    let end = if self
                        .text
                        .as_bytes()
                        .get(span_b.start as usize)
                        .is_some_and(|c| matches!(c, b']' | b'}'))
                    {
                        span_b.end.max(end)
                    } else {
                        end
                    };
                    let span = Span {
                        start: frame.start.start,
                        end,
                    };
                    let node = self.tagged(Node::new(span, value), frame.tag.as_deref());
                    if !self.complete(node, frame.count + 1, frame.anchor) {
                        return false;
                    }
                }
            }
        }
    }

    fn fatal(&mut self, span: Span, message: String, help: Option<String>) {
        self.errors.push(DocError {
            message,
            span,
            help,
            fatal: true,
        });
    }

    fn open(&mut self, span: Span, anchor: usize, tag: Option<&Tag>, kind: FrameKind) -> bool {
        if self.stack.len() >= self.limits.max_depth {
            self.fatal(
                span,
                format!("nesting deeper than {} levels", self.limits.max_depth),
                None,
            );
            return false;
        }
        let start = self.extend_over_tag(span, tag);
        self.stack.push(Frame {
            start,
            anchor,
            tag: tag.map(tag_name),
            count: 0,
            kind,
        });
        true
    }

    /// Widen a span leftwards over the tag text written before it (`!Ref x`), so the whole
    /// tagged node is underlined.
    fn extend_over_tag(&self, span: Span, tag: Option<&Tag>) -> Span {
        let Some(tag) = tag else { return span };
        let written = tag_name(tag);
        let before = self.text.get(..span.start as usize).unwrap_or("");
        let trimmed = before.trim_end_matches([' ', '\t']);
        if trimmed.ends_with(written.as_str()) {
            Span {
                start: u32::try_from(trimmed.len() - written.len()).unwrap_or(span.start),
                end: span.end,
            }
        } else {
            span
        }
    }

    fn scalar(
        &self,
        value: Cow<'_, str>,
        style: ScalarStyle,
        tag: Option<&Tag>,
        span: Span,
    ) -> Node {
        let span = self.extend_over_tag(span, tag);
        let core = tag.filter(|t| t.is_yaml_core_schema());
        let v = match core.map(|t| t.suffix.as_str()) {
            Some("str") => Value::String(value.into_owned()),
            Some("null") => Value::Null,
            Some("bool") => match value.as_ref() {
                "true" | "True" | "TRUE" => Value::Bool(true),
                "false" | "False" | "FALSE" => Value::Bool(false),
                _ => Value::String(value.into_owned()),
            },
            Some("int" | "float") => Value::Number(value.into_owned()),
            _ if style == ScalarStyle::Plain && (tag.is_none() || core.is_some()) => plain(value),
            _ => Value::String(value.into_owned()),
        };
        let node = Node::new(span, v);
        if core.is_some() {
            node
        } else {
            self.tagged(node, tag.map(tag_name).as_deref())
        }
    }

    /// Apply a non-core tag: CloudFormation short forms become `{ "Fn::X": node }`, others are kept.
    #[allow(clippy::unused_self)]
    fn tagged(&self, mut node: Node, tag: Option<&str>) -> Node {
        let Some(tag) = tag else { return node };
        let Some(long) = cfn_long_form(tag) else {
            node.tag = Some(tag.to_string());
            return node;
        };
        let span = node.span;
        let inner = if long == "Fn::GetAtt" {
            getatt_value(node)
        } else {
            node
        };
        Node::new(
            span,
            Value::Map(vec![Entry {
                key: long.to_string(),
                key_span: Span {
                    start: span.start,
                    end: span.start + u32::try_from(tag.len()).unwrap_or(0).min(span.len()),
                },
                value: inner,
            }]),
        )
    }

    /// A node is finished: attach it to its parent (or make it the root).
    fn complete(&mut self, node: Node, count: usize, anchor: usize) -> bool {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), count));
        }
        let Some(frame) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return true;
        };
        frame.count = frame.count.saturating_add(count);
        match &mut frame.kind {
            FrameKind::Seq(items) => items.push(node),
            FrameKind::Map {
                entries,
                index,
                pending_key,
            } => match pending_key.take() {
                None => {
                    let key = match node.scalar_text() {
                        Some(t) => t.into_owned(),
                        None if matches!(node.value, Value::Null) => String::new(),
                        None => {
                            self.errors.push(DocError {
                                message: "mapping key is not a scalar".into(),
                                span: node.span,
                                help: Some("CloudFormation keys are plain strings".into()),
                                fatal: false,
                            });
                            String::from("?")
                        }
                    };
                    *pending_key = Some((key, node.span));
                }
                Some((key, key_span)) => {
                    if let Some(&i) = index.get(&key) {
                        let first_line = self
                            .text
                            .get(..entries.get(i).map_or(0, |e| e.key_span.start as usize))
                            .map_or(0, |t| t.bytes().filter(|b| *b == b'\n').count() + 1);
                        self.errors.push(DocError {
                            message: format!("duplicate key `{key}`"),
                            span: key_span,
                            help: Some(format!(
                                "CloudFormation rejects templates with duplicate keys; the first was at line {first_line}"
                            )),
                            fatal: false,
                        });
                        if let Some(e) = entries.get_mut(i) {
                            e.value = node;
                            e.key_span = key_span;
                        }
                    } else {
                        index.insert(key.clone(), entries.len());
                        entries.push(Entry {
                            key,
                            key_span,
                            value: node,
                        });
                    }
                }
            },
        }
        true
    }
}

/// The tag as written (`!Ref`, `!!str`, `!Rain::Embed`).
fn tag_name(tag: &Tag) -> String {
    if tag.is_yaml_core_schema() {
        format!("!!{}", tag.suffix)
    } else {
        tag.to_string()
    }
}

/// The long form of a CloudFormation short-form tag.
fn cfn_long_form(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "!Ref" => "Ref",
        "!Condition" => "Condition",
        "!Sub" => "Fn::Sub",
        "!GetAtt" => "Fn::GetAtt",
        "!If" => "Fn::If",
        "!Join" => "Fn::Join",
        "!Select" => "Fn::Select",
        "!Split" => "Fn::Split",
        "!FindInMap" => "Fn::FindInMap",
        "!Base64" => "Fn::Base64",
        "!Cidr" => "Fn::Cidr",
        "!ImportValue" => "Fn::ImportValue",
        "!GetAZs" => "Fn::GetAZs",
        "!Equals" => "Fn::Equals",
        "!And" => "Fn::And",
        "!Or" => "Fn::Or",
        "!Not" => "Fn::Not",
        "!Transform" => "Fn::Transform",
        "!Length" => "Fn::Length",
        "!ToJsonString" => "Fn::ToJsonString",
        "!ForEach" => "Fn::ForEach",
        _ => return None,
    })
}

/// `!GetAtt Res.Attr` (scalar) becomes `["Res", "Attr"]`; the list form is kept.
fn getatt_value(node: Node) -> Node {
    let span = node.span;
    match &node.value {
        Value::String(s) => match s.split_once('.') {
            Some((res, attr)) => Node::new(
                span,
                Value::Seq(vec![
                    Node::new(span, Value::String(res.to_string())),
                    Node::new(span, Value::String(attr.to_string())),
                ]),
            ),
            None => node,
        },
        _ => node,
    }
}

/// YAML 1.2 core schema resolution of a plain scalar.
fn plain(value: Cow<'_, str>) -> Value {
    match value.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        s if is_number(s) => Value::Number(value.into_owned()),
        _ => Value::String(value.into_owned()),
    }
}

fn is_number(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |x: &[u8]| !x.is_empty() && x.iter().all(u8::is_ascii_digit);
    if let Some(hex) = s.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|c| c.is_ascii_hexdigit());
    }
    if let Some(oct) = s.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|c| (b'0'..=b'7').contains(&c));
    }
    if matches!(
        s,
        ".inf"
            | ".Inf"
            | ".INF"
            | "+.inf"
            | "-.inf"
            | "-.Inf"
            | "-.INF"
            | "+.Inf"
            | ".nan"
            | ".NaN"
            | ".NAN"
    ) {
        return true;
    }
    let b = match b.first() {
        Some(b'-' | b'+') => b.get(1..).unwrap_or(&[]),
        _ => b,
    };
    // [0-9]+ ( . [0-9]* )? ( [eE] [-+]? [0-9]+ )?  or  . [0-9]+ ...
    let (mantissa, exp) = match b.iter().position(|c| *c == b'e' || *c == b'E') {
        Some(i) => (
            b.get(..i).unwrap_or(&[]),
            Some(b.get(i + 1..).unwrap_or(&[])),
        ),
        None => (b, None),
    };
    let mantissa_ok = match mantissa.iter().position(|c| *c == b'.') {
        Some(i) => {
            let (int, frac) = (
                mantissa.get(..i).unwrap_or(&[]),
                mantissa.get(i + 1..).unwrap_or(&[]),
            );
            (digits(int) || int.is_empty())
                && (frac.is_empty() || digits(frac))
                && !(int.is_empty() && frac.is_empty())
        }
        None => digits(mantissa),
    };
    let exp_ok = match exp {
        None => true,
        Some(e) => {
            let e = match e.first() {
                Some(b'-' | b'+') => e.get(1..).unwrap_or(&[]),
                _ => e,
            };
            digits(e)
        }
    };
    mantissa_ok && exp_ok
}
