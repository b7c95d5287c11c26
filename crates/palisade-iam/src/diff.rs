//! Effective-permission differences: which action/resource pairs a change to a policy (or to a
//! whole account) makes allowed or denied.
//!
//! The question "what does this change grant?" is answered by evaluation, not by comparing
//! text: every action named in either version (wildcards and `NotAction` expanded through the
//! action catalog) is paired with every resource named in either version (plus `*`, standing for
//! resources neither version names), and both versions are evaluated on each pair with the
//! evaluation engine. A pair whose outcome differs is a change. A grant that holds only under the
//! statement's conditions is reported as *conditional*, so that adding or removing a condition
//! shows up as a change too.
//!
//! Resources are paired only with actions of their own service (an S3 ARN with `s3:` actions),
//! and policy variables are kept as written (`${aws:username}` stands for itself).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::account::{Access, Account, StoredPolicy};
use crate::catalog::Catalog;
use crate::eval::{evaluate, Decision, Named, Policies, Principal, Request, RequestContext};
use crate::policy::{has_wildcard, PolicyDocument};

/// The policies of one side of a comparison.
#[derive(Clone, Debug, Default)]
pub struct PolicySet<'p> {
    /// Identity-based policies (or SCPs: they are compared the same way).
    pub identity: Vec<Named<'p>>,
    /// A permissions boundary.
    pub boundary: Option<Named<'p>>,
}

/// One action/resource pair whose outcome changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The principal (for account comparisons), else `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    /// `service:Action`.
    pub action: String,
    /// The resource, as named in the policies (`*` for any other resource).
    pub resource: String,
    /// Before.
    pub before: Access,
    /// After.
    pub after: Access,
}

impl Change {
    /// `granted`, `revoked`, `now-conditional`, `now-unconditional`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match (self.before, self.after) {
            (Access::Denied, _) => "granted",
            (_, Access::Denied) => "revoked",
            (Access::Allowed, Access::Conditional) => "now-conditional",
            _ => "now-unconditional",
        }
    }
}

/// Changes grouped for people: the actions of one service that changed the same way on the same
/// resource, collapsed to `service:*` when they are all of the service's actions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangeGroup {
    /// The principal, for account comparisons.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    /// See [`Change::kind`].
    pub kind: &'static str,
    /// The resource.
    pub resource: String,
    /// The actions (or `service:*`).
    pub actions: Vec<String>,
    /// How many actions the group stands for.
    pub count: usize,
}

/// The resources a document names (Resource and NotResource values).
fn resources_of(doc: &PolicyDocument, out: &mut Vec<String>) {
    for st in &doc.statements {
        if let Some(r) = &st.resource {
            for (text, _) in r.known() {
                if !out.iter().any(|o| o == text) {
                    out.push(text.to_owned());
                }
            }
        }
    }
}

/// The actions a document can affect: its Action values expanded through the catalog (actions
/// that are not in the catalog kept as written), and every catalog action for `NotAction`.
fn actions_of(doc: &PolicyDocument, catalog: Option<&Catalog>, out: &mut Vec<String>) {
    let push = |a: String, out: &mut Vec<String>| {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&a)) {
            out.push(a);
        }
    };
    for st in &doc.statements {
        let Some(block) = &st.action else { continue };
        if block.negated {
            if let Some(c) = catalog {
                for s in c.services() {
                    for a in s.actions() {
                        push(a.full_name(), out);
                    }
                }
            }
            continue;
        }
        for (text, _) in block.known() {
            match catalog {
                Some(c) if has_wildcard(text) => {
                    for a in c.expand(text) {
                        push(a.full_name(), out);
                    }
                }
                _ => push(text.to_owned(), out),
            }
        }
    }
}

/// Variables used in resources, so that each stands for itself.
fn literal_variables(docs: &[&PolicyDocument], ctx: &mut RequestContext) {
    for doc in docs {
        for st in &doc.statements {
            let Some(r) = &st.resource else { continue };
            for (text, _) in r.known() {
                let mut rest = text;
                while let Some(start) = rest.find("${") {
                    let Some(len) = rest.get(start..).and_then(|t| t.find('}')) else {
                        break;
                    };
                    if let Some(name) = rest.get(start + 2..start + len) {
                        let key = name.split(',').next().unwrap_or(name).trim();
                        if key.contains(':') {
                            ctx.set(key, format!("${{{key}}}"));
                        }
                    }
                    rest = rest.get(start + len..).unwrap_or("");
                }
            }
        }
    }
}

/// The service of an ARN (`s3` for `arn:aws:s3:::b`), or `None` for `*` and non-ARNs.
fn arn_service(resource: &str) -> Option<&str> {
    let mut parts = resource.split(':');
    (parts.next() == Some("arn"))
        .then(|| parts.nth(1))
        .flatten()
        .filter(|s| !s.is_empty() && !has_wildcard(s))
}

