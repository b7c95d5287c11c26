use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::require_true;

declare_rule! {
    /// ## What it checks
    /// An `AWS::WorkSpaces::Workspace` whose `UserVolumeEncryptionEnabled` or
    /// `RootVolumeEncryptionEnabled` is absent or `false`. Both default to `false`: WorkSpaces
    /// encrypts a volume only when asked to, with the KMS key in `VolumeEncryptionKey`. Each
    /// volume is reported on its own. The properties cannot be changed on an existing
    /// WorkSpace: turning encryption on replaces it.
    ///
    /// cfn_nag F29 checks only the user volume; checkov checks the user volume (CKV_AWS_155)
    /// and the root volume (CKV_AWS_156) separately. This rule checks both.
    ///
    /// ## Why it matters
    /// The user volume (`D:` on Windows, `/home` on Linux) holds the user's documents, browser
    /// profiles, cached credentials and whatever was downloaded to the desktop; the root volume
    /// holds the operating system, installed applications and their caches. Unencrypted, both
    /// sit in the clear on the underlying storage and in the WorkSpace's snapshots.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Desktop:
    ///   Type: AWS::WorkSpaces::Workspace
    ///   Properties:
    ///     BundleId: wsb-abcd1234
    ///     DirectoryId: d-1234567890
    ///     UserName: alice
    /// # after
    /// Desktop:
    ///   Type: AWS::WorkSpaces::Workspace
    ///   Properties:
    ///     BundleId: wsb-abcd1234
    ///     DirectoryId: d-1234567890
    ///     UserName: alice
    ///     UserVolumeEncryptionEnabled: true
    ///     RootVolumeEncryptionEnabled: true
    ///     VolumeEncryptionKey: !GetAtt WorkspacesKey.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::WorkSpaces::Workspace](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-workspaces-workspace.html)
    /// - [AWS Config rule workspaces-user-volume-encryption-enabled](https://docs.aws.amazon.com/config/latest/developerguide/workspaces-user-volume-encryption-enabled.html)
    /// - cfn_nag F29; checkov CKV_AWS_155, CKV_AWS_156
    ///
    /// ## Unknown values
    /// A flag taken from a parameter without a value (or another unresolved expression) is
    /// reported at `info`, naming the value.
    WorkspacesVolumeNotEncrypted {
        code: "CFN8201",
        name: "workspaces-volume-not-encrypted",
        severity: High,
        group: "storage",
        summary: "WorkSpaces user or root volume is not encrypted (`UserVolumeEncryptionEnabled` / `RootVolumeEncryptionEnabled`)",
        types: ["AWS::WorkSpaces::Workspace"],
        xrefs: [CfnNag("F29"), Checkov("CKV_AWS_155"), Checkov("CKV_AWS_156")],
    }
}

impl Rule for WorkspacesVolumeNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_true(
            cx,
            hits,
            "UserVolumeEncryptionEnabled",
            "WorkSpace user volume is not encrypted",
        );
        require_true(
            cx,
            hits,
            "RootVolumeEncryptionEnabled",
            "WorkSpace root volume is not encrypted",
        );
    }
}
