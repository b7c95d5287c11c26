//! What the IAM rules share: every policy document a resource carries (identity, trust and
//! resource policies, written as mappings or as JSON strings), read with the `palisade_iam`
//! model, and the questions the rules ask of its statements, with *unknown* as an answer.
//!
//! Spans: a document written as a mapping is read from the resolved properties, so the model's
//! spans are the source spans. A document written as a JSON string is parsed from the string's
//! text, so its spans point into that text: every finding in it is reported at the string.

use palisade_core::{Severity, Span};
use palisade_doc::{Format, Node, Value};
use palisade_iam::{
    action_matches, parse_policy, BaseOperator, Effect, PolicyDocument, PolicyString,
    PrincipalKind, PrincipalValue, SetQualifier, Statement, ValueBlock,
};

use crate::resolve::{describe, PARTIAL_TAG};
use crate::rule::{Hit, Hits, ResourceCx};
use crate::template::Template;
use crate::value::{is_partial, is_unknown, text, Tri};

/// The resource types that carry identity policies: IAM roles, users, groups and policies, and
/// the SAM resources whose `Policies` become a role's.
pub(crate) const IDENTITY_POLICY_TYPES: &[&str] = &[
    "AWS::IAM::Role",
    "AWS::IAM::User",
    "AWS::IAM::Group",
    "AWS::IAM::Policy",
    "AWS::IAM::ManagedPolicy",
    "AWS::IAM::RolePolicy",
    "AWS::IAM::UserPolicy",
    "AWS::IAM::GroupPolicy",
    "AWS::Serverless::Function",
    "AWS::Serverless::StateMachine",
];

/// What a policy document is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Attached to a role, user or group: what that identity may do.
    Identity,
    /// A role's `AssumeRolePolicyDocument`: who may assume it.
    Trust,
    /// Attached to a resource (bucket, queue, topic, key): who may use it.
    Resource,
}

/// One policy document of a resource.
#[derive(Debug)]
pub(crate) struct Doc<'r> {
    /// What the document is for.
    pub(crate) kind: Kind,
    /// How messages name it (`inline policy `root``, `the trust policy`).
    pub(crate) label: String,
    /// The resolved property value that holds it (a mapping or a JSON string).
    pub(crate) holder: &'r Node,
    /// The tree parsed from a JSON string.
    json: Option<Node>,
    /// What the model read.
    pub(crate) policy: PolicyDocument,
    /// The whole document (or its `Statement`) is not known before deployment.
    opaque: bool,
    /// Statements that are not known before deployment: (position, span).
    unresolved: Vec<(usize, Span)>,
}

/// Whether a match was found, might be there once deployed, or is not there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// Found, at this span.
    Yes(Span),
    /// Decided by a value not known before deployment, at this span.
    Maybe(Span),
    /// Not there.
    No,
}

impl Found {
    /// Both must hold; the span of the first when both are found.
    pub(crate) fn and(self, other: Found) -> Found {
        match (self, other) {
            (Found::No, _) | (_, Found::No) => Found::No,
            (Found::Yes(s), Found::Yes(_)) => Found::Yes(s),
            (Found::Maybe(s), _) | (_, Found::Maybe(s)) => Found::Maybe(s),
        }
    }
}

