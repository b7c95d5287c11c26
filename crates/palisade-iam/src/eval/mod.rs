//! Policy evaluation: one request against every policy that applies to it, following AWS's
//! documented evaluation logic (`shared/reference/iam-evaluation.md` restates it as the decision
//! procedure implemented here, with the AWS pages it comes from).
//!
//! The result is [`Decision::Allowed`], [`Decision::ExplicitlyDenied`] or
//! [`Decision::ImplicitlyDenied`], with the steps that decided it and the statements (policy,
//! Sid, index, span) at each layer.

mod condition;
mod context;

pub use condition::{evaluate as evaluate_condition, parse_date, ConditionFailure};
pub use context::RequestContext;

use palisade_core::Span;

use crate::arn::{ArnPattern, Variables};
use crate::policy::{
    action_matches, Effect, PolicyDocument, PrincipalKind, PrincipalValue, Statement,
};

/// Who makes the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    /// An IAM user.
    User {
        /// `arn:aws:iam::123456789012:user/path/name`.
        arn: String,
    },
    /// A session of an IAM role.
    RoleSession {
        /// The role: `arn:aws:iam::123456789012:role/path/name`.
        role_arn: String,
        /// The session: `arn:aws:sts::123456789012:assumed-role/name/session`.
        session_arn: String,
    },
    /// A federated user session (GetFederationToken).
    FederatedUser {
        /// `arn:aws:sts::123456789012:federated-user/name`.
        arn: String,
    },
    /// The account root user.
    Root {
        /// The 12-digit account id.
        account: String,
    },
    /// An AWS service principal such as `cloudtrail.amazonaws.com`.
    Service {
        /// The service principal name.
        name: String,
    },
    /// An unauthenticated caller.
    Anonymous,
}

impl Principal {
    /// The principal's account, when it has one.
    #[must_use]
    pub fn account(&self) -> Option<&str> {
        fn from_arn(arn: &str) -> Option<&str> {
            arn.split(':').nth(4).filter(|a| !a.is_empty())
        }
        match self {
            Self::User { arn } | Self::FederatedUser { arn } => from_arn(arn),
            Self::RoleSession { role_arn, .. } => from_arn(role_arn),
            Self::Root { account } => Some(account),
            Self::Service { .. } | Self::Anonymous => None,
        }
    }

    /// The ARN AWS reports for the caller (`aws:PrincipalArn` is the role ARN for sessions).
    #[must_use]
    pub fn arn(&self) -> Option<String> {
        match self {
            Self::User { arn } | Self::FederatedUser { arn } => Some(arn.clone()),
            Self::RoleSession { session_arn, .. } => Some(session_arn.clone()),
            Self::Root { account } => Some(format!("arn:aws:iam::{account}:root")),
            Self::Service { .. } | Self::Anonymous => None,
        }
    }
}

/// What kind of resource-based policy is attached to the resource.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ResourcePolicyKind {
    /// Bucket, queue, topic, secret, function, ... policies: they can grant alone in the same
    /// account.
    #[default]
    Generic,
    /// A role trust policy: `sts:AssumeRole*` needs it to allow, even in the same account.
    RoleTrust,
    /// A KMS key policy: every KMS operation needs it to allow, even in the same account.
    KmsKey,
}

/// A policy with the name explanations use.
#[derive(Clone, Copy, Debug)]
pub struct Named<'p> {
    /// How explanations name the policy (file name, ARN, ...).
    pub name: &'p str,
    /// The document.
    pub doc: &'p PolicyDocument,
}

/// Every policy that may apply to a request.
#[derive(Clone, Debug, Default)]
pub struct Policies<'p> {
    /// Identity-based policies of the user (and its groups) or role: inline and managed.
    pub identity: Vec<Named<'p>>,
    /// The permissions boundary of the user or role.
    pub boundary: Option<Named<'p>>,
    /// The session policy passed when the session was created.
    pub session: Option<Named<'p>>,
    /// The resource-based policy of the resource, and its kind.
    pub resource: Option<(Named<'p>, ResourcePolicyKind)>,
    /// SCPs by organisation level, from the root down to the principal's account. Empty when
    /// SCPs do not apply (no organisation, the management account, service-linked roles).
    pub scps: Vec<Vec<Named<'p>>>,
    /// RCPs by level, from the root down to the resource's account. Empty when RCPs do not apply
    /// (unsupported service, management account, no organisation).
    pub rcps: Vec<Vec<Named<'p>>>,
    /// The VPC endpoint policy, when the request came through an endpoint.
    pub vpc_endpoint: Option<Named<'p>>,
}

