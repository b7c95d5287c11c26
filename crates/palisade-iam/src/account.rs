//! A whole account's IAM configuration, read from the output of
//! `aws iam get-account-authorization-details` (the standard export), and the queries over it:
//! the policies that apply to each user and role ([`Account::policies_of`]), who can do an action
//! on a resource ([`who_can`]).
//!
//! The export lists users (with their groups, inline and attached policies, permissions
//! boundary), groups, roles (with their trust policy and instance profiles) and managed policies
//! (every version; the default one applies). Policy documents come either as JSON objects (what
//! the AWS CLI prints) or as URL-encoded JSON strings (what the API returns); both are read.
//! A truncated export, or one of the wrong shape, gives an [`ExportError`] naming the field and
//! its line and column.

use std::collections::HashMap;

use palisade_core::{LineIndex, Span};
use palisade_doc::{Format, Node, Value};

use crate::eval::{
    evaluate, Decision, Evaluation, Named, Policies, Principal, Request, RequestContext,
    ResourcePolicyKind,
};
use crate::policy::{parse_policy, PolicyDocument};

/// Why an export could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at {field}, line {line}, column {column})")]
pub struct ExportError {
    /// What is wrong.
    pub message: String,
    /// The JSON path of the field, e.g. `RoleDetailList[3].Arn`.
    pub field: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// A policy read from the export, with the name explanations use.
#[derive(Clone, Debug)]
pub struct StoredPolicy {
    /// `user/alice:inline-name`, `arn:aws:iam::aws:policy/ReadOnlyAccess`, ...
    pub name: String,
    /// The document.
    pub doc: PolicyDocument,
}

impl StoredPolicy {
    /// The policy as the evaluation engine takes it.
    #[must_use]
    pub fn named(&self) -> Named<'_> {
        Named {
            name: &self.name,
            doc: &self.doc,
        }
    }
}

/// Users and roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// An IAM user.
    User,
    /// An IAM role.
    Role,
}

/// A user or a role.
#[derive(Clone, Debug)]
pub struct Entity {
    /// User or role.
    pub kind: EntityKind,
    /// Name.
    pub name: String,
    /// ARN.
    pub arn: String,
    /// Inline policies (for users: also those of their groups, resolved by [`Account`]).
    pub inline: Vec<StoredPolicy>,
    /// ARNs of attached managed policies.
    pub managed: Vec<String>,
    /// Group names (users).
    pub groups: Vec<String>,
    /// ARN of the permissions boundary.
    pub boundary: Option<String>,
    /// The trust policy (roles).
    pub trust: Option<StoredPolicy>,
    /// Whether the role is in an instance profile (so EC2 instances can run as it).
    pub instance_profiles: Vec<String>,
    /// Path (`/`, `/aws-service-role/`, ...).
    pub path: String,
}

impl Entity {
    /// The principal a request by this entity comes from (a role acts through a session).
    #[must_use]
    pub fn principal(&self) -> Principal {
        match self.kind {
            EntityKind::User => Principal::User {
                arn: self.arn.clone(),
            },
            EntityKind::Role => Principal::RoleSession {
                role_arn: self.arn.clone(),
                session_arn: session_arn(&self.arn),
            },
        }
    }

    /// Whether this is a service-linked role (SCPs do not apply to them).
    #[must_use]
    pub fn is_service_linked(&self) -> bool {
        self.kind == EntityKind::Role && self.path.starts_with("/aws-service-role/")
    }
}

/// The session ARN AWS gives a role's sessions (`role/path/name` → `assumed-role/name/…`).
#[must_use]
pub fn session_arn(role_arn: &str) -> String {
    let (head, resource) = role_arn.rsplit_once(':').unwrap_or((role_arn, ""));
    let name = resource.rsplit('/').next().unwrap_or(resource);
    let head = head.replacen(":iam:", ":sts:", 1);
    format!("{head}:assumed-role/{name}/palisade-session")
}

