use palisade_doc::Node;

use crate::declare_rule;
use crate::resolve::describe;
use crate::rule::{Hit, Hits, ResourceCx, Rule};
use crate::rules::iam::util::{allow, aws_managed_policy_name, documents, Found, Kind};
use crate::rules::logging::util::{backticked, mentions};
use crate::template::Resource;
use crate::value::{is_unknown, items, text, Tri};

use super::util::named_resource;

/// What a function needs to write its logs to CloudWatch Logs.
const ACTIONS: [&str; 3] = [
    "logs:CreateLogGroup",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
];

/// AWS managed policies that allow the three actions (each on `*`).
const GRANTING_MANAGED_POLICIES: &[&str] = &[
    "AWSLambdaBasicExecutionRole",
    "AWSLambdaVPCAccessExecutionRole",
    "AWSLambdaExecute",
    "AWSLambdaKinesisExecutionRole",
    "AWSLambdaDynamoDBExecutionRole",
    "AWSLambdaSQSQueueExecutionRole",
    "CloudWatchLogsFullAccess",
    "PowerUserAccess",
    "AdministratorAccess",
];

const ROLE: &str = "AWS::IAM::Role";

declare_rule! {
    /// ## What it checks
    /// An `AWS::Lambda::Function` (or SAM `AWS::Serverless::Function` with a `Role`) whose
    /// execution role is an `AWS::IAM::Role` of the template that does not allow
    /// `logs:CreateLogGroup`, `logs:CreateLogStream` and `logs:PutLogEvents`. The rule reads
    /// everything the template attaches to the role: its inline `Policies`, its
    /// `ManagedPolicyArns` (customer managed policies of the template, and the AWS managed
    /// policies known to grant the actions: `AWSLambdaBasicExecutionRole`,
    /// `AWSLambdaVPCAccessExecutionRole`, `AWSLambdaExecute`, the Kinesis, DynamoDB and SQS
    /// execution roles, `CloudWatchLogsFullAccess`, `PowerUserAccess`, `AdministratorAccess`),
    /// and the `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy` and `AWS::IAM::RolePolicy`
    /// resources that attach to it. Each action must be allowed by some `Allow` statement
    /// (wildcards such as `logs:*` count); other AWS managed policies are taken not to grant
    /// them.
    ///
    /// A SAM function without `Role` passes: SAM creates its role with
    /// `AWSLambdaBasicExecutionRole`. `logs:CreateLogGroup` is not needed when the function's log
    /// group is created for it: the function sets `LoggingConfig.LogGroup`, or the template
    /// declares an `AWS::Logs::LogGroup` named `/aws/lambda/<function name>` (written
    /// `!Sub /aws/lambda/${Function}` or with the literal `FunctionName`). A role that is not in
    /// the template cannot be read and is reported at `info`. cfn_nag W58 requires the three actions in one statement and fails
    /// roles outside the template; we accept them across statements and policies, and report a
    /// role we cannot see as unknown.
    ///
    /// ## Why it matters
    /// Lambda writes a function's output, errors and `REPORT` lines to CloudWatch Logs with the
    /// function's own role. Without these permissions the writes are denied and nothing is
    /// logged: failures, timeouts and abuse of the function leave no record, and incident
    /// responders have nothing to read.
    ///
    /// ## How to fix
    /// Attach `AWSLambdaBasicExecutionRole`, or allow the three actions on the function's log
    /// group:
    /// ```yaml
    /// # before
    /// FunctionRole:
    ///   Type: AWS::IAM::Role
    ///   Properties:
    ///     AssumeRolePolicyDocument:
    ///       Statement:
    ///         - Effect: Allow
    ///           Principal: { Service: lambda.amazonaws.com }
    ///           Action: sts:AssumeRole
    /// # after
    /// FunctionRole:
    ///   Type: AWS::IAM::Role
    ///   Properties:
    ///     AssumeRolePolicyDocument:
    ///       Statement:
    ///         - Effect: Allow
    ///           Principal: { Service: lambda.amazonaws.com }
    ///           Action: sts:AssumeRole
    ///     ManagedPolicyArns:
    ///       - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
    /// ```
    ///
    /// ## References
    /// - [Defining Lambda function permissions with an execution role](https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html)
    /// - [AWSLambdaBasicExecutionRole](https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaBasicExecutionRole.html)
    /// - [AWSLambdaVPCAccessExecutionRole](https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaVPCAccessExecutionRole.html)
    /// - [AWS SAM AWS::Serverless::Function Role](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html)
    /// - cfn_nag W58
    ///
    /// ## Unknown values
    /// The rule reports an `info` finding instead of a finding when the role is not a resource
    /// of this template (an ARN, an import, a parameter), when a policy document, statement or
    /// action of the role is not known before deployment, when a customer managed policy ARN
    /// names a policy outside the template, and when a policy that grants the actions has a
    /// `Condition` that is not decided. A statement's own `Condition` block is not evaluated
    /// (the statement counts as allowing), and `Deny` statements and permissions boundaries are
    /// not weighed.
    LambdaRoleCannotWriteLogs {
        code: "CFN8006",
        name: "lambda-role-cannot-write-logs",
        severity: Low,
        group: "serverless",
        summary: "Lambda function's execution role does not allow writing CloudWatch Logs",
        types: ["AWS::Lambda::Function", "AWS::Serverless::Function"],
        xrefs: [CfnNag("W58")],
    }
}