/// Whether a resource as written in a policy can name a resource of an ARN format
/// (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`): literal parts must agree; a
/// placeholder stands for text without `/`, except a last one that follows a `/` (object keys,
/// paths), which may hold anything.
fn format_fits(format: &str, resource: &str) -> bool {
    let mut parts: Vec<Option<&str>> = Vec::new();
    let mut rest = format;
    while let Some(start) = rest.find("${") {
        if start > 0 {
            parts.push(rest.get(..start));
        }
        let Some(end) = rest.get(start..).and_then(|t| t.find('}')) else {
            break;
        };
        parts.push(None);
        rest = rest.get(start + end + 1..).unwrap_or("");
    }
    if !rest.is_empty() {
        parts.push(Some(rest));
    }
    fits(&parts, resource, false)
}

fn fits(parts: &[Option<&str>], text: &str, after_slash: bool) -> bool {
    match parts.split_first() {
        None => text.is_empty(),
        Some((Some(lit), rest)) => text
            .strip_prefix(lit)
            .is_some_and(|t| fits(rest, t, lit.ends_with('/'))),
        Some((None, rest)) => {
            let last = after_slash && rest.is_empty();
            (1..=text.len()).any(|n| {
                text.get(..n).is_some_and(|head| {
                    (last || !head.contains('/')) && fits(rest, text.get(n..).unwrap_or(""), false)
                })
            }) || (text.is_empty() && rest.is_empty())
        }
    }
}

fn decide(set: &PolicySet<'_>, request: &mut Request) -> Access {
    let policies = Policies {
        identity: set.identity.clone(),
        boundary: set.boundary,
        ..Policies::default()
    };
    request.context.set_partial(false);
    if evaluate(request, &policies).decision == Decision::Allowed {
        return Access::Allowed;
    }
    request.context.set_partial(true);
    let d = evaluate(request, &policies).decision;
    request.context.set_partial(false);
    if d == Decision::Allowed {
        Access::Conditional
    } else {
        Access::Denied
    }
}

/// Every action/resource pair whose outcome differs between `old` and `new`, for `principal`
/// (`None`: a user of account 111122223333 standing for "whoever the policies are attached to").
#[must_use]
pub fn diff(old: &PolicySet<'_>, new: &PolicySet<'_>, principal: Option<&str>) -> Vec<Change> {
    let catalog = Catalog::load_error().is_none().then(Catalog::get);
    let docs: Vec<&PolicyDocument> = old
        .identity
        .iter()
        .chain(new.identity.iter())
        .chain(old.boundary.iter())
        .chain(new.boundary.iter())
        .map(|n| n.doc)
        .collect();
    let mut actions = Vec::new();
    let mut resources = vec!["*".to_owned()];
    for d in &docs {
        actions_of(d, catalog, &mut actions);
        resources_of(d, &mut resources);
    }
    let mut context = RequestContext::new();
    literal_variables(&docs, &mut context);
    let who = match principal {
        Some(arn) if arn.contains(":role/") => Principal::RoleSession {
            role_arn: arn.to_owned(),
            session_arn: crate::account::session_arn(arn),
        },
        Some(arn) => Principal::User {
            arn: arn.to_owned(),
        },
        None => Principal::User {
            arn: "arn:aws:iam::111122223333:user/policy-holder".to_owned(),
        },
    };
    let mut request = Request {
        principal: who,
        action: String::new(),
        resource: String::new(),
        resource_account: None,
        context,
    };
    let mut out = Vec::new();
    for a in &actions {
        let service = a.split(':').next().unwrap_or("").to_ascii_lowercase();
        for r in &resources {
            if arn_service(r).is_some_and(|s| !s.eq_ignore_ascii_case(&service)) {
                continue;
            }
            if r != "*" {
                if let Some(info) = catalog.and_then(|c| c.action(a)) {
                    let fits = info.resource_types.iter().any(|rt| {
                        catalog
                            .and_then(|c| c.resource_type(&info.service, &rt.name))
                            .is_some_and(|t| t.arn_formats.iter().any(|f| format_fits(f, r)))
                    });
                    if !fits {
                        continue;
                    }
                }
            }
            request.action.clone_from(a);
            request.resource.clone_from(r);
            let before = decide(old, &mut request);
            let after = decide(new, &mut request);
            if before != after {
                out.push(Change {
                    principal: principal.map(str::to_owned),
                    action: a.clone(),
                    resource: r.clone(),
                    before,
                    after,
                });
            }
        }
    }
    out.sort_by(|x, y| {
        (&x.principal, x.kind(), &x.resource, &x.action).cmp(&(
            &y.principal,
            y.kind(),
            &y.resource,
            &y.action,
        ))
    });
    out
}