/// One authorization request.
#[derive(Clone, Debug)]
pub struct Request {
    /// Who.
    pub principal: Principal,
    /// `service:Action` (case-insensitive).
    pub action: String,
    /// The resource ARN, or `*` for actions without a resource type.
    pub resource: String,
    /// The account that owns the resource; `None` means the principal's account.
    pub resource_account: Option<String>,
    /// The condition keys of the request.
    pub context: RequestContext,
}

/// AWS's three outcomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Decision {
    /// Some required allow is present everywhere and nothing denies.
    Allowed,
    /// A matching `Deny` statement.
    ExplicitlyDenied,
    /// No `Deny`, but an allow that is required is missing.
    ImplicitlyDenied,
}

/// The layers of the evaluation, as AWS names the policy types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layer {
    /// Resource control policies.
    ResourceControlPolicy,
    /// Service control policies.
    ServiceControlPolicy,
    /// The VPC endpoint policy.
    VpcEndpointPolicy,
    /// The resource-based policy.
    ResourceBasedPolicy,
    /// Identity-based policies.
    IdentityBasedPolicy,
    /// The permissions boundary.
    PermissionsBoundary,
    /// The session policy.
    SessionPolicy,
}

/// A statement that took part in the decision.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StatementRef {
    /// The policy's name.
    pub policy: String,
    /// The statement's `Sid`, if any.
    pub sid: Option<String>,
    /// Its index in the policy (0-based).
    pub index: usize,
    /// `Allow` or `Deny`.
    pub effect: &'static str,
    /// Where the statement is.
    #[serde(skip)]
    pub span: Span,
    /// Counted as matching although its condition depends on keys the request context does not
    /// have (only in a partial context, see [`RequestContext::set_partial`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub conditional: bool,
}

/// One step of the explanation.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Step {
    /// Which policy type.
    pub layer: Layer,
    /// What this layer said, in words.
    pub note: String,
    /// The statements that decided it (empty when nothing matched).
    pub statements: Vec<StatementRef>,
}

/// The decision with its explanation.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Evaluation {
    /// The outcome.
    pub decision: Decision,
    /// The steps, in evaluation order.
    pub steps: Vec<Step>,
}

/// How a statement's `Principal` matched the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum PrincipalMatch {
    /// Names the caller's account: delegates to the account's identity policies.
    Account,
    /// Names the caller's role: the grant joins the role's identity permissions.
    Role,
    /// Names the caller itself (user, session, `*`, service): a direct grant.
    Direct,
}