/// A group.
#[derive(Clone, Debug)]
pub struct Group {
    /// Name.
    pub name: String,
    /// ARN.
    pub arn: String,
    /// Inline policies.
    pub inline: Vec<StoredPolicy>,
    /// Attached managed policies.
    pub managed: Vec<String>,
}

/// The account, as exported.
#[derive(Clone, Debug, Default)]
pub struct Account {
    /// The account id (from the ARNs).
    pub id: Option<String>,
    /// Users and roles, in export order (users first).
    pub entities: Vec<Entity>,
    /// Groups by name.
    pub groups: HashMap<String, Group>,
    /// Managed policies by ARN (default version).
    pub managed: HashMap<String, StoredPolicy>,
    /// Attachments of managed policies that the export does not contain (AWS managed policies
    /// left out with `--filter`): their permissions are unknown.
    pub missing_policies: Vec<String>,
}

/// The policies that apply to one entity.
#[derive(Clone, Debug, Default)]
pub struct EntityPolicies<'a> {
    /// Identity-based policies (own inline, own managed, groups' inline and managed).
    pub identity: Vec<&'a StoredPolicy>,
    /// The permissions boundary.
    pub boundary: Option<&'a StoredPolicy>,
}

impl Account {
    /// Read an export.
    ///
    /// # Errors
    /// When the text is not JSON or the export is not of the documented shape.
    pub fn parse(text: &str) -> Result<Self, ExportError> {
        let parsed = palisade_doc::parse(text, Format::Json);
        let lines = LineIndex::new(text);
        let err = |field: &str, span: Span, message: String| {
            let p = lines.position(text, span.start);
            ExportError {
                message,
                field: field.to_owned(),
                line: p.line,
                column: p.column,
            }
        };
        if let Some(e) = parsed.errors.iter().find(|e| e.fatal) {
            return Err(err("$", e.span, format!("not valid JSON: {}", e.message)));
        }
        let Some(root) = parsed.root.as_ref() else {
            return Err(err("$", Span::default(), "the export is empty".into()));
        };
        let mut r = Reader {
            err: &err,
            account: Account::default(),
        };
        r.read(root)?;
        Ok(r.account)
    }

    /// The entity with this ARN or name (role or user).
    #[must_use]
    pub fn entity(&self, arn_or_name: &str) -> Option<&Entity> {
        self.entities
            .iter()
            .find(|e| e.arn == arn_or_name)
            .or_else(|| self.entities.iter().find(|e| e.name == arn_or_name))
    }

    /// The policies that apply to an entity.
    #[must_use]
    pub fn policies_of<'a>(&'a self, e: &'a Entity) -> EntityPolicies<'a> {
        let mut identity: Vec<&StoredPolicy> = e.inline.iter().collect();
        identity.extend(e.managed.iter().filter_map(|arn| self.managed.get(arn)));
        for g in e.groups.iter().filter_map(|g| self.groups.get(g)) {
            identity.extend(g.inline.iter());
            identity.extend(g.managed.iter().filter_map(|arn| self.managed.get(arn)));
        }
        EntityPolicies {
            identity,
            boundary: e.boundary.as_ref().and_then(|b| self.managed.get(b)),
        }
    }
}

type ErrFn<'t> = dyn Fn(&str, Span, String) -> ExportError + 't;

struct Reader<'e, 't> {
    err: &'e ErrFn<'t>,
    account: Account,
}

