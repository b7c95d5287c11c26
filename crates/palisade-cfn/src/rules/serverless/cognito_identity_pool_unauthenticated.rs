use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::Cognito::IdentityPool` whose `AllowUnauthenticatedIdentities` is `true`: the
    /// pool hands out AWS credentials to guests who have not signed in. (`false` passes; the
    /// property is required, so an absent value is a template CloudFormation rejects.)
    ///
    /// ## Why it matters
    /// Any visitor of the app, or anyone who reads the identity pool id from its code, can call
    /// `GetId` and `GetCredentialsForIdentity` and receive temporary credentials for the pool's
    /// unauthenticated role, with no sign-in. Whatever that role may do (read a bucket, write a
    /// table, invoke a function) is open to the internet; a role granted more than needed is a
    /// common path to data exposure.
    ///
    /// ## How to fix
    /// Turn guest access off, or, where guests are needed, give the unauthenticated role only
    /// the narrowest permissions:
    /// ```yaml
    /// # before
    /// Identities:
    ///   Type: AWS::Cognito::IdentityPool
    ///   Properties:
    ///     AllowUnauthenticatedIdentities: true
    /// # after
    /// Identities:
    ///   Type: AWS::Cognito::IdentityPool
    ///   Properties:
    ///     AllowUnauthenticatedIdentities: false
    /// ```
    ///
    /// ## References
    /// - [AWS::Cognito::IdentityPool](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-identitypool.html)
    /// - [Identity pools: authenticated and unauthenticated identities](https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html)
    /// - cfn_nag W57; checkov CKV_AWS_366
    CognitoIdentityPoolGuestAccess {
        code: "CFN8019",
        name: "cognito-identity-pool-allows-unauthenticated",
        severity: Medium,
        group: "serverless",
        summary: "Cognito identity pool gives AWS credentials to unauthenticated guests",
        types: ["AWS::Cognito::IdentityPool"],
        xrefs: [CfnNag("W57"), Checkov("CKV_AWS_366")],
    }
}

impl Rule for CognitoIdentityPoolGuestAccess {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(allow) = cx.prop("AllowUnauthenticatedIdentities") else {
            return;
        };
        match truth(allow) {
            Tri::True => hits.at(
                allow,
                "identity pool gives AWS credentials to unauthenticated guests: `AllowUnauthenticatedIdentities` is true",
            ),
            Tri::False => {}
            Tri::Unknown => hits.unknown(allow, "the identity pool allows unauthenticated guests"),
        }
    }
}
