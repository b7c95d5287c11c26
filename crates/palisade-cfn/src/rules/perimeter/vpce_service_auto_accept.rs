use palisade_core::Severity;

use super::util::{known_text, refers_to};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::missing_with;
use crate::value::{items, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::EC2::VPCEndpointService` whose `AcceptanceRequired` is `false` or not set (the
    /// default is `false`): connection requests from consumers are accepted automatically.
    /// When an `AWS::EC2::VPCEndpointServicePermissions` of the template for this service
    /// allows any principal (`AllowedPrincipals` containing `*`), the finding is `high`: any
    /// AWS account can then connect.
    ///
    /// ## Why it matters
    /// An endpoint service exposes a Network or Gateway Load Balancer, and the applications
    /// behind it, inside other VPCs. With automatic acceptance, every principal allowed by the
    /// service permissions gets a working connection at once, with no review of who is
    /// connecting or from which account; a permission granted too widely, or to the wrong
    /// account, turns directly into network access to the service. Manual acceptance adds a
    /// check of each connection request by the service owner.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Service:
    ///   Type: AWS::EC2::VPCEndpointService
    ///   Properties:
    ///     NetworkLoadBalancerArns: [!Ref Nlb]
    /// # after
    /// Service:
    ///   Type: AWS::EC2::VPCEndpointService
    ///   Properties:
    ///     NetworkLoadBalancerArns: [!Ref Nlb]
    ///     AcceptanceRequired: true
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::VPCEndpointService](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpointservice.html) (`AcceptanceRequired`)
    /// - [Accept or reject connection requests](https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#accept-reject-connection-requests)
    /// - [AWS::EC2::VPCEndpointServicePermissions](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpointservicepermissions.html)
    /// - checkov CKV_AWS_123
    VpcEndpointServiceAutoAccept {
        code: "CFN6116",
        name: "vpc-endpoint-service-auto-accept",
        severity: Medium,
        group: "network",
        summary: "VPC endpoint service accepts connection requests automatically (AcceptanceRequired not true)",
        types: ["AWS::EC2::VPCEndpointService"],
        xrefs: [Checkov("CKV_AWS_123")],
    }
}

/// A permissions resource of the template that lets any principal connect to the service.
fn open_to_anyone(cx: &ResourceCx<'_>) -> Option<String> {
    cx.others("AWS::EC2::VPCEndpointServicePermissions")
        .into_iter()
        .find(|p| {
            p.props
                .get("ServiceId")
                .is_some_and(|s| refers_to(s, cx.id()) == Tri::True)
                && p.props.get("AllowedPrincipals").is_some_and(|list| {
                    items(list)
                        .into_iter()
                        .any(|n| known_text(n).is_ok_and(|t| t == "*"))
                })
        })
        .map(|p| p.resource.logical_id.to_string())
}

impl Rule for VpcEndpointServiceAutoAccept {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let (node, state) = match cx.prop("AcceptanceRequired") {
            None => (None, "is not set"),
            Some(n) => match truth(n) {
                Tri::True => return,
                Tri::False => (Some(n), "is false"),
                Tri::Unknown => {
                    hits.unknown(n, "connection requests must be accepted");
                    return;
                }
            },
        };
        let (severity, tail) = match open_to_anyone(cx) {
            Some(perms) => (
                Severity::High,
                format!(", and `{perms}` lets any AWS principal (`*`) connect"),
            ),
            None => (Severity::Medium, String::new()),
        };
        let message = format!(
            "endpoint service accepts connection requests automatically: `AcceptanceRequired` {state}{tail}"
        );
        match node {
            Some(n) => hits.at_severity(n, severity, message),
            None => missing_with(cx, hits, "AcceptanceRequired", severity, message),
        }
    }
}