impl Reader<'_, '_> {
    fn read(&mut self, root: &Node) -> Result<(), ExportError> {
        let Some(entries) = root.as_map() else {
            return Err((self.err)(
                "$",
                root.span,
                "expected the JSON object printed by `aws iam get-account-authorization-details`"
                    .into(),
            ));
        };
        const LISTS: [&str; 4] = [
            "UserDetailList",
            "GroupDetailList",
            "RoleDetailList",
            "Policies",
        ];
        if !entries.iter().any(|e| LISTS.contains(&e.key.as_str())) {
            return Err((self.err)(
                "$",
                root.span,
                "none of UserDetailList, GroupDetailList, RoleDetailList or Policies is present: \
                 this is not an account authorization details export"
                    .into(),
            ));
        }
        // Managed policies first: users, groups and roles refer to them.
        for (i, p) in self.list(root, "Policies")?.iter().enumerate() {
            self.managed_policy(p, &format!("Policies[{i}]"))?;
        }
        for (i, g) in self.list(root, "GroupDetailList")?.iter().enumerate() {
            let f = format!("GroupDetailList[{i}]");
            let name = self.string(g, &f, "GroupName")?;
            let arn = self.string(g, &f, "Arn")?;
            let inline = self.inline(g, &f, "GroupPolicyList", &format!("group/{name}"))?;
            let managed = self.attached(g, &f)?;
            self.account.groups.insert(
                name.clone(),
                Group {
                    name,
                    arn,
                    inline,
                    managed,
                },
            );
        }
        for (i, u) in self.list(root, "UserDetailList")?.iter().enumerate() {
            let f = format!("UserDetailList[{i}]");
            let name = self.string(u, &f, "UserName")?;
            let arn = self.string(u, &f, "Arn")?;
            self.note_account(&arn);
            let inline = self.inline(u, &f, "UserPolicyList", &format!("user/{name}"))?;
            let managed = self.attached(u, &f)?;
            let mut groups = Vec::new();
            if let Some(list) = u.get("GroupList") {
                let Some(items) = list.as_seq() else {
                    return Err((self.err)(
                        &format!("{f}.GroupList"),
                        list.span,
                        "expected a list of group names".into(),
                    ));
                };
                for (j, g) in items.iter().enumerate() {
                    match g.as_str() {
                        Some(s) => groups.push(s.to_owned()),
                        None => {
                            return Err((self.err)(
                                &format!("{f}.GroupList[{j}]"),
                                g.span,
                                "expected a group name".into(),
                            ))
                        }
                    }
                }
            }
            let boundary = self.boundary(u, &f)?;
            let path = self
                .optional_string(u, &f, "Path")?
                .unwrap_or_else(|| "/".into());
            self.account.entities.push(Entity {
                kind: EntityKind::User,
                name,
                arn,
                inline,
                managed,
                groups,
                boundary,
                trust: None,
                instance_profiles: Vec::new(),
                path,
            });
        }
        for (i, r) in self.list(root, "RoleDetailList")?.iter().enumerate() {
            let f = format!("RoleDetailList[{i}]");
            let name = self.string(r, &f, "RoleName")?;
            let arn = self.string(r, &f, "Arn")?;
            self.note_account(&arn);
            let inline = self.inline(r, &f, "RolePolicyList", &format!("role/{name}"))?;
            let managed = self.attached(r, &f)?;
            let boundary = self.boundary(r, &f)?;
            let trust = match r.get("AssumeRolePolicyDocument") {
                Some(n) => Some(StoredPolicy {
                    name: format!("role/{name}:trust"),
                    doc: self.document(n, &format!("{f}.AssumeRolePolicyDocument"))?,
                }),
                None => None,
            };
            let mut instance_profiles = Vec::new();
            if let Some(list) = r.get("InstanceProfileList").and_then(Node::as_seq) {
                for (j, p) in list.iter().enumerate() {
                    let pf = format!("{f}.InstanceProfileList[{j}]");
                    instance_profiles.push(self.string(p, &pf, "Arn")?);
                }
            }
            let path = self
                .optional_string(r, &f, "Path")?
                .unwrap_or_else(|| "/".into());
            self.account.entities.push(Entity {
                kind: EntityKind::Role,
                name,
                arn,
                inline,
                managed,
                groups: Vec::new(),
                boundary,
                trust,
                instance_profiles,
                path,
            });
        }
        let mut missing: Vec<String> = Vec::new();
        for e in &self.account.entities {
            for arn in e.managed.iter().chain(e.boundary.iter()) {
                if !self.account.managed.contains_key(arn) && !missing.contains(arn) {
                    missing.push(arn.clone());
                }
            }
        }
        for g in self.account.groups.values() {
            for arn in &g.managed {
                if !self.account.managed.contains_key(arn) && !missing.contains(arn) {
                    missing.push(arn.clone());
                }
            }
        }
        missing.sort();
        self.account.missing_policies = missing;
        Ok(())
    }

