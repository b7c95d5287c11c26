//! Privilege-escalation paths: which users and roles of an account can reach administrator, and
//! how, step by step.
//!
//! The account is a graph. Its nodes are the users and roles of an export; an edge `A → B` means
//! "A can act as B" (assume B, mint B's credentials, or make an AWS service run code as B); an
//! edge `A → admin` means "A can give itself administrator rights" (rewrite or attach its own
//! policies). Every step is decided by the evaluation engine with all of the account's layers —
//! identity policies, permissions boundaries, the organisation's SCPs, trust policies — so a
//! boundary or an SCP that blocks a step removes the edge. A step that holds only under
//! conditions (e.g. `aws:MultiFactorAuthPresent`) is kept and marked conditional.
//!
//! **Administrator** means: allowed every action of a fixed sample that spans IAM, compute,
//! storage, functions and keys ([`ADMIN_SAMPLE`]) on every resource. A node that is already an
//! administrator gets no outgoing edges.

use std::collections::{HashMap, VecDeque};

use serde::Serialize;

use crate::account::{can, Access, Account, Entity, EntityKind, Environment, Question};
use crate::eval::{RequestContext, StatementRef};
use crate::policy::{PrincipalKind, PrincipalValue};

/// The actions a principal must be allowed on `*` to count as an administrator.
pub const ADMIN_SAMPLE: [&str; 8] = [
    "iam:CreateRole",
    "iam:AttachRolePolicy",
    "iam:PutUserPolicy",
    "ec2:RunInstances",
    "s3:DeleteBucket",
    "lambda:UpdateFunctionCode",
    "kms:ScheduleKeyDeletion",
    "dynamodb:DeleteTable",
];

/// One action a step needs, and what decided it.
#[derive(Clone, Debug, Serialize)]
pub struct Permission {
    /// `service:Action`.
    pub action: String,
    /// The resource it was asked on.
    pub resource: String,
    /// Allowed or conditional.
    pub access: Access,
    /// The statements that granted it.
    pub statements: Vec<StatementRef>,
}

/// One edge of a path.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    /// The principal acting (user or role ARN).
    pub from: String,
    /// What it becomes: a user or role ARN, or `admin`.
    pub to: String,
    /// The method, e.g. `sts:AssumeRole`, `PassRole to Lambda`, `attach a policy to itself`.
    pub method: String,
    /// How, in words.
    pub explanation: String,
    /// The permissions the step uses.
    pub permissions: Vec<Permission>,
}

impl Step {
    /// Whether some permission of the step holds only under conditions.
    #[must_use]
    pub fn conditional(&self) -> bool {
        self.permissions
            .iter()
            .any(|p| p.access == Access::Conditional)
    }
}

/// A path from a non-administrator to administrator.
#[derive(Clone, Debug, Serialize)]
pub struct Path {
    /// The starting principal.
    pub principal: String,
    /// The administrator it reaches (a user/role ARN, or `admin` for self-escalation).
    pub reaches: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// The result of the analysis.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    /// Principals that are administrators already.
    pub admins: Vec<String>,
    /// One shortest path per non-administrator that can reach administrator.
    pub paths: Vec<Path>,
    /// Every edge found (for graph output).
    pub edges: Vec<Step>,
}

/// One permission to ask for: action, resource, condition keys.
type Ask<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

struct Ctx<'a> {
    account: &'a Account,
    env: &'a Environment,
}

