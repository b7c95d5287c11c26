use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::ECS::Cluster` whose `ClusterSettings` has no `containerInsights` entry with
    /// `Value` `enabled` or `enhanced`. Without the entry the cluster takes the account's
    /// `containerInsights` setting, which is off unless someone turned it on with
    /// `PutAccountSetting`; the template cannot show it.
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`. It corresponds to checkov CKV_AWS_65.
    ///
    /// ## Why it matters
    /// Container Insights collects per-cluster, per-service and per-task CPU, memory, network
    /// and storage metrics and task lifecycle events. Without it, diagnosing a failing or
    /// starved service, or noticing unexpected tasks (crypto-mining after a compromise, for
    /// example), relies on whatever each application logs.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Cluster:
    ///   Type: AWS::ECS::Cluster
    ///   Properties:
    ///     ClusterName: services
    /// # after
    /// Cluster:
    ///   Type: AWS::ECS::Cluster
    ///   Properties:
    ///     ClusterName: services
    ///     ClusterSettings:
    ///       - Name: containerInsights
    ///         Value: enhanced
    /// ```
    ///
    /// ## References
    /// - [AWS::ECS::Cluster ClusterSettings](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecs-cluster-clustersettings.html)
    /// - [ClusterSetting (ECS API)](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ClusterSetting.html)
    /// - checkov CKV_AWS_65
    ///
    /// ## Unknown values
    /// A `ClusterSettings` list, entry or `containerInsights` value that is not known before
    /// deployment is reported at `info`, naming the value.
    EcsContainerInsightsDisabled {
        code: "CFN8224",
        name: "ecs-cluster-container-insights-disabled",
        severity: Low,
        group: "hygiene",
        summary: "ECS cluster does not turn on CloudWatch Container Insights (`ClusterSettings` `containerInsights`)",
        types: ["AWS::ECS::Cluster"],
        xrefs: [Checkov("CKV_AWS_65")],
    }
}

const QUESTION: &str = "Container Insights is turned on";

impl Rule for EcsContainerInsightsDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(settings) = cx.prop("ClusterSettings") else {
            hits.missing(
                "ClusterSettings",
                "Container Insights is not turned on for the cluster: `ClusterSettings` has no `containerInsights` entry",
            );
            return;
        };
        if is_unknown(settings) {
            hits.unknown(settings, QUESTION);
            return;
        }
        let mut unknown = false;
        for entry in items(settings) {
            if is_unknown(entry) {
                hits.unknown(entry, QUESTION);
                unknown = true;
                continue;
            }
            match entry.get("Name").map(|n| (n, text(n))) {
                Some((_, Some(name))) if name == "containerInsights" => {}
                Some((n, None)) if is_unknown(n) => {
                    hits.unknown(n, QUESTION);
                    unknown = true;
                    continue;
                }
                _ => continue,
            }
            let Some(value) = entry.get("Value") else {
                hits.at(entry, "Container Insights is not turned on for the cluster: the `containerInsights` entry has no `Value`");
                return;
            };
            match text(value) {
                Some(v) if matches!(v.trim(), "enabled" | "enhanced") => return,
                Some(v) => {
                    hits.at(
                        value,
                        format!("Container Insights is turned off for the cluster: `containerInsights` is `{}`", v.trim()),
                    );
                    return;
                }
                None if is_unknown(value) => {
                    hits.unknown(value, QUESTION);
                    return;
                }
                None => {
                    hits.at(value, "Container Insights is not turned on for the cluster: `containerInsights` is not a string");
                    return;
                }
            }
        }
        if !unknown {
            hits.at(
                settings,
                "Container Insights is not turned on for the cluster: `ClusterSettings` has no `containerInsights` entry",
            );
        }
    }
}
