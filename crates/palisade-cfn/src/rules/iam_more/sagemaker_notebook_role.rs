use palisade_core::Severity;
use palisade_doc::Node;
use palisade_iam::lint::{lowered, restricting_condition};
use palisade_iam::Statement;

use super::util::{referenced, refers_to};
use crate::declare_rule;
use crate::resolve::describe;
use crate::rule::{Hit, Hits, ResourceCx, Rule};
use crate::rules::iam::util::{
    all_stars, allow, aws_managed_policy_name, documents, may_be, Doc, Found, Kind,
};
use crate::template::{Resource, Template};
use crate::value::{is_unknown, items, text, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::SageMaker::NotebookInstance` whose `RoleArn` is a role of the template
    /// (`!GetAtt Role.Arn`, or the ARN of a role whose `RoleName` is set) with an identity
    /// policy statement that allows every action (`Action: *`) or every SageMaker action
    /// (`sagemaker:*`) on `Resource: "*"`. The role's policies are its inline `Policies`, the
    /// `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy` and `AWS::IAM::RolePolicy` resources of the
    /// template attached to it (through `Roles`, `RoleName` or the role's `ManagedPolicyArns`),
    /// and the AWS managed `AdministratorAccess` policy in `ManagedPolicyArns`.
    ///
    /// Severity: **`high`** for every action, `medium` for every SageMaker action; one level
    /// lower when a condition restricts the statement (to known callers, networks,
    /// organizations or resource tags).
    ///
    /// checkov's CKV2_AWS_68 ("Ensure SageMaker notebook instance IAM policy is not overly
    /// permissive") connects the notebook to its role and looks for `Action: "*"`; its
    /// CloudFormation version reads the role's trust policy rather than its permissions, which
    /// cannot express what the check is named for. We follow the check's stated intent: the
    /// permissions the notebook's code runs with.
    ///
    /// ## Why it matters
    /// Everything that runs in the notebook (the user's code, any package it installs, anyone
    /// who obtains a presigned notebook URL) acts with the notebook's execution role. With
    /// every action on every resource that is the whole account, administrator included; with
    /// `sagemaker:*` it is every training job, endpoint, model and notebook, including creating
    /// presigned URLs to the other notebooks.
    ///
    /// ## How to fix
    /// Give the notebook a role limited to what its work needs (the data bucket, the training
    /// and model actions), not `*`:
    /// ```yaml
    /// # before
    /// Statement:
    ///   - Effect: Allow
    ///     Action: "*"
    ///     Resource: "*"
    /// # after
    /// Statement:
    ///   - Effect: Allow
    ///     Action: [s3:GetObject, s3:PutObject]
    ///     Resource: !Sub "${DataBucket.Arn}/notebooks/*"
    ///   - Effect: Allow
    ///     Action: [sagemaker:CreateTrainingJob, sagemaker:DescribeTrainingJob]
    ///     Resource: !Sub "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:training-job/*"
    /// ```
    ///
    /// ## References
    /// - [AWS::SageMaker::NotebookInstance](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sagemaker-notebookinstance.html)
    /// - [How to use SageMaker AI execution roles](https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html)
    /// - [Security best practices in IAM: apply least-privilege permissions](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    /// - checkov CKV2_AWS_68
    ///
    /// ## Unknown values
    /// A `RoleArn` that is not known before deployment (a parameter without a value, an
    /// `Fn::ImportValue`) gives an `info` finding when a role of the template would fail the
    /// check, since it might be that role; a role outside the template cannot be examined and
    /// passes. A statement, `Action`, `Resource` or `Effect` of the role's policies that is not
    /// known, or an entry of `ManagedPolicyArns` that might be `AdministratorAccess`, gives an
    /// `info` finding naming the value. Policies whose `Condition` is false in the scenario do
    /// not count.
    SageMakerNotebookRoleOverlyPermissive {
        code: "CFN3108",
        name: "sagemaker-notebook-role-overly-permissive",
        severity: High,
        group: "iam",
        summary: "SageMaker notebook instance runs with a role that allows `*` or `sagemaker:*` on every resource",
        types: ["AWS::SageMaker::NotebookInstance"],
        xrefs: [Checkov("CKV2_AWS_68")],
    }
}

/// How much a statement allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Breadth {
    /// Every action.
    All,
    /// Every SageMaker action.
    SageMaker,
}

/// What one statement (or managed policy) of the role allows, or might allow.
#[derive(Debug)]
struct Grant {
    /// `statement 1 of inline policy `x``.
    source: String,
    breadth: Breadth,
    /// A condition restricts the statement.
    restricted: bool,
    /// The value that decides and is not known before deployment, as written.
    unknown: Option<String>,
}

