//! Strict JSON into the span-preserving tree, through `jsonc-parser` with every extension off.
//!
//! Before `jsonc-parser` sees the text, one pass over the bytes (outside strings) checks the
//! nesting depth, so hostile input such as a million `[` is refused without deep recursion, and
//! finds what `jsonc-parser` would accept but JSON does not: raw control characters inside
//! strings and whitespace other than space, tab, `\n` and `\r` between tokens.
//!
//! All spans are byte offsets into the text as given (a leading UTF-8 byte order mark is skipped
//! but still counted). String nodes and keys span their quotes.

use std::collections::HashMap;

use jsonc_parser::ast;
use jsonc_parser::common::Range;
use jsonc_parser::errors::{ParseError, ParseErrorKind};
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, ParseStringErrorKind};
use palisade_core::LineIndex;

use crate::error::DocError;
use crate::node::{Entry, Node, Span, Value};
use crate::{Limits, Parsed};

/// The deepest nesting ever accepted, whatever [`Limits::max_depth`] says. `jsonc-parser` recurses
/// and refuses more than 512 open ranges (an object level opens two: the object and the property),
/// so 256 container levels always stay below its own limit and well within a thread's stack.
const PARSER_MAX_DEPTH: usize = 256;

const BOM: &str = "\u{feff}";

/// Parse strict JSON.
pub(crate) fn parse(text: &str, limits: Limits) -> Parsed {
    let (body, base) = match text.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (text, 0),
    };
    let fatal = |error: DocError| Parsed {
        root: None,
        errors: vec![error],
    };

    if body.trim_matches(is_json_whitespace).is_empty() {
        return fatal(DocError {
            message: "empty document".to_owned(),
            span: Span::new(base, base),
            help: Some("a json document holds exactly one value, such as `{}`".to_owned()),
            fatal: true,
        });
    }

    let max_depth = limits.max_depth.min(PARSER_MAX_DEPTH);
    let scan = prescan(body, max_depth);

    if let Some(at) = scan.too_deep {
        // Everything before the offending bracket nests within the limit, so the parser can
        // safely look at that prefix for an earlier, genuine syntax error.
        let prefix = body.get(..at).unwrap_or("");
        if let Err(err) = parse_ast(prefix) {
            if !ends_early(&err) && err.range().start < at {
                return fatal(syntax_error(body, base, &err));
            }
        }
        return fatal(DocError {
            message: format!("nesting deeper than {max_depth} levels"),
            span: Span::new(base + at, base + at + 1),
            help: Some(format!(
                "each `[` or `{{` opens a level; at most {max_depth} are accepted, \
                 which keeps hostile input from exhausting the stack"
            )),
            fatal: true,
        });
    }

    match parse_ast(body) {
        Err(err) => {
            let error = match scan.first_issue {
                Some(issue) if issue.at <= detected_at(&err, body) => issue.into_error(base),
                _ => syntax_error(body, base, &err),
            };
            fatal(error)
        }
        Ok(result) => {
            if let Some(issue) = scan.first_issue {
                return fatal(issue.into_error(base));
            }
            match result.value {
                Some(value) => {
                    let mut converter = Converter {
                        text,
                        base,
                        lines: None,
                        errors: Vec::new(),
                    };
                    let root = converter.node(value);
                    Parsed {
                        root: Some(root),
                        errors: converter.errors,
                    }
                }
                None => fatal(DocError {
                    message: "empty document".to_owned(),
                    span: Span::new(base, base),
                    help: None,
                    fatal: true,
                }),
            }
        }
    }
}

fn parse_ast(text: &str) -> Result<jsonc_parser::ParseResult<'_>, ParseError> {
    // Every field spelled out, so a new leniency in a later version cannot slip in as a default.
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Off,
        tokens: false,
    };
    jsonc_parser::parse_to_ast(text, &collect, &options)
}

fn is_json_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