/// Fill in the resource's account from its ARN when not given, and the condition keys AWS
/// derives from the request itself, unless the context already
/// has them: the caller's `aws:PrincipalAccount`, `aws:PrincipalArn` (the role's ARN for a
/// session), `aws:PrincipalType`, `aws:username` (users), `aws:PrincipalIsAWSService` and
/// `aws:PrincipalServiceName`; and, from the resource, `aws:ResourceAccount` (the resource's
/// account when given or named in its ARN) and `aws:RequestedRegion` (the region in the
/// resource's ARN), and the service keys for the same facts that the action supports according
/// to the action catalog (`kms:CallerAccount`, `ec2:Region`, `s3:ResourceAccount`). Keys that
/// depend on how the request was sent (`aws:SecureTransport`,
/// `aws:SourceIp`, `aws:CurrentTime`, MFA, ...) are left to the caller: absent keys keep AWS's
/// missing-key semantics.
pub fn populate_context(request: &mut Request) {
    // The account in the resource's ARN owns the resource (S3 bucket ARNs name none: then the
    // caller's account is assumed, as `Request::resource_account` documents).
    if request.resource_account.is_none() {
        request.resource_account = request
            .resource
            .strip_prefix("arn:")
            .and_then(|r| r.split(':').nth(3))
            .filter(|a| crate::arn::is_account_id(a))
            .map(str::to_string);
    }
    let ctx = &mut request.context;
    let mut default = |key: &str, value: Option<String>| {
        if let Some(v) = value {
            if ctx.values(key).is_none() {
                ctx.set(key, v);
            }
        }
    };
    let p = &request.principal;
    default("aws:PrincipalAccount", p.account().map(str::to_string));
    default(
        "aws:PrincipalArn",
        match p {
            Principal::RoleSession { role_arn, .. } => Some(role_arn.clone()),
            other => other.arn(),
        },
    );
    let kind = match p {
        Principal::User { .. } => Some("User"),
        Principal::RoleSession { .. } => Some("AssumedRole"),
        Principal::FederatedUser { .. } => Some("FederatedUser"),
        Principal::Root { .. } => Some("Account"),
        Principal::Anonymous => Some("Anonymous"),
        Principal::Service { .. } => None,
    };
    default("aws:PrincipalType", kind.map(str::to_string));
    if let Principal::User { arn } = p {
        default("aws:username", arn.rsplit('/').next().map(str::to_string));
    }
    if let Principal::Service { name } = p {
        default("aws:PrincipalIsAWSService", Some("true".into()));
        default("aws:PrincipalServiceName", Some(name.clone()));
    } else {
        default("aws:PrincipalIsAWSService", Some("false".into()));
    }
    let arn_part = |i: usize| {
        let r = &request.resource;
        r.starts_with("arn:")
            .then(|| r.split(':').nth(i))
            .flatten()
            .filter(|v| !v.is_empty() && !crate::policy::has_wildcard(v) && !v.contains('$'))
            .map(str::to_string)
    };
    let account = request
        .resource_account
        .clone()
        .or_else(|| arn_part(4).filter(|a| crate::arn::is_account_id(a)));
    let region = arn_part(3);
    default("aws:ResourceAccount", account.clone());
    default("aws:RequestedRegion", region.clone());
    // Service keys the action supports (per the action catalog) that name the same facts:
    // `kms:CallerAccount`, `ec2:Region`, `s3:ResourceAccount`, ...
    let Some(info) = crate::catalog::Catalog::load_error()
        .is_none()
        .then(crate::catalog::Catalog::get)
        .and_then(|c| c.action(&request.action))
    else {
        return;
    };
    let caller = request.principal.account().map(str::to_string);
    let keys = info.condition_keys.iter().chain(
        info.resource_types
            .iter()
            .flat_map(|r| r.condition_keys.iter()),
    );
    for key in keys {
        let Some((_, name)) = key.split_once(':') else {
            continue;
        };
        let value = match name.to_ascii_lowercase().as_str() {
            "calleraccount" => caller.clone(),
            "region" => region.clone(),
            "resourceaccount" => account.clone(),
            _ => continue,
        };
        default(key, value);
    }
}

