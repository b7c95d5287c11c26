use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items};

use super::util::function_kind;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Lambda::Function` or SAM `AWS::Serverless::Function` that is not connected to a
    /// VPC: `VpcConfig` is absent, or has no (or an empty) `SubnetIds`. Without subnets Lambda
    /// runs the function in its own network, with internet access and no access to private
    /// resources of your VPCs.
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`. checkov CKV_AWS_117 files it under
    /// general security and cfn_nag W89 warns; we report it as hygiene because AWS does not
    /// recommend VPCs for functions that do not need them: a function outside a VPC has no
    /// inbound network path (it is invoked only through the Lambda API), and a VPC adds network
    /// interfaces, NAT costs and cold-start work. Connect a function when it must reach private
    /// resources, or when its outbound traffic must pass your own egress controls (security
    /// groups, network firewall, VPC endpoints, flow logs).
    ///
    /// ## Why it matters
    /// Outside a VPC, the function's outbound traffic goes straight to the internet: data it can
    /// read can be sent anywhere, and neither security groups nor flow logs see it. Inside a
    /// VPC, egress follows the VPC's routes, security groups and endpoints.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Worker:
    ///   Type: AWS::Lambda::Function
    ///   Properties:
    ///     Runtime: python3.13
    ///     Handler: app.handler
    ///     Role: !GetAtt WorkerRole.Arn
    ///     Code: { S3Bucket: !Ref CodeBucket, S3Key: worker.zip }
    /// # after
    ///     VpcConfig:
    ///       SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]
    ///       SecurityGroupIds: [!Ref WorkerSecurityGroup]
    /// ```
    /// The execution role then needs the network interface permissions of
    /// `AWSLambdaVPCAccessExecutionRole`.
    ///
    /// ## References
    /// - [Giving Lambda functions access to resources in an Amazon VPC](https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html)
    /// - [AWS::Lambda::Function VpcConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-function-vpcconfig.html)
    /// - [AWS SAM AWS::Serverless::Function](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html)
    /// - cfn_nag W89; checkov CKV_AWS_117
    LambdaNotInVpc {
        code: "CFN8007",
        name: "lambda-function-not-in-vpc",
        severity: Low,
        group: "hygiene",
        summary: "Lambda function is not connected to a VPC (`VpcConfig.SubnetIds`)",
        types: ["AWS::Lambda::Function", "AWS::Serverless::Function"],
        xrefs: [CfnNag("W89"), Checkov("CKV_AWS_117")],
    }
}

impl Rule for LambdaNotInVpc {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let problem = format!("{} is not connected to a VPC", function_kind(cx));
        let question = format!("the {} is connected to a VPC", function_kind(cx));
        let Some(config) = cx.prop("VpcConfig") else {
            hits.missing("VpcConfig", format!("{problem}: `VpcConfig` is not set"));
            return;
        };
        if is_unknown(config) {
            hits.unknown(config, &question);
            return;
        }
        match config.get("SubnetIds") {
            None => hits.at(config, format!("{problem}: `VpcConfig` has no `SubnetIds`")),
            Some(subnets) if is_unknown(subnets) => hits.unknown(subnets, &question),
            Some(subnets) => {
                if items(subnets).is_empty() {
                    hits.at(
                        subnets,
                        format!("{problem}: `VpcConfig.SubnetIds` is empty"),
                    );
                }
            }
        }
    }
}