/// The changes between two account exports, principal by principal (users and roles matched by
/// ARN; a principal only on one side is compared with nothing).
#[must_use]
pub fn diff_accounts(old: &Account, new: &Account) -> Vec<Change> {
    let mut arns: Vec<&str> = old
        .entities
        .iter()
        .chain(new.entities.iter())
        .map(|e| e.arn.as_str())
        .collect();
    arns.sort_unstable();
    arns.dedup();
    let side = |acct: &'_ Account, arn: &str| -> Vec<StoredPolicy> {
        acct.entity(arn)
            .filter(|e| e.arn == arn)
            .map(|e| {
                let p = acct.policies_of(e);
                p.identity.into_iter().cloned().collect()
            })
            .unwrap_or_default()
    };
    let boundary = |acct: &'_ Account, arn: &str| -> Option<StoredPolicy> {
        acct.entity(arn)
            .filter(|e| e.arn == arn)
            .and_then(|e| acct.policies_of(e).boundary.cloned())
    };
    let mut out = Vec::new();
    for arn in arns {
        let (oi, ni) = (side(old, arn), side(new, arn));
        let (ob, nb) = (boundary(old, arn), boundary(new, arn));
        let shapes = |v: &[StoredPolicy], b: &Option<StoredPolicy>| {
            let mut all: Vec<String> = v.iter().map(|p| shape(&p.doc)).collect();
            all.sort();
            (all, b.as_ref().map(|p| shape(&p.doc)))
        };
        if shapes(&oi, &ob) == shapes(&ni, &nb) {
            continue;
        }
        let o = PolicySet {
            identity: oi.iter().map(StoredPolicy::named).collect(),
            boundary: ob.as_ref().map(StoredPolicy::named),
        };
        let n = PolicySet {
            identity: ni.iter().map(StoredPolicy::named).collect(),
            boundary: nb.as_ref().map(StoredPolicy::named),
        };
        out.extend(diff(&o, &n, Some(arn)));
    }
    out
}

/// What a document says, without where it says it: equal shapes grant the same.
fn shape(doc: &PolicyDocument) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = write!(out, "{:?}|", doc.version.as_ref().map(|v| &v.value));
    for st in &doc.statements {
        let _ = write!(out, "[{}", st.effect.value);
        for (name, block) in [("A", &st.action), ("R", &st.resource)] {
            if let Some(b) = block {
                let _ = write!(out, "{name}{}:", b.negated);
                for v in &b.values {
                    let _ = write!(out, "{:?},", v.known());
                }
            }
        }
        if let Some(p) = &st.principal {
            let _ = write!(out, "P{}:", p.negated);
            match &p.value {
                crate::policy::PrincipalValue::Wildcard => out.push('*'),
                crate::policy::PrincipalValue::Unknown => out.push('?'),
                crate::policy::PrincipalValue::Map(entries) => {
                    for e in entries {
                        let _ = write!(out, "{}=", e.kind.as_str());
                        for v in &e.values {
                            let _ = write!(out, "{:?},", v.known());
                        }
                    }
                }
            }
        }
        if let Some(c) = &st.condition {
            let _ = write!(out, "C{}:", c.unresolved.len());
            for clause in &c.clauses {
                let _ = write!(out, "{}{{", clause.operator.value);
                for e in &clause.entries {
                    let _ = write!(out, "{}=", e.key.value.to_ascii_lowercase());
                    for v in &e.values {
                        let _ = write!(out, "{:?},", v.value);
                    }
                }
                out.push('}');
            }
        }
        out.push(']');
    }
    out
}

/// Group changes for reading (see [`ChangeGroup`]).
#[must_use]
pub fn group(changes: &[Change]) -> Vec<ChangeGroup> {
    let catalog = Catalog::load_error().is_none().then(Catalog::get);
    let mut groups: BTreeMap<(Option<String>, &'static str, String, String), Vec<String>> =
        BTreeMap::new();
    for c in changes {
        let service = c
            .action
            .split(':')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        groups
            .entry((c.principal.clone(), c.kind(), c.resource.clone(), service))
            .or_default()
            .push(c.action.clone());
    }
    groups
        .into_iter()
        .map(|((principal, kind, resource, service), mut actions)| {
            let count = actions.len();
            let total = catalog
                .and_then(|c| c.service(&service))
                .map_or(0, |s| s.actions().count());
            if total > 1 && count == total {
                actions = vec![format!("{service}:*")];
            }
            ChangeGroup {
                principal,
                kind,
                resource,
                actions,
                count,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_fit_formats_segment_by_segment() {
        let bucket = "arn:${Partition}:s3:::${BucketName}";
        let object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
        assert!(format_fits(bucket, "arn:aws:s3:::prod-data"));
        assert!(!format_fits(bucket, "arn:aws:s3:::prod-data/*"));
        assert!(format_fits(object, "arn:aws:s3:::prod-data/*"));
        assert!(format_fits(object, "arn:aws:s3:::prod-data/a/b.csv"));
        assert!(!format_fits(object, "arn:aws:s3:::prod-data"));
        let role = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
        assert!(format_fits(
            role,
            "arn:aws:iam::111122223333:role/service/*"
        ));
        let c = Catalog::get();
        let info = c.action("s3:ListBucket").expect("in catalog");
        let formats: Vec<_> = info
            .resource_types
            .iter()
            .filter_map(|rt| c.resource_type(&info.service, &rt.name))
            .flat_map(|t| t.arn_formats.clone())
            .collect();
        assert!(
            formats
                .iter()
                .all(|f| !format_fits(f, "arn:aws:s3:::prod-data/*")),
            "{formats:?}"
        );
    }
}