/// Every policy document `cx`'s resource carries.
pub(crate) fn documents<'r>(cx: &ResourceCx<'r>) -> Vec<Doc<'r>> {
    let props: &'r Node = cx.props;
    let mut out = Vec::new();
    let mut single = |key: &str, kind: Kind, label: String| {
        if let Some(n) = props.get(key) {
            out.push(Doc::new(kind, label, n));
        }
    };
    match cx.resource.ty {
        "AWS::IAM::Role" => {
            single(
                "AssumeRolePolicyDocument",
                Kind::Trust,
                "the trust policy".into(),
            );
            inline_policies(props, &mut out);
        }
        "AWS::IAM::User" | "AWS::IAM::Group" => inline_policies(props, &mut out),
        "AWS::IAM::Policy" => single(
            "PolicyDocument",
            Kind::Identity,
            named(props, "PolicyName", "policy"),
        ),
        "AWS::IAM::ManagedPolicy" => single(
            "PolicyDocument",
            Kind::Identity,
            named(props, "ManagedPolicyName", "managed policy"),
        ),
        "AWS::IAM::RolePolicy" | "AWS::IAM::UserPolicy" | "AWS::IAM::GroupPolicy" => single(
            "PolicyDocument",
            Kind::Identity,
            named(props, "PolicyName", "inline policy"),
        ),
        "AWS::S3::BucketPolicy" => {
            single("PolicyDocument", Kind::Resource, "the bucket policy".into())
        }
        "AWS::SQS::QueuePolicy" => {
            single("PolicyDocument", Kind::Resource, "the queue policy".into());
        }
        "AWS::SNS::TopicPolicy" => {
            single("PolicyDocument", Kind::Resource, "the topic policy".into());
        }
        "AWS::KMS::Key" => single("KeyPolicy", Kind::Resource, "the key policy".into()),
        "AWS::Serverless::Function" | "AWS::Serverless::StateMachine" => {
            sam_policies(cx, props, &mut out);
        }
        _ => {}
    }
    out
}

/// The inline policy documents of a SAM function or state machine's `Policies`: a document, or
/// a list of managed policy names or ARNs, documents and SAM policy templates (documents and
/// expanded templates are read here; managed names by [`check_managed_policy_arns`]).
fn sam_policies<'r>(cx: &ResourceCx<'r>, props: &'r Node, out: &mut Vec<Doc<'r>>) {
    let Some(policies) = props.get("Policies") else {
        return;
    };
    if is_unknown(policies) {
        out.push(Doc::opaque(Kind::Identity, "`Policies`".into(), policies));
        return;
    }
    let items: Vec<&Node> = match policies.as_seq() {
        Some(items) => items.iter().collect(),
        None => vec![policies],
    };
    for (i, item) in items.into_iter().enumerate() {
        if item.get("Statement").is_some() {
            out.push(Doc::new(
                Kind::Identity,
                format!("inline policy {} of `Policies`", i + 1),
                item,
            ));
        } else if let (Some(name), Some(doc)) =
            (crate::sam::template_name(item), crate::sam::expand(item))
        {
            let doc = cx.resolver.resolve(&doc).unwrap_or(doc);
            out.push(Doc::built(
                Kind::Identity,
                format!("SAM policy template `{name}`"),
                item,
                doc,
            ));
        } else if is_unknown(item) && !item.is_map() {
            out.push(Doc::opaque(
                Kind::Identity,
                format!("`Policies[{i}]`"),
                item,
            ));
        }
    }
}

/// `what `Name`` when the name property is known, else `the what`.
fn named(props: &Node, key: &str, what: &str) -> String {
    match props.get(key).and_then(text) {
        Some(name) => format!("{what} `{name}`"),
        None => format!("the {what}"),
    }
}

/// `Policies[].PolicyDocument` of a role, user or group.
fn inline_policies<'r>(props: &'r Node, out: &mut Vec<Doc<'r>>) {
    let Some(list) = props.get("Policies") else {
        return;
    };
    if is_unknown(list) {
        out.push(Doc::opaque(Kind::Identity, "an inline policy".into(), list));
        return;
    }
    let Some(items) = list.as_seq() else {
        return;
    };
    for (i, item) in items.iter().enumerate() {
        let fallback = format!("inline policy {}", i + 1);
        if is_unknown(item) {
            out.push(Doc::opaque(Kind::Identity, fallback, item));
            continue;
        }
        let Some(document) = item.get("PolicyDocument") else {
            continue;
        };
        let label = match item.get("PolicyName").and_then(text) {
            Some(name) => format!("inline policy `{name}`"),
            None => fallback,
        };
        out.push(Doc::new(Kind::Identity, label, document));
    }
}