/// `sagemaker:*` (any case, any number of `*`).
fn is_sagemaker_wildcard(pattern: &str) -> bool {
    pattern
        .split_once(':')
        .is_some_and(|(svc, name)| svc.eq_ignore_ascii_case("sagemaker") && all_stars(name))
}

/// A resource of the template with its resolved properties, seen as a rule would see it.
fn with_cx<R>(
    cx: &ResourceCx<'_>,
    res: &Resource<'_>,
    f: impl FnOnce(&ResourceCx<'_>) -> R,
) -> Option<R> {
    let props = res.properties.and_then(|p| cx.resolver.resolve(p))?;
    let other = ResourceCx {
        template: cx.template,
        resource: res,
        props: &props,
        resolver: cx.resolver,
    };
    Some(f(&other))
}

/// Whether the resource is created in this scenario (its `Condition` is not false).
fn created(cx: &ResourceCx<'_>, res: &Resource<'_>) -> bool {
    res.condition
        .is_none_or(|c| cx.resolver.condition(c, 0) != Some(false))
}

/// The value at `span` of a document, as written.
fn shown(doc: &Doc<'_>, span: palisade_core::Span) -> String {
    doc.node_at(span)
        .map_or_else(|| "value".to_owned(), describe)
}

/// What the statements of one document allow.
fn document_grants(doc: &Doc<'_>, tpl: &Template<'_>, out: &mut Vec<Grant>) {
    let unknown = |source: String, value: String| Grant {
        source,
        breadth: Breadth::All,
        restricted: false,
        unknown: Some(value),
    };
    let mut unread = Hits::new(doc.holder.span);
    if doc.unreadable(&mut unread, "") {
        out.push(unknown(doc.label.clone(), describe(doc.holder)));
        return;
    }
    for item in &unread.items {
        out.push(unknown(doc.label.clone(), shown(doc, item.span)));
    }
    for st in &doc.policy.statements {
        statement_grant(doc, tpl, st, out);
    }
}

fn statement_grant(doc: &Doc<'_>, tpl: &Template<'_>, st: &Statement, out: &mut Vec<Grant>) {
    let all = doc.star_action(tpl, st);
    let (breadth, action) = if all == Found::No {
        (
            Breadth::SageMaker,
            doc.action_where(tpl, st, &is_sagemaker_wildcard),
        )
    } else {
        (Breadth::All, all)
    };
    let found = action.and(doc.star_resource(tpl, st));
    let source = doc.name(st);
    let grant = |unknown: Option<String>| Grant {
        source: source.clone(),
        breadth,
        restricted: restricting_condition(st),
        unknown,
    };
    match (allow(st), found) {
        (Tri::False, _) | (_, Found::No) => {}
        (Tri::True, Found::Yes(_)) => out.push(grant(None)),
        (Tri::Unknown, Found::Yes(_)) => out.push(grant(Some(shown(doc, st.effect.span)))),
        (_, Found::Maybe(span)) => out.push(grant(Some(shown(doc, span)))),
    }
}

/// Whether a resolved entry of `Roles` or `RoleName` names the role `id` (named `name`).
fn names_role(node: &Node, id: &str, name: Option<&str>) -> bool {
    refers_to(node, id) || name.is_some_and(|n| text(node).as_deref() == Some(n))
}

/// What the role `role` allows through its policies in the template.
fn role_grants(cx: &ResourceCx<'_>, role: &Resource<'_>) -> Vec<Grant> {
    let mut out = Vec::new();
    let mut role_name = None;
    let mut managed_arns: Vec<Node> = Vec::new();
    with_cx(cx, role, |rcx| {
        role_name = rcx.prop("RoleName").and_then(text);
        for doc in documents(rcx).iter().filter(|d| d.kind == Kind::Identity) {
            document_grants(doc, cx.template, &mut out);
        }
        if let Some(list) = rcx.prop("ManagedPolicyArns") {
            managed_arns = items(list).into_iter().cloned().collect();
        }
    });
    let admin = |g: &str| {
        ["aws", "aws-cn", "aws-us-gov"].iter().any(|p| {
            palisade_iam::glob_match(
                g,
                &format!("arn:{p}:iam::aws:policy/AdministratorAccess"),
                palisade_iam::CaseSensitivity::Sensitive,
            )
        })
    };
    for arn in &managed_arns {
        if let Some(t) = text(arn) {
            if aws_managed_policy_name(&t) == Some("AdministratorAccess") {
                out.push(Grant {
                    source: "AWS managed policy `AdministratorAccess`".to_owned(),
                    breadth: Breadth::All,
                    restricted: false,
                    unknown: None,
                });
            }
        } else if is_unknown(arn)
            && referenced(cx.template, arn).is_none()
            && may_be(cx.template, arn, &admin)
        {
            out.push(Grant {
                source: "an entry of `ManagedPolicyArns`".to_owned(),
                breadth: Breadth::All,
                restricted: false,
                unknown: Some(describe(arn)),
            });
        }
    }
    for res in &cx.template.resources {
        if !created(cx, res) {
            continue;
        }
        let attached = match res.ty {
            "AWS::IAM::ManagedPolicy"
                if managed_arns.iter().any(|a| refers_to(a, res.logical_id)) =>
            {
                true
            }
            "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => with_cx(cx, res, |pcx| {
                pcx.prop("Roles").is_some_and(|roles| {
                    items(roles)
                        .iter()
                        .any(|r| names_role(r, role.logical_id, role_name.as_deref()))
                })
            })
            .unwrap_or(false),
            "AWS::IAM::RolePolicy" => with_cx(cx, res, |pcx| {
                pcx.prop("RoleName")
                    .is_some_and(|r| names_role(r, role.logical_id, role_name.as_deref()))
            })
            .unwrap_or(false),
            _ => false,
        };
        if attached {
            with_cx(cx, res, |pcx| {
                for doc in documents(pcx).iter().filter(|d| d.kind == Kind::Identity) {
                    document_grants(doc, cx.template, &mut out);
                }
            });
        }
    }
    out
}

