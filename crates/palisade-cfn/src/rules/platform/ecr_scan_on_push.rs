use palisade_doc::Node;
use palisade_iam::{glob_match, CaseSensitivity};

use crate::declare_rule;
use crate::rule::{Hit, Hits, ResourceCx, Rule};
use crate::rules::encryption::util::require_true;
use crate::value::{is_unknown, items, text, truth_or, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::ECR::Repository` whose `ImageScanningConfiguration.ScanOnPush` is absent or
    /// `false` (the default), unless a registry scanning configuration of the same template
    /// covers it: an `AWS::ECR::RegistryScanningConfiguration` with a rule whose
    /// `ScanFrequency` is `SCAN_ON_PUSH` or `CONTINUOUS_SCAN` and whose `RepositoryFilters` has
    /// a `WILDCARD` filter matching the repository's name (`*` matches every repository,
    /// including one with a generated name). A registry scanning configuration replaces the
    /// repository setting; AWS documents the repository-level scanning API as deprecated in its
    /// favour.
    ///
    /// cfn_nag W79 and checkov CKV_AWS_163 look at the repository property only.
    ///
    /// ## Why it matters
    /// Without scanning on push, images with known vulnerable packages (an old OpenSSL, a
    /// library with a remote code execution flaw) reach the repository and the services that
    /// pull from it without anyone being told. Scanning on push reports them when they arrive,
    /// before they are deployed.
    ///
    /// ## How to fix
    /// Turn on scanning for the repository, or for the whole registry:
    /// ```yaml
    /// # before
    /// Images:
    ///   Type: AWS::ECR::Repository
    ///   Properties:
    ///     RepositoryName: payments-api
    /// # after
    /// Images:
    ///   Type: AWS::ECR::Repository
    ///   Properties:
    ///     RepositoryName: payments-api
    ///     ImageScanningConfiguration:
    ///       ScanOnPush: true
    /// ```
    ///
    /// ## References
    /// - [AWS::ECR::Repository ImageScanningConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecr-repository-imagescanningconfiguration.html)
    /// - [PutImageScanningConfiguration (deprecated in favour of registry scanning)](https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutImageScanningConfiguration.html)
    /// - [AWS::ECR::RegistryScanningConfiguration ScanningRule](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecr-registryscanningconfiguration-scanningrule.html)
    /// - cfn_nag W79; checkov CKV_AWS_163
    ///
    /// ## Unknown values
    /// A `ScanOnPush` that is not known before deployment is reported at `info`. So is a
    /// registry scanning configuration whose rules, frequency or filters are not known, or a
    /// repository name that is not known when only a narrower filter than `*` could cover it,
    /// when the repository does not turn scanning on itself.
    EcrScanOnPushDisabled {
        code: "CFN8223",
        name: "ecr-image-scan-on-push-disabled",
        severity: Low,
        group: "containers",
        summary: "ECR repository does not scan images on push (`ImageScanningConfiguration.ScanOnPush`)",
        types: ["AWS::ECR::Repository"],
        xrefs: [CfnNag("W79"), Checkov("CKV_AWS_163")],
    }
}

const FLAG: &str = "ImageScanningConfiguration.ScanOnPush";

/// Whether a scanning rule's filters match the repository `name` (`None`: generated name).
fn filters_match(filters: &Node, name: Option<&Node>) -> Tri {
    if is_unknown(filters) {
        return Tri::Unknown;
    }
    let mut result = Tri::False;
    for f in items(filters) {
        let Some(pattern) = f.get("Filter").and_then(text) else {
            result = Tri::Unknown;
            continue;
        };
        if !pattern.is_empty() && pattern.bytes().all(|b| b == b'*') {
            return Tri::True;
        }
        match name {
            None => {}
            Some(n) => match text(n) {
                Some(repo) if glob_match(&pattern, &repo, CaseSensitivity::Sensitive) => {
                    return Tri::True;
                }
                Some(_) => {}
                None => result = Tri::Unknown,
            },
        }
    }
    result
}

/// Whether a registry scanning configuration of the template scans this repository on push:
/// the answer and, when unknown, the configuration's logical id.
fn registry_scans<'a>(cx: &'a ResourceCx<'_>) -> (Tri, Option<&'a str>) {
    let name = cx.prop("RepositoryName");
    let mut unknown = None;
    for other in cx.others("AWS::ECR::RegistryScanningConfiguration") {
        let r = other.resource;
        if other.only_when.is_some() {
            unknown = unknown.or(Some(r.logical_id));
            continue;
        }
        let Some(rules) = other.props.get("Rules") else {
            continue;
        };
        if is_unknown(rules) {
            unknown = unknown.or(Some(r.logical_id));
            continue;
        }
        for rule in items(rules) {
            let frequency = rule.get("ScanFrequency").and_then(text);
            let scans = match frequency.as_deref() {
                Some("SCAN_ON_PUSH" | "CONTINUOUS_SCAN") => Tri::True,
                Some(_) => Tri::False,
                None => Tri::Unknown,
            };
            let matches = rule
                .get("RepositoryFilters")
                .map_or(Tri::False, |f| filters_match(f, name));
            match (scans, matches) {
                (Tri::True, Tri::True) => return (Tri::True, None),
                (Tri::False, _) | (_, Tri::False) => {}
                _ => unknown = unknown.or(Some(r.logical_id)),
            }
        }
    }
    match unknown {
        Some(id) => (Tri::Unknown, Some(id)),
        None => (Tri::False, None),
    }
}

impl Rule for EcrScanOnPushDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match registry_scans(cx) {
            (Tri::True, _) => {}
            (Tri::Unknown, Some(id)) if truth_or(cx.prop_path(FLAG), false) != Tri::True => {
                hits.push(Hit {
                    span: cx.resource.id_span,
                    path: Some(String::new()),
                    message: format!(
                        "cannot tell whether images are scanned on push: it depends on the registry scanning configuration `{id}`, whose rules or this repository's name are not known before deployment"
                    ),
                    unknown: true,
                    severity: None,
                });
            }
            _ => {
                require_true(
                    cx,
                    hits,
                    FLAG,
                    "images are not scanned for vulnerabilities when pushed",
                );
            }
        }
    }
}
