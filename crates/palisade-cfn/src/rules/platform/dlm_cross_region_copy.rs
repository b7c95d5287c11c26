use palisade_doc::Node;

use super::util::{list_items, require_true_in};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::DLM::LifecyclePolicy` that copies snapshots to another Region without asking
    /// for the copies to be encrypted:
    /// - event-based policies: `PolicyDetails.Actions[].CrossRegionCopy[]` whose
    ///   `EncryptionConfiguration.Encrypted` is absent or `false`;
    /// - snapshot and AMI policies: `PolicyDetails.Schedules[].CrossRegionCopyRules[]` whose
    ///   `Encrypted` is absent or `false`.
    ///
    /// `Encrypted` is required by both shapes. Copies of encrypted snapshots are always
    /// encrypted; `Encrypted: false` leaves copies of unencrypted snapshots unencrypted unless
    /// EBS encryption by default is on in the target Region, which the template cannot show.
    ///
    /// cfn_nag W81 checks the event-based `CrossRegionCopy` actions only; this rule also checks
    /// the `CrossRegionCopyRules` of schedules.
    ///
    /// ## Why it matters
    /// Cross-Region copies are usually disaster-recovery copies of whole volumes: databases,
    /// application data, credentials on disk. An unencrypted copy can be shared, copied again
    /// or restored by anyone with snapshot permissions in the target Region, outside the
    /// control of a KMS key policy.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// CrossRegionCopyRules:
    ///   - TargetRegion: us-west-2
    ///     Encrypted: false
    /// # after
    /// CrossRegionCopyRules:
    ///   - TargetRegion: us-west-2
    ///     Encrypted: true
    ///     CmkArn: arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
    /// ```
    ///
    /// ## References
    /// - [AWS::DLM::LifecyclePolicy CrossRegionCopyRule](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dlm-lifecyclepolicy-crossregioncopyrule.html)
    /// - [AWS::DLM::LifecyclePolicy CrossRegionCopyAction](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dlm-lifecyclepolicy-crossregioncopyaction.html)
    /// - cfn_nag W81
    ///
    /// ## Unknown values
    /// `PolicyDetails`, an action, a schedule, a copy list or an `Encrypted` flag that is not
    /// known before deployment is reported at `info`, naming the value.
    DlmCrossRegionCopyNotEncrypted {
        code: "CFN8203",
        name: "dlm-cross-region-copy-not-encrypted",
        severity: Medium,
        group: "storage",
        summary: "DLM lifecycle policy copies snapshots to another Region without encrypting the copies",
        types: ["AWS::DLM::LifecyclePolicy"],
        xrefs: [CfnNag("W81")],
    }
}

const QUESTION: &str = "the policy's cross-Region snapshot copies are encrypted";

/// `cross-Region copy to `us-west-2``, or without the Region when it is not known.
fn problem(copy: &Node, region_keys: &[&str]) -> String {
    let region = region_keys.iter().find_map(|k| copy.get(k)).and_then(text);
    match region {
        Some(r) => {
            format!("cross-Region copy to `{r}` does not encrypt copies of unencrypted snapshots")
        }
        None => "cross-Region copy does not encrypt copies of unencrypted snapshots".to_owned(),
    }
}

impl Rule for DlmCrossRegionCopyNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(details) = cx.prop("PolicyDetails") else {
            return;
        };
        if is_unknown(details) {
            hits.unknown(details, QUESTION);
            return;
        }
        let actions = list_items(hits, details, "Actions", "PolicyDetails.", QUESTION);
        for (action, prefix) in actions {
            for (copy, p) in list_items(hits, action, "CrossRegionCopy", &prefix, QUESTION) {
                let what = problem(copy, &["Target"]);
                require_true_in(hits, copy, &p, "EncryptionConfiguration.Encrypted", &what);
            }
        }
        let schedules = list_items(hits, details, "Schedules", "PolicyDetails.", QUESTION);
        for (schedule, prefix) in schedules {
            for (rule, p) in list_items(hits, schedule, "CrossRegionCopyRules", &prefix, QUESTION) {
                let what = problem(rule, &["TargetRegion", "Target"]);
                require_true_in(hits, rule, &p, "Encrypted", &what);
            }
        }
    }
}
