//! Intrinsic functions: resolve what can be known before deployment, keep the rest *unknown*.
//!
//! The result of resolving a node is a new [`Node`] tree with the spans of the original nodes
//! (a substituted `!Ref Param` keeps the span of the `!Ref`, so findings point into the
//! resource). What cannot be known stays as it was written (`{"Fn::GetAtt": ...}`), and a string
//! that is only partly known (`arn:aws:s3:::${Bucket}/*`) carries the tag [`PARTIAL_TAG`], its
//! unknown parts left as `${...}` placeholders. See [`crate::value`] for the questions rules ask.

use std::collections::HashMap;

use palisade_doc::{Entry, Node, Span, Value};

use crate::template::Template;

/// Tag on a string whose text contains `${...}` placeholders for values not known before deployment.
pub const PARTIAL_TAG: &str = "!partial";

/// Parameter values given by the user (`--parameters FILE`).
pub type ParameterValues = HashMap<String, String>;

/// The template-wide part of resolution: parameter values and the conditions they decide.
#[derive(Debug)]
pub struct Base<'t, 'a> {
    /// The template.
    pub template: &'t Template<'a>,
    params: HashMap<&'a str, Option<ParamVal>>,
    decided: HashMap<&'a str, Option<bool>>,
}

#[derive(Clone, Debug)]
enum ParamVal {
    Str(String),
    List(Vec<String>),
}

/// A resolver for one scenario: the base plus an assignment of the conditions that the
/// parameter values do not decide.
#[derive(Debug, Clone)]
pub struct Resolver<'b, 't, 'a> {
    base: &'b Base<'t, 'a>,
    scenario: HashMap<String, bool>,
}

const MAX_CONDITION_DEPTH: usize = 32;

impl<'t, 'a> Base<'t, 'a> {
    /// Resolve parameter values (user value, else `Default`, else a single `AllowedValues` entry)
    /// and decide every condition that they decide.
    #[must_use]
    pub fn new(template: &'t Template<'a>, user: &ParameterValues) -> Self {
        let mut params = HashMap::new();
        for (name, p) in &template.parameters {
            let text: Option<String> = if let Some(v) = user.get(*name) {
                Some(v.clone())
            } else if let Some(d) = p.default {
                match &d.value {
                    Value::Seq(items) => Some(
                        items
                            .iter()
                            .filter_map(|i| i.scalar_text().map(|t| t.into_owned()))
                            .collect::<Vec<_>>()
                            .join(","),
                    ),
                    _ => d.scalar_text().map(|t| t.into_owned()),
                }
            } else if p.allowed_values.len() == 1 {
                p.allowed_values.first().cloned()
            } else {
                None
            };
            // SSM parameter types are looked up at deploy time: the text is a parameter name.
            let ssm = p.ty.starts_with("AWS::SSM::Parameter::Value");
            let val = match text {
                Some(_) if ssm => None,
                Some(t) if p.is_list() => Some(ParamVal::List(
                    t.split(',').map(|s| s.trim().to_string()).collect(),
                )),
                Some(t) => Some(ParamVal::Str(t)),
                None => None,
            };
            params.insert(*name, val);
        }
        let mut base = Self {
            template,
            params,
            decided: HashMap::new(),
        };
        let names: Vec<&'a str> = template.conditions.keys().copied().collect();
        let r = Resolver {
            base: &base,
            scenario: HashMap::new(),
        };
        let decided: HashMap<&'a str, Option<bool>> =
            names.iter().map(|n| (*n, r.condition(n, 0))).collect();
        base.decided = decided;
        base
    }

    /// Whether a condition is decided by the parameter values (and to what).
    #[must_use]
    pub fn decided(&self, name: &str) -> Option<bool> {
        self.decided.get(name).copied().flatten()
    }

    /// A resolver with no scenario assignments.
    #[must_use]
    pub fn resolver(&self) -> Resolver<'_, 't, 'a> {
        Resolver {
            base: self,
            scenario: HashMap::new(),
        }
    }

    /// A resolver with some undecided conditions assigned.
    #[must_use]
    pub fn scenario(&self, assign: HashMap<String, bool>) -> Resolver<'_, 't, 'a> {
        Resolver {
            base: self,
            scenario: assign,
        }
    }
}

