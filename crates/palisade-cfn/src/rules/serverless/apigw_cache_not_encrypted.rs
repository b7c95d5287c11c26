use palisade_doc::Node;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, text, truth, truth_or, Tri};

use super::util::stage_label;

const DEPLOYMENT: &str = "AWS::ApiGateway::Deployment";

declare_rule! {
    /// ## What it checks
    /// A REST API stage that caches responses without encrypting the cache:
    /// - `AWS::ApiGateway::Deployment` (the stage it creates): `StageDescription.CachingEnabled`
    ///   is `true` and `StageDescription.CacheDataEncrypted` is not `true` (cfn_nag W87), or an
    ///   entry of `StageDescription.MethodSettings` turns `CachingEnabled` on without
    ///   `CacheDataEncrypted` (in the entry or at the stage level);
    /// - `AWS::ApiGateway::Stage` and SAM `AWS::Serverless::Api`: an entry of `MethodSettings`
    ///   with `CachingEnabled: true` and `CacheDataEncrypted` not `true`.
    ///
    /// `CacheDataEncrypted` defaults to `false`. Responses are cached only when the stage has a
    /// cache cluster (`CacheClusterEnabled: true`); without one nothing is stored and the rule
    /// does not report. cfn_nag W87 looks at `StageDescription.CachingEnabled` alone; we also
    /// read per-method settings, stages and SAM APIs, and require the cache cluster.
    ///
    /// ## Why it matters
    /// The stage cache keeps whole responses (customer records, tokens, personal data returned
    /// by the backend) on API Gateway's cache nodes for up to the cache TTL. Without
    /// `CacheDataEncrypted`, those copies are stored unencrypted at rest, outside the controls
    /// that protect the backend's own data store.
    ///
    /// ## How to fix
    /// Set `CacheDataEncrypted: true` wherever `CachingEnabled` is set:
    /// ```yaml
    /// # before
    /// Prod:
    ///   Type: AWS::ApiGateway::Stage
    ///   Properties:
    ///     RestApiId: !Ref Api
    ///     DeploymentId: !Ref Deployment
    ///     CacheClusterEnabled: true
    ///     MethodSettings:
    ///       - ResourcePath: /*
    ///         HttpMethod: '*'
    ///         CachingEnabled: true
    /// # after
    ///     MethodSettings:
    ///       - ResourcePath: /*
    ///         HttpMethod: '*'
    ///         CachingEnabled: true
    ///         CacheDataEncrypted: true
    /// ```
    ///
    /// ## References
    /// - [AWS::ApiGateway::Deployment StageDescription](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-deployment-stagedescription.html)
    /// - [AWS::ApiGateway::Stage MethodSetting](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-stage-methodsetting.html)
    /// - [Cache settings for REST APIs in API Gateway](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html)
    /// - [AWS SAM AWS::Serverless::Api](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html)
    /// - cfn_nag W87
    ///
    /// ## Unknown values
    /// When `CachingEnabled`, `CacheDataEncrypted`, `CacheClusterEnabled` or a `MethodSettings`
    /// list or entry is not known before deployment and decides the outcome, the rule reports an
    /// `info` finding naming the value.
    ApiGatewayCacheNotEncrypted {
        code: "CFN8003",
        name: "apigateway-cache-not-encrypted",
        severity: Medium,
        group: "serverless",
        summary: "API Gateway stage caches responses without encrypting the cache (`CacheDataEncrypted`)",
        types: ["AWS::ApiGateway::Deployment", "AWS::ApiGateway::Stage", "AWS::Serverless::Api"],
        xrefs: [CfnNag("W87")],
    }
}