// ---------------------------------------------------------------------------------------------
// Pre-scan

/// What the byte scan found.
#[derive(Debug, Default)]
struct Scan {
    /// Offset (in the body) of the first `[` or `{` past the depth limit.
    too_deep: Option<usize>,
    /// The first character that strict JSON refuses but `jsonc-parser` accepts.
    first_issue: Option<Issue>,
}

#[derive(Debug, Clone, Copy)]
struct Issue {
    at: usize,
    ch: char,
    in_string: bool,
}

impl Issue {
    fn into_error(self, base: usize) -> DocError {
        let start = base + self.at;
        let span = Span::new(start, start + self.ch.len_utf8());
        let shown = show(self.ch.encode_utf8(&mut [0; 4]));
        if self.in_string {
            DocError {
                message: format!("unescaped control character `{shown}` in string"),
                span,
                help: Some(format!(
                    "json strings must escape control characters: write `\\u{:04x}` \
                     (or `\\n`, `\\t`, `\\r`)",
                    u32::from(self.ch)
                )),
                fatal: true,
            }
        } else {
            DocError {
                message: format!("unexpected whitespace character `{shown}`"),
                span,
                help: Some(
                    "json separates tokens only with spaces, tabs and line breaks".to_owned(),
                ),
                fatal: true,
            }
        }
    }
}