enum Piece {
    Known(String),
    Placeholder(String),
}

impl Resolver<'_, '_, '_> {
    /// The template.
    #[must_use]
    pub fn template(&self) -> &Template<'_> {
        self.base.template
    }

    /// The scenario assignments.
    #[must_use]
    pub fn assignments(&self) -> &HashMap<String, bool> {
        &self.scenario
    }

    /// The truth of a condition in this scenario (`None`: undecided).
    #[must_use]
    pub fn condition(&self, name: &str, depth: usize) -> Option<bool> {
        if let Some(v) = self.scenario.get(name) {
            return Some(*v);
        }
        if depth == 0 {
            if let Some(v) = self.base.decided.get(name) {
                return *v;
            }
        }
        if depth > MAX_CONDITION_DEPTH {
            return None;
        }
        let def = self.base.template.conditions.get(name)?;
        self.eval_condition(def, depth + 1)
    }

    /// Evaluate a condition expression (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`).
    #[must_use]
    pub fn eval_condition(&self, node: &Node, depth: usize) -> Option<bool> {
        if depth > MAX_CONDITION_DEPTH {
            return None;
        }
        let e = node.single_entry()?;
        let args = e.value.as_seq();
        match e.key.as_str() {
            "Condition" => self.condition(e.value.as_str()?, depth + 1),
            "Fn::Equals" => {
                let [a, b] = args? else { return None };
                let a = self.resolve(a)?;
                let b = self.resolve(b)?;
                let (ta, tb) = (exact_text(&a)?, exact_text(&b)?);
                Some(ta == tb)
            }
            "Fn::Not" => {
                let [a] = args? else { return None };
                self.eval_condition(a, depth + 1).map(|v| !v)
            }
            "Fn::And" => {
                let mut all = Some(true);
                for a in args? {
                    match self.eval_condition(a, depth + 1) {
                        Some(false) => return Some(false),
                        Some(true) => {}
                        None => all = None,
                    }
                }
                all
            }
            "Fn::Or" => {
                let mut any = Some(false);
                for a in args? {
                    match self.eval_condition(a, depth + 1) {
                        Some(true) => return Some(true),
                        Some(false) => {}
                        None => any = None,
                    }
                }
                any
            }
            _ => None,
        }
    }

    /// Resolve a node. `None` means the value is `AWS::NoValue` (the key or item disappears).
    #[must_use]
    pub fn resolve(&self, node: &Node) -> Option<Node> {
        match &node.value {
            Value::Map(entries) => {
                if let [e] = entries.as_slice() {
                    if e.key == "Ref" || e.key.starts_with("Fn::") {
                        return self.intrinsic(node, e);
                    }
                }
                let mut out = Vec::with_capacity(entries.len());
                for e in entries {
                    if let Some(v) = self.resolve(&e.value) {
                        out.push(Entry {
                            key: e.key.clone(),
                            key_span: e.key_span,
                            value: v,
                        });
                    }
                }
                Some(Node {
                    span: node.span,
                    value: Value::Map(out),
                    tag: node.tag.clone(),
                })
            }
            Value::Seq(items) => Some(Node {
                span: node.span,
                value: Value::Seq(items.iter().filter_map(|i| self.resolve(i)).collect()),
                tag: node.tag.clone(),
            }),
            _ => Some(node.clone()),
        }
    }

    fn intrinsic(&self, node: &Node, e: &Entry) -> Option<Node> {
        let span = node.span;
        let keep = || Some(node.clone());
        match e.key.as_str() {
            "Ref" => {
                let Some(name) = e.value.as_str() else {
                    return keep();
                };
                if name == "AWS::NoValue" {
                    return None;
                }
                match self.reference(name) {
                    Some(ParamVal::Str(s)) => Some(Node::new(span, Value::String(s))),
                    Some(ParamVal::List(items)) => Some(Node::new(
                        span,
                        Value::Seq(
                            items
                                .into_iter()
                                .map(|s| Node::new(span, Value::String(s)))
                                .collect(),
                        ),
                    )),
                    None => keep(),
                }
            }
            "Fn::If" => {
                let Some([cond, yes, no]) = e.value.as_seq() else {
                    return keep();
                };
                let Some(name) = cond.as_str() else {
                    return keep();
                };
                match self.condition(name, 0) {
                    Some(true) => self.resolve(yes),
                    Some(false) => self.resolve(no),
                    None => keep(),
                }
            }
            "Fn::Sub" => self.sub(node, &e.value),
            "Fn::Join" => {
                let Some([delim, list]) = e.value.as_seq() else {
                    return keep();
                };
                let delim = self.resolve(delim)?;
                let Some(delim) = exact_text(&delim) else {
                    return keep();
                };
                let list = self.resolve(list)?;
                let Some(items) = list.as_seq() else {
                    return keep();
                };
                let mut pieces = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        pieces.push(Piece::Known(delim.clone()));
                    }
                    pieces.push(piece_of(item));
                }
                Some(from_pieces(span, pieces))
            }
            "Fn::Select" => {
                let Some([idx, list]) = e.value.as_seq() else {
                    return keep();
                };
                let idx = self.resolve(idx)?;
                let list = self.resolve(list)?;
                let i: usize = exact_text(&idx).and_then(|t| t.trim().parse().ok())?;
                match list.as_seq() {
                    Some(items) => items.get(i).cloned().map(|mut n| {
                        n.span = span;
                        n
                    }),
                    None => keep(),
                }
            }
            "Fn::Split" => {
                let Some([delim, text]) = e.value.as_seq() else {
                    return keep();
                };
                let (Some(d), Some(t)) = (self.resolve(delim), self.resolve(text)) else {
                    return keep();
                };
                match (exact_text(&d), exact_text(&t)) {
                    (Some(d), Some(t)) if !d.is_empty() => Some(Node::new(
                        span,
                        Value::Seq(
                            t.split(d.as_str())
                                .map(|s| Node::new(span, Value::String(s.to_string())))
                                .collect(),
                        ),
                    )),
                    _ => keep(),
                }
            }
            "Fn::FindInMap" => {
                let Some(args) = e.value.as_seq() else {
                    return keep();
                };
                let keys: Vec<Option<String>> = args
                    .iter()
                    .take(3)
                    .map(|a| self.resolve(a).as_ref().and_then(exact_text))
                    .collect();
                let (Some(Some(m)), Some(Some(k1)), Some(Some(k2))) =
                    (keys.first(), keys.get(1), keys.get(2))
                else {
                    return keep();
                };
                let found = self
                    .base
                    .template
                    .mappings
                    .and_then(|ms| ms.get(m))
                    .and_then(|m| m.get(k1))
                    .and_then(|m| m.get(k2));
                match found {
                    Some(v) => {
                        let mut v = self.resolve(v)?;
                        v.span = span;
                        Some(v)
                    }
                    None => {
                        // AWS::LanguageExtensions: [map, k1, k2, {DefaultValue: x}]
                        let default = args.get(3).and_then(|d| d.get("DefaultValue"));
                        match default {
                            Some(d) => self.resolve(d),
                            None => keep(),
                        }
                    }
                }
            }
            "Fn::Base64" => {
                let inner = self.resolve(&e.value)?;
                if exact_text(&inner).is_some() || inner.tag.as_deref() == Some(PARTIAL_TAG) {
                    Some(inner)
                } else {
                    keep()
                }
            }
            _ => keep(),
        }
    }

    /// The value of `Ref name`: a parameter's value or a pseudo-parameter known before deployment.
    fn reference(&self, name: &str) -> Option<ParamVal> {
        match name {
            "AWS::Partition" => return Some(ParamVal::Str("aws".into())),
            "AWS::URLSuffix" => return Some(ParamVal::Str("amazonaws.com".into())),
            _ => {}
        }
        self.base.params.get(name).cloned().flatten()
    }

    fn sub(&self, node: &Node, arg: &Node) -> Option<Node> {
        let (text, vars) = match &arg.value {
            Value::String(s) => (s.as_str(), None),
            Value::Seq(items) => match items.as_slice() {
                [t, v] => match t.as_str() {
                    Some(s) => (s, Some(v)),
                    None => return Some(node.clone()),
                },
                [t] => match t.as_str() {
                    Some(s) => (s, None),
                    None => return Some(node.clone()),
                },
                _ => return Some(node.clone()),
            },
            _ => return Some(node.clone()),
        };
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(i) = rest.find("${") {
            let (lit, after) = rest.split_at(i);
            pieces.push(Piece::Known(lit.to_string()));
            let after = after.get(2..).unwrap_or("");
            let Some(end) = after.find('}') else {
                pieces.push(Piece::Known(format!("${{{after}")));
                rest = "";
                break;
            };
            let name = after.get(..end).unwrap_or("");
            rest = after.get(end + 1..).unwrap_or("");
            if let Some(lit) = name.strip_prefix('!') {
                pieces.push(Piece::Known(format!("${{{lit}}}")));
                continue;
            }
            let name = name.trim();
            if let Some(v) = vars.and_then(|v| v.get(name)) {
                match self.resolve(v) {
                    Some(r) => pieces.push(piece_of(&r)),
                    None => pieces.push(Piece::Known(String::new())),
                }
                continue;
            }
            match self.reference(name) {
                Some(ParamVal::Str(s)) => pieces.push(Piece::Known(s)),
                Some(ParamVal::List(l)) => pieces.push(Piece::Known(l.join(","))),
                None => pieces.push(Piece::Placeholder(name.to_string())),
            }
        }
        pieces.push(Piece::Known(rest.to_string()));
        Some(from_pieces(node.span, pieces))
    }
}

