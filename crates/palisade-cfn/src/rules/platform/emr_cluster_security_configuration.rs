use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::logging::util::is_set;
use crate::value::Tri;

declare_rule! {
    /// ## What it checks
    /// An `AWS::EMR::Cluster` without a `SecurityConfiguration` (absent or empty). The
    /// security configuration is where EMR's encryption at rest and in transit, Kerberos
    /// authentication and EMRFS role mappings are set; a cluster without one gets none of
    /// them. The property can only be set when the cluster is created.
    ///
    /// cfn_nag W63 also fails a cluster whose `SecurityConfiguration` is a name rather than a
    /// reference to an `AWS::EMR::SecurityConfiguration` of the same template. This rule
    /// accepts a name: security configurations are commonly shared between stacks, and one
    /// defined in this template is checked by CFN8206.
    ///
    /// ## Why it matters
    /// Without a security configuration the cluster's local disks and its node-to-node traffic
    /// (HDFS, shuffle, Spark and Presto traffic) are not encrypted, data it writes through
    /// EMRFS gets only the bucket's default encryption, and every user of the cluster reaches
    /// S3 with the same instance role.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Cluster:
    ///   Type: AWS::EMR::Cluster
    ///   Properties:
    ///     Name: analytics
    ///     ReleaseLabel: emr-7.1.0
    ///     JobFlowRole: !Ref EmrInstanceProfile
    ///     ServiceRole: !Ref EmrServiceRole
    ///     Instances:
    ///       MasterInstanceGroup: {InstanceCount: 1, InstanceType: m5.xlarge}
    /// # after
    /// Cluster:
    ///   Type: AWS::EMR::Cluster
    ///   Properties:
    ///     Name: analytics
    ///     ReleaseLabel: emr-7.1.0
    ///     JobFlowRole: !Ref EmrInstanceProfile
    ///     ServiceRole: !Ref EmrServiceRole
    ///     SecurityConfiguration: !Ref EmrSecurity
    ///     Instances:
    ///       MasterInstanceGroup: {InstanceCount: 1, InstanceType: m5.xlarge}
    /// ```
    ///
    /// ## References
    /// - [AWS::EMR::Cluster](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-emr-cluster.html)
    /// - [Use security configurations to set up Amazon EMR cluster security](https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-security-configurations.html)
    /// - cfn_nag W63
    ///
    /// ## Unknown values
    /// A `SecurityConfiguration` from a parameter without a value (which may be empty) is
    /// reported at `info`; a `Ref` to a resource of the template or an import counts as set.
    EmrClusterWithoutSecurityConfiguration {
        code: "CFN8207",
        name: "emr-cluster-without-security-configuration",
        severity: Medium,
        group: "analytics",
        summary: "EMR cluster has no security configuration (`SecurityConfiguration`)",
        types: ["AWS::EMR::Cluster"],
        xrefs: [CfnNag("W63")],
    }
}

impl Rule for EmrClusterWithoutSecurityConfiguration {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match cx.prop("SecurityConfiguration") {
            None => hits.missing(
                "SecurityConfiguration",
                "EMR cluster has no security configuration: `SecurityConfiguration` is not set",
            ),
            Some(v) => match is_set(cx, v) {
                Tri::True => {}
                Tri::False => hits.at(
                    v,
                    "EMR cluster has no security configuration: `SecurityConfiguration` is empty",
                ),
                Tri::Unknown => hits.unknown(v, "the cluster has a security configuration"),
            },
        }
    }
}