impl Ctx<'_> {
    fn ask(
        &self,
        e: &Entity,
        action: &str,
        resource: &str,
        keys: &[(&str, &str)],
    ) -> Option<Permission> {
        let mut context = RequestContext::new();
        for (k, v) in keys {
            context.set(k, *v);
        }
        let q = Question {
            action: action.to_owned(),
            resource: resource.to_owned(),
            resource_account: None,
            context,
        };
        let a = can(self.account, self.env, e, &q);
        (a.access != Access::Denied).then(|| Permission {
            action: action.to_owned(),
            resource: resource.to_owned(),
            access: a.access,
            statements: a
                .evaluation
                .steps
                .into_iter()
                .flat_map(|s| s.statements)
                .filter(|s| s.effect == "Allow")
                .collect(),
        })
    }

    /// All of `actions` allowed, or `None`.
    fn all(&self, e: &Entity, asks: &[Ask<'_>]) -> Option<Vec<Permission>> {
        asks.iter().map(|(a, r, k)| self.ask(e, a, r, k)).collect()
    }

    /// The first alternative whose actions are all allowed.
    fn any(&self, e: &Entity, alternatives: &[&[Ask<'_>]]) -> Option<Vec<Permission>> {
        alternatives.iter().find_map(|alt| self.all(e, alt))
    }

    fn is_admin(&self, e: &Entity) -> bool {
        ADMIN_SAMPLE.iter().all(|a| {
            self.ask(e, a, "*", &[])
                .is_some_and(|p| p.access == Access::Allowed)
        })
    }
}

/// The services a role's trust policy lets assume it.
fn trusted_services(role: &Entity) -> Vec<String> {
    let mut out = Vec::new();
    let Some(trust) = &role.trust else {
        return out;
    };
    for st in trust.doc.allow_statements() {
        let Some(p) = &st.principal else { continue };
        if p.negated {
            continue;
        }
        if let PrincipalValue::Map(entries) = &p.value {
            for e in entries.iter().filter(|e| e.kind == PrincipalKind::Service) {
                out.extend(e.values.iter().filter_map(|v| v.known().map(str::to_owned)));
            }
        }
    }
    out
}

/// How an AWS service can be made to run code as a role passed to it.
struct ServiceMethod {
    service: &'static str,
    name: &'static str,
    explanation: &'static str,
    /// Alternatives: each a list of actions (on `*`) that together launch the code.
    alternatives: &'static [&'static [&'static str]],
    /// The role must already be in an instance profile (unless the source can create one).
    needs_instance_profile: bool,
}

const PASS_ROLE_METHODS: [ServiceMethod; 9] = [
    ServiceMethod {
        service: "ec2.amazonaws.com",
        name: "PassRole to EC2",
        explanation: "launch an EC2 instance with the role's instance profile and read its credentials from the instance metadata",
        alternatives: &[&["ec2:RunInstances"]],
        needs_instance_profile: true,
    },
    ServiceMethod {
        service: "ec2.amazonaws.com",
        name: "PassRole to Auto Scaling",
        explanation: "create an Auto Scaling group whose launch template carries the role's instance profile",
        alternatives: &[
            &["autoscaling:CreateAutoScalingGroup", "ec2:CreateLaunchTemplate"],
            &["autoscaling:CreateAutoScalingGroup", "autoscaling:CreateLaunchConfiguration"],
        ],
        needs_instance_profile: true,
    },
    ServiceMethod {
        service: "lambda.amazonaws.com",
        name: "PassRole to Lambda",
        explanation: "create a Lambda function that runs as the role, then invoke it (or have an event source invoke it)",
        alternatives: &[
            &["lambda:CreateFunction", "lambda:InvokeFunction"],
            &["lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
            &["lambda:CreateFunction", "lambda:CreateFunctionUrlConfig"],
        ],
        needs_instance_profile: false,
    },
    ServiceMethod {
        service: "cloudformation.amazonaws.com",
        name: "PassRole to CloudFormation",
        explanation: "create a stack with the role as its service role; the stack's resources are created with the role's permissions",
        alternatives: &[
            &["cloudformation:CreateStack"],
            &["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"],
        ],
        needs_instance_profile: false,
    },
    ServiceMethod {
        service: "codebuild.amazonaws.com",
        name: "PassRole to CodeBuild",
        explanation: "create a CodeBuild project with the role as its service role and start a build whose commands run with the role",
        alternatives: &[
            &["codebuild:CreateProject", "codebuild:StartBuild"],
            &["codebuild:CreateProject", "codebuild:StartBuildBatch"],
        ],
        needs_instance_profile: false,
    },
    ServiceMethod {
        service: "sagemaker.amazonaws.com",
        name: "PassRole to SageMaker",
        explanation: "start a notebook instance, training job or processing job that runs code as the role",
        alternatives: &[
            &["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"],
            &["sagemaker:CreateTrainingJob"],
            &["sagemaker:CreateProcessingJob"],
        ],
        needs_instance_profile: false,
    },
    ServiceMethod {
        service: "glue.amazonaws.com",
        name: "PassRole to Glue",
        explanation: "create a Glue development endpoint or job that runs code as the role",
        alternatives: &[
            &["glue:CreateDevEndpoint"],
            &["glue:CreateJob", "glue:StartJobRun"],
        ],
        needs_instance_profile: false,
    },
    ServiceMethod {
        service: "ecs-tasks.amazonaws.com",
        name: "PassRole to ECS",
        explanation: "register a task definition with the role as task role and run it",
        alternatives: &[&["ecs:RegisterTaskDefinition", "ecs:RunTask"]],
        needs_instance_profile: false,
    },
    ServiceMethod {
        service: "datapipeline.amazonaws.com",
        name: "PassRole to Data Pipeline",
        explanation: "create a pipeline whose activities run as the role",
        alternatives: &[&["datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"]],
        needs_instance_profile: false,
    },
];

/// The edges out of `src`.
fn edges_from(cx: &Ctx<'_>, src: &Entity) -> Vec<Step> {
    let mut out = Vec::new();
    let account = cx.account;
    let step = |to: &str, method: &str, explanation: String, permissions: Vec<Permission>| Step {
        from: src.arn.clone(),
        to: to.to_owned(),
        method: method.to_owned(),
        explanation,
        permissions,
    };

    // Self-escalation: rewrite or attach one's own policies. A permissions boundary still caps
    // the result unless the principal can also remove its boundary.
    let boundary_caps = src.boundary.is_some() && {
        let del = match src.kind {
            EntityKind::User => "iam:DeleteUserPermissionsBoundary",
            EntityKind::Role => "iam:DeleteRolePermissionsBoundary",
        };
        cx.ask(src, del, &src.arn, &[]).is_none() && !boundary_allows_admin(cx, src)
    };
    if !boundary_caps {
        let admin_policy = "arn:aws:iam::aws:policy/AdministratorAccess";
        let (put, attach) = match src.kind {
            EntityKind::User => ("iam:PutUserPolicy", "iam:AttachUserPolicy"),
            EntityKind::Role => ("iam:PutRolePolicy", "iam:AttachRolePolicy"),
        };
        if let Some(p) = cx.ask(src, put, &src.arn, &[]) {
            out.push(step(
                "admin",
                "put an inline policy on itself",
                format!("`{put}` on itself: write an inline policy that allows everything"),
                vec![p],
            ));
        } else if let Some(p) = cx.ask(src, attach, &src.arn, &[("iam:PolicyARN", admin_policy)]) {
            out.push(step(
                "admin",
                "attach a managed policy to itself",
                format!("`{attach}` on itself: attach AdministratorAccess"),
                vec![p],
            ));
        }
        for g in src.groups.iter().filter_map(|g| account.groups.get(g)) {
            if let Some(p) = cx.ask(src, "iam:PutGroupPolicy", &g.arn, &[]).or_else(|| {
                cx.ask(
                    src,
                    "iam:AttachGroupPolicy",
                    &g.arn,
                    &[("iam:PolicyARN", admin_policy)],
                )
            }) {
                out.push(step(
                    "admin",
                    "change the policies of its own group",
                    format!(
                        "it is in group `{}` and can put or attach a policy on it",
                        g.name
                    ),
                    vec![p],
                ));
            }
        }
        let pol = account.policies_of(src);
        for m in pol
            .identity
            .iter()
            .filter(|p| p.name.starts_with("arn:") && !p.name.contains(":iam::aws:policy/"))
        {
            if let Some(p) = cx.ask(src, "iam:CreatePolicyVersion", &m.name, &[]) {
                out.push(step(
                    "admin",
                    "new version of an attached policy",
                    format!(
                        "`iam:CreatePolicyVersion` on `{}`, which applies to it: publish a default version that allows everything",
                        m.name
                    ),
                    vec![p],
                ));
            }
        }
        if src.kind == EntityKind::User {
            for g in account.groups.values() {
                if src.groups.contains(&g.name) || !group_is_admin(cx, src, g) {
                    continue;
                }
                if let Some(p) = cx.ask(src, "iam:AddUserToGroup", &g.arn, &[]) {
                    out.push(step(
                        "admin",
                        "add itself to an administrators' group",
                        format!(
                            "`iam:AddUserToGroup` on `{}`, whose policies allow everything",
                            g.name
                        ),
                        vec![p],
                    ));
                }
            }
        }
    }

    for dst in &account.entities {
        if dst.arn == src.arn {
            continue;
        }
        match dst.kind {
            EntityKind::Role => {
                if let Some(p) = cx.ask(src, "sts:AssumeRole", &dst.arn, &[]) {
                    out.push(step(
                        &dst.arn,
                        "sts:AssumeRole",
                        "its policies and the role's trust policy allow it to assume the role"
                            .into(),
                        vec![p],
                    ));
                } else if let Some(ps) =
                    cx.all(src, &[("iam:UpdateAssumeRolePolicy", &dst.arn, &[])])
                {
                    out.push(step(
                        &dst.arn,
                        "rewrite the trust policy",
                        "`iam:UpdateAssumeRolePolicy`: make the role trust itself, then assume it"
                            .into(),
                        ps,
                    ));
                }
                let services = trusted_services(dst);
                for m in &PASS_ROLE_METHODS {
                    if !services.iter().any(|s| s == m.service) {
                        continue;
                    }
                    let Some(pass) = cx.ask(
                        src,
                        "iam:PassRole",
                        &dst.arn,
                        &[("iam:PassedToService", m.service)],
                    ) else {
                        continue;
                    };
                    let mut perms = vec![pass];
                    if m.needs_instance_profile && dst.instance_profiles.is_empty() {
                        let Some(mut ps) = cx.all(
                            src,
                            &[
                                ("iam:CreateInstanceProfile", "*", &[]),
                                ("iam:AddRoleToInstanceProfile", "*", &[]),
                            ],
                        ) else {
                            continue;
                        };
                        perms.append(&mut ps);
                    }
                    let alts: Vec<Vec<Ask<'_>>> = m
                        .alternatives
                        .iter()
                        .map(|alt| alt.iter().map(|a| (*a, "*", &[][..])).collect())
                        .collect();
                    let refs: Vec<&[Ask<'_>]> = alts.iter().map(Vec::as_slice).collect();
                    if let Some(mut ps) = cx.any(src, &refs) {
                        perms.append(&mut ps);
                        out.push(step(&dst.arn, m.name, m.explanation.to_owned(), perms));
                    }
                }
                if services.iter().any(|s| s == "ec2.amazonaws.com")
                    && !dst.instance_profiles.is_empty()
                {
                    let instances = format!(
                        "arn:aws:ec2:*:{}:instance/*",
                        account.id.as_deref().unwrap_or("*")
                    );
                    let ps = cx
                        .ask(src, "ssm:SendCommand", &instances, &[])
                        .or_else(|| cx.ask(src, "ssm:StartSession", &instances, &[]));
                    if let Some(p) = ps {
                        out.push(step(
                            &dst.arn,
                            "SSM on an instance",
                            "run commands (or a session) on an EC2 instance that runs with the role's instance profile, if one is running".into(),
                            vec![p],
                        ));
                    }
                }
            }
            EntityKind::User => {
                for (action, method, how) in [
                    (
                        "iam:CreateAccessKey",
                        "create an access key",
                        "create an access key for the user and sign requests as it",
                    ),
                    (
                        "iam:CreateLoginProfile",
                        "create a console password",
                        "give the user a console password and sign in as it",
                    ),
                    (
                        "iam:UpdateLoginProfile",
                        "change the console password",
                        "change the user's console password and sign in as it",
                    ),
                ] {
                    if let Some(p) = cx.ask(src, action, &dst.arn, &[]) {
                        out.push(step(&dst.arn, method, how.to_owned(), vec![p]));
                        break;
                    }
                }
            }
        }
    }
    out
}

fn boundary_allows_admin(cx: &Ctx<'_>, e: &Entity) -> bool {
    let Some(b) = e.boundary.as_ref().and_then(|b| cx.account.managed.get(b)) else {
        // Unknown boundary (not in the export): assume it caps.
        return false;
    };
    let probe = Entity {
        boundary: None,
        inline: vec![b.clone()],
        managed: Vec::new(),
        groups: Vec::new(),
        ..e.clone()
    };
    cx.is_admin(&probe)
}

fn group_is_admin(cx: &Ctx<'_>, user: &Entity, g: &crate::account::Group) -> bool {
    let probe = Entity {
        groups: vec![g.name.clone()],
        inline: Vec::new(),
        managed: Vec::new(),
        ..user.clone()
    };
    cx.is_admin(&probe)
}

/// Find every principal that can reach administrator.
#[must_use]
pub fn analyse(account: &Account, env: &Environment) -> Analysis {
    let cx = Ctx { account, env };
    let admin: HashMap<&str, bool> = account
        .entities
        .iter()
        .map(|e| (e.arn.as_str(), cx.is_admin(e)))
        .collect();
    let mut edges: Vec<Step> = Vec::new();
    for e in &account.entities {
        if admin.get(e.arn.as_str()) == Some(&true) {
            continue;
        }
        edges.extend(edges_from(&cx, e));
    }
    let mut out: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in edges.iter().enumerate() {
        out.entry(s.from.as_str()).or_default().push(i);
    }
    let is_goal = |n: &str| n == "admin" || admin.get(n) == Some(&true);
    let mut paths = Vec::new();
    for e in &account.entities {
        if admin.get(e.arn.as_str()) == Some(&true) {
            continue;
        }
        // Breadth-first: the first goal reached is at the fewest steps.
        let mut prev: HashMap<&str, usize> = HashMap::new();
        let mut queue: VecDeque<&str> = VecDeque::from([e.arn.as_str()]);
        let mut seen: Vec<&str> = vec![e.arn.as_str()];
        let mut goal: Option<&str> = None;
        while let Some(n) = queue.pop_front() {
            if is_goal(n) && n != e.arn {
                goal = Some(n);
                break;
            }
            for &i in out.get(n).map(Vec::as_slice).unwrap_or(&[]) {
                let Some(s) = edges.get(i) else { continue };
                if !seen.contains(&s.to.as_str()) {
                    seen.push(&s.to);
                    prev.insert(&s.to, i);
                    queue.push_back(&s.to);
                }
            }
        }
        let Some(goal) = goal else { continue };
        let mut steps = Vec::new();
        let mut n = goal;
        while n != e.arn {
            let Some(s) = prev.get(n).and_then(|&i| edges.get(i)) else {
                break;
            };
            steps.push(s.clone());
            n = &s.from;
        }
        steps.reverse();
        paths.push(Path {
            principal: e.arn.clone(),
            reaches: goal.to_owned(),
            steps,
        });
    }
    let mut admins: Vec<String> = admin
        .iter()
        .filter(|(_, &a)| a)
        .map(|(n, _)| (*n).to_owned())
        .collect();
    admins.sort();
    Analysis {
        admins,
        paths,
        edges,
    }
}