/// Evaluate one request.
#[must_use]
pub fn evaluate(request: &Request, policies: &Policies<'_>) -> Evaluation {
    let mut steps = Vec::new();
    let principal_account = request.principal.account();
    let resource_account = request.resource_account.as_deref().or(principal_account);
    let cross_account = principal_account.is_some() && principal_account != resource_account;
    let has_boundary = policies.boundary.is_some();
    let is_iam_entity = matches!(
        request.principal,
        Principal::User { .. } | Principal::RoleSession { .. } | Principal::FederatedUser { .. }
    );
    let deny = |steps: &mut Vec<Step>, layer, note: &str, statements| {
        steps.push(Step {
            layer,
            note: note.to_string(),
            statements,
        });
        Evaluation {
            decision: Decision::ExplicitlyDenied,
            steps: std::mem::take(steps),
        }
    };

    // 1. Explicit deny anywhere.
    let mut layers: Vec<(Layer, Vec<Named<'_>>, bool)> = Vec::new();
    layers.push((
        Layer::ResourceControlPolicy,
        policies.rcps.iter().flatten().copied().collect(),
        false,
    ));
    if is_iam_entity || matches!(request.principal, Principal::Root { .. }) {
        layers.push((
            Layer::ServiceControlPolicy,
            policies.scps.iter().flatten().copied().collect(),
            false,
        ));
    }
    layers.push((
        Layer::VpcEndpointPolicy,
        policies.vpc_endpoint.into_iter().collect(),
        true,
    ));
    layers.push((
        Layer::ResourceBasedPolicy,
        policies.resource.map(|(p, _)| p).into_iter().collect(),
        true,
    ));
    if is_iam_entity {
        layers.push((Layer::IdentityBasedPolicy, policies.identity.clone(), false));
        layers.push((
            Layer::PermissionsBoundary,
            policies.boundary.into_iter().collect(),
            false,
        ));
        layers.push((
            Layer::SessionPolicy,
            policies.session.into_iter().collect(),
            false,
        ));
    }
    for (layer, docs, principal_matters) in &layers {
        let denies: Vec<StatementRef> = docs
            .iter()
            .flat_map(|p| matching(p, request, Effect::Deny, *principal_matters, has_boundary))
            .map(|(s, _)| s)
            .collect();
        if !denies.is_empty() {
            return deny(&mut steps, *layer, "an explicit deny", denies);
        }
    }

    let implicit = |steps: &mut Vec<Step>, layer, note: String| {
        steps.push(Step {
            layer,
            note,
            statements: Vec::new(),
        });
        Evaluation {
            decision: Decision::ImplicitlyDenied,
            steps: std::mem::take(steps),
        }
    };

    // 2., 3. Ceilings by organisation level: every level must allow.
    for (layer, levels) in [
        (Layer::ResourceControlPolicy, &policies.rcps),
        (Layer::ServiceControlPolicy, &policies.scps),
    ] {
        if layer == Layer::ServiceControlPolicy
            && !(is_iam_entity || matches!(request.principal, Principal::Root { .. }))
        {
            continue;
        }
        for (depth, level) in levels.iter().enumerate() {
            let allows: Vec<StatementRef> = level
                .iter()
                .flat_map(|p| {
                    matching(
                        p,
                        request,
                        Effect::Allow,
                        layer == Layer::ResourceControlPolicy,
                        has_boundary,
                    )
                })
                .map(|(s, _)| s)
                .collect();
            if allows.is_empty() {
                return implicit(
                    &mut steps,
                    layer,
                    format!("no policy at organisation level {depth} allows the request"),
                );
            }
            steps.push(Step {
                layer,
                note: format!("allowed at organisation level {depth}"),
                statements: allows,
            });
        }
    }

    // 4. The VPC endpoint policy must allow.
    if let Some(p) = policies.vpc_endpoint {
        let allows: Vec<StatementRef> = matching(&p, request, Effect::Allow, true, has_boundary)
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        if allows.is_empty() {
            return implicit(
                &mut steps,
                Layer::VpcEndpointPolicy,
                "the VPC endpoint policy does not allow the request".into(),
            );
        }
        steps.push(Step {
            layer: Layer::VpcEndpointPolicy,
            note: "allowed".into(),
            statements: allows,
        });
    }

    // 5. The resource-based policy.
    let (resource_allows, resource_kind) = match policies.resource {
        Some((p, kind)) => (
            matching(&p, request, Effect::Allow, true, has_boundary),
            kind,
        ),
        None => (Vec::new(), ResourcePolicyKind::Generic),
    };
    let strongest = resource_allows.iter().map(|(_, m)| *m).max();
    let root_of_resource_account = matches!(&request.principal, Principal::Root { account } if Some(account.as_str()) == resource_account);
    if policies.resource.is_some() {
        let note = match strongest {
            Some(PrincipalMatch::Direct) => "allows the caller by name",
            Some(PrincipalMatch::Role) => {
                "allows the caller's role (limited by its boundary and session policy)"
            }
            Some(PrincipalMatch::Account) => {
                "allows the caller's account (its identity policies must allow too)"
            }
            None => "does not allow the caller",
        };
        steps.push(Step {
            layer: Layer::ResourceBasedPolicy,
            note: note.into(),
            statements: resource_allows.iter().map(|(s, _)| s.clone()).collect(),
        });
    }
    let must_allow = matches!(
        resource_kind,
        ResourcePolicyKind::RoleTrust | ResourcePolicyKind::KmsKey
    ) && policies.resource.is_some();
    if must_allow && strongest.is_none() {
        return implicit(
            &mut steps,
            Layer::ResourceBasedPolicy,
            match resource_kind {
                ResourcePolicyKind::KmsKey => {
                    "the key policy must allow the caller or its account".into()
                }
                _ => "the role's trust policy must allow the caller or its account".into(),
            },
        );
    }
    if cross_account && strongest.is_none() {
        return implicit(
            &mut steps,
            Layer::ResourceBasedPolicy,
            "a cross-account request needs the resource-based policy to allow it".into(),
        );
    }
    // Root of the resource's account: no identity policies, no boundary.
    if root_of_resource_account {
        steps.push(Step {
            layer: Layer::IdentityBasedPolicy,
            note: "the account root user has every permission its account's ceilings leave".into(),
            statements: Vec::new(),
        });
        return Evaluation {
            decision: Decision::Allowed,
            steps,
        };
    }
    if !cross_account && strongest == Some(PrincipalMatch::Direct) {
        return Evaluation {
            decision: Decision::Allowed,
            steps,
        };
    }
    if !is_iam_entity {
        // anonymous and service principals: only a resource-based policy can allow
        return implicit(
            &mut steps,
            Layer::ResourceBasedPolicy,
            "only a resource-based policy can allow this caller, and none does".into(),
        );
    }

    // 6. Identity-based policies (plus a same-account grant to the caller's role).
    let identity_allows: Vec<StatementRef> = policies
        .identity
        .iter()
        .flat_map(|p| matching(p, request, Effect::Allow, false, has_boundary))
        .map(|(s, _)| s)
        .collect();
    let role_grant = !cross_account && strongest == Some(PrincipalMatch::Role);
    if identity_allows.is_empty() && !role_grant {
        return implicit(
            &mut steps,
            Layer::IdentityBasedPolicy,
            "no identity-based policy allows the request".into(),
        );
    }
    steps.push(Step {
        layer: Layer::IdentityBasedPolicy,
        note: if identity_allows.is_empty() {
            "no identity-based policy allows it, but the resource-based policy grants it to the role".into()
        } else {
            "allowed".into()
        },
        statements: identity_allows,
    });

    // 7., 8. Ceilings on identity grants.
    for (layer, policy, what) in [
        (
            Layer::PermissionsBoundary,
            policies.boundary,
            "permissions boundary",
        ),
        (Layer::SessionPolicy, policies.session, "session policy"),
    ] {
        let Some(p) = policy else { continue };
        let allows: Vec<StatementRef> = matching(&p, request, Effect::Allow, false, has_boundary)
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        if allows.is_empty() {
            return implicit(
                &mut steps,
                layer,
                format!("the {what} does not allow the request"),
            );
        }
        steps.push(Step {
            layer,
            note: "allowed".into(),
            statements: allows,
        });
    }
    Evaluation {
        decision: Decision::Allowed,
        steps,
    }
}

/// The statements of `policy` with `effect` that apply to the request, with how their
/// `Principal` matched (for policies where the principal matters).
fn matching(
    policy: &Named<'_>,
    request: &Request,
    effect: Effect,
    principal_matters: bool,
    has_boundary: bool,
) -> Vec<(StatementRef, PrincipalMatch)> {
    let lookup = |key: &str| request.context.variable(key);
    let vars = if policy
        .doc
        .version
        .as_ref()
        .is_some_and(|v| v.value == "2012-10-17")
    {
        Variables::Resolve(&lookup)
    } else {
        Variables::Literal
    };
    policy
        .doc
        .statements
        .iter()
        .filter(|s| s.effect.value == effect)
        .filter_map(|s| {
            let m = if principal_matters {
                principal_match(s, &request.principal, effect, has_boundary)?
            } else {
                PrincipalMatch::Direct
            };
            if !(action_applies(s, &request.action) && resource_applies(s, &request.resource, vars))
            {
                return None;
            }
            let mut conditional = false;
            if let Some(c) = &s.condition {
                if request.context.is_partial() {
                    match condition::evaluate_partial(c, &request.context, vars) {
                        condition::Partial::Holds => {}
                        condition::Partial::Unknown if effect == Effect::Allow => {
                            conditional = true;
                        }
                        condition::Partial::Unknown | condition::Partial::Fails => return None,
                    }
                } else if condition::evaluate(c, &request.context, vars).is_err() {
                    return None;
                }
            }
            Some(()).map(|()| {
                (
                    StatementRef {
                        policy: policy.name.to_string(),
                        sid: s.sid.as_ref().map(|x| x.value.clone()),
                        index: s.index,
                        effect: if effect == Effect::Allow {
                            "Allow"
                        } else {
                            "Deny"
                        },
                        span: s.span,
                        conditional,
                    },
                    m,
                )
            })
        })
        .collect()
}

fn action_applies(s: &Statement, action: &str) -> bool {
    let Some(block) = &s.action else {
        return false;
    };
    let hit = block.known().any(|(p, _)| action_matches(p, action));
    hit != block.negated
}

fn resource_applies(s: &Statement, resource: &str, vars: Variables<'_>) -> bool {
    let Some(block) = &s.resource else {
        // resource-based policies may omit Resource: the resource itself is implied
        return true;
    };
    let hit = block.known().any(|(p, _)| {
        p == "*" || ArnPattern::compile(p, vars).is_some_and(|pat| pat.matches(resource))
    });
    hit != block.negated
}

/// How the statement's `Principal`/`NotPrincipal` matches the caller; `None` when it does not.
fn principal_match(
    s: &Statement,
    caller: &Principal,
    effect: Effect,
    has_boundary: bool,
) -> Option<PrincipalMatch> {
    let block = s.principal.as_ref()?;
    if block.negated {
        // NotPrincipal: applies to everyone not listed. A Deny with NotPrincipal always denies a
        // principal that has a permissions boundary. Listing a role does not exempt its sessions.
        if effect == Effect::Deny && has_boundary {
            return Some(PrincipalMatch::Direct);
        }
        let listed = match &block.value {
            PrincipalValue::Wildcard => true,
            PrincipalValue::Map(entries) => entries.iter().any(|e| {
                e.values
                    .iter()
                    .filter_map(|v| v.known())
                    .any(|v| names_exactly(&e.kind, v, caller))
            }),
            PrincipalValue::Unknown => true,
        };
        return (!listed).then_some(PrincipalMatch::Direct);
    }
    match &block.value {
        PrincipalValue::Wildcard => Some(PrincipalMatch::Direct),
        PrincipalValue::Unknown => None,
        PrincipalValue::Map(entries) => entries
            .iter()
            .flat_map(|e| {
                e.values
                    .iter()
                    .filter_map(|v| v.known())
                    .filter_map(move |v| entry_match(&e.kind, v, caller))
            })
            .max(),
    }
}

fn entry_match(kind: &PrincipalKind, value: &str, caller: &Principal) -> Option<PrincipalMatch> {
    match kind {
        PrincipalKind::Aws => {
            if value == "*" {
                return Some(PrincipalMatch::Direct);
            }
            if names_exactly(kind, value, caller) {
                return Some(PrincipalMatch::Direct);
            }
            if let Principal::RoleSession { role_arn, .. } = caller {
                if value == role_arn {
                    return Some(PrincipalMatch::Role);
                }
            }
            names_account(value, caller.account()?).then_some(PrincipalMatch::Account)
        }
        PrincipalKind::Service => match caller {
            Principal::Service { name } => value
                .eq_ignore_ascii_case(name)
                .then_some(PrincipalMatch::Direct),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a principal value names exactly this caller (its own ARN, or the service name).
fn names_exactly(kind: &PrincipalKind, value: &str, caller: &Principal) -> bool {
    match (kind, caller) {
        (PrincipalKind::Aws, Principal::User { arn } | Principal::FederatedUser { arn }) => {
            value == arn
        }
        (PrincipalKind::Aws, Principal::RoleSession { session_arn, .. }) => value == session_arn,
        (PrincipalKind::Aws, Principal::Root { account }) => names_account(value, account),
        (PrincipalKind::Service, Principal::Service { name }) => value.eq_ignore_ascii_case(name),
        _ => false,
    }
}

/// Whether a principal value names the account: its id, or `arn:<partition>:iam::<id>:root`.
fn names_account(value: &str, account: &str) -> bool {
    value == account
        || crate::arn::Arn::parse(value).is_ok_and(|a| {
            a.service == "iam"
                && a.region.is_empty()
                && a.account == account
                && a.resource == "root"
        })
}