fn piece_of(node: &Node) -> Piece {
    if let Some(t) = exact_text(node) {
        return Piece::Known(t);
    }
    if node.tag.as_deref() == Some(PARTIAL_TAG) {
        if let Some(s) = node.as_str() {
            // Already has placeholders: keep its text as an unknown piece.
            return Piece::Placeholder(format!("{s}\u{0}"));
        }
    }
    Piece::Placeholder(describe(node))
}

fn from_pieces(span: Span, pieces: Vec<Piece>) -> Node {
    let mut out = String::new();
    let mut partial = false;
    for p in pieces {
        match p {
            Piece::Known(s) => out.push_str(&s),
            Piece::Placeholder(name) => {
                partial = true;
                if let Some(raw) = name.strip_suffix('\u{0}') {
                    out.push_str(raw);
                } else {
                    out.push_str("${");
                    out.push_str(&name);
                    out.push('}');
                }
            }
        }
    }
    let mut n = Node::new(span, Value::String(out));
    if partial {
        n.tag = Some(PARTIAL_TAG.to_string());
    }
    n
}

/// The exact text of a fully known scalar (strings without tags, numbers, booleans).
#[must_use]
pub fn exact_text(node: &Node) -> Option<String> {
    if node.tag.is_some() {
        return None;
    }
    node.scalar_text().map(|t| t.into_owned())
}

/// A short description of an unresolved value, for messages: ``!GetAtt Role.Arn``, ``!Ref Bucket``.
#[must_use]
pub fn describe(node: &Node) -> String {
    if let Some(tag) = &node.tag {
        if tag == PARTIAL_TAG {
            return node.as_str().unwrap_or("").to_string();
        }
        return tag.clone();
    }
    match node.single_entry() {
        Some(e) if e.key == "Ref" => format!("Ref {}", e.value.as_str().unwrap_or("?")),
        Some(e) if e.key == "Fn::GetAtt" => match &e.value.value {
            Value::Seq(items) => format!(
                "Fn::GetAtt {}",
                items
                    .iter()
                    .filter_map(|i| i.as_str())
                    .collect::<Vec<_>>()
                    .join(".")
            ),
            Value::String(s) => format!("Fn::GetAtt {s}"),
            _ => "Fn::GetAtt".into(),
        },
        Some(e) if e.key.starts_with("Fn::") => e.key.clone(),
        _ => "value".into(),
    }
}