impl Rule for LambdaRoleCannotWriteLogs {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        // A SAM function without `Role` gets a role with `AWSLambdaBasicExecutionRole`; a Lambda
        // function without `Role` is rejected by CloudFormation.
        let Some(role) = cx.prop("Role") else {
            return;
        };
        let outside = |hits: &mut Hits, why: String| {
            hits.push(Hit {
                span: role.span,
                path: None,
                message: format!(
                    "cannot tell whether the function's role allows writing logs: {why}"
                ),
                unknown: true,
                severity: None,
            });
        };
        let res = named_resource(role).and_then(|id| cx.template.resource(id));
        let Some(res) = res else {
            let shown = text(role).unwrap_or_else(|| describe(role));
            outside(
                hits,
                format!("the role `{shown}` is not defined in this template"),
            );
            return;
        };
        if res.ty != ROLE {
            outside(
                hits,
                format!("`{}` is a `{}`, not an `{ROLE}`", res.logical_id, res.ty),
            );
            return;
        }
        let mut grants = Grants::default();
        // A log group created for the function beforehand needs no `logs:CreateLogGroup`.
        if log_group_provided(cx) {
            grants.allowed[0] = true;
        }
        grants.role(cx, res);
        let missing: Vec<&str> = ACTIONS
            .iter()
            .zip(grants.allowed)
            .filter(|(_, ok)| !ok)
            .map(|(a, _)| *a)
            .collect();
        if missing.is_empty() {
            return;
        }
        let consequence = if missing == [ACTIONS[0]] {
            "so the function cannot create its log group, and its logs are lost unless the group exists"
        } else {
            "so the function cannot write its logs to CloudWatch Logs"
        };
        let missing = backticked(&missing);
        match grants.unknown {
            Some(what) => outside(
                hits,
                format!(
                    "role `{}` does not allow {missing} unless {what} does",
                    res.logical_id
                ),
            ),
            None => hits.at(
                role,
                format!(
                    "the function's role `{}` does not allow {missing}, {consequence}",
                    res.logical_id
                ),
            ),
        }
    }
}

/// What the role's policies allow of `ACTIONS`, and the first thing that might allow more.
#[derive(Default)]
struct Grants {
    allowed: [bool; 3],
    unknown: Option<String>,
}

impl Grants {
    fn maybe(&mut self, what: impl FnOnce() -> String) {
        if self.unknown.is_none() {
            self.unknown = Some(what());
        }
    }

    fn all(&self) -> bool {
        self.allowed.iter().all(|a| *a)
    }