/// The role of the template a known role ARN names by its `RoleName`.
fn role_named<'t>(cx: &'t ResourceCx<'_>, arn: &str) -> Option<&'t Resource<'t>> {
    let name = arn.rsplit('/').next()?;
    cx.template.resources.iter().find(|r| {
        r.ty == "AWS::IAM::Role"
            && with_cx(cx, r, |rcx| {
                rcx.prop("RoleName").and_then(text).as_deref() == Some(name)
            })
            .unwrap_or(false)
    })
}

impl SageMakerNotebookRoleOverlyPermissive {
    fn report(hits: &mut Hits, at: &Node, role: &str, grant: &Grant) {
        let what = match grant.breadth {
            Breadth::All => "allows every action on every resource (`Action: *`, `Resource: *`)",
            Breadth::SageMaker => {
                "allows every SageMaker action on every resource (`sagemaker:*`, `Resource: *`)"
            }
        };
        match &grant.unknown {
            Some(value) => hits.push(Hit {
                span: at.span,
                path: None,
                message: format!(
                    "cannot tell whether the notebook's role `{role}` {what} through {}: the value `{value}` is not known before deployment",
                    grant.source
                ),
                unknown: true,
                severity: None,
            }),
            None => {
                let base = match grant.breadth {
                    Breadth::All => Severity::High,
                    Breadth::SageMaker => Severity::Medium,
                };
                let (severity, note) = if grant.restricted {
                    (lowered(base), " (under a restricting condition)")
                } else {
                    (base, "")
                };
                hits.at_severity(
                    at,
                    severity,
                    format!(
                        "the notebook runs with role `{role}`, whose {} {what}{note}",
                        grant.source
                    ),
                );
            }
        }
    }
}

impl Rule for SageMakerNotebookRoleOverlyPermissive {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(arn) = cx.prop("RoleArn") else {
            return;
        };
        let role = match referenced(cx.template, arn) {
            Some(id) => cx
                .template
                .resource(id)
                .filter(|r| r.ty == "AWS::IAM::Role"),
            None => match text(arn) {
                Some(t) => role_named(cx, &t),
                None => {
                    // Not known before deployment: it might be any role of the template.
                    for role in cx
                        .template
                        .resources
                        .iter()
                        .filter(|r| r.ty == "AWS::IAM::Role" && created(cx, r))
                    {
                        if role_grants(cx, role).iter().any(|g| g.unknown.is_none()) {
                            hits.unknown(
                                arn,
                                &format!(
                                    "the notebook runs with role `{}`, which allows every action or every SageMaker action on every resource",
                                    role.logical_id
                                ),
                            );
                            return;
                        }
                    }
                    return;
                }
            },
        };
        let Some(role) = role else {
            return;
        };
        for grant in role_grants(cx, role) {
            Self::report(hits, arn, role.logical_id, &grant);
        }
    }
}