impl<'r> Doc<'r> {
    fn opaque(kind: Kind, label: String, holder: &'r Node) -> Self {
        Self {
            kind,
            label,
            holder,
            json: None,
            policy: empty_policy(holder.span),
            opaque: true,
            unresolved: Vec::new(),
        }
    }

    /// Read the document held by `holder` (a mapping, or a JSON string).
    pub(crate) fn new(kind: Kind, label: String, holder: &'r Node) -> Self {
        let mut json = None;
        match holder.as_str() {
            Some(s) if holder.tag.is_none() || is_partial(holder) => {
                let parsed = palisade_doc::parse(s, Format::Json);
                match parsed.root {
                    Some(mut root) if !parsed.errors.iter().any(|e| e.fatal) => {
                        if is_partial(holder) {
                            mark_placeholders(&mut root);
                        }
                        json = Some(root);
                    }
                    // A partly known text that is not JSON yet may become JSON once deployed;
                    // a fully known one is rejected by CloudFormation and holds no statements.
                    _ if is_partial(holder) => return Self::opaque(kind, label, holder),
                    _ => {
                        let mut doc = Self::opaque(kind, label, holder);
                        doc.opaque = false;
                        return doc;
                    }
                }
            }
            _ if is_unknown(holder) => return Self::opaque(kind, label, holder),
            _ => {}
        }
        Self::read(kind, label, holder, json)
    }

    /// A document built here rather than written in the template (a SAM policy template's
    /// expansion): every finding in it is reported at `holder`, the entry that asked for it.
    pub(crate) fn built(kind: Kind, label: String, holder: &'r Node, tree: Node) -> Self {
        Self::read(kind, label, holder, Some(tree))
    }

    fn read(kind: Kind, label: String, holder: &'r Node, json: Option<Node>) -> Self {
        let tree = json.as_ref().unwrap_or(holder);
        let mut opaque = false;
        let mut unresolved = Vec::new();
        match tree.get("Statement") {
            Some(s) if is_unknown(s) => opaque = true,
            Some(Node {
                value: Value::Seq(items),
                ..
            }) => {
                for (i, item) in items.iter().enumerate() {
                    if is_unknown(item) {
                        unresolved.push((i, item.span));
                    }
                }
            }
            _ => {}
        }
        let policy = parse_policy(tree).policy;
        Self {
            kind,
            label,
            holder,
            json,
            policy,
            opaque,
            unresolved,
        }
    }

    fn tree(&self) -> &Node {
        self.json.as_ref().unwrap_or(self.holder)
    }

    /// Where to report something found at `span` of the model.
    pub(crate) fn span(&self, span: Span) -> Span {
        if self.json.is_some() {
            self.holder.span
        } else {
            span
        }
    }

    /// The node of the document at `span` (preferring an unresolved one).
    pub(crate) fn node_at(&self, span: Span) -> Option<&Node> {
        find(self.tree(), span)
    }

    /// `statement `Sid` of <label>` or `statement 2 of <label>`.
    pub(crate) fn name(&self, st: &Statement) -> String {
        match &st.sid {
            Some(sid) if !sid.value.is_empty() => {
                format!("statement `{}` of {}", sid.value, self.label)
            }
            _ => format!("statement {} of {}", st.index + 1, self.label),
        }
    }

    /// A finding at `span` of the model.
    pub(crate) fn hit(
        &self,
        hits: &mut Hits,
        span: Span,
        severity: Option<Severity>,
        message: String,
    ) {
        hits.push(Hit {
            span: self.span(span),
            path: None,
            message,
            unknown: false,
            severity,
        });
    }

    /// The value at `span` decides `question` and is not known before deployment.
    pub(crate) fn unknown(&self, hits: &mut Hits, span: Span, question: &str) {
        let what = self
            .node_at(span)
            .map_or_else(|| "value".to_owned(), describe);
        hits.push(Hit {
            span: self.span(span),
            path: None,
            message: format!(
                "cannot tell whether {question}: the value `{what}` is not known before deployment"
            ),
            unknown: true,
            severity: None,
        });
    }

