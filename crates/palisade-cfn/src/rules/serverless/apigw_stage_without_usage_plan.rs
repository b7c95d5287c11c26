use palisade_doc::Node;

use crate::declare_rule;
use crate::resolve::describe;
use crate::rule::{Hit, Hits, ResourceCx, Rule};
use crate::template::Template;
use crate::value::{is_unknown, items, text};

use super::util::{named_resource, stage_label};

const USAGE_PLAN: &str = "AWS::ApiGateway::UsagePlan";
const DEPLOYMENT: &str = "AWS::ApiGateway::Deployment";

declare_rule! {
    /// ## What it checks
    /// A REST API stage that no `AWS::ApiGateway::UsagePlan` of the template lists in its
    /// `ApiStages`:
    /// - an `AWS::ApiGateway::Stage`, listed by `Stage: !Ref <stage>` or by its `StageName` with
    ///   the same `ApiId` as the stage's `RestApiId` (cfn_nag W64);
    /// - the stage an `AWS::ApiGateway::Deployment` creates when it sets `StageName`, listed by
    ///   that name with the same `ApiId` (cfn_nag W68). cfn_nag fails every deployment whose
    ///   `StageName` no usage plan names, including deployments without `StageName`, which
    ///   create no stage; we check only the stage a deployment creates, as cfn_nag's rule text
    ///   intends (stages of their own are checked as `AWS::ApiGateway::Stage`).
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`.
    ///
    /// ## Why it matters
    /// A usage plan sets who may call the stage with which API key, and at what rate and quota.
    /// Without one, a stage is limited only by its own method throttling and the account-wide
    /// API Gateway quota, which all APIs of the account and region share: one noisy or abusive
    /// client can exhaust it for everyone, and the backend pays for every request. (API keys
    /// are for metering, not authentication: authorize callers with IAM, Cognito or a Lambda
    /// authorizer.)
    ///
    /// ## How to fix
    /// Add the stage to a usage plan with throttling and a quota:
    /// ```yaml
    /// # before
    /// Prod:
    ///   Type: AWS::ApiGateway::Stage
    ///   Properties:
    ///     RestApiId: !Ref Api
    ///     DeploymentId: !Ref Deployment
    ///     StageName: prod
    /// # after (add)
    /// Plan:
    ///   Type: AWS::ApiGateway::UsagePlan
    ///   Properties:
    ///     ApiStages:
    ///       - ApiId: !Ref Api
    ///         Stage: !Ref Prod
    ///     Throttle:
    ///       RateLimit: 100
    ///       BurstLimit: 200
    ///     Quota:
    ///       Limit: 100000
    ///       Period: MONTH
    /// ```
    ///
    /// ## References
    /// - [AWS::ApiGateway::UsagePlan ApiStage](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-usageplan-apistage.html)
    /// - [Usage plans and API keys for REST APIs in API Gateway](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html)
    /// - [Throttle requests to your REST APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html)
    /// - cfn_nag W64, W68
    ///
    /// ## Unknown values
    /// A usage plan whose `ApiStages` (or an entry's `Stage` or `ApiId`) is not known before
    /// deployment, a stage whose own name is not known, and a usage plan whose `Condition` is
    /// not decided, make the rule report an `info` finding instead of a finding, naming the
    /// value. Usage plans with a `Condition` that is false are ignored, and so are usage plans of
    /// other stacks.
    ApiGatewayStageWithoutUsagePlan {
        code: "CFN8002",
        name: "apigateway-stage-without-usage-plan",
        severity: Low,
        group: "hygiene",
        summary: "API Gateway REST API stage is not in any usage plan (no throttling or quota per client)",
        types: ["AWS::ApiGateway::Stage", "AWS::ApiGateway::Deployment"],
        xrefs: [CfnNag("W64"), CfnNag("W68")],
    }
}

