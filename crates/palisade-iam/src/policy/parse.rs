//! Reading a [`PolicyDocument`] from a document node.
//!
//! The reader never fails and never stops at the first problem: it keeps what it can read and
//! reports every structural problem as a [`PolicyIssue`]. Values that are unresolved template
//! intrinsics (a one-key mapping `Ref` / `Fn::*`, or a node with a non-CloudFormation YAML tag)
//! are not problems: where a string is expected they become [`PolicyString::Unknown`], and where
//! a structure is expected (a statement, a whole `Condition`) they are skipped or recorded as
//! unresolved.

use palisade_core::Span;
use palisade_doc::{Entry, Node, Value};

use super::model::{
    ConditionBlock, ConditionClause, ConditionEntry, ConditionOperator, ConditionValue, Effect,
    PolicyDocument, PolicyIssue, PolicyString, PrincipalBlock, PrincipalEntry, PrincipalKind,
    PrincipalValue, Spanned, Statement, ValueBlock,
};

/// A policy document and the structural problems found while reading it.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedPolicy {
    /// What could be read.
    pub policy: PolicyDocument,
    /// Every problem, in the order found (document order).
    pub issues: Vec<PolicyIssue>,
}

/// Read a policy document from a node (the value of `PolicyDocument`, a bucket policy, a trust
/// policy, ...). Never panics; returns what it could read plus every problem found.
#[must_use]
pub fn parse_policy(node: &Node) -> ParsedPolicy {
    let mut reader = Reader::default();
    let policy = reader.document(node);
    ParsedPolicy {
        policy,
        issues: reader.issues,
    }
}

const VERSIONS: [&str; 2] = ["2012-10-17", "2008-10-17"];
const DOCUMENT_ELEMENTS: [&str; 3] = ["Version", "Id", "Statement"];
const STATEMENT_ELEMENTS: [&str; 9] = [
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Principal",
    "NotPrincipal",
    "Condition",
];

#[derive(Default)]
struct Reader {
    issues: Vec<PolicyIssue>,
}

impl Reader {
    fn issue(&mut self, code: &'static str, span: Span, message: String, help: Option<String>) {
        self.issues.push(PolicyIssue {
            code,
            message,
            span,
            help,
        });
    }

    fn unknown_element(&mut self, entry: &Entry, known: &[&str], place: &str) {
        let help = known
            .iter()
            .find(|k| k.eq_ignore_ascii_case(&entry.key))
            .map(|k| format!("element names are case-sensitive: use `{k}`"))
            .or_else(|| Some(format!("{place} elements are {}", list(known))));
        let code = if place == "principal" {
            "INVALID_PRINCIPAL_KEY"
        } else {
            "INVALID_POLICY_ELEMENT"
        };
        self.issue(
            code,
            entry.key_span,
            format!("unknown {place} element `{}`", entry.key),
            help,
        );
    }

    fn document(&mut self, node: &Node) -> PolicyDocument {
        let mut doc = PolicyDocument {
            version: None,
            id: None,
            statements: Vec::new(),
            span: node.span,
        };
        if is_unresolved(node) {
            return doc;
        }
        let Some(entries) = node.as_map() else {
            self.issue(
                "DATA_TYPE_MISMATCH",
                node.span,
                format!("a policy document must be a mapping, found {}", kind(node)),
                None,
            );
            return doc;
        };
        let mut has_statement = false;
        for entry in entries {
            match entry.key.as_str() {
                "Version" => {
                    doc.version = self.text("Version", &entry.value);
                    if let Some(v) = &doc.version {
                        if !VERSIONS.contains(&v.value.as_str()) {
                            self.issue(
                                "INVALID_VERSION",
                                v.span,
                                format!("unknown policy version `{}`", v.value),
                                Some("use `2012-10-17`".to_owned()),
                            );
                        }
                    }
                }
                "Id" => doc.id = self.text("Id", &entry.value),
                "Statement" => {
                    has_statement = true;
                    doc.statements = self.statements(&entry.value);
                }
                _ => self.unknown_element(entry, &DOCUMENT_ELEMENTS, "policy"),
            }
        }
        if !has_statement {
            self.issue(
                "MISSING_STATEMENT",
                node.span,
                "policy has no `Statement`".to_owned(),
                None,
            );
        }
        self.check_sids(&doc.statements);
        doc
    }