    /// Report the parts that cannot be read before deployment (the whole document, or some
    /// statements) as unknown for `what` (e.g. "allows every action"). Returns `true` when there
    /// is nothing else to check.
    pub(crate) fn unreadable(&self, hits: &mut Hits, what: &str) -> bool {
        if self.opaque {
            hits.unknown(self.holder, &format!("{} {what}", self.label));
            return true;
        }
        for (i, span) in &self.unresolved {
            self.unknown(
                hits,
                *span,
                &format!("statement {} of {} {what}", i + 1, self.label),
            );
        }
        false
    }

    /// The values of a block, quoted, at most three (`` `a`, `b`, `c` and 2 more ``). A value
    /// not known before deployment is shown as written (`` `arn:${AWS::Partition}:s3:::x` ``,
    /// `` `Ref Param` ``).
    pub(crate) fn quoted_values(&self, block: &ValueBlock) -> String {
        let shown: Vec<String> = block
            .values
            .iter()
            .map(|v| match v {
                PolicyString::Known { text, .. } => format!("`{text}`"),
                PolicyString::Unknown { span } => format!(
                    "`{}`",
                    self.node_at(*span)
                        .map_or_else(|| "value".to_owned(), describe)
                ),
            })
            .collect();
        let mut parts: Vec<String> = shown.iter().take(3).cloned().collect();
        let more = shown.len().saturating_sub(3);
        if more > 0 {
            parts.push(format!("{more} more"));
        }
        join(&parts)
    }

    /// Whether some statements are not known before deployment.
    pub(crate) fn has_unresolved(&self) -> bool {
        !self.unresolved.is_empty()
    }

    /// Report what an `Allow` statement was found to do: a finding when both its effect and the
    /// match are known, an unknown when either decides and is not known. `note` is appended to
    /// findings only.
    pub(crate) fn report(
        &self,
        hits: &mut Hits,
        st: &Statement,
        found: Found,
        severity: Option<Severity>,
        what: &str,
        note: &str,
    ) {
        let name = self.name(st);
        match (allow(st), found) {
            (Tri::False, _) | (_, Found::No) => {}
            (Tri::True, Found::Yes(span)) => {
                self.hit(hits, span, severity, format!("{name} {what}{note}"));
            }
            (Tri::Unknown, Found::Yes(_)) => {
                self.unknown(hits, st.effect.span, &format!("{name} {what}"));
            }
            (_, Found::Maybe(span)) => self.unknown(hits, span, &format!("{name} {what}")),
        }
    }

    /// Whether `Action` has `*` (every action of every service).
    pub(crate) fn star_action(&self, tpl: &Template<'_>, st: &Statement) -> Found {
        if let Some(span) = st.full_wildcard_action_span() {
            return Found::Yes(span);
        }
        self.maybe_in(tpl, positive(st.action.as_ref()), &is_full_wildcard_action)
    }

    /// The first `Action` value (not `NotAction`) that passes `test`, or an unknown one that
    /// might once deployed.
    pub(crate) fn action_where(
        &self,
        tpl: &Template<'_>,
        st: &Statement,
        test: &dyn Fn(&str) -> bool,
    ) -> Found {
        let block = positive(st.action.as_ref());
        if let Some((_, span)) = block.and_then(|b| b.known().find(|(p, _)| test(p))) {
            return Found::Yes(span);
        }
        self.maybe_in(tpl, block, test)
    }

    /// Whether `Resource` has `*`.
    pub(crate) fn star_resource(&self, tpl: &Template<'_>, st: &Statement) -> Found {
        if let Some(span) = st.wildcard_resource_span() {
            return Found::Yes(span);
        }
        self.maybe_in(tpl, positive(st.resource.as_ref()), &all_stars)
    }