impl Rule for ApiGatewayStageWithoutUsagePlan {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let deployment = cx.resource.ty == DEPLOYMENT;
        // A deployment creates a stage only when it names one.
        if deployment && cx.prop("StageName").is_none() {
            return;
        }
        let stage = Stage {
            template: cx.template,
            id: cx.id(),
            name: cx.prop("StageName"),
            api: cx.prop("RestApiId"),
            own_resource: !deployment,
        };
        let mut unknown: Option<String> = None;
        for plan in cx.others(USAGE_PLAN) {
            let plan_id = plan.resource.logical_id;
            let Some(list) = plan.props.get("ApiStages") else {
                continue;
            };
            if is_unknown(list) {
                unknown.get_or_insert_with(|| {
                    format!("`ApiStages` of `{plan_id}` is `{}`", describe(list))
                });
                continue;
            }
            for entry in items(list) {
                match stage.listed_by(entry) {
                    Listed::Yes if plan.only_when.is_some() => {
                        unknown.get_or_insert_with(|| {
                            format!("`{plan_id}` lists it, but only when its `Condition` is true")
                        });
                    }
                    Listed::Yes => return,
                    Listed::No => {}
                    Listed::Maybe(what) => {
                        unknown.get_or_insert_with(|| format!("`{plan_id}` has {what}"));
                    }
                }
            }
        }
        let label = stage_label(stage.name);
        let label = if deployment {
            format!("{label} created by the deployment")
        } else {
            label
        };
        match unknown {
            Some(what) => hits.push(Hit {
                span: cx.resource.id_span,
                path: Some(String::new()),
                message: format!(
                    "cannot tell whether {label} is in a usage plan: {what}, which is not known before deployment"
                ),
                unknown: true,
                severity: None,
            }),
            None => hits.resource(format!(
                "{label} is not in any usage plan: no `{USAGE_PLAN}` lists it in `ApiStages`"
            )),
        }
    }
}

/// The stage being checked.
struct Stage<'a> {
    /// The template, to tell references to resources from parameters without a value.
    template: &'a Template<'a>,
    /// The logical id of the stage (or deployment).
    id: &'a str,
    /// Its resolved `StageName`.
    name: Option<&'a Node>,
    /// Its resolved `RestApiId`.
    api: Option<&'a Node>,
    /// Whether it is an `AWS::ApiGateway::Stage` (that `Ref` can name).
    own_resource: bool,
}

/// Whether a usage plan entry lists the stage.
enum Listed {
    Yes,
    No,
    /// It depends on a value not known before deployment (described).
    Maybe(String),
}

impl Stage<'_> {
    /// The resource of the template a resolved value names (`Ref`, `Fn::GetAtt`, `${X}`).
    fn resource<'n>(&self, node: &'n Node) -> Option<&'n str> {
        named_resource(node).filter(|id| self.template.resource(id).is_some())
    }

    fn listed_by(&self, entry: &Node) -> Listed {
        if is_unknown(entry) {
            return Listed::Maybe(format!("an `ApiStages` entry `{}`", describe(entry)));
        }
        let Some(stage) = entry.get("Stage") else {
            return Listed::No;
        };
        // `!Ref Stage` gives the stage's name; a reference to another resource names another
        // stage.
        if let Some(target) = self.resource(stage) {
            return if self.own_resource && target == self.id {
                Listed::Yes
            } else {
                Listed::No
            };
        }
        let by_name = match (text(stage), self.name.and_then(text)) {
            (Some(listed), Some(own)) if listed == own => Listed::Yes,
            (Some(_), Some(_)) => return Listed::No,
            (Some(listed), None) => Listed::Maybe(format!(
                "`Stage: {listed}` and the stage's own `StageName` is `{}`",
                self.name.map_or_else(|| "generated".into(), describe)
            )),
            (None, _) => return Listed::Maybe(format!("`Stage: {}`", describe(stage))),
        };
        match (by_name, self.same_api(entry.get("ApiId"))) {
            (_, Listed::No) | (Listed::No, _) => Listed::No,
            (Listed::Yes, Listed::Yes) => Listed::Yes,
            (Listed::Maybe(what), _) | (_, Listed::Maybe(what)) => Listed::Maybe(what),
        }
    }

    /// Whether an entry's `ApiId` is the stage's REST API.
    fn same_api(&self, api: Option<&Node>) -> Listed {
        let (Some(listed), Some(own)) = (api, self.api) else {
            return Listed::No;
        };
        let same = match (self.resource(listed), self.resource(own)) {
            (Some(a), Some(b)) => Some(a == b),
            _ => match (text(listed), text(own)) {
                (Some(a), Some(b)) => Some(a == b),
                _ => None,
            },
        };
        match same {
            Some(true) => Listed::Yes,
            Some(false) => Listed::No,
            None => Listed::Maybe(format!(
                "`ApiId: {}` and the stage's `RestApiId` is `{}`",
                describe_or_text(listed),
                describe_or_text(own)
            )),
        }
    }
}

/// The text of a known value, else how an unresolved one is written.
fn describe_or_text(node: &Node) -> String {
    text(node).unwrap_or_else(|| describe(node))
}
