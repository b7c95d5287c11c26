use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items};

declare_rule! {
    /// ## What it checks
    /// An `AWS::EKS::Nodegroup` whose `RemoteAccess` sets `Ec2SshKey` but no
    /// `SourceSecurityGroups` (absent or an empty list). In that case EKS opens port 22 on the
    /// worker nodes to the internet (`0.0.0.0/0`). Node groups without `RemoteAccess`, or that
    /// name the security groups allowed to connect, pass.
    ///
    /// ## Why it matters
    /// Every node of the group then accepts SSH connections from any address. The key pair is
    /// the only protection left: a leaked or shared private key, or an SSH vulnerability, gives
    /// a shell on a Kubernetes node, with the node's IAM role and access to every pod and
    /// secret scheduled on it. Internet-wide scanners find open SSH ports within minutes.
    ///
    /// ## How to fix
    /// Restrict SSH to a bastion or administration security group, or drop `RemoteAccess` and
    /// use AWS Systems Manager Session Manager:
    /// ```yaml
    /// # before
    /// RemoteAccess:
    ///   Ec2SshKey: ops-key
    /// # after
    /// RemoteAccess:
    ///   Ec2SshKey: ops-key
    ///   SourceSecurityGroups: [!Ref BastionSecurityGroup]
    /// ```
    ///
    /// ## References
    /// - [AWS::EKS::Nodegroup RemoteAccess](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-eks-nodegroup-remoteaccess.html)
    /// - [RemoteAccessConfig](https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html) (port 22 opened to 0.0.0.0/0)
    /// - checkov CKV_AWS_100
    EksNodegroupSshOpenToWorld {
        code: "CFN6115",
        name: "eks-nodegroup-ssh-open-to-world",
        severity: High,
        group: "network",
        summary: "EKS node group opens SSH to the internet (Ec2SshKey without SourceSecurityGroups)",
        types: ["AWS::EKS::Nodegroup"],
        xrefs: [Checkov("CKV_AWS_100")],
    }
}

impl Rule for EksNodegroupSshOpenToWorld {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let question = "the node group restricts SSH to source security groups";
        let Some(remote) = cx.prop("RemoteAccess") else {
            return;
        };
        if is_unknown(remote) {
            hits.unknown(remote, question);
            return;
        }
        if remote.get("Ec2SshKey").is_none() {
            return;
        }
        match remote.get("SourceSecurityGroups") {
            Some(groups) if is_unknown(groups) => hits.unknown(groups, question),
            Some(groups) if !items(groups).is_empty() => {}
            _ => hits.at(
                remote,
                "node group opens SSH (port 22) to 0.0.0.0/0: `RemoteAccess` sets `Ec2SshKey` without `SourceSecurityGroups`",
            ),
        }
    }
}