    /// Whether `Principal` is everyone (`*`, or `*` under `AWS`).
    pub(crate) fn star_principal(&self, tpl: &Template<'_>, st: &Statement) -> Found {
        if let Some(span) = st.wildcard_principal_span() {
            return Found::Yes(span);
        }
        let Some(block) = st.principal.as_ref().filter(|p| !p.negated) else {
            return Found::No;
        };
        match &block.value {
            PrincipalValue::Unknown => {
                if self
                    .node_at(block.span)
                    .is_none_or(|n| may_be(tpl, n, &all_stars))
                {
                    Found::Maybe(block.span)
                } else {
                    Found::No
                }
            }
            PrincipalValue::Map(entries) => {
                for e in entries.iter().filter(|e| e.kind == PrincipalKind::Aws) {
                    for v in &e.values {
                        if let PolicyString::Unknown { span } = v {
                            if self
                                .node_at(*span)
                                .is_none_or(|n| may_be(tpl, n, &all_stars))
                            {
                                return Found::Maybe(*span);
                            }
                        }
                    }
                }
                Found::No
            }
            PrincipalValue::Wildcard => Found::Yes(block.span),
        }
    }

    /// Whether the action element covers `action` (wildcards, `NotAction`).
    pub(crate) fn grants(&self, tpl: &Template<'_>, st: &Statement, action: &str) -> Found {
        if let Some(span) = st.action_match_span(action) {
            return Found::Yes(span);
        }
        let Some(block) = st.action.as_ref() else {
            return Found::No;
        };
        let test = |g: &str| action_matches(g, action);
        if block.negated {
            // `NotAction` covers `action` unless a pattern excludes it. Known patterns do not
            // (else `action_match_span` answered); an unknown one might.
            if block.known().any(|(p, _)| action_matches(p, action)) {
                return Found::No;
            }
            return match self.maybe_in(tpl, Some(block), &test) {
                Found::Maybe(span) => Found::Maybe(span),
                _ => Found::Yes(block.span),
            };
        }
        self.maybe_in(tpl, Some(block), &test)
    }

    /// The first unknown value of `block` that might pass `test` once deployed.
    fn maybe_in(
        &self,
        tpl: &Template<'_>,
        block: Option<&ValueBlock>,
        test: &dyn Fn(&str) -> bool,
    ) -> Found {
        let Some(block) = block else {
            return Found::No;
        };
        for v in &block.values {
            if let PolicyString::Unknown { span } = v {
                if self.node_at(*span).is_none_or(|n| may_be(tpl, n, test)) {
                    return Found::Maybe(*span);
                }
            }
        }
        Found::No
    }
}

fn empty_policy(span: Span) -> PolicyDocument {
    PolicyDocument {
        version: None,
        id: None,
        statements: Vec::new(),
        span,
    }
}

/// In a JSON text that is only partly known, every string with a `${...}` placeholder is
/// partly known too.
fn mark_placeholders(node: &mut Node) {
    match &mut node.value {
        Value::String(s) if s.contains("${") => node.tag = Some(PARTIAL_TAG.to_owned()),
        Value::Seq(items) => items.iter_mut().for_each(mark_placeholders),
        Value::Map(entries) => entries
            .iter_mut()
            .for_each(|e| mark_placeholders(&mut e.value)),
        _ => {}
    }
}

/// The node with exactly `span`, preferring an unresolved one (a parameter list expands into
/// items that share the span of its `Ref`).
fn find(root: &Node, span: Span) -> Option<&Node> {
    let mut first = None;
    let mut todo = vec![root];
    while let Some(n) = todo.pop() {
        if n.span == span {
            if is_unknown(n) {
                return Some(n);
            }
            first = first.or(Some(n));
        }
        if n.span.start > span.start || n.span.end < span.end {
            continue;
        }
        match &n.value {
            Value::Seq(items) => todo.extend(items.iter()),
            Value::Map(entries) => todo.extend(entries.iter().map(|e| &e.value)),
            _ => {}
        }
    }
    first
}

/// The effect as a three-valued `Allow`.
pub(crate) fn allow(st: &Statement) -> Tri {
    match st.effect.value {
        Effect::Allow => Tri::True,
        Effect::Unknown => Tri::Unknown,
        _ => Tri::False,
    }
}

fn positive(block: Option<&ValueBlock>) -> Option<&ValueBlock> {
    block.filter(|b| !b.negated)
}