    /// Everything the template attaches to `role`.
    fn role(&mut self, cx: &ResourceCx<'_>, role: &Resource<'_>) {
        let Some(props) = role.properties.and_then(|p| cx.resolver.resolve(p)) else {
            return;
        };
        self.documents(cx, role, &props, false);
        if let Some(arns) = props.get("ManagedPolicyArns") {
            self.managed_policy_arns(cx, arns);
        }
        if self.all() {
            return;
        }
        let role_name = props.get("RoleName").and_then(text);
        for ty in ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"] {
            for other in cx.others(ty) {
                let Some(roles) = other.props.get("Roles") else {
                    continue;
                };
                match names_role(cx, roles, role.logical_id, role_name.as_deref()) {
                    Tri::True => {
                        self.documents(cx, other.resource, &other.props, other.only_when.is_some());
                    }
                    Tri::Unknown => self.maybe(|| {
                        format!(
                            "`{}`, whose `Roles` is `{}`,",
                            other.resource.logical_id,
                            describe(roles)
                        )
                    }),
                    Tri::False => {}
                }
            }
        }
        for other in cx.others("AWS::IAM::RolePolicy") {
            let Some(name) = other.props.get("RoleName") else {
                continue;
            };
            match names_role(cx, name, role.logical_id, role_name.as_deref()) {
                Tri::True => {
                    self.documents(cx, other.resource, &other.props, other.only_when.is_some())
                }
                Tri::Unknown => self.maybe(|| {
                    format!(
                        "`{}`, whose `RoleName` is `{}`,",
                        other.resource.logical_id,
                        describe(name)
                    )
                }),
                Tri::False => {}
            }
        }
    }

    /// The identity policy documents of a resource (resolved `props`).
    fn documents(
        &mut self,
        cx: &ResourceCx<'_>,
        res: &Resource<'_>,
        props: &Node,
        undecided: bool,
    ) {
        let other = ResourceCx {
            template: cx.template,
            resource: res,
            props,
            resolver: cx.resolver,
        };
        for doc in documents(&other)
            .into_iter()
            .filter(|d| d.kind == Kind::Identity)
        {
            let mut scratch = Hits::new(res.id_span);
            doc.unreadable(&mut scratch, "allows writing logs");
            if !scratch.items.is_empty() {
                self.maybe(|| format!("{} of `{}`", doc.label, res.logical_id));
            }
            for st in &doc.policy.statements {
                let effect = allow(st);
                if effect == Tri::False {
                    continue;
                }
                for (i, action) in ACTIONS.iter().enumerate() {
                    let found = doc.grants(cx.template, st, action);
                    let Some(slot) = self.allowed.get_mut(i) else {
                        continue;
                    };
                    match (effect, found) {
                        (_, Found::No) => {}
                        (Tri::True, Found::Yes(_)) if !undecided => *slot = true,
                        (Tri::True, Found::Yes(_)) => self.maybe(|| {
                            format!(
                                "`{}`, which is created only when its `Condition` is true,",
                                res.logical_id
                            )
                        }),
                        _ => self.maybe(|| format!("{} of `{}`", doc.name(st), res.logical_id)),
                    }
                }
            }
        }
    }

    /// A role's `ManagedPolicyArns`.
    fn managed_policy_arns(&mut self, cx: &ResourceCx<'_>, arns: &Node) {
        if is_unknown(arns) {
            self.maybe(|| format!("`ManagedPolicyArns` `{}`", describe(arns)));
            return;
        }
        for item in items(arns) {
            if let Some(t) = text(item) {
                match aws_managed_policy_name(&t) {
                    Some(name) if GRANTING_MANAGED_POLICIES.contains(&name) => {
                        self.allowed = [true; 3];
                    }
                    Some(_) => {}
                    None => self.maybe(|| {
                        format!("the managed policy `{t}`, which this template does not define,")
                    }),
                }
                continue;
            }
            let policy = named_resource(item).and_then(|id| cx.template.resource(id));
            match policy {
                Some(res) if res.ty == "AWS::IAM::ManagedPolicy" => {
                    if let Some(p) = res.properties.and_then(|p| cx.resolver.resolve(p)) {
                        self.documents(cx, res, &p, false);
                    }
                }
                _ => self.maybe(|| format!("the managed policy `{}`", describe(item))),
            }
        }
    }
}

/// Whether the function's log group is created for it, so that Lambda need not create it: the
/// function sets `LoggingConfig.LogGroup`, or an `AWS::Logs::LogGroup` of the template is named
/// after it (`!Sub /aws/lambda/${Function}`, or `/aws/lambda/<FunctionName>`).
fn log_group_provided(cx: &ResourceCx<'_>) -> bool {
    if cx.prop_path("LoggingConfig.LogGroup").is_some() {
        return true;
    }
    let default_name = cx
        .prop("FunctionName")
        .and_then(text)
        .map(|n| format!("/aws/lambda/{}", n.trim()));
    cx.others("AWS::Logs::LogGroup").iter().any(|group| {
        let by_reference = group
            .resource
            .properties
            .and_then(|p| p.get("LogGroupName"))
            .is_some_and(|n| mentions(n, cx.id()));
        let by_name = group
            .props
            .get("LogGroupName")
            .and_then(text)
            .is_some_and(|n| default_name.as_deref() == Some(n.trim()));
        group.only_when.is_none() && (by_reference || by_name)
    })
}

/// Whether `Roles` (or a `RoleName`) names the role: by `Ref`, or by its literal `RoleName`.
fn names_role(cx: &ResourceCx<'_>, value: &Node, id: &str, role_name: Option<&str>) -> Tri {
    if is_unknown(value) && named_resource(value).is_none() {
        return Tri::Unknown;
    }
    let mut result = Tri::False;
    for item in items(value) {
        if let Some(target) = named_resource(item) {
            if target == id {
                return Tri::True;
            }
            if cx.template.resource(target).is_none() {
                result = Tri::Unknown;
            }
            continue;
        }
        match (text(item), role_name) {
            (Some(t), Some(name)) if t == name => return Tri::True,
            (Some(_), _) => {}
            (None, _) => result = Tri::Unknown,
        }
    }
    result
}