impl Rule for ApiGatewayCacheNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let mut found = Found::default();
        let (base, prefix) = if cx.resource.ty == DEPLOYMENT {
            let Some(desc) = cx.prop("StageDescription") else {
                return;
            };
            if is_unknown(desc) {
                hits.unknown(desc, "the deployment's stage caches responses unencrypted");
                return;
            }
            stage_level(desc, &mut found);
            (desc, "StageDescription.")
        } else {
            (cx.props, "")
        };
        let stage_encrypted = match cx.resource.ty {
            DEPLOYMENT => base.get("CacheDataEncrypted").map_or(Tri::False, truth),
            _ => Tri::False,
        };
        method_settings(base, prefix, stage_encrypted, &mut found);
        if found.problems.is_empty() && found.unknowns.is_empty() {
            return;
        }
        let stage = stage_label(cx.prop("StageName"));
        let path = format!("{prefix}CacheClusterEnabled");
        match base.get("CacheClusterEnabled").map_or(Tri::False, truth) {
            // No cache cluster: nothing is cached, whatever the method settings say.
            Tri::False => return,
            Tri::True => {}
            Tri::Unknown => {
                if let Some(cluster) = base.get("CacheClusterEnabled") {
                    if !found.problems.is_empty() {
                        hits.unknown(
                            cluster,
                            &format!("{stage} has a cache cluster, whose responses would not be encrypted (`{path}`)"),
                        );
                    }
                }
                found.problems.clear();
            }
        }
        for (node, message) in found.problems {
            hits.at(
                node,
                format!("{stage} caches responses unencrypted: {message}"),
            );
        }
        for (node, question) in found.unknowns {
            hits.unknown(node, &question);
        }
    }
}

/// What the settings say, before the cache cluster decides whether it matters.
#[derive(Default)]
struct Found<'n> {
    problems: Vec<(&'n Node, String)>,
    unknowns: Vec<(&'n Node, String)>,
}

/// `StageDescription.CachingEnabled` / `CacheDataEncrypted` of a deployment (settings for every
/// method of the stage).
fn stage_level<'n>(desc: &'n Node, found: &mut Found<'n>) {
    let Some(caching) = desc.get("CachingEnabled") else {
        return;
    };
    let encrypted = desc.get("CacheDataEncrypted");
    let enc = encrypted.map_or(Tri::False, truth);
    match (truth(caching), enc) {
        (Tri::False, _) | (_, Tri::True) => {}
        (Tri::True, Tri::False) => found.problems.push(match encrypted {
            Some(e) => (
                e,
                "`StageDescription.CacheDataEncrypted` is false".to_string(),
            ),
            None => (
                caching,
                "`StageDescription.CachingEnabled` is true and `StageDescription.CacheDataEncrypted` is not set".to_string(),
            ),
        }),
        (Tri::Unknown, _) => found.unknowns.push((
            caching,
            "the stage caches responses unencrypted".to_string(),
        )),
        (Tri::True, Tri::Unknown) => found.unknowns.push((
            encrypted.unwrap_or(caching),
            "the stage's cache is encrypted".to_string(),
        )),
    }
}

/// The entries of `MethodSettings` under `base`; `inherited` is the stage-level
/// `CacheDataEncrypted` an entry without its own takes.
fn method_settings<'n>(base: &'n Node, prefix: &str, inherited: Tri, found: &mut Found<'n>) {
    let Some(list) = base.get("MethodSettings") else {
        return;
    };
    if is_unknown(list) {
        found.unknowns.push((
            list,
            "the stage's method settings cache responses unencrypted".to_string(),
        ));
        return;
    }
    for (i, m) in items(list).into_iter().enumerate() {
        let label = method_label(m, prefix, i);
        if is_unknown(m) {
            found
                .unknowns
                .push((m, format!("{label} caches responses unencrypted")));
            continue;
        }
        let caching = m.get("CachingEnabled");
        let encrypted = m.get("CacheDataEncrypted");
        let enc = match encrypted {
            Some(e) => truth(e),
            None => inherited,
        };
        match (truth_or(caching, false), enc) {
            (Tri::False, _) | (_, Tri::True) => {}
            (Tri::True, Tri::False) => found.problems.push(match encrypted {
                Some(e) => (e, format!("{label} sets `CacheDataEncrypted` to false")),
                None => (
                    m,
                    format!("{label} sets `CachingEnabled` without `CacheDataEncrypted`"),
                ),
            }),
            (Tri::Unknown, _) => found.unknowns.push((
                caching.unwrap_or(m),
                format!("{label} caches responses unencrypted"),
            )),
            (Tri::True, Tri::Unknown) => found.unknowns.push((
                encrypted.unwrap_or(m),
                format!("{label} encrypts its cache"),
            )),
        }
    }
}

/// `` the method setting for `GET /orders` `` or `` `MethodSettings[2]` ``.
fn method_label(m: &Node, prefix: &str, i: usize) -> String {
    let method = m.get("HttpMethod").and_then(text);
    let path = m.get("ResourcePath").and_then(text);
    match (method, path) {
        (Some(method), Some(path)) => format!("the method setting for `{method} {path}`"),
        _ => format!("`{prefix}MethodSettings[{i}]`"),
    }
}