/// Non-empty and only `*`.
pub(crate) fn all_stars(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b == b'*')
}

/// `*` or `*:*`.
fn is_full_wildcard_action(s: &str) -> bool {
    match s.split_once(':') {
        None => all_stars(s),
        Some((service, name)) => all_stars(service) && all_stars(name),
    }
}

/// Whether an unresolved value might, once deployed, pass `test`. A partly known string is
/// tested as a pattern with `*` for each unknown part (the parts that are a template resource's
/// name or attribute, or a pseudo parameter, become a plain character: they are never `*`).
/// `Ref` to a resource or a pseudo parameter and `Fn::GetAtt` are names and ARNs: never `*`, an
/// action name or a service principal. Anything else might be anything. A known value is tested
/// as it is.
pub(crate) fn may_be(tpl: &Template<'_>, node: &Node, test: &dyn Fn(&str) -> bool) -> bool {
    if is_partial(node) {
        return node.as_str().is_some_and(|s| test(&as_pattern(tpl, s)));
    }
    if node.tag.is_some() {
        return true;
    }
    match node.single_entry() {
        Some(e) if e.key == "Ref" => e
            .value
            .as_str()
            .is_none_or(|name| !is_known_kind_of_name(tpl, name)),
        Some(e) if matches!(e.key.as_str(), "Fn::GetAtt" | "Fn::GetAZs" | "Fn::Cidr") => false,
        Some(e) if e.key.starts_with("Fn::") => true,
        _ => text(node).is_some_and(|t| test(&t)),
    }
}

/// A placeholder that names a template resource (or its attribute) or a pseudo parameter.
fn is_known_kind_of_name(tpl: &Template<'_>, name: &str) -> bool {
    let name = name.trim();
    if name.starts_with("Fn::GetAtt") {
        return true;
    }
    let name = name.strip_prefix("Ref ").unwrap_or(name);
    let base = name.split('.').next().unwrap_or(name);
    base.starts_with("AWS::") || tpl.resource(base).is_some()
}