    fn note_account(&mut self, arn: &str) {
        if self.account.id.is_none() {
            if let Some(acct) = arn.split(':').nth(4).filter(|a| !a.is_empty()) {
                self.account.id = Some(acct.to_owned());
            }
        }
    }

    fn list<'n>(&self, node: &'n Node, key: &str) -> Result<&'n [Node], ExportError> {
        match node.get(key) {
            None => Ok(&[]),
            Some(n) => n
                .as_seq()
                .ok_or_else(|| (self.err)(key, n.span, format!("`{key}` must be a list"))),
        }
    }

    fn string(&self, node: &Node, field: &str, key: &str) -> Result<String, ExportError> {
        match node.get(key) {
            Some(n) => n.as_str().map(str::to_owned).ok_or_else(|| {
                (self.err)(
                    &format!("{field}.{key}"),
                    n.span,
                    "expected a string".into(),
                )
            }),
            None => Err((self.err)(
                field,
                node.span,
                format!("`{key}` is missing (is the export truncated?)"),
            )),
        }
    }

    fn optional_string(
        &self,
        node: &Node,
        field: &str,
        key: &str,
    ) -> Result<Option<String>, ExportError> {
        match node.get(key) {
            Some(_) => self.string(node, field, key).map(Some),
            None => Ok(None),
        }
    }

    fn attached(&self, node: &Node, field: &str) -> Result<Vec<String>, ExportError> {
        let mut out = Vec::new();
        let Some(list) = node.get("AttachedManagedPolicies") else {
            return Ok(out);
        };
        let Some(items) = list.as_seq() else {
            return Err((self.err)(
                &format!("{field}.AttachedManagedPolicies"),
                list.span,
                "expected a list".into(),
            ));
        };
        for (i, p) in items.iter().enumerate() {
            out.push(self.string(
                p,
                &format!("{field}.AttachedManagedPolicies[{i}]"),
                "PolicyArn",
            )?);
        }
        Ok(out)
    }

    fn boundary(&self, node: &Node, field: &str) -> Result<Option<String>, ExportError> {
        match node.get("PermissionsBoundary") {
            Some(b) => self
                .string(
                    b,
                    &format!("{field}.PermissionsBoundary"),
                    "PermissionsBoundaryArn",
                )
                .map(Some),
            None => Ok(None),
        }
    }

    fn inline(
        &self,
        node: &Node,
        field: &str,
        key: &str,
        owner: &str,
    ) -> Result<Vec<StoredPolicy>, ExportError> {
        let mut out = Vec::new();
        let Some(list) = node.get(key) else {
            return Ok(out);
        };
        let Some(items) = list.as_seq() else {
            return Err((self.err)(
                &format!("{field}.{key}"),
                list.span,
                "expected a list".into(),
            ));
        };
        for (i, p) in items.iter().enumerate() {
            let f = format!("{field}.{key}[{i}]");
            let name = self.string(p, &f, "PolicyName")?;
            let Some(doc) = p.get("PolicyDocument") else {
                return Err((self.err)(&f, p.span, "`PolicyDocument` is missing".into()));
            };
            out.push(StoredPolicy {
                name: format!("{owner}:{name}"),
                doc: self.document(doc, &format!("{f}.PolicyDocument"))?,
            });
        }
        Ok(out)
    }

    fn managed_policy(&mut self, p: &Node, field: &str) -> Result<(), ExportError> {
        let arn = self.string(p, field, "Arn")?;
        let default = self.optional_string(p, field, "DefaultVersionId")?;
        let versions = self.list(p, "PolicyVersionList")?;
        let mut chosen = None;
        for (i, v) in versions.iter().enumerate() {
            let f = format!("{field}.PolicyVersionList[{i}]");
            let is_default = v
                .get("IsDefaultVersion")
                .is_some_and(|b| matches!(b.value, Value::Bool(true)))
                || (default.is_some()
                    && v.get("VersionId").and_then(Node::as_str) == default.as_deref());
            if is_default {
                let Some(doc) = v.get("Document") else {
                    return Err((self.err)(&f, v.span, "`Document` is missing".into()));
                };
                chosen = Some(self.document(doc, &format!("{f}.Document"))?);
                break;
            }
        }
        let Some(doc) = chosen else {
            return Err((self.err)(
                field,
                p.span,
                format!("managed policy `{arn}` has no default version in `PolicyVersionList`"),
            ));
        };
        self.account
            .managed
            .insert(arn.clone(), StoredPolicy { name: arn, doc });
        Ok(())
    }

    /// A policy document: a JSON object, or a URL-encoded JSON string.
    fn document(&self, node: &Node, field: &str) -> Result<PolicyDocument, ExportError> {
        if let Some(s) = node.as_str() {
            let decoded = percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map_err(|_| {
                    (self.err)(
                        field,
                        node.span,
                        "the URL-encoded document is not UTF-8".into(),
                    )
                })?;
            let parsed = palisade_doc::parse(&decoded, Format::Json);
            let Some(root) = parsed
                .root
                .filter(|_| !parsed.errors.iter().any(|e| e.fatal))
            else {
                return Err((self.err)(
                    field,
                    node.span,
                    "the URL-encoded document is not valid JSON".into(),
                ));
            };
            return Ok(parse_policy(&root).policy);
        }
        if !node.is_map() {
            return Err((self.err)(
                field,
                node.span,
                "expected a policy document (an object or a URL-encoded string)".into(),
            ));
        }
        Ok(parse_policy(node).policy)
    }
}