    fn statements(&mut self, node: &Node) -> Vec<Statement> {
        if is_unresolved(node) {
            return Vec::new();
        }
        match &node.value {
            Value::Map(_) => self.statement(node, 0).into_iter().collect(),
            Value::Seq(items) => {
                if items.is_empty() {
                    self.issue(
                        "MISSING_STATEMENT",
                        node.span,
                        "`Statement` is empty".to_owned(),
                        None,
                    );
                }
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(index, item)| self.statement(item, index))
                    .collect()
            }
            _ => {
                self.issue(
                    "DATA_TYPE_MISMATCH",
                    node.span,
                    format!(
                        "`Statement` must be a mapping or a list of mappings, found {}",
                        kind(node)
                    ),
                    None,
                );
                Vec::new()
            }
        }
    }

    fn statement(&mut self, node: &Node, index: usize) -> Option<Statement> {
        if is_unresolved(node) {
            return None;
        }
        let Some(entries) = node.as_map() else {
            self.issue(
                "DATA_TYPE_MISMATCH",
                node.span,
                format!("a statement must be a mapping, found {}", kind(node)),
                None,
            );
            return None;
        };
        let mut st = Statement {
            sid: None,
            effect: Spanned::new(Effect::Missing, node.span),
            action: None,
            resource: None,
            principal: None,
            condition: None,
            span: node.span,
            index,
        };
        let mut has_effect = false;
        for entry in entries {
            let value = &entry.value;
            match entry.key.as_str() {
                "Sid" => st.sid = self.text("Sid", value),
                "Effect" => {
                    has_effect = true;
                    st.effect = self.effect(value);
                }
                key @ ("Action" | "NotAction") => {
                    let block = self.value_block(entry, key == "NotAction");
                    self.set_once(&mut st.action, block, "Action", "NotAction");
                }
                key @ ("Resource" | "NotResource") => {
                    let block = self.value_block(entry, key == "NotResource");
                    self.set_once(&mut st.resource, block, "Resource", "NotResource");
                }
                key @ ("Principal" | "NotPrincipal") => {
                    let block = self.principal(entry, key == "NotPrincipal");
                    self.set_once(&mut st.principal, block, "Principal", "NotPrincipal");
                }
                "Condition" => st.condition = Some(self.condition(entry)),
                _ => self.unknown_element(entry, &STATEMENT_ELEMENTS, "statement"),
            }
        }
        if !has_effect {
            self.issue(
                "MISSING_EFFECT",
                node.span,
                "statement has no `Effect`".to_owned(),
                Some("add `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`".to_owned()),
            );
        }
        if st.action.is_none() {
            self.issue(
                "MISSING_ACTION",
                node.span,
                "statement has no `Action` or `NotAction`".to_owned(),
                None,
            );
        }
        Some(st)
    }

    /// Keep the first of `X` / `NotX` and report the second.
    fn set_once<B: Negatable>(&mut self, slot: &mut Option<B>, block: B, name: &str, not: &str) {
        if let Some(first) = slot {
            let message = if first.negated() == block.negated() {
                format!(
                    "duplicate `{}` in one statement",
                    if block.negated() { not } else { name }
                )
            } else {
                format!("a statement cannot have both `{name}` and `{not}`")
            };
            self.issue(
                "UNSUPPORTED_ELEMENT_COMBINATION",
                block.key_span(),
                message,
                None,
            );
        } else {
            *slot = Some(block);
        }
    }

    fn check_sids(&mut self, statements: &[Statement]) {
        let mut seen: Vec<&str> = Vec::new();
        let mut dupes = Vec::new();
        for sid in statements.iter().filter_map(|s| s.sid.as_ref()) {
            if seen.contains(&sid.value.as_str()) {
                dupes.push((sid.span, sid.value.clone()));
            } else {
                seen.push(&sid.value);
            }
        }
        for (span, sid) in dupes {
            self.issue(
                "UNIQUE_SIDS_RECOMMENDED",
                span,
                format!("duplicate `Sid` `{sid}`"),
                Some("statement ids must be unique within a policy".to_owned()),
            );
        }
    }

    /// A scalar element that must be text (`Version`, `Id`, `Sid`).
    fn text(&mut self, name: &str, node: &Node) -> Option<Spanned<String>> {
        match &node.value {
            _ if is_unresolved(node) => None,
            Value::String(s) | Value::Number(s) => Some(Spanned::new(s.clone(), node.span)),
            _ => {
                self.issue(
                    "DATA_TYPE_MISMATCH",
                    node.span,
                    format!("`{name}` must be a string, found {}", kind(node)),
                    None,
                );
                None
            }
        }
    }

    fn effect(&mut self, node: &Node) -> Spanned<Effect> {
        let effect = match node.as_str() {
            _ if is_unresolved(node) => Effect::Unknown,
            Some("Allow") => Effect::Allow,
            Some("Deny") => Effect::Deny,
            Some(other) => {
                let help = if other.eq_ignore_ascii_case("allow") {
                    "the value is case-sensitive: use `Allow`"
                } else if other.eq_ignore_ascii_case("deny") {
                    "the value is case-sensitive: use `Deny`"
                } else {
                    "use `Allow` or `Deny`"
                };
                self.issue(
                    "INVALID_EFFECT",
                    node.span,
                    format!("`Effect` must be `Allow` or `Deny`, found `{other}`"),
                    Some(help.to_owned()),
                );
                Effect::Invalid
            }
            None => {
                self.issue(
                    "INVALID_EFFECT",
                    node.span,
                    format!("`Effect` must be `Allow` or `Deny`, found {}", kind(node)),
                    None,
                );
                Effect::Invalid
            }
        };
        Spanned::new(effect, node.span)
    }

    /// `Action`, `NotAction`, `Resource`, `NotResource`.
    fn value_block(&mut self, entry: &Entry, negated: bool) -> ValueBlock {
        ValueBlock {
            negated,
            values: self.strings(&entry.key, &entry.value),
            key_span: entry.key_span,
            span: entry.value.span,
        }
    }

    /// A string or a list of strings.
    fn strings(&mut self, name: &str, node: &Node) -> Vec<PolicyString> {
        match &node.value {
            Value::Seq(items) if !is_unresolved(node) => {
                if items.is_empty() {
                    self.issue(
                        empty_code(name),
                        node.span,
                        format!("`{name}` is empty"),
                        None,
                    );
                }
                items
                    .iter()
                    .filter_map(|item| self.string_item(name, item))
                    .collect()
            }
            _ => self.string_item(name, node).into_iter().collect(),
        }
    }

    fn string_item(&mut self, name: &str, node: &Node) -> Option<PolicyString> {
        if is_unresolved(node) {
            return Some(PolicyString::Unknown { span: node.span });
        }
        match &node.value {
            Value::String(s) | Value::Number(s) => Some(PolicyString::Known {
                text: s.clone(),
                span: node.span,
            }),
            _ => {
                self.issue(
                    "DATA_TYPE_MISMATCH",
                    node.span,
                    format!("each `{name}` value must be a string, found {}", kind(node)),
                    None,
                );
                None
            }
        }
    }

    fn principal(&mut self, entry: &Entry, negated: bool) -> PrincipalBlock {
        let node = &entry.value;
        let name = entry.key.as_str();
        let value = match &node.value {
            _ if is_unresolved(node) => PrincipalValue::Unknown,
            Value::String(s) if s == "*" => PrincipalValue::Wildcard,
            Value::Map(entries) => {
                if entries.is_empty() {
                    self.issue(
                        "EMPTY_OBJECT_PRINCIPAL",
                        node.span,
                        format!("`{name}` is empty"),
                        None,
                    );
                }
                PrincipalValue::Map(
                    entries
                        .iter()
                        .map(|e| self.principal_entry(name, e))
                        .collect(),
                )
            }
            _ => {
                let found = match node.as_str() {
                    Some(s) => format!("`{s}`"),
                    None => kind(node).to_owned(),
                };
                self.issue(
                    "INVALID_PRINCIPAL_FORMAT",
                    node.span,
                    format!("`{name}` must be `*` or a mapping, found {found}"),
                    Some(
                        "name principals by kind, e.g. `{\"AWS\": \"arn:aws:iam::123456789012:root\"}`"
                            .to_owned(),
                    ),
                );
                PrincipalValue::Unknown
            }
        };
        PrincipalBlock {
            negated,
            value,
            key_span: entry.key_span,
            span: node.span,
        }
    }

    fn principal_entry(&mut self, name: &str, entry: &Entry) -> PrincipalEntry {
        let kind = match entry.key.as_str() {
            "AWS" => PrincipalKind::Aws,
            "Service" => PrincipalKind::Service,
            "Federated" => PrincipalKind::Federated,
            "CanonicalUser" => PrincipalKind::CanonicalUser,
            other => {
                self.unknown_element(
                    entry,
                    &["AWS", "Service", "Federated", "CanonicalUser"],
                    "principal",
                );
                PrincipalKind::Other(other.to_owned())
            }
        };
        let label = format!("{name}.{}", entry.key);
        PrincipalEntry {
            kind,
            key_span: entry.key_span,
            values: self.strings(&label, &entry.value),
            span: entry.value.span,
        }
    }

    fn condition(&mut self, entry: &Entry) -> ConditionBlock {
        let node = &entry.value;
        let mut block = ConditionBlock {
            clauses: Vec::new(),
            unresolved: Vec::new(),
            key_span: entry.key_span,
            span: node.span,
        };
        if is_unresolved(node) {
            block.unresolved.push(node.span);
            return block;
        }
        let Some(operators) = node.as_map() else {
            self.issue(
                "DATA_TYPE_MISMATCH",
                node.span,
                format!("`Condition` must be a mapping, found {}", kind(node)),
                None,
            );
            return block;
        };
        for op in operators {
            let operator = ConditionOperator::parse(&op.key);
            if !operator.is_known() {
                self.issue(
                    "INVALID_CONDITION_OPERATOR",
                    op.key_span,
                    format!("unknown condition operator `{}`", op.key),
                    Some(
                        "operator names are case-sensitive, e.g. `StringEquals`, \
                         `ForAnyValue:StringLike`, `ArnLikeIfExists`"
                            .to_owned(),
                    ),
                );
            }
            let value = &op.value;
            if is_unresolved(value) {
                block.unresolved.push(value.span);
                continue;
            }
            let Some(keys) = value.as_map() else {
                self.issue(
                    "DATA_TYPE_MISMATCH",
                    value.span,
                    format!(
                        "condition operator `{}` must map condition keys to values, found {}",
                        op.key,
                        kind(value)
                    ),
                    None,
                );
                continue;
            };
            let entries = keys.iter().map(|k| self.condition_entry(k)).collect();
            block.clauses.push(ConditionClause {
                operator: Spanned::new(operator, op.key_span),
                entries,
                span: value.span,
            });
        }
        block
    }

    fn condition_entry(&mut self, entry: &Entry) -> ConditionEntry {
        let node = &entry.value;
        let values = match &node.value {
            Value::Seq(items) if !is_unresolved(node) => items
                .iter()
                .filter_map(|item| self.condition_value(&entry.key, item))
                .collect(),
            _ => self.condition_value(&entry.key, node).into_iter().collect(),
        };
        ConditionEntry {
            key: Spanned::new(entry.key.clone(), entry.key_span),
            values,
            span: node.span,
        }
    }

    fn condition_value(&mut self, key: &str, node: &Node) -> Option<Spanned<ConditionValue>> {
        let value = match &node.value {
            _ if is_unresolved(node) => ConditionValue::Unknown,
            Value::String(s) => ConditionValue::String(s.clone()),
            Value::Number(s) => ConditionValue::Number(s.clone()),
            Value::Bool(b) => ConditionValue::Bool(*b),
            _ => {
                self.issue(
                    "DATA_TYPE_MISMATCH",
                    node.span,
                    format!(
                        "each value of condition key `{key}` must be a string, number or boolean, \
                         found {}",
                        kind(node)
                    ),
                    None,
                );
                return None;
            }
        };
        Some(Spanned::new(value, node.span))
    }
}