/// A partly known string as a pattern: each `${...}` becomes `*`, or `\u{1}` for a placeholder
/// that is a name (see [`may_be`]).
fn as_pattern(tpl: &Template<'_>, s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        let (lit, after) = rest.split_at(i);
        out.push_str(lit);
        let after = after.get(2..).unwrap_or("");
        match after.find('}') {
            Some(end) => {
                let name = after.get(..end).unwrap_or("");
                out.push(if is_known_kind_of_name(tpl, name) {
                    '\u{1}'
                } else {
                    '*'
                });
                rest = after.get(end + 1..).unwrap_or("");
            }
            None => {
                out.push_str("${");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Condition keys that limit *who* a statement applies to (an account, an organization, a
/// network, a calling resource).
const RESTRICTING_KEYS: &[&str] = &[
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:userid",
    "aws:sourcevpce",
    "aws:sourcevpc",
    "aws:sourcevpcarn",
    "aws:sourceip",
    "kms:calleraccount",
    "s3:dataaccesspointaccount",
    "s3:dataaccesspointarn",
];

/// The condition keys (as written) that restrict who the statement applies to: a key of
/// [`RESTRICTING_KEYS`] under a positive operator, without `...IfExists` or `ForAllValues:`
/// (both hold when the key is absent), and without a value that matches everything (`*`,
/// `0.0.0.0/0`, `::/0`).
pub(crate) fn restricting_keys(st: &Statement) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Some(cond) = &st.condition else {
        return out;
    };
    for clause in &cond.clauses {
        let op = &clause.operator.value;
        if op.base.is_negated()
            || op.if_exists
            || op.set == Some(SetQualifier::ForAllValues)
            || matches!(
                op.base,
                BaseOperator::Null | BaseOperator::Bool | BaseOperator::Unknown(_)
            )
        {
            continue;
        }
        for entry in &clause.entries {
            let key = entry.key.value.to_ascii_lowercase();
            if !RESTRICTING_KEYS.contains(&key.as_str()) {
                continue;
            }
            let wide = entry.values.is_empty()
                || entry.values.iter().any(|v| {
                    v.value
                        .as_text()
                        .is_some_and(|t| all_stars(t) || t == "0.0.0.0/0" || t == "::/0")
                });
            if !wide && !out.iter().any(|k| k.eq_ignore_ascii_case(&entry.key.value)) {
                out.push(entry.key.value.clone());
            }
        }
    }
    out
}

/// ` (the statement has a `Condition` on `k1`, `k2`)`, or nothing without a condition.
pub(crate) fn condition_note(st: &Statement) -> String {
    let Some(cond) = st.condition.as_ref().filter(|c| !c.is_empty()) else {
        return String::new();
    };
    let mut keys: Vec<&str> = Vec::new();
    for entry in cond.clauses.iter().flat_map(|c| c.entries.iter()) {
        if !keys
            .iter()
            .any(|k| k.eq_ignore_ascii_case(&entry.key.value))
        {
            keys.push(&entry.key.value);
        }
    }
    let mut parts: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    if !cond.unresolved.is_empty() {
        parts.push("values not known before deployment".to_owned());
    }
    format!(" (the statement has a `Condition` on {})", join(&parts))
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn join(parts: &[String]) -> String {
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// The known text of the value at `span` in `block`.
pub(crate) fn value_at(block: Option<&ValueBlock>, span: Span) -> Option<&str> {
    block?.known().find(|(_, s)| *s == span).map(|(t, _)| t)
}

/// The name of an AWS managed policy ARN (`arn:<partition>:iam::aws:policy/<path/>Name`).
pub(crate) fn aws_managed_policy_name(arn: &str) -> Option<&str> {
    let rest = arn.strip_prefix("arn:")?;
    let (_partition, rest) = rest.split_once(':')?;
    let path = rest.strip_prefix("iam::aws:policy/")?;
    path.rsplit('/').next().filter(|n| !n.is_empty())
}

/// Report the entries of `ManagedPolicyArns` that attach one of the AWS managed policies
/// `names`, with `describe(name)` as the message; unknown entries that might be one of them are
/// reported as unknown.
pub(crate) fn check_managed_policy_arns(
    cx: &ResourceCx<'_>,
    hits: &mut Hits,
    names: &[&str],
    message: &dyn Fn(&str) -> String,
) {
    let sam = cx.resource.ty.starts_with("AWS::Serverless::");
    let key = if sam { "Policies" } else { "ManagedPolicyArns" };
    let Some(list) = cx.prop(key) else {
        return;
    };
    let might_be = |g: &str| {
        names.iter().any(|n| {
            ["aws", "aws-cn", "aws-us-gov"].iter().any(|p| {
                palisade_iam::glob_match(
                    g,
                    &format!("arn:{p}:iam::aws:policy/{n}"),
                    palisade_iam::CaseSensitivity::Sensitive,
                )
            })
        })
    };
    let question = format!(
        "`{key}` attaches {}",
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(" or ")
    );
    if is_unknown(list) && !is_partial(list) {
        if may_be(cx.template, list, &might_be) {
            hits.unknown(list, &question);
        }
        return;
    }
    // SAM also takes a bare AWS managed policy name, and a single string for the list.
    let list_items: Vec<&Node> = if sam && list.as_seq().is_none() {
        vec![list]
    } else {
        crate::value::items(list)
    };
    for item in list_items {
        if sam && item.is_map() && !is_unknown(item) {
            continue; // an inline document or a SAM policy template
        }
        if let Some(arn) = text(item) {
            let name = if sam && !arn.starts_with("arn:") {
                names.iter().copied().find(|n| *n == arn)
            } else {
                aws_managed_policy_name(&arn).filter(|n| names.contains(n))
            };
            if let Some(name) = name {
                let msg = message(name);
                hits.at(
                    item,
                    msg.replacen("`ManagedPolicyArns`", &format!("`{key}`"), 1),
                );
            }
        } else if is_unknown(item) && may_be(cx.template, item, &might_be) {
            hits.unknown(item, &question);
        }
    }
}