/// Policies that apply to every principal of the account besides their own: the organisation's
/// SCPs and RCPs, and resource-based policies of resources.
#[derive(Clone, Debug, Default)]
pub struct Environment {
    /// SCPs by level, root first.
    pub scps: Vec<Vec<StoredPolicy>>,
    /// RCPs by level, root first.
    pub rcps: Vec<Vec<StoredPolicy>>,
    /// Resource-based policies: the resource ARN they are attached to, and the policy. A policy
    /// attached to `arn:aws:s3:::bucket` also governs objects `arn:aws:s3:::bucket/…`.
    pub resource_policies: Vec<(String, StoredPolicy)>,
}

impl Environment {
    /// The resource policy attached to a resource, and its kind.
    #[must_use]
    pub fn resource_policy<'a>(
        &'a self,
        account: &'a Account,
        action: &str,
        resource: &str,
    ) -> Option<(&'a StoredPolicy, ResourcePolicyKind)> {
        if resource.starts_with("arn:")
            && resource.contains(":iam::")
            && resource.contains(":role/")
        {
            let role = account.entities.iter().find(|e| e.arn == resource)?;
            let trust = role.trust.as_ref()?;
            return action
                .to_ascii_lowercase()
                .starts_with("sts:")
                .then_some((trust, ResourcePolicyKind::RoleTrust));
        }
        let p = self.resource_policies.iter().find_map(|(arn, p)| {
            (resource == arn
                || resource
                    .strip_prefix(arn.as_str())
                    .is_some_and(|rest| rest.starts_with('/')))
            .then_some(p)
        })?;
        let kind = if resource.starts_with("arn:") && resource.split(':').nth(2) == Some("kms") {
            ResourcePolicyKind::KmsKey
        } else {
            ResourcePolicyKind::Generic
        };
        Some((p, kind))
    }
}