/// The Access Analyzer issue code for an empty list under `name`.
fn empty_code(name: &str) -> &'static str {
    if name.contains("Action") {
        "EMPTY_ARRAY_ACTION"
    } else if name.contains("Resource") {
        "EMPTY_ARRAY_RESOURCE"
    } else if name.contains("Principal") {
        "EMPTY_ARRAY_PRINCIPAL"
    } else {
        "DATA_TYPE_MISMATCH"
    }
}

/// `X` / `NotX` blocks, for [`Reader::set_once`].
trait Negatable {
    fn negated(&self) -> bool;
    fn key_span(&self) -> Span;
}

impl Negatable for ValueBlock {
    fn negated(&self) -> bool {
        self.negated
    }
    fn key_span(&self) -> Span {
        self.key_span
    }
}

impl Negatable for PrincipalBlock {
    fn negated(&self) -> bool {
        self.negated
    }
    fn key_span(&self) -> Span {
        self.key_span
    }
}

/// Whether a node is something the template layer left unresolved: a one-key mapping whose key
/// is `Ref` or `Fn::...`, or a node carrying a non-core YAML tag.
fn is_unresolved(node: &Node) -> bool {
    if node.tag.is_some() && !is_core_tag(node) {
        return true;
    }
    node.single_entry()
        .is_some_and(|e| e.key == "Ref" || e.key.starts_with("Fn::"))
}

/// Whether the node's tag is a YAML core-schema tag (`!!str`, `tag:yaml.org,2002:...`).
fn is_core_tag(node: &Node) -> bool {
    node.tag
        .as_deref()
        .is_some_and(|t| t.starts_with("!!") || t.starts_with("tag:yaml.org,2002:"))
}

/// What kind of node this is, for messages.
fn kind(node: &Node) -> &'static str {
    match node.value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Seq(_) => "a list",
        Value::Map(_) => "a mapping",
    }
}

/// `` `a`, `b` and `c` ``.
fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