/// One pass over the bytes: nesting depth of `[`/`{` outside strings, raw control characters
/// inside strings, and non-JSON whitespace outside them.
///
/// Stops quietly at a `/` outside a string (a comment, which strict JSON refuses): from there on
/// its idea of where strings are may differ from the parser's, and the parser is bound to fail at
/// or before that `/` anyway.
fn prescan(body: &str, max_depth: usize) -> Scan {
    let bytes = body.as_bytes();
    let mut scan = Scan::default();
    let mut depth = 0usize;
    let mut i = 0usize;
    let note = |scan: &mut Scan, at: usize, in_string: bool| {
        if scan.first_issue.is_none() {
            let ch = body
                .get(at..)
                .and_then(|s| s.chars().next())
                .unwrap_or('\u{fffd}');
            scan.first_issue = Some(Issue { at, ch, in_string });
        }
    };
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => return scan, // unterminated: the parser reports it
                        Some(b'"') => break,
                        Some(b'\\') => i += 2,
                        Some(&c) => {
                            if c < 0x20 {
                                note(&mut scan, i, true);
                            }
                            i += 1;
                        }
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > max_depth {
                    scan.too_deep = Some(i);
                    return scan;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'/' => return scan,
            0x0b | 0x0c => note(&mut scan, i, false),
            0x80.. => {
                // Outside strings we always stand on a character boundary.
                let ch = body.get(i..).and_then(|s| s.chars().next());
                if let Some(ch) = ch {
                    if ch.is_whitespace() {
                        note(&mut scan, i, false);
                    }
                    i += ch.len_utf8();
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    scan
}

// ---------------------------------------------------------------------------------------------
// Tree conversion

struct Converter<'t> {
    /// The whole text, BOM included (for line numbers).
    text: &'t str,
    /// Bytes skipped before the body (the BOM).
    base: usize,
    /// Built on the first duplicate key.
    lines: Option<LineIndex>,
    errors: Vec<DocError>,
}

impl Converter<'_> {
    fn span(&self, range: Range) -> Span {
        Span::new(self.base + range.start, self.base + range.end)
    }

    /// Recursion is bounded: the pre-scan refused anything nested deeper than the limit.
    fn node(&mut self, value: ast::Value<'_>) -> Node {
        match value {
            ast::Value::NullKeyword(lit) => Node::new(self.span(lit.range), Value::Null),
            ast::Value::BooleanLit(lit) => Node::new(self.span(lit.range), Value::Bool(lit.value)),
            ast::Value::NumberLit(lit) => {
                Node::new(self.span(lit.range), Value::Number(lit.value.to_owned()))
            }
            ast::Value::StringLit(lit) => {
                Node::new(self.span(lit.range), Value::String(lit.value.into_owned()))
            }
            ast::Value::Array(array) => {
                let span = self.span(array.range);
                let items = array.elements.into_iter().map(|v| self.node(v)).collect();
                Node::new(span, Value::Seq(items))
            }
            ast::Value::Object(object) => {
                let span = self.span(object.range);
                Node::new(span, Value::Map(self.entries(object.properties)))
            }
        }
    }

    /// Entries in source order; for a duplicate key only the last occurrence is kept (at its own
    /// place), and each later occurrence is reported.
    fn entries(&mut self, properties: Vec<ast::ObjectProp<'_>>) -> Vec<Entry> {
        let mut slots: Vec<Option<Entry>> = Vec::with_capacity(properties.len());
        // key -> (slot of the entry kept so far, start of the first occurrence's key)
        let mut seen: HashMap<String, (usize, u32)> = HashMap::new();
        for prop in properties {
            let (key, key_range) = match prop.name {
                ast::ObjectPropName::String(lit) => (lit.value.into_owned(), lit.range),
                ast::ObjectPropName::Word(lit) => (lit.value.to_owned(), lit.range),
            };
            let key_span = self.span(key_range);
            if let Some((slot, first)) = seen.get_mut(&key) {
                if let Some(earlier) = slots.get_mut(*slot) {
                    *earlier = None;
                }
                *slot = slots.len();
                let first = *first;
                self.duplicate(&key, key_span, first);
            } else {
                seen.insert(key.clone(), (slots.len(), key_span.start));
            }
            let value = self.node(prop.value);
            slots.push(Some(Entry {
                key,
                key_span,
                value,
            }));
        }
        slots.into_iter().flatten().collect()
    }

    fn duplicate(&mut self, key: &str, span: Span, first: u32) {
        let text = self.text;
        let line = self
            .lines
            .get_or_insert_with(|| LineIndex::new(text))
            .position(text, first)
            .line;
        self.errors.push(DocError {
            message: format!("duplicate key `{}`", show(key)),
            span,
            help: Some(format!(
                "CloudFormation rejects templates with duplicate keys; the first was at line {line}"
            )),
            fatal: false,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Syntax errors

/// Errors the parser only notices at the end of the text, though their range starts earlier.
fn ends_early(err: &ParseError) -> bool {
    matches!(
        err.kind(),
        ParseErrorKind::UnterminatedArray
            | ParseErrorKind::UnterminatedObject
            | ParseErrorKind::UnterminatedCommentBlock
            | ParseErrorKind::String(ParseStringErrorKind::UnterminatedStringLiteral)
    )
}

/// Where the parser noticed the error (in the body).
fn detected_at(err: &ParseError, body: &str) -> usize {
    if ends_early(err) {
        body.len()
    } else {
        err.range().start
    }
}

/// Which container is open at `at`, judged by brackets outside strings.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Top,
    Array,
    Object,
}

fn context_at(body: &str, at: usize) -> Context {
    let bytes = body.as_bytes();
    let mut stack: Vec<u8> = Vec::new();
    let mut i = 0usize;
    while i < at {
        match bytes.get(i) {
            None => break,
            Some(b'"') => {
                i += 1;
                while i < at {
                    match bytes.get(i) {
                        Some(b'"') | None => break,
                        Some(b'\\') => i += 2,
                        Some(_) => i += 1,
                    }
                }
            }
            Some(&b @ (b'[' | b'{')) => stack.push(b),
            Some(b']' | b'}') => {
                stack.pop();
            }
            Some(_) => {}
        }
        i += 1;
    }
    match stack.last() {
        Some(b'[') => Context::Array,
        Some(_) => Context::Object,
        None => Context::Top,
    }
}

/// The last byte before `at` that is not JSON whitespace.
fn previous_byte(body: &str, at: usize) -> Option<u8> {
    body.as_bytes()
        .get(..at)?
        .iter()
        .rev()
        .copied()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// The token that starts at or after `at` (after whitespace): its range and text.
fn token_at(body: &str, at: usize) -> (Range, &str) {
    let rest = body.get(at..).unwrap_or("");
    let skipped = rest.len() - rest.trim_start_matches(is_json_whitespace).len();
    let start = at + skipped;
    let rest = body.get(start..).unwrap_or("");
    let len = match rest.chars().next() {
        None => 0,
        Some(c @ ('{' | '}' | '[' | ']' | ',' | ':')) => c.len_utf8(),
        Some('"') => {
            let mut escaped = false;
            let mut end = rest.len();
            for (i, c) in rest.char_indices().skip(1) {
                if c == '\n' {
                    end = i;
                    break;
                }
                if c == '"' && !escaped {
                    end = i + 1;
                    break;
                }
                escaped = c == '\\' && !escaped;
            }
            end
        }
        Some(_) => rest
            .find(|c: char| c.is_whitespace() || "{}[],:\"".contains(c))
            .unwrap_or(rest.len()),
    };
    let end = start + len;
    (Range::new(start, end), body.get(start..end).unwrap_or(""))
}

/// "`text`", or "end of document" for an empty token at the end.
fn found(text: &str) -> String {
    if text.is_empty() {
        "end of document".to_owned()
    } else {
        format!("`{}`", show(text))
    }
}

/// A `0` that jsonc-parser ended a number at, followed by more digits (`01`, `-007`).
fn leading_zero(body: &str, at: usize) -> Option<Range> {
    let bytes = body.as_bytes();
    let zero = at.checked_sub(1)?;
    if bytes.get(zero) != Some(&b'0') || !bytes.get(at)?.is_ascii_digit() {
        return None;
    }
    let start = if zero > 0 && bytes.get(zero - 1) == Some(&b'-') {
        zero - 1
    } else {
        zero
    };
    let end = bytes
        .get(at..)?
        .iter()
        .position(|b| !(b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')))
        .map_or(bytes.len(), |n| at + n);
    Some(Range::new(start, end))
}

fn syntax_error(body: &str, base: usize, err: &ParseError) -> DocError {
    let range = err.range();
    let (message, range, help) = describe(body, range, err.kind());
    DocError {
        message,
        span: Span::new(base + range.start, base + range.end),
        help: help.map(str::to_owned),
        fatal: true,
    }
}

/// Message, span and help for one parser error, in our style.
fn describe(
    body: &str,
    range: Range,
    kind: &ParseErrorKind,
) -> (String, Range, Option<&'static str>) {
    use ParseErrorKind as K;
    let here = body.get(range.start..range.end).unwrap_or("");
    // A span of at most `n` bytes from the start of the range (for openers such as `[` or `/*`).
    let opener = |n: usize| {
        Range::new(
            range.start,
            (range.start + n).min(range.end.max(range.start)),
        )
    };
    let after_value = |context: Context, token: (Range, &str)| {
        let (closer, what) = match context {
            Context::Object => ('}', "object value"),
            Context::Array => (']', "array element"),
            Context::Top => {
                return (
                    format!("unexpected {} after the top-level value", found(token.1)),
                    token.0,
                    Some("a json document holds exactly one value"),
                );
            }
        };
        (
            format!(
                "expected `,` or `{closer}` after {what}, found {}",
                found(token.1)
            ),
            token.0,
            None,
        )
    };
    // At a value position the previous byte is an opener, a separator, or nothing at all.
    let at_value_position = matches!(
        previous_byte(body, range.start),
        None | Some(b'[' | b',' | b':')
    );
    // A bare word (`True`, `abc`) where a key, a value or a separator belongs.
    let word = |range: Range, w: &str| -> (String, Range, Option<&'static str>) {
        let context = context_at(body, range.start);
        match previous_byte(body, range.start) {
            Some(b'{' | b',') if context == Context::Object => (
                format!("expected a double-quoted key, found {}", found(w)),
                range,
                Some("json object keys are strings in double quotes"),
            ),
            None | Some(b'[' | b',' | b':') => (
                format!("expected a value, found {}", found(w)),
                range,
                Some(word_help(w)),
            ),
            _ => after_value(context, (range, w)),
        }
    };

    match kind {
        K::CommentsNotAllowed => (
            "comments are not allowed in json".to_owned(),
            range,
            Some("remove the comment; json has no comment syntax"),
        ),
        K::UnterminatedCommentBlock => (
            "comments are not allowed in json".to_owned(),
            opener(2),
            Some("remove the comment; json has no comment syntax"),
        ),
        K::ExpectedColonAfterObjectKey => (
            format!("expected `:` after object key, found {}", found(here)),
            range,
            None,
        ),
        K::ExpectedObjectValue => (
            format!("expected a value after `:`, found {}", found(here)),
            range,
            None,
        ),
        K::ExpectedDigit => (
            "expected a digit in the number's exponent".to_owned(),
            range,
            None,
        ),
        K::ExpectedDigitFollowingNegativeSign => {
            ("expected a digit after `-`".to_owned(), range, None)
        }
        K::ExpectedPlusMinusOrDigitInNumberLiteral => (
            "expected `+`, `-` or a digit after the exponent `e`".to_owned(),
            range,
            None,
        ),
        K::ExpectedStringObjectProperty => (
            format!("expected a double-quoted key, found {}", found(here)),
            range,
            Some("json object keys are strings in double quotes"),
        ),
        K::HexadecimalNumbersNotAllowed => (
            "hexadecimal numbers are not allowed in json".to_owned(),
            hex_literal(body, range.start),
            Some("write the number in decimal"),
        ),
        K::NonFiniteNumbersNotAllowed => (
            format!("{} is not a json number", found(here)),
            range,
            Some("json has no `NaN` or `Infinity`; use a string or `null`"),
        ),
        K::UnaryPlusNumbersNotAllowed => (
            "numbers cannot start with `+` in json".to_owned(),
            range,
            Some("remove the `+`"),
        ),
        K::BareDecimalPointNumbersNotAllowed => (
            "a decimal point needs digits on both sides in json".to_owned(),
            range,
            Some("write `0.5` rather than `.5`, and `5.0` or `5` rather than `5.`"),
        ),
        K::SingleQuotedStringsNotAllowed => (
            "single-quoted strings are not allowed in json".to_owned(),
            opener(1),
            Some("use double quotes"),
        ),
        K::TrailingCommasNotAllowed => (
            "trailing commas are not allowed in json".to_owned(),
            range,
            Some("remove the `,` before the closing bracket"),
        ),
        K::ExpectedComma => {
            if let Some(zero) = leading_zero(body, range.start) {
                return leading_zero_error(zero);
            }
            after_value(context_at(body, range.start), token_at(body, range.start))
        }
        K::MultipleRootJsonValues => {
            if let Some(zero) = leading_zero(body, range.start) {
                return leading_zero_error(zero);
            }
            after_value(Context::Top, token_at(body, range.start))
        }
        K::UnexpectedTokenInObject => {
            if matches!(previous_byte(body, range.start), Some(b'{' | b',')) {
                (
                    format!("expected a double-quoted key, found {}", found(here)),
                    range,
                    None,
                )
            } else {
                after_value(Context::Object, (range, here))
            }
        }
        K::UnexpectedCloseBrace
        | K::UnexpectedCloseBracket
        | K::UnexpectedColon
        | K::UnexpectedComma => {
            if at_value_position {
                (
                    format!("expected a value, found {}", found(here)),
                    range,
                    None,
                )
            } else {
                after_value(context_at(body, range.start), (range, here))
            }
        }
        K::UnexpectedWord => word(range, here),
        K::UnexpectedToken => {
            // The scanner stops a bare word at a character it cannot continue with: a word that
            // ends at a delimiter is a misplaced word; otherwise the odd character is the problem.
            let is_word = !here.is_empty()
                && here
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '$'));
            let next = body.get(range.end..).and_then(|s| s.chars().next());
            match next {
                Some(',' | ']' | '}' | '[' | '{' | '"') | None if is_word => word(range, here),
                Some(c) if is_word => {
                    let odd = Range::new(range.end, range.end + c.len_utf8());
                    let shown = body.get(odd.start..odd.end).unwrap_or("");
                    (format!("unexpected character {}", found(shown)), odd, None)
                }
                _ => (format!("unexpected character {}", found(here)), range, None),
            }
        }
        K::UnterminatedArray => (
            "unclosed `[`".to_owned(),
            opener(1),
            Some("the document ends before this array is closed with `]`"),
        ),
        K::UnterminatedObject => (
            "unclosed `{`".to_owned(),
            opener(1),
            Some("the document ends before this object is closed with `}`"),
        ),
        K::NestingDepthExceeded => ("nesting too deep".to_owned(), opener(1), None),
        K::String(string) => describe_string(range, here, string, opener(1)),
        #[allow(
            unreachable_patterns,
            reason = "variants behind jsonc-parser features, e.g. serde"
        )]
        _ => ("invalid json".to_owned(), range, None),
    }
}

fn leading_zero_error(range: Range) -> (String, Range, Option<&'static str>) {
    (
        "numbers cannot have leading zeros in json".to_owned(),
        range,
        Some("remove the leading zeros, or quote the value if it is an identifier"),
    )
}

fn describe_string(
    range: Range,
    here: &str,
    kind: &ParseStringErrorKind,
    quote: Range,
) -> (String, Range, Option<&'static str>) {
    use ParseStringErrorKind as S;
    match kind {
        S::UnterminatedStringLiteral => (
            "unterminated string".to_owned(),
            quote,
            Some("the document ends before this string's closing `\"`"),
        ),
        S::ExpectedFourHexDigits => (
            "expected four hex digits after `\\u` in string".to_owned(),
            range,
            None,
        ),
        S::InvalidUnicodeEscapeSequence(detail) => {
            let reason = detail
                .split_once('(')
                .and_then(|(_, r)| r.strip_suffix(')'))
                .unwrap_or("not a unicode scalar value");
            (
                format!("invalid unicode escape in string: {reason}"),
                range,
                Some("a `\\u` escape in the surrogate range must be a high and low surrogate pair"),
            )
        }
        S::InvalidEscape
        | S::InvalidEscapeInDoubleQuoteString
        | S::InvalidEscapeInSingleQuoteString
        | S::ExpectedTwoHexDigits => (
            format!("invalid escape {} in string", found(here)),
            range,
            Some(
                "json escapes are `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`",
            ),
        ),
    }
}

/// User text for a one-line message: control characters, unusual whitespace, byte order marks
/// and backticks escaped; long text cut.
fn show(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == MAX_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() || (c.is_whitespace() && c != ' ') || matches!(c, '\u{feff}' | '`') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

fn word_help(word: &str) -> &'static str {
    if ["true", "false", "null"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
    {
        "json literals are lowercase: `true`, `false`, `null`"
    } else if word == "NaN" || word == "Infinity" {
        "json has no `NaN` or `Infinity`; use a string or `null`"
    } else {
        "json strings are written in double quotes"
    }
}

/// The whole of a hexadecimal literal such as `-0x1F` starting at `start`.
fn hex_literal(body: &str, start: usize) -> Range {
    let len = body
        .get(start..)
        .unwrap_or("")
        .bytes()
        .take_while(|b| b.is_ascii_hexdigit() || matches!(b, b'x' | b'X' | b'-'))
        .count();
    Range::new(start, start + len)
}
