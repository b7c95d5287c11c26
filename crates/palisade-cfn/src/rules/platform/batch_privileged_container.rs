use palisade_doc::Node;

use super::util::list_items;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::{lookup, Lookup};
use crate::value::{is_unknown, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::Batch::JobDefinition` that runs a container in privileged mode, wherever the
    /// job definition declares containers:
    /// - `ContainerProperties.Privileged: true` (single-node container jobs);
    /// - `NodeProperties.NodeRangeProperties[].Container.Privileged: true` (multi-node jobs);
    /// - `EcsProperties.TaskProperties[].Containers[].Privileged: true`;
    /// - `EksProperties.PodProperties.Containers[]` or `InitContainers[]` with
    ///   `SecurityContext.Privileged: true`.
    ///
    /// `Privileged` defaults to `false`. cfn_nag W34 checks `ContainerProperties` only.
    ///
    /// ## Why it matters
    /// A privileged container gets root permissions on the host instance: all devices, all
    /// kernel capabilities, no seccomp or AppArmor confinement. Code in the job (or anyone who
    /// compromises it, for example through a malicious input file or dependency) can escape to
    /// the compute environment's instance, read other jobs' data and use the instance role.
    ///
    /// ## How to fix
    /// Remove `Privileged`, and grant only the Linux capabilities or devices the job needs:
    /// ```yaml
    /// # before
    /// ContainerProperties:
    ///   Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/etl:1.4
    ///   Privileged: true
    /// # after
    /// ContainerProperties:
    ///   Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/etl:1.4
    ///   LinuxParameters:
    ///     Devices:
    ///       - HostPath: /dev/fuse
    /// ```
    ///
    /// ## References
    /// - [AWS::Batch::JobDefinition ContainerProperties](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-batch-jobdefinition-containerproperties.html)
    /// - [AWS::Batch::JobDefinition EksContainerSecurityContext](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-batch-jobdefinition-ekscontainersecuritycontext.html)
    /// - cfn_nag W34
    ///
    /// ## Unknown values
    /// A `Privileged` flag, or a container list, that is not known before deployment is
    /// reported at `info`, naming the value.
    BatchPrivilegedContainer {
        code: "CFN8209",
        name: "batch-job-privileged-container",
        severity: High,
        group: "containers",
        summary: "Batch job definition runs a container in privileged mode (`Privileged: true`)",
        types: ["AWS::Batch::JobDefinition"],
        xrefs: [CfnNag("W34")],
    }
}

const QUESTION: &str = "the job definition runs a privileged container";

/// Report the flag at `path` below `container` (`prefix` is the container's path).
fn flag(hits: &mut Hits, container: &Node, prefix: &str, path: &str) {
    let full = format!("{prefix}{path}");
    match lookup(container, path) {
        Lookup::Missing => {}
        Lookup::Unknown(n) => hits.unknown(n, &format!("`{full}` is true")),
        Lookup::Found(v) => match truth(v) {
            Tri::True => hits.at(
                v,
                format!("container runs in privileged mode with root access to the host: `{full}` is true"),
            ),
            Tri::Unknown if is_unknown(v) => hits.unknown(v, &format!("`{full}` is true")),
            _ => {}
        },
    }
}

impl Rule for BatchPrivilegedContainer {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        flag(hits, cx.props, "", "ContainerProperties.Privileged");
        let ranges = "NodeProperties.NodeRangeProperties";
        for (range, prefix) in list_items(hits, cx.props, ranges, "", QUESTION) {
            flag(hits, range, &prefix, "Container.Privileged");
        }
        let tasks = "EcsProperties.TaskProperties";
        for (task, prefix) in list_items(hits, cx.props, tasks, "", QUESTION) {
            for (c, p) in list_items(hits, task, "Containers", &prefix, QUESTION) {
                flag(hits, c, &p, "Privileged");
            }
        }
        for list in [
            "EksProperties.PodProperties.Containers",
            "EksProperties.PodProperties.InitContainers",
        ] {
            for (c, p) in list_items(hits, cx.props, list, "", QUESTION) {
                flag(hits, c, &p, "SecurityContext.Privileged");
            }
        }
    }
}