/// How one principal stands for a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    /// Allowed, whatever the request's other condition keys are.
    Allowed,
    /// Allowed only when the conditions of the granting statements hold (they depend on
    /// request keys the question did not give).
    Conditional,
    /// Not allowed.
    Denied,
}

/// One answer of [`who_can`] / [`can`].
#[derive(Clone, Debug, serde::Serialize)]
pub struct Answer {
    /// The principal (user/role ARN, or an external principal named by a resource policy).
    pub principal: String,
    /// User, role, or `external`.
    pub kind: &'static str,
    /// The verdict.
    pub access: Access,
    /// The evaluation that decided it (the optimistic one for [`Access::Conditional`]).
    pub evaluation: Evaluation,
}

/// A question: may `action` be done on `resource`, with these known condition keys?
#[derive(Clone, Debug)]
pub struct Question {
    /// `service:Action`.
    pub action: String,
    /// The resource ARN (or `*`).
    pub resource: String,
    /// The account owning the resource (default: the exported account).
    pub resource_account: Option<String>,
    /// Known condition keys (the principal's own keys are filled in).
    pub context: RequestContext,
}

/// Decide one principal.
#[must_use]
pub fn can(account: &Account, env: &Environment, entity: &Entity, q: &Question) -> Answer {
    let principal = entity.principal();
    let pol = account.policies_of(entity);
    let identity: Vec<Named<'_>> = pol.identity.iter().map(|p| named(p)).collect();
    let resource_account = q.resource_account.clone().or_else(|| account.id.clone());
    let policies = Policies {
        identity,
        boundary: pol.boundary.map(named),
        session: None,
        resource: env
            .resource_policy(account, &q.action, &q.resource)
            .map(|(p, k)| (named(p), k)),
        scps: if entity.is_service_linked() {
            Vec::new()
        } else {
            levels(&env.scps)
        },
        rcps: if resource_account == account.id {
            levels(&env.rcps)
        } else {
            Vec::new()
        },
        vpc_endpoint: None,
    };
    let mut request = Request {
        principal,
        action: q.action.clone(),
        resource: q.resource.clone(),
        resource_account,
        context: q.context.clone(),
    };
    crate::eval::populate_context(&mut request);
    let strict = evaluate(&request, &policies);
    let (access, evaluation) = if strict.decision == Decision::Allowed {
        (Access::Allowed, strict)
    } else if strict.decision == Decision::ExplicitlyDenied {
        (Access::Denied, strict)
    } else {
        request.context.set_partial(true);
        let optimistic = evaluate(&request, &policies);
        if optimistic.decision == Decision::Allowed {
            (Access::Conditional, optimistic)
        } else {
            (Access::Denied, strict)
        }
    };
    Answer {
        principal: entity.arn.clone(),
        kind: match entity.kind {
            EntityKind::User => "user",
            EntityKind::Role => "role",
        },
        access,
        evaluation,
    }
}

/// Every user and role of the account that can (or, under conditions, may) do the action on
/// the resource, with the statements that grant it.
#[must_use]
pub fn who_can(account: &Account, env: &Environment, q: &Question) -> Vec<Answer> {
    account
        .entities
        .iter()
        .map(|e| can(account, env, e, q))
        .filter(|a| a.access != Access::Denied)
        .collect()
}

fn levels(ls: &[Vec<StoredPolicy>]) -> Vec<Vec<Named<'_>>> {
    ls.iter().map(|l| l.iter().map(named).collect()).collect()
}

fn named(p: &StoredPolicy) -> Named<'_> {
    Named {
        name: &p.name,
        doc: &p.doc,
    }
}
